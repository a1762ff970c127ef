-- every point-bearing event of the period on an expected day (rulebook §4):
-- IZIN, TK, TL1–TL4, PSW1–PSW4, APEL; the explanation of skor_disiplin
-- `not materialized`: read twice, the ASN × day table is scanned twice (0.8 s at 1,000,000
-- ASN) rather than copied once into a CTE buffer (2.5 s)
with hari as not materialized (
    select * from {{ ref('int_hari_asn') }}
    where periode = {{ periode() }} and wajib_hadir
),

poin as (
    {{ rules_in_force('poin_disiplin') }}
),

apel as (
    select * from {{ ref('stg_landing__apel') }}
    where periode = {{ periode() }}
),

hari_dinilai as (
    select
        nip,
        tanggal,
        jenis_izin,
        poin_per_hari,
        jam_masuk,
        jam_pulang,
        -- a row with both times blank counts as no row (TK)
        ada_presensi and (jam_masuk is not null or jam_pulang is not null) as hadir,
        {{ menit_ke_atas(detik('jam_masuk') ~ ' - ' ~ detik('jam_mulai')) }} as menit_terlambat,
        {{ menit_ke_atas(detik('jam_selesai') ~ ' - ' ~ detik('jam_pulang')) }} as menit_cepat
    from hari
),

-- leave without attendance exemption (izin): its points, and no TL/PSW/TK that day
izin as (
    select
        nip,
        tanggal,
        'IZIN' as kode,
        cast(null as integer) as menit,
        poin_per_hari as poin
    from hari_dinilai
    where jenis_izin is not null
),

tanpa_keterangan as (
    select
        d.nip,
        d.tanggal,
        p.kode,
        cast(null as integer) as menit,
        p.poin
    from hari_dinilai as d
    inner join poin as p on p.kode = 'TK'
    where d.jenis_izin is null and not d.hadir
),

-- minutes late and minutes early side by side, so both use the same band lookup
selisih as (
    select
        nip,
        tanggal,
        'terlambat' as pelanggaran,
        menit_terlambat as menit,
        jam_masuk is null as jam_kosong
    from hari_dinilai
    where jenis_izin is null and hadir
    union all
    select
        nip,
        tanggal,
        'pulang_sebelum_waktu' as pelanggaran,
        menit_cepat as menit,
        jam_pulang is null as jam_kosong
    from hari_dinilai
    where jenis_izin is null and hadir
),

-- TL1–TL4 and PSW1–PSW4; a blank time (the other present) falls in the open-ended band
terlambat_pulang_cepat as (
    select
        s.nip,
        s.tanggal,
        p.kode,
        cast(s.menit as integer) as menit,
        p.poin
    from selisih as s
    inner join poin as p
        on
            s.pelanggaran = p.pelanggaran
            and (
                (s.jam_kosong and p.menit_maks is null)
                or s.menit between p.menit_min and coalesce(p.menit_maks, s.menit)
            )
),

-- each mandatory apel/upacara missed on an expected day (izin days included: the
-- rulebook exempts izin days from TL/PSW/TK only)
tidak_apel as (
    select
        a.nip,
        a.tanggal,
        p.kode,
        cast(null as integer) as menit,
        p.poin
    from apel as a
    inner join hari as h on a.nip = h.nip and a.tanggal = h.tanggal
    inner join poin as p on p.kode = 'APEL'
    where not a.hadir
),

semua as (
    select * from izin
    union all
    select * from tanpa_keterangan
    union all
    select * from terlambat_pulang_cepat
    union all
    select * from tidak_apel
),

final as (
    select
        {{ periode() }} as periode,
        *
    from semua
)

select * from final
