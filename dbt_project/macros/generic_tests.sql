{# Small generic data tests, so the project needs no package download (offline). #}

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
