{# The rows of a rule seed in force on the period's first day: per key (the seed's
   meta.kunci in seeds/_seeds.yml), the row with the latest berlaku_mulai not after it
   (rulebook: "computed with the parameter rows in force on the period's first day").
   pipelines/rules.py picks the same rows for ingest, validation and `tpp rules`. #}
{% macro rules_in_force(seed) -%}
    {%- set key = seed_key(seed) -%}
    select *
    from {{ ref(seed) }}
    where berlaku_mulai <= {{ awal_periode() }}
    qualify row_number() over (partition by {{ key | join(', ') }} order by berlaku_mulai desc) = 1
{%- endmacro %}

{% macro seed_key(seed) -%}
    {%- if execute -%}
        {%- set node = graph.nodes.get('seed.' ~ project_name ~ '.' ~ seed) -%}
        {%- if node is none or not node.config.meta.get('kunci') -%}
            {{ exceptions.raise_compiler_error("seed " ~ seed ~ " needs meta.kunci (its key) in seeds/_seeds.yml") }}
        {%- endif -%}
        {{ return(node.config.meta['kunci']) }}
    {%- endif -%}
    {{ return(['berlaku_mulai']) }}
{%- endmacro %}

{# One named parameter of parameter_tpp, as an exact decimal. #}
{% macro param(name) -%}
    (select nilai from ({{ rules_in_force('parameter_tpp') }}) where parameter = '{{ name }}')
{%- endmacro %}
