{% set S = skala_skor() | int %}
{% set M = skala_masukan() | int %}
-- per ASN: every component of skor_kinerja, the weights actually applied, predikat and
-- the unit's mutu pelayanan (rulebook §5). Missing components count as 0 here; the
-- pay line is then held (fct_tpp.alasan_tahan).
with pegawai as (
    select * from {{ ref('int_pegawai_periode') }}
    where periode = {{ periode() }}
),

capaian as (
    select * from {{ ref('int_capaian_indikator') }}
    where periode = {{ periode() }}
),

perilaku as (
    select * from {{ ref('stg_landing__penilaian_perilaku') }}
    where periode = {{ periode() }}
),

ikm as (
    select * from {{ ref('int_ikm_unit') }}
    where periode = {{ periode() }}
),

inovasi as (
    select * from {{ ref('int_bonus_inovasi') }}
    where periode = {{ periode() }}
),

predikat as (
    {{ rules_in_force('predikat_kinerja') }}
),

produktivitas as (
    select
        nip,
        count(*) as jumlah_indikator,
        {{ div_half_up('sum(' ~ to_units('bobot', M) ~ ' * capaian_u)', 'sum(' ~ to_units('bobot', M) ~ ')') }}
            as skor_produktivitas_u
    from capaian
    group by nip
),

komponen as (
    select
        p.nip,
        p.opd_kode,
        p.unit_layanan_kode,
        coalesce(pr.jumlah_indikator, 0) as jumlah_indikator,
        b.nip is not null as ada_penilaian_perilaku,
        coalesce(pr.skor_produktivitas_u, 0) as produktivitas_u,
        coalesce({{ to_units('b.nilai_perilaku', S) }}, 0) as perilaku_u,
        -- satisfaction applies only to an ASN of a unit with enough responses
        coalesce(i.ikm_berlaku, false) as kepuasan_berlaku,
        i.jumlah_responden as jumlah_responden_unit,
        i.ikm as ikm_unit,
        i.mutu_pelayanan,
        {{ to_units('i.ikm', S) }} as kepuasan_u,
        {{ to_units('coalesce(v.bonus_inovasi, 0)', S) }} as bonus_u,
        v.inovasi_id_terpakai
    from pegawai as p
    left join produktivitas as pr on p.nip = pr.nip
    left join perilaku as b on p.nip = b.nip
    left join ikm as i on p.unit_layanan_kode = i.unit_layanan_kode
    left join inovasi as v on p.nip = v.nip
),

-- weights in units of 10^-4; a not-applicable satisfaction leaves its term and its
-- weight out of both numerator and denominator
bobot as (
    select
        *,
        {{ to_units(param('w_prod'), 4) }} as w_prod_u,
        {{ to_units(param('w_perilaku'), 4) }} as w_perilaku_u,
        case when kepuasan_berlaku then {{ to_units(param('w_kepuasan'), 4) }} else 0 end as w_kepuasan_u
    from komponen
),

skor as (
    select
        *,
        least(
            {{ to_units(param('batas_skor_kinerja'), S) }},
            {{ div_half_up(
                'w_prod_u * produktivitas_u + w_perilaku_u * perilaku_u'
                ~ ' + case when kepuasan_berlaku then w_kepuasan_u * kepuasan_u else 0 end',
                'w_prod_u + w_perilaku_u + w_kepuasan_u') }} + bonus_u
        ) as kinerja_u
    from bobot
),

dengan_predikat as (
    select
        s.*,
        pk.predikat
    from skor as s
    left join predikat as pk on pk.skor_min <= {{ from_units('s.kinerja_u', S) }}
    qualify row_number() over (partition by s.nip order by pk.skor_min desc nulls last) = 1
),

final as (
    select
        {{ periode() }} as periode,
        nip,
        opd_kode,
        unit_layanan_kode,
        cast(jumlah_indikator as integer) as jumlah_indikator,
        ada_penilaian_perilaku,
        {{ from_units('produktivitas_u', S) }} as skor_produktivitas,
        {{ from_units('perilaku_u', S) }} as skor_perilaku,
        case when kepuasan_berlaku then {{ from_units('kepuasan_u', S) }} end as skor_kepuasan,
        {{ from_units('bonus_u', S) }} as bonus_inovasi,
        inovasi_id_terpakai,
        {{ from_units('w_prod_u', 4) }} as w_prod,
        {{ from_units('w_perilaku_u', 4) }} as w_perilaku,
        {{ from_units('w_kepuasan_u', 4) }} as w_kepuasan,
        cast(jumlah_responden_unit as integer) as jumlah_responden_unit,
        ikm_unit,
        mutu_pelayanan,
        {{ from_units('kinerja_u', S) }} as skor_kinerja,
        predikat,
        -- min(skor, 100) / 100: the same integer read with two more decimal places
        {{ from_units('least(kinerja_u, 100 * ' ~ 10 ** S ~ ')', S + 2) }} as persen_kinerja
    from dengan_predikat
)

select * from final
