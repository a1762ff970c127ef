"""Great Expectations suites on the ingested inputs as blocking Dagster asset checks: a
failed suite stops dbt for the period. Every outcome is kept in audit.validasi; the
pay-table suite runs inside the publish step (pipelines/assets/publish.py)."""

import dagster as dg

from pipelines.checks import worker
from pipelines.checks.suites import INPUTS, Suite
from pipelines.checks.validate import Validation, record_validation, run_suite, suite_task
from pipelines.resources import WarehouseResource
from pipelines.warehouse import AUDIT_DDL, last_loaded


def check_result(outcome: Validation) -> dg.AssetCheckResult:
    """The Dagster view of one suite run (asset_key: for a check of a multi-asset)."""
    return dg.AssetCheckResult(
        check_name=f"ge_{outcome.suite}",
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=(
            f"{len(outcome.failed)} of {outcome.evaluated} expectations failed: "
            + "; ".join(outcome.failed)
            + " (example rows: audit.validasi, Data Docs)"
        )
        if outcome.failed
        else None,
        metadata={
            "suite": outcome.suite,
            "expectations": outcome.evaluated,
            "failed": len(outcome.failed),
            "data_docs": dg.MetadataValue.url(outcome.data_docs) if outcome.data_docs else "",
        },
    )


def validate(suite: Suite, con, periode: str, warehouse: WarehouseResource, run_id: str) -> Validation:
    """The suite's outcome, kept in audit.validasi: the one GE already has if the ingest
    handed it these very rows (`hand_over`), else asked for now."""
    handed_over = worker.collect(_rows(suite, con, periode, run_id)) if suite in INPUTS else None
    outcome = handed_over or run_suite(suite, con, periode, warehouse.export_path, run_id)
    record_validation(con, periode, run_id, outcome)
    return outcome


def hand_over(suite: Suite, con, periode: str, warehouse: WarehouseResource, run_id: str) -> None:
    """At the end of an ingest, give the rows to Great Expectations' process now: it checks
    them while the run loads the next sources, and the check step takes the outcome."""
    worker.submit(_rows(suite, con, periode, run_id), suite_task(suite, con, periode, warehouse.export_path, run_id))


def _rows(suite: Suite, con, periode: str, run_id: str) -> tuple:
    """What identifies the rows an input suite reads: the period's rows of its source as
    loaded last (audit.ingest_counts), in this run."""
    con.execute(AUDIT_DDL)  # (a check run on a warehouse with nothing ingested yet)
    return suite.name, periode, run_id, last_loaded(con, periode, suite.asset[1])


def check_key(suite: Suite) -> dg.AssetCheckKey:
    return dg.AssetCheckKey(dg.AssetKey(list(suite.asset)), f"ge_{suite.name}")


def _check(suite: Suite) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=check_key(suite).asset_key,
        name=check_key(suite).name,
        blocking=True,
        description=f"Great Expectations suite '{suite.name}' (expectations/gx/expectations/{suite.name}.json).",
    )
    def check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        periode = context.run.tags["dagster/partition"]
        with warehouse.connect() as con:
            return check_result(validate(suite, con, periode, warehouse, context.run.run_id))

    return check


ge_checks = [_check(s) for s in INPUTS]
