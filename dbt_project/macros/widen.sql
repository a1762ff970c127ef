{# on_schema_change append_new_columns, plus lossless widening: a column whose new type
   holds every stored value exactly (DECIMAL(18,4) → DECIMAL(18,6) when no value has 13
   integer digits, INTEGER → BIGINT) is altered in place, so past months keep their values and the month being built is
   not rounded into the old type by the insert. Any other type change stops the build
   (README, "Schema changes"). Python does the same for raw and marts
   (pipelines/warehouse.py, conform). #}
{% macro duckdb__sync_column_schemas(on_schema_change, target_relation, schema_changes_dict) %}
    {%- if on_schema_change == 'append_new_columns' -%}
        {%- set old_types = {} -%}
        {%- for column in schema_changes_dict['target_columns'] -%}
            {%- do old_types.update({column.name: column.data_type}) -%}
        {%- endfor -%}
        {%- for change in schema_changes_dict['new_target_types'] -%}
            {%- set old = old_types[change['column_name']] -%}
            {%- if not widens(target_relation, change['column_name'], old, change['new_type']) -%}
                {%- do exceptions.raise_compiler_error(
                    target_relation ~ '.' ~ change['column_name'] ~ ' is ' ~ old ~ '; the new rows are '
                    ~ change['new_type'] ~ ', which would change or round past months. Add a column '
                    ~ 'instead (README, "Schema changes").') -%}
            {%- endif -%}
            {%- do run_query('alter table ' ~ target_relation ~ ' alter column "' ~ change['column_name']
                             ~ '" set data type ' ~ change['new_type']) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(dbt.default__sync_column_schemas(on_schema_change, target_relation, schema_changes_dict)) }}
{% endmacro %}

{% macro widens(relation, column, old, new) -%}
    {%- set ints = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT'] -%}
    {%- set o = modules.re.fullmatch('DECIMAL\\((\\d+), ?(\\d+)\\)', old | upper) -%}
    {%- set n = modules.re.fullmatch('DECIMAL\\((\\d+), ?(\\d+)\\)', new | upper) -%}
    {%- if o and n -%}
        {%- if (n[2] | int) < (o[2] | int) -%}{{ return(false) }}{%- endif -%}
        {%- set digits = (n[1] | int) - (n[2] | int) -%}
        {%- if digits >= (o[1] | int) - (o[2] | int) -%}{{ return(true) }}{%- endif -%}
        {#- fewer integer digits: only when no stored value needs them -#}
        {%- set largest = run_query('select max(abs("' ~ column ~ '")) from ' ~ relation).columns[0].values()[0] -%}
        {{ return(largest is none or largest < 10 ** digits) }}
    {%- endif -%}
    {{ return(old | upper in ints and new | upper in ints and ints.index(new | upper) >= ints.index(old | upper)) }}
{%- endmacro %}
