-- one row per point-bearing event: why skor_disiplin is what it is (rulebook §4)
with pelanggaran as (
    select * from {{ ref('int_pelanggaran_disiplin') }}
    where periode = {{ periode() }}
),

final as (
    select
        {{ periode() }} as periode,
        nip,
        tanggal,
        kode,
        menit,
        cast(poin as decimal(18, 4)) as poin
    from pelanggaran
)

select * from final
