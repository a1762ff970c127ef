{% set S = skala_skor() | int %}
{% set M = skala_masukan() | int %}
-- capaian of every target indicator in the period, capped (rulebook §5, productivity)
with target_kinerja as (
    select * from {{ ref('stg_landing__target_kinerja') }}
    where periode = {{ periode() }}
),

dalam_satuan as (
    select
        periode,
        nip,
        indikator_id,
        indikator,
        arah,
        bobot,
        target,
        realisasi,
        {{ to_units('bobot', M) }} as bobot_u,
        {{ to_units('target', M) }} as target_u,
        {{ to_units('realisasi', M) }} as realisasi_u,
        {{ to_units(param('batas_capaian'), S) }} as batas_u
    from target_kinerja
),

-- capaian in units of 10^-S: naik = realisasi / target × 100, turun = target /
-- realisasi × 100 (a realisasi of 0 earns the cap)
capaian as (
    select
        *,
        least(batas_u, case
            when arah = 'naik' then {{ div_half_up('realisasi_u * 100 * ' ~ 10 ** S, 'target_u') }}
            when realisasi_u = 0 then batas_u
            else {{ div_half_up('target_u * 100 * ' ~ 10 ** S, 'realisasi_u') }}
        end) as capaian_u
    from dalam_satuan
),

final as (
    select
        * exclude (bobot_u, target_u, realisasi_u, batas_u),
        {{ from_units('capaian_u', S) }} as capaian
    from capaian
)

select * from final
