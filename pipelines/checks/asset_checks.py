"""Great Expectations suites on the ingested inputs as blocking Dagster asset checks: a
failed suite stops dbt for the period. Every outcome is kept in audit.validasi; the
pay-table suite runs inside the publish step (pipelines/assets/publish.py)."""

import dagster as dg

from pipelines.checks.suites import INPUTS, Suite
from pipelines.checks.validate import Validation, record_validation, run_suite
from pipelines.resources import WarehouseResource


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
    outcome = run_suite(suite, con, periode, warehouse.export_path, run_id)
    record_validation(con, periode, run_id, outcome)
    return outcome


def _check(suite: Suite) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(list(suite.asset)),
        name=f"ge_{suite.name}",
        blocking=True,
        description=f"Great Expectations suite '{suite.name}' (expectations/gx/expectations/{suite.name}.json).",
    )
    def check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        periode = context.run.tags["dagster/partition"]
        with warehouse.connect() as con:
            return check_result(validate(suite, con, periode, warehouse, context.run.run_id))

    return check


ge_checks = [_check(s) for s in INPUTS]
