{# The period under computation ("YYYY-MM") and its first and last day. #}
{% macro periode() -%}
    '{{ var("periode") }}'
{%- endmacro %}

{% macro awal_periode() -%}
    cast('{{ var("periode") }}-01' as date)
{%- endmacro %}

{% macro akhir_periode() -%}
    cast(last_day({{ awal_periode() }}) as date)
{%- endmacro %}

{# Marts keep every period; a run replaces the rows of its own period only. #}
{% macro delete_period() -%}
    {% if is_incremental() %}
        delete from {{ this }} where periode = {{ periode() }}
    {% endif %}
{%- endmacro %}
