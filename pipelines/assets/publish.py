"""Write–audit–publish: dbt builds a month's marts as candidates (schema `candidate`);
this step validates the candidate pay table with the fct_tpp suite and only then
replaces that month's rows of `marts.*`, the tables payroll and auditors read. A failed
validation leaves every published month as it was and keeps the candidate rows for
inspection. Whatever subset of assets a run selects, nothing reaches `marts` unvalidated
or out of date: the suite runs here, the inputs' suites must have passed on the rows
ingested last, and every dbt step of the month must have been rebuilt since."""

import json

import dagster as dg

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.audit import totals
from pipelines.checks.asset_checks import check_result, validate
from pipelines.checks.suites import FCT_TPP, INPUTS
from pipelines.checks.validate import unvalidated_inputs
from pipelines.owners import DATA, PAYROLL
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource, dbt_project
from pipelines.warehouse import PublishRefused, outdated_steps, publish_period

MARTS = ("fct_tpp", "fct_tpp_rincian", "fct_kinerja_asn", "fct_distribusi_predikat", "fct_insentif_opd")
STEP_SCHEMAS = ("intermediate", "candidate")  # dbt tables that keep every month


def month_steps() -> dict[str, list[str]]:
    """Every month-keeping dbt model ("schema.name") and the month-keeping models it reads."""
    nodes = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"]
    steps = {
        uid: f"{n['schema']}.{n['alias']}"
        for uid, n in nodes.items()
        if n["resource_type"] == "model" and n["schema"] in STEP_SCHEMAS
    }
    return {
        name: [steps[dep] for dep in nodes[uid]["depends_on"]["nodes"] if dep in steps] for uid, name in steps.items()
    }


@dg.multi_asset(
    name="publish_marts",
    specs=[
        dg.AssetSpec(
            ["marts", table],
            deps=[dg.AssetKey(["candidate", table])],
            group_name="marts",
            kinds={"duckdb"},
            owners=[PAYROLL, DATA],
            description=f"marts.{table}: the validated {table} of every published month.",
        )
        for table in MARTS
    ],
    check_specs=[
        dg.AssetCheckSpec(
            f"ge_{FCT_TPP.name}",
            asset=dg.AssetKey(["marts", "fct_tpp"]),
            blocking=True,
            description="Great Expectations suite 'fct_tpp' on the candidate rows, before they are published.",
        )
    ],
    partitions_def=monthly_partitions,
    pool=WAREHOUSE_POOL,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    can_subset=False,  # the three tables of a month are published together
)
def publish_marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    periode = context.partition_key
    with warehouse.connect() as con:
        refused = unvalidated_inputs(con, periode, [suite.asset[1] for suite in INPUTS])
        if refused:
            raise dg.Failure(
                f"Not published, {periode}: "
                + "; ".join(refused)
                + ". Materialize the period's raw/* assets with their checks first.",
                allow_retries=False,
            )
        outdated = outdated_steps(con, periode, month_steps())
        if outdated:
            raise dg.Failure(
                f"Not published, {periode}: "
                + "; ".join(outdated)
                + ". Materialize the month's dbt models (or the whole month) first.",
                allow_retries=False,
            )
        outcome = validate(FCT_TPP, con, periode, warehouse, context.run.run_id)
        yield check_result(outcome)
        if not outcome.success:
            raise dg.Failure(
                f"Validation fct_tpp failed for {periode}: nothing was published (marts.* unchanged); "
                "the candidate rows are in candidate.fct_tpp, examples of the failing ones in audit.validasi "
                "and the Data Docs.",
                allow_retries=False,
            )
        try:
            counts = publish_period(con, periode, MARTS)
        except PublishRefused as refusal:
            raise dg.Failure(str(refusal), allow_retries=False) from None
        amounts = totals(con, periode)
    for table in MARTS:
        # the month's rows; the pay table also its payable and held totals (rupiah)
        extra = amounts if table == "fct_tpp" else {}
        yield dg.MaterializeResult(asset_key=["marts", table], metadata={"rows": counts[table], **extra})
