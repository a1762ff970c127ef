-- every working day of each ASN's schedule in the period: employed? on leave? present?
-- (rulebook §1–§4; the grain of hari_kerja, hari_aktif and the discipline points)
with pegawai as (
    select * from {{ ref('int_pegawai_periode') }}
    where periode = {{ periode() }}
),

kalender as (
    select * from {{ ref('int_kalender_kerja') }}
    where periode = {{ periode() }}
),

izin as (
    select * from {{ ref('int_izin_harian') }}
    where periode = {{ periode() }}
),

presensi as (
    select * from {{ ref('stg_landing__presensi') }}
    where periode = {{ periode() }}
),

hari as (
    select
        p.nip,
        k.tanggal,
        k.jam_mulai,
        k.jam_selesai,
        k.tanggal >= p.tmt_mulai and (p.tmt_selesai is null or k.tanggal <= p.tmt_selesai) as bekerja
    from pegawai as p
    inner join kalender as k on p.jadwal_kerja = k.jadwal_kerja
),

digabung as (
    select
        h.*,
        i.jenis as jenis_izin,
        i.bebas_presensi,
        i.dibayar,
        i.poin_per_hari,
        a.nip is not null as ada_presensi,
        a.jam_masuk,
        a.jam_pulang
    from hari as h
    left join izin as i on h.nip = i.nip and h.tanggal = i.tanggal
    left join presensi as a on h.nip = a.nip and h.tanggal = a.tanggal
),

final as (
    select
        {{ periode() }} as periode,
        *,
        -- active: employed and not on unpaid leave (§2)
        bekerja and coalesce(dibayar, true) as aktif,
        -- expected: active and not on attendance-exempt leave (§4)
        bekerja and coalesce(dibayar, true) and not coalesce(bebas_presensi, false) as wajib_hadir
    from digabung
)

select * from final
