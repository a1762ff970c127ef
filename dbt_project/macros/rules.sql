{# The rows of a rule seed in force on the period's first day: per key (var
   kunci_aturan in dbt_project.yml), the row with the latest berlaku_mulai not after it
   (rulebook: "computed with the parameter rows in force on the period's first day").
   pipelines/rules.py picks the same rows for ingest, validation and `tpp rules`. #}
{% macro rules_in_force(seed) -%}
    {%- set key = var('kunci_aturan')[seed] -%}
    select *
    from {{ ref(seed) }}
    where berlaku_mulai <= {{ awal_periode() }}
    qualify row_number() over ({% if key %}partition by {{ key | join(', ') }} {% endif %}order by berlaku_mulai desc) = 1
{%- endmacro %}

{# One named parameter of parameter_tpp, as an exact decimal. #}
{% macro param(name) -%}
    (select nilai from ({{ rules_in_force('parameter_tpp') }}) where parameter = '{{ name }}')
{%- endmacro %}
