{# The period under computation ("YYYY-MM") and its first and last day. There is no
   default: a model computes exactly the month it is given, so a hand-run dbt without it
   refuses instead of rewriting some other month. By hand: --vars '{periode: YYYY-MM}'.
   Dagster passes the partition as the environment variable TPP_PERIODE instead: a
   changed --vars makes dbt parse the whole project again. The variable is read only
   when dbt executes, not while it parses (`execute`), so dbt does not tie it to the
   files that use it, and a new month re-parses none of them (16 files, 1-2 s). #}
{% macro periode() -%}
    '{{ periode_var() }}'
{%- endmacro %}

{% macro periode_var() -%}
    {%- set value = var("periode", none) or (env_var("TPP_PERIODE", "") if execute else "") or none -%}
    {%- if execute and (value is none or not modules.re.fullmatch("[0-9]{4}-(0[1-9]|1[0-2])", value | string)) -%}
        {{ exceptions.raise_compiler_error(
            "dbt needs the month to compute: --vars '{periode: YYYY-MM}' or TPP_PERIODE=YYYY-MM (got "
            ~ (value if value is not none else "none")
            ~ "). Every model computes one period; `tpp run --period YYYY-MM` runs a whole month.") }}
    {%- endif -%}
    {{ value }}
{%- endmacro %}

{% macro awal_periode() -%}
    cast('{{ periode_var() }}-01' as date)
{%- endmacro %}

{% macro akhir_periode() -%}
    cast(last_day({{ awal_periode() }}) as date)
{%- endmacro %}

{# Every period model keeps all months; a run replaces the rows of its own month only
   (pre-hook, in the model's transaction). Not dbt's delete+insert strategy: that
   deletes only the keys the new rows have, so a month that now has no rows would
   keep its old ones. #}
{% macro delete_period() -%}
    {% if is_incremental() %}
        delete from {{ this }} where periode = {{ periode() }}
    {% endif %}
{%- endmacro %}

{# on-run-start: refuse the whole invocation (seeds included) before anything is
   written when the period is missing or malformed. #}
{% macro require_periode() -%}
    {%- do periode_var() -%}
{%- endmacro %}

{# When a month's model was last built (post-hook): publish_marts refuses a month whose
   candidate is older than its inputs or than the steps it reads (a partial run that
   re-ingested without rebuilding). One row per model and month. #}
{% macro record_build() -%}
    create schema if not exists audit;
    create table if not exists audit.dbt_builds (model varchar, periode varchar, built_at timestamptz);
    delete from audit.dbt_builds where model = '{{ this.schema }}.{{ this.identifier }}' and periode = {{ periode() }};
    insert into audit.dbt_builds values ('{{ this.schema }}.{{ this.identifier }}', {{ periode() }}, current_timestamp)
{%- endmacro %}
