{% set S = skala_skor() | int %}
{% set M = skala_masukan() | int %}
-- the pay-adjustment table: one row per ASN per period (rulebook §6–§7)
with pegawai as (
    select * from {{ ref('int_pegawai_periode') }}
    where periode = {{ periode() }}
),

disiplin as (
    select * from {{ ref('int_skor_disiplin') }}
    where periode = {{ periode() }}
),

kinerja as (
    select * from {{ ref('fct_kinerja_asn') }}
    where periode = {{ periode() }}
),

pegawai_ditolak as (
    select * from {{ ref('int_pegawai_ditolak') }}
    where periode = {{ periode() }}
),

hukuman as (
    select * from {{ ref('int_hukuman_aktif') }}
    where periode = {{ periode() }}
),

-- rows about an ASN rejected at ingest (an exact duplicate of a kept row is not)
ditolak as (
    select distinct nip
    from {{ ref('stg_audit__quarantine') }}
    where periode = {{ periode() }} and reason <> 'DUPLIKAT' and nip is not null
),

dasar as (
    select
        p.nip,
        p.nama,
        p.opd_kode,
        p.kelas_jabatan,
        p.pagu_tpp,
        d.hari_kerja,
        d.hari_aktif,
        d.skor_disiplin,
        k.skor_produktivitas,
        k.skor_perilaku,
        k.skor_kepuasan,
        k.bonus_inovasi,
        k.skor_kinerja,
        k.predikat,
        k.persen_kinerja,
        coalesce(h.persen_hukdis, 0) as persen_hukdis,
        k.jumlah_indikator,
        k.ada_penilaian_perilaku,
        x.nip is not null as ada_data_ditolak
    from pegawai as p
    inner join disiplin as d on p.nip = d.nip
    inner join kinerja as k on p.nip = k.nip
    left join hukuman as h on p.nip = h.nip
    left join ditolak as x on p.nip = x.nip
),

-- ROUND(pagu × hari_aktif/hari_kerja × porsi × skor) as one integer division each:
-- porsi in 10^-4, skor_disiplin in 10^-4 (and /100), persen_kinerja in 10^-(S+2)
komponen as (
    select
        *,
        case when hari_kerja = 0 then 0 else {{ div_half_up(
            'pagu_tpp * hari_aktif * ' ~ to_units(param('porsi_disiplin'), 4) ~ ' * ' ~ to_units('skor_disiplin', 4),
            'hari_kerja * 100 * ' ~ 10 ** 8) }} end as tpp_disiplin,
        case when hari_kerja = 0 then 0 else {{ div_half_up(
            'pagu_tpp * hari_aktif * ' ~ to_units(param('porsi_kinerja'), 4) ~ ' * ' ~ to_units('persen_kinerja', S + 2),
            'hari_kerja * ' ~ 10 ** (S + 6)) }} end as tpp_kinerja
    from dasar
),

potongan as (
    select
        *,
        {{ div_half_up('(tpp_disiplin + tpp_kinerja) * ' ~ to_units('persen_hukdis', M), 100 * 10 ** M) }}
            as potongan_hukdis
    from komponen
),

status as (
    select
        *,
        nullif(concat_ws(
            ', ',
            case when jumlah_indikator = 0 then 'TANPA_TARGET' end,
            case when not ada_penilaian_perilaku then 'TANPA_PENILAIAN_PERILAKU' end,
            case when ada_data_ditolak then 'DATA_DITOLAK' end
        ), '') as alasan_tahan
    from potongan
),

final as (
    select
        {{ periode() }} as periode,
        nip,
        nama,
        opd_kode,
        cast(kelas_jabatan as integer) as kelas_jabatan,
        cast(pagu_tpp as bigint) as pagu_tpp,
        cast(hari_kerja as integer) as hari_kerja,
        cast(hari_aktif as integer) as hari_aktif,
        skor_disiplin,
        skor_produktivitas,
        skor_perilaku,
        skor_kepuasan,
        bonus_inovasi,
        skor_kinerja,
        predikat,
        persen_kinerja,
        cast(tpp_disiplin as bigint) as tpp_disiplin,
        cast(tpp_kinerja as bigint) as tpp_kinerja,
        cast(persen_hukdis as decimal(18, {{ M }})) as persen_hukdis,
        cast(potongan_hukdis as bigint) as potongan_hukdis,
        cast(tpp_disiplin + tpp_kinerja - potongan_hukdis as bigint) as tpp_bruto,
        case when alasan_tahan is null then 'BAYAR' else 'TAHAN' end as status,
        alasan_tahan
    from status
),

-- an employee whose own pegawai row was rejected (valid NIP): held with amounts 0 and
-- what the row gave that passed its checks; nothing else about them is used
baris_pegawai_ditolak as (
    select
        periode,
        nip,
        nama,
        opd_kode,
        cast(kelas_jabatan as integer) as kelas_jabatan,
        cast(pagu_tpp as bigint) as pagu_tpp,
        cast(0 as bigint) as tpp_disiplin,
        cast(0 as bigint) as tpp_kinerja,
        cast(0 as bigint) as potongan_hukdis,
        cast(0 as bigint) as tpp_bruto,
        'TAHAN' as status,
        'DATA_DITOLAK' as alasan_tahan
    from pegawai_ditolak
),

-- by name: the held line's unknown scores and days are null
baris as (
    select * from final
    union all by name
    select * from baris_pegawai_ditolak
),

-- rulebook §10: each OPD's pool over its BAYAR lines (macros/insentif.sql)
kolam as (
    {{ kolam_insentif('baris') }}
),

-- a Sangat Baik BAYAR line's share: MIN(FLOOR(pagu × batas / 100), FLOOR(dana × pagu_aktif / W))
insentif as (
    select
        b.nip,
        case
            when b.status = 'BAYAR' and b.predikat = 'Sangat Baik' and k.aktif and k.w_l > 0
                then least(
                    b.pagu_tpp * {{ to_units('k.batas_persen_pagu', 4) }} // {{ 100 * 10 ** 4 }},
                    k.dana_insentif * {{ pagu_aktif_l('b') }} // k.w_l
                )
            else 0
        end as tpp_insentif
    from baris as b
    left join kolam as k on b.opd_kode is not distinct from k.opd_kode
)

select
    b.*,
    cast(i.tpp_insentif as bigint) as tpp_insentif,
    cast(case when b.status = 'BAYAR' then b.tpp_bruto + i.tpp_insentif else 0 end as bigint) as tpp_dibayar
from baris as b
inner join insentif as i on b.nip = i.nip
