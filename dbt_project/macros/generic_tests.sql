{# Small generic data tests, so the project needs no package download (offline). #}

{# dbt's where clause of a data test, with :periode as the month under computation: the
   where config is rendered when the project is parsed, before the month is known
   (dbt_project.yml, data_tests). A test of no month at all is an error, not a pass. #}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- set where = where | replace(':periode', periode()) -%}
        (select * from {{ relation }} where {{ where }}) dbt_subquery
    {%- else -%}
        {{ relation }}
    {%- endif -%}
{%- endmacro %}

{% test unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as n
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{% test expression_holds(model, expression) %}
    select * from {{ model }} where not ({{ expression }})
{% endtest %}

{% test value_between(model, column_name, min, max) %}
    select * from {{ model }}
    where {{ column_name }} is not null
      and ({{ column_name }} < {{ min }} or {{ column_name }} > {{ max }})
{% endtest %}
