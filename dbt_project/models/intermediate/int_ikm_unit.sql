{% set S = skala_skor() | int %}
{% set H = skala_hitung() | int %}
{% set nrr_columns = [] %}{% for i in range(1, 10) %}{% do nrr_columns.append('nrr_u' ~ i ~ '_u') %}{% endfor %}
-- IKM and mutu pelayanan of each service unit over the period's responses
-- (rulebook §5, PermenPANRB 14/2017): NRR per unsur over non-blank answers,
-- IKM = 25 × ΣNRR / 9, applicable from min_responden_ikm responses
with survei as (
    select * from {{ ref('stg_landing__survei_skm') }}
    where periode = {{ periode() }}
),

mutu as (
    {{ rules_in_force('mutu_pelayanan') }}
),

per_unit as (
    select
        unit_layanan_kode,
        count(*) as jumlah_responden,
        -- the linter cannot lay out a Jinja loop of select targets
        -- noqa: disable=LT01,LT02
        {% for i in range(1, 10) %}
        sum(u{{ i }}) as jumlah_u{{ i }},
        count(u{{ i }}) as dijawab_u{{ i }}{{ "," if not loop.last }}
        {% endfor %}
    -- noqa: enable=all
    from survei
    group by unit_layanan_kode
),

-- NRR per unsur in units of 10^-H (unpublished: not rounded to S); null when nobody
-- answered that unsur
nrr as (
    select
        unit_layanan_kode,
        jumlah_responden,
        -- noqa: disable=LT01,LT02
        {% for i in range(1, 10) %}
        case when dijawab_u{{ i }} > 0
            then {{ div_half_up('jumlah_u' ~ i ~ ' * ' ~ 10 ** H, 'dijawab_u' ~ i) }}
        end as nrr_u{{ i }}_u{{ "," if not loop.last }}
        {% endfor %}
    -- noqa: enable=all
    from per_unit
),

ikm as (
    select
        unit_layanan_kode,
        jumlah_responden,
        -- an unsur nobody answered leaves the IKM undefined (null), never guessed
        {{ div_half_up('25 * (' ~ nrr_columns | join(' + ') ~ ')', '9 * ' ~ 10 ** (H - S)) }} as ikm_u
    from nrr
),

final as (
    select
        {{ periode() }} as periode,
        i.unit_layanan_kode,
        i.jumlah_responden,
        {{ from_units('i.ikm_u', S) }} as ikm,
        (
            select m.mutu from mutu as m
            where m.ikm_min <= {{ from_units('i.ikm_u', S) }}
            order by m.ikm_min desc limit 1
        ) as mutu_pelayanan,
        i.ikm_u is not null and i.jumlah_responden >= {{ param('min_responden_ikm') }} as ikm_berlaku
    from ikm as i
)

select * from final
