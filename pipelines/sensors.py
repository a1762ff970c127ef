"""Sensors for operations: a period's run starts when its landing folder is complete,
and every finished run of a period is recorded in audit.runs (failed ones too).

A landing folder `<landing>/<YYYY-MM>/` is *complete* when the month has ended (it is a
partition), every required source is there in exactly one format, and the marker file
`_LENGKAP` — which the source systems write after their last file — is not older than
any file in the folder. Each distinct delivery (file names, sizes and times) starts one
run; a corrected delivery with a new marker starts another, which publishes a new
revision only if inputs or lines changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from pipelines.audit import record_run
from pipelines.landing import LandingError, find_file
from pipelines.partitions import monthly_partitions
from pipelines.runs import SUMBER_TAG, read_report
from pipelines.settings import Settings
from pipelines.sources import SOURCES
from pipelines.warehouse import RunLock, WarehouseBusy, connect

PENANDA_LENGKAP = "_LENGKAP"
FINISHED = [dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED]


@dataclass
class Kelengkapan:
    complete: bool
    why: str  # what is missing, or the delivery's fingerprint when complete


def kelengkapan(folder: Path) -> Kelengkapan:
    marker = folder / PENANDA_LENGKAP
    if not marker.is_file():
        return Kelengkapan(False, f"no {PENANDA_LENGKAP} marker yet")
    try:  # a required source missing, or one in two formats
        for source in SOURCES:
            find_file(folder, source)
    except LandingError as problem:
        return Kelengkapan(False, str(problem))
    files = sorted(p for p in folder.iterdir() if p.is_file())
    newer = [p.name for p in files if p.stat().st_mtime_ns > marker.stat().st_mtime_ns]
    if newer:
        return Kelengkapan(False, f"{', '.join(newer)} written after {PENANDA_LENGKAP}")
    digest = hashlib.sha256()
    for p in files:
        stat = p.stat()
        digest.update(f"{p.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return Kelengkapan(True, digest.hexdigest()[:16])


def build_sensors(settings: Settings, job_name: str) -> list[dg.SensorDefinition]:
    @dg.sensor(
        name="landing_lengkap",
        job_name=job_name,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description=f"Starts the month's run when <landing>/<YYYY-MM>/ is complete: every required source "
        f"present and the marker {PENANDA_LENGKAP} written after the last file.",
    )
    def landing_lengkap(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        periods = set(monthly_partitions.get_partition_keys())  # months that have ended
        folders = sorted(settings.landing_dir.glob("*")) if settings.landing_dir.is_dir() else []
        requests, waiting = [], []
        for folder in (f for f in folders if f.is_dir() and f.name in periods):
            state = kelengkapan(folder)
            if state.complete:
                requests.append(dg.RunRequest(partition_key=folder.name, run_key=f"{folder.name}@{state.why}"))
            elif (folder / PENANDA_LENGKAP).exists():
                waiting.append(f"{folder.name}: {state.why}")
        return dg.SensorResult(
            run_requests=requests, skip_reason=None if requests else "; ".join(waiting) or "no complete landing folder"
        )

    @dg.sensor(
        name="audit_runs",
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Records every finished run of a period (UI, schedule, sensor, backfill; failed runs "
        "too) in audit.runs. `tpp run` records its own runs.",
    )
    def audit_runs(context: dg.SensorEvaluationContext) -> dg.SkipReason:
        after = datetime.fromtimestamp(float(context.cursor), UTC) if context.cursor else None
        records = context.instance.get_run_records(
            filters=dg.RunsFilter(statuses=FINISHED, updated_after=after),
            order_by="update_timestamp",
            ascending=True,
            limit=20,
        )
        todo = [
            r.dagster_run.run_id
            for r in records
            if r.dagster_run.tags.get("dagster/partition") and r.dagster_run.tags.get(SUMBER_TAG) != "cli"
        ]
        if todo:
            try:  # never while a run writes the warehouse: the cursor stays, the next tick retries
                with RunLock(settings.warehouse), connect(settings.warehouse) as con:
                    for run_id in todo:
                        record_run(con, read_report(context.instance, run_id), settings)
            except WarehouseBusy as busy:
                return dg.SkipReason(f"{busy} Recording {len(todo)} run(s) at the next tick.")
        if records:
            context.update_cursor(str(records[-1].update_timestamp.timestamp()))
        return dg.SkipReason(f"recorded {len(todo)} run(s) in audit.runs")

    return [landing_lengkap, audit_runs]
