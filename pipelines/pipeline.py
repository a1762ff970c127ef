"""Run one period through the Dagster job: the code path of `tpp run` and the tests
(the schedule launches the same job)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import dagster as dg

from pipelines.settings import Settings


@dataclass
class Outcome:
    success: bool
    errors: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def _innermost(error) -> str:
    """The user's own exception message, without Dagster's wrapping or the class path."""
    while error.cause is not None:
        error = error.cause
    message = error.message.strip()
    head, _, rest = message.partition(": ")
    return rest if rest and "." in head and " " not in head else message


def _failure_messages(result: dg.ExecuteInProcessResult) -> list[str]:
    """Why the run stopped: failed validation suites, refused resources, failed steps."""
    messages = []
    for event in result.all_events:
        kind = event.event_type_value
        if kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.asset_check_evaluation_data
            if not evaluation.passed:
                docs = evaluation.metadata.get("data_docs")
                messages.append(f"validation {evaluation.check_name} failed: {evaluation.description}"
                                + (f"\n  Data Docs: {docs.value}" if docs is not None else ""))
        elif kind == "RESOURCE_INIT_FAILURE" and event.event_specific_data.error is not None:
            messages.append(_innermost(event.event_specific_data.error))
        elif kind == "STEP_FAILURE":
            data = event.step_failure_data
            if data.user_failure_data is not None and data.user_failure_data.description:
                messages.append(f"{event.step_key}: {data.user_failure_data.description}")
            elif data.error is not None and not messages:
                messages.append(f"{event.step_key}: {_innermost(data.error)}")
    return messages or ["the run failed; see the Dagster event log"]


def run_period(settings: Settings, periode: str, instance: dg.DagsterInstance | None = None) -> Outcome:
    from pipelines.warehouse import RunLock, WarehouseBusy

    settings.export_to_env()
    try:
        with RunLock(settings.warehouse):  # before dbt parse: two runs must not race on anything
            return _execute(settings, periode, instance)
    except WarehouseBusy as busy:
        return Outcome(False, [str(busy)])


def _execute(settings: Settings, periode: str, instance: dg.DagsterInstance | None) -> Outcome:
    from pipelines.resources import prepare_dbt_manifest

    prepare_dbt_manifest()
    from pipelines.definitions import build_definitions

    job = build_definitions(settings).resolve_job_def("tpp_bulanan")
    instance = instance or (dg.DagsterInstance.get() if _has_dagster_home() else dg.DagsterInstance.ephemeral())
    # dbt's own console output goes to a log file (appended); the terminal gets progress lines
    log_path = settings.warehouse.parent / "logs" / f"dbt-{periode}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("a", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        result = job.execute_in_process(
            partition_key=periode, instance=instance, raise_on_error=False,
            run_config={"loggers": {"progress": {}}},
        )
    if not result.success:
        return Outcome(False, [*_failure_messages(result), f"dbt output: {log_path}"])
    return Outcome(True, summary={**read_summary(settings, periode, result.run_id), "log": str(log_path)})


def read_summary(settings: Settings, periode: str, run_id: str) -> dict:
    from pipelines.warehouse import connect

    with connect(settings.warehouse, read_only=True) as con:
        row = con.execute(
            "select jumlah_asn, jumlah_bayar, jumlah_tahan, total_bayar, total_tahan, validation, "
            "revisi, export_dir from audit.runs where run_id = ? and periode = ?", [run_id, periode]
        ).fetchone()
        rejected = con.execute(
            "select coalesce(sum(rows_rejected), 0) from audit.ingest_counts where periode = ?", [periode]
        ).fetchone()[0]
    names = ("jumlah_asn", "jumlah_bayar", "jumlah_tahan", "total_bayar", "total_tahan", "validation",
             "revisi", "export_dir")
    return {**dict(zip(names, row)), "rows_rejected": int(rejected)}


def _has_dagster_home() -> bool:
    import os

    return bool(os.environ.get("DAGSTER_HOME"))
