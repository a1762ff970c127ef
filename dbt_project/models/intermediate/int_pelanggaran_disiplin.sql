-- every point-bearing event of the period on an expected day (rulebook §4):
-- IZIN, TK, TL1–TL4, PSW1–PSW4, APEL; the explanation of skor_disiplin
with hari as (
    select * from {{ ref('int_hari_asn') }}
    where wajib_hadir
),

poin as (
    {{ rules_in_force('poin_disiplin', ['kode']) }}
),

apel as (
    select * from {{ ref('stg_landing__apel') }}
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
    select nip, tanggal, 'IZIN' as kode, cast(null as integer) as menit, poin_per_hari as poin
    from hari_dinilai
    where jenis_izin is not null
),

tanpa_keterangan as (
    select d.nip, d.tanggal, p.kode, cast(null as integer) as menit, p.poin
    from hari_dinilai as d
    inner join poin as p on p.kode = 'TK'
    where d.jenis_izin is null and not d.hadir
),

-- a blank time with the other present falls in the open-ended (last) band
terlambat as (
    select d.nip, d.tanggal, p.kode, cast(d.menit_terlambat as integer) as menit, p.poin
    from hari_dinilai as d
    inner join poin as p
        on p.pelanggaran = 'terlambat'
        and (
            (d.jam_masuk is null and p.menit_maks is null)
            or d.menit_terlambat between p.menit_min and coalesce(p.menit_maks, d.menit_terlambat)
        )
    where d.jenis_izin is null and d.hadir
),

pulang_cepat as (
    select d.nip, d.tanggal, p.kode, cast(d.menit_cepat as integer) as menit, p.poin
    from hari_dinilai as d
    inner join poin as p
        on p.pelanggaran = 'pulang_sebelum_waktu'
        and (
            (d.jam_pulang is null and p.menit_maks is null)
            or d.menit_cepat between p.menit_min and coalesce(p.menit_maks, d.menit_cepat)
        )
    where d.jenis_izin is null and d.hadir
),

-- each mandatory apel/upacara missed on an expected day (izin days included: the
-- rulebook exempts izin days from TL/PSW/TK only)
tidak_apel as (
    select a.nip, a.tanggal, p.kode, cast(null as integer) as menit, p.poin
    from apel as a
    inner join hari as h on h.nip = a.nip and h.tanggal = a.tanggal
    inner join poin as p on p.kode = 'APEL'
    where not a.hadir
),

final as (
    select * from izin
    union all select * from tanpa_keterangan
    union all select * from terlambat
    union all select * from pulang_cepat
    union all select * from tidak_apel
)

select * from final
