{# Layers are schemas named as in contracts.md §2 (raw, staging, intermediate, marts, audit),
   not dbt's default "<target>_<custom>". #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name else target.schema }}
{%- endmacro %}
