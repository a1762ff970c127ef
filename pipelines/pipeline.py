"""Run one period through the Dagster job: the code path of `tpp run` and the tests
(the schedule, the landing sensor and backfills launch the same job). The run is
recorded in audit.runs whatever its outcome, and the summary is read from that row."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field

import dagster as dg

from pipelines.runs import SUMBER_TAG
from pipelines.settings import Settings


@dataclass
class Outcome:
    success: bool
    errors: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    run_id: str | None = None


def run_period(settings: Settings, periode: str, instance: dg.DagsterInstance | None = None) -> Outcome:
    """Run the period; a fault a person can act on (the warehouse in use, the dbt project
    unreadable) is an Outcome with its one-line message, never a traceback."""
    from pipelines import permissions
    from pipelines.partitions import FIRST_PERIOD, monthly_partitions
    from pipelines.resources import DbtProjectError
    from pipelines.warehouse import RunLock, WarehouseBusy, WarehouseUnavailable, connect

    if periode not in monthly_partitions.get_partition_keys():  # callers other than `tpp` too
        return Outcome(
            False, [f"{periode} is not a period that can be computed (before {FIRST_PERIOD}, or not ended)."]
        )

    settings.export_to_env()
    try:
        # umask and folders before the lock file; the run's warehouse resource brings what
        # is already there to the policy, under the lock, at its start and end
        permissions.protect(settings.warehouse, settings.export_dir)
        with RunLock(settings.warehouse):  # before dbt parse: two runs must not race on anything
            with connect(settings.warehouse):  # another program holding the file: say so now
                pass
            return _execute(settings, periode, instance)
    except (WarehouseBusy, WarehouseUnavailable, DbtProjectError, permissions.AccessError) as fault:
        return Outcome(False, [str(fault)])


def _execute(settings: Settings, periode: str, instance: dg.DagsterInstance | None) -> Outcome:
    from pipelines.audit import record_run
    from pipelines.definitions import build_definitions
    from pipelines.permissions import make_folder
    from pipelines.runs import read_report
    from pipelines.warehouse import connect

    job = build_definitions(settings).resolve_job_def("tpp_bulanan")
    instance = instance or (dg.DagsterInstance.get() if _has_dagster_home() else dg.DagsterInstance.ephemeral())
    run_id = str(uuid.uuid4())
    # dbt's own console output goes to a log file (appended); the terminal gets progress lines
    log_path = settings.warehouse.parent / "logs" / f"dbt-{periode}.log"
    make_folder(log_path.parent)
    with log_path.open("a", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        job.execute_in_process(
            partition_key=periode,
            instance=instance,
            raise_on_error=False,
            run_id=run_id,
            tags={SUMBER_TAG: "cli"},
            run_config={"loggers": {"progress": {}}},
        )
    report = read_report(instance, run_id)
    with connect(settings.warehouse) as con:  # still under this run's lock
        warning = record_run(con, report, settings)
    if not report.success:
        dbt_failed = any(step == "tpp_dbt_assets" for step, _ in report.failures)
        notes = [*([f"dbt output: {log_path}"] if dbt_failed else []), *([warning] if warning else [])]
        return Outcome(False, [*report.messages, *notes], run_id=run_id)
    return Outcome(True, summary={**read_summary(settings, periode, run_id), "log": str(log_path)}, run_id=run_id)


def read_summary(settings: Settings, periode: str, run_id: str) -> dict:
    from pipelines.warehouse import connect

    with connect(settings.warehouse, read_only=True) as con:
        row = con.execute(
            "select jumlah_asn, jumlah_bayar, jumlah_tahan, total_bayar, total_tahan, validation, "
            "revisi, export_dir, peringatan from audit.runs where run_id = ? and periode = ?",
            [run_id, periode],
        ).fetchone()
        rejected = con.execute(
            "select coalesce(sum(rows_rejected), 0) from audit.ingest_counts where periode = ?", [periode]
        ).fetchone()[0]
    names = (
        "jumlah_asn",
        "jumlah_bayar",
        "jumlah_tahan",
        "total_bayar",
        "total_tahan",
        "validation",
        "revisi",
        "export_dir",
        "peringatan",
    )
    return {**dict(zip(names, row, strict=False)), "rows_rejected": int(rejected)}


def _has_dagster_home() -> bool:
    import os

    return bool(os.environ.get("DAGSTER_HOME"))
