{# Seconds since midnight of a TIME (DuckDB has no TIME - TIME). #}
{% macro detik(t) -%}
    (hour({{ t }}) * 3600 + minute({{ t }}) * 60 + second({{ t }}))
{%- endmacro %}

{# Whole minutes rounded up from a positive number of seconds (07:30:01 is 1 minute
   late); zero or negative stays <= 0, i.e. not late / not early. #}
{% macro menit_ke_atas(seconds) -%}
    (({{ seconds }} + 59) // 60)
{%- endmacro %}
