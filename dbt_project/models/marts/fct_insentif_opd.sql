-- rulebook §10: each OPD's incentive pool of the month, with the five figures that make
-- dana_tidak_terbayar = total_insentif + dikembalikan checkable to the rupiah
with tpp as (
    select * from {{ ref('fct_tpp') }}
    where periode = {{ periode() }}
),

kolam as (
    {{ kolam_insentif('tpp') }}
),

dibagi as (
    select
        opd_kode,
        count(*) filter (where tpp_insentif > 0) as jumlah_penerima,
        sum(tpp_insentif) as total_insentif
    from tpp
    where status = 'BAYAR'
    group by opd_kode
)

select
    {{ periode() }} as periode,
    k.opd_kode,
    k.aktif,
    cast(k.dana_tidak_terbayar as bigint) as dana_tidak_terbayar,
    cast(k.dana_insentif as bigint) as dana_insentif,
    cast(d.jumlah_penerima as integer) as jumlah_penerima,
    cast(d.total_insentif as bigint) as total_insentif,
    cast(k.dana_tidak_terbayar - d.total_insentif as bigint) as dikembalikan
from kolam as k
inner join dibagi as d on k.opd_kode is not distinct from d.opd_kode
