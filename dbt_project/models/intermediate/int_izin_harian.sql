-- one leave type per ASN and date of the period (rulebook §3)
with izin as (
    select * from {{ ref('stg_landing__izin') }}
    where periode = {{ periode() }}
),

jenis_izin as (
    {{ rules_in_force('jenis_izin') }}
),

-- a record covers every date from start to end inclusive; dates outside P are ignored
per_hari as (
    select
        nip,
        jenis,
        nomor_dokumen,
        cast(unnest(generate_series(
            greatest(tanggal_mulai, {{ awal_periode() }}),
            least(tanggal_selesai, {{ akhir_periode() }}),
            interval 1 day
        )) as date) as tanggal
    from izin
    where
        tanggal_mulai <= {{ akhir_periode() }}
        and tanggal_selesai >= {{ awal_periode() }}
),

dengan_aturan as (
    select
        p.*,
        j.bebas_presensi,
        j.dibayar,
        j.poin_per_hari
    from per_hari as p
    inner join jenis_izin as j on p.jenis = j.jenis
),

-- several records on one date: unpaid leave wins, then attendance-exempt leave, then
-- the rest (ties: the heavier poin, then the type's name, so the choice is stable)
final as (
    select
        {{ periode() }} as periode,
        *
    from dengan_aturan
    qualify row_number() over (
        partition by nip, tanggal
        order by dibayar asc, bebas_presensi desc, poin_per_hari desc, jenis asc
    ) = 1
)

select * from final
