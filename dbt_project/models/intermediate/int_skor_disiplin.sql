-- working days, active days and the discipline score per ASN (rulebook §1, §2, §4)
with pegawai as (
    select nip from {{ ref('int_pegawai_periode') }}
    where periode = {{ periode() }}
),

hari as (
    select * from {{ ref('int_hari_asn') }}
    where periode = {{ periode() }}
),

pelanggaran as (
    select * from {{ ref('int_pelanggaran_disiplin') }}
    where periode = {{ periode() }}
),

hari_per_asn as (
    select
        nip,
        count(*) as hari_kerja,
        count(*) filter (where aktif) as hari_aktif,
        count(*) filter (where wajib_hadir) as hari_wajib_hadir
    from hari
    group by nip
),

poin_per_asn as (
    select
        nip,
        sum(poin) as jumlah_poin
    from pelanggaran
    group by nip
),

final as (
    -- every ASN of the period, also one whose schedule has no working day in it
    select
        {{ periode() }} as periode,
        e.nip,
        coalesce(h.hari_kerja, 0) as hari_kerja,
        coalesce(h.hari_aktif, 0) as hari_aktif,
        coalesce(h.hari_wajib_hadir, 0) as hari_wajib_hadir,
        coalesce(p.jumlah_poin, 0) as jumlah_poin,
        cast(greatest(0, 100 - coalesce(p.jumlah_poin, 0)) as decimal(18, 4)) as skor_disiplin
    from pegawai as e
    left join hari_per_asn as h on e.nip = h.nip
    left join poin_per_asn as p on e.nip = p.nip
)

select * from final
