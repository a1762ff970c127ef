{# Exact arithmetic. DuckDB's DECIMAL / DECIMAL returns DOUBLE, so every division in
   the rules is done on integers: values are carried as whole "units" of 10^-scale
   (HUGEINT) and divided once, rounding half-up. #}

{# x (an exact decimal with at most `scale` places) as an integer count of 10^-scale. #}
{% macro to_units(x, scale) -%}
    cast(cast({{ x }} as decimal(38, {{ scale }})) * {{ 10 ** scale }} as hugeint)
{%- endmacro %}

{# An integer count of 10^-scale back to an exact decimal. #}
{% macro from_units(units, scale) -%}
    cast(cast({{ units }} as decimal(38, 0)) * cast('1e-{{ scale }}' as decimal(38, {{ scale }})) as decimal(38, {{ scale }}))
{%- endmacro %}

{# Half-up rounding of numerator / denominator to a whole number, for integers with
   numerator >= 0 and denominator > 0: floor((2n + d) / 2d). #}
{% macro div_half_up(numerator, denominator) -%}
    ((2 * cast({{ numerator }} as hugeint) + cast({{ denominator }} as hugeint)) // (2 * cast({{ denominator }} as hugeint)))
{%- endmacro %}

{# Decimal places of every published score (contracts.md: "at least 4"). A published
   score is rounded half-up once, from the published values of its inputs; pay is
   computed from the published scores, so each rupiah can be recomputed from the row.
   (An exact half-rupiah that only a non-terminating score reaches, e.g. 250/3, is
   decided by the published score: README, "Choices".) #}
{% macro skala_skor() -%}10{%- endmacro %}

{# Decimal places of unpublished intermediates (NRR per unsur), so that rounding
   happens once, at the published value. #}
{% macro skala_hitung() -%}20{%- endmacro %}

{# Decimal places of landing decimals (contracts.md §1: a value with more is rejected
   at ingest, so every accepted value is an exact count of 10^-6). #}
{% macro skala_masukan() -%}6{%- endmacro %}
