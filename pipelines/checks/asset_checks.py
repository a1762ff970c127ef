"""Great Expectations suites as blocking Dagster asset checks: a failed suite stops
everything downstream of the checked asset (dbt after an input suite; the export after
the fct_tpp suite) and records the failure in audit.runs."""

import dagster as dg

from pipelines.audit import record_run
from pipelines.checks.suites import SUITES, Suite
from pipelines.checks.validate import run_suite
from pipelines.resources import WarehouseResource

GAGAL = "GAGAL"


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
            outcome = run_suite(suite, con, periode, warehouse.export_path, context.run.run_id)
            if not outcome.success:
                failures = "; ".join(outcome.failed)
                record_run(con, context.run.run_id, periode, f"{GAGAL}: {suite.name}: {failures}")
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR,
            description=(f"{len(outcome.failed)} of {outcome.evaluated} expectations failed: "
                         + "; ".join(outcome.failed)) if outcome.failed else None,
            metadata={
                "suite": suite.name,
                "expectations": outcome.evaluated,
                "failed": len(outcome.failed),
                "data_docs": dg.MetadataValue.url(outcome.data_docs) if outcome.data_docs else "",
            },
        )

    return check


ge_checks = [_check(s) for s in SUITES]
