"""What a finished Dagster run of a period did, read from its event log: the row it
leaves in audit.runs. One function serves `tpp run` (right after its run, in its own
process) and the sensor `audit_runs` (runs launched from the UI, the schedule, the
landing sensor or a backfill), so every run is recorded the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import dagster as dg

SUMBER_TAG = "tpp/sumber"  # set by `tpp run`; other runs are named by Dagster's own tags
PUBLISHED = dg.AssetKey(["marts", "fct_tpp"])
EXPORTED = dg.AssetKey(["exports", "tpp"])


@dataclass
class RunReport:
    run_id: str
    periode: str
    success: bool
    sumber: str
    started_at: datetime | None
    failures: list[tuple[str, str]] = field(default_factory=list)  # (step, message)
    validations: list[tuple[str, bool, str, str]] = field(default_factory=list)  # (check, passed, text, docs)
    materialized: list[str] = field(default_factory=list)
    export: dict = field(default_factory=dict)  # revisi, folder of the export made by this run

    @property
    def published(self) -> bool:
        return PUBLISHED.to_user_string() in self.materialized

    @property
    def validation(self) -> str | None:
        """LULUS when every suite this run evaluated passed; GAGAL naming the failures."""
        if not self.validations:
            return None
        failed = [f"{name.removeprefix('ge_')}: {text}" for name, ok, text, _ in self.validations if not ok]
        return "GAGAL: " + " | ".join(failed) if failed else "LULUS"

    @property
    def messages(self) -> list[str]:
        """Why the run stopped: failed validation suites (with their Data Docs), failed steps."""
        failed = [
            f"validation {name} failed: {text}" + (f"\n  Data Docs: {docs}" if docs else "")
            for name, ok, text, docs in self.validations
            if not ok
        ]
        return failed + [f"{step}: {message}" if step else message for step, message in self.failures]


def source_of(tags: dict) -> str:
    if tags.get(SUMBER_TAG):
        return tags[SUMBER_TAG]
    for tag, name in (
        ("dagster/backfill", "backfill"),
        ("dagster/schedule_name", "schedule"),
        ("dagster/sensor_name", "sensor"),
    ):
        if tags.get(tag):
            return f"{name} {tags[tag]}"
    return "ui"


def _innermost(error) -> str:
    """The user's own exception message, without Dagster's wrapping or the class path."""
    while error.cause is not None:
        error = error.cause
    if error.cls_name == "DagsterExecutionInterruptedError":  # its message is its class path
        return "interrupted: the run was stopped (Ctrl-C, or a stop from the UI) before this step ended."
    message = error.message.strip()
    head, _, rest = message.partition(": ")
    return rest if rest and "." in head and " " not in head else message


def read_report(instance: dg.DagsterInstance, run_id: str) -> RunReport:
    run = instance.get_run_by_id(run_id)
    record = instance.get_run_record_by_id(run_id)
    started = record.start_time if record is not None else None
    report = RunReport(
        run_id=run_id,
        periode=run.tags.get("dagster/partition", ""),
        success=run.status == dg.DagsterRunStatus.SUCCESS,
        sumber=source_of(run.tags),
        started_at=datetime.fromtimestamp(started, UTC) if started else None,
    )
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None:
            continue
        kind = event.event_type_value
        if kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.asset_check_evaluation_data
            docs = evaluation.metadata.get("data_docs")
            report.validations.append(
                (
                    evaluation.check_name,
                    evaluation.passed,
                    evaluation.description or "",
                    docs.value if docs is not None else "",
                )
            )
        elif kind == "ASSET_MATERIALIZATION":
            key = event.asset_key
            report.materialized.append(key.to_user_string())
            if key == EXPORTED:
                metadata = event.materialization.metadata
                report.export = {k: metadata[k].value for k in ("revisi", "folder") if k in metadata}
        elif kind == "STEP_FAILURE":
            data = event.step_failure_data
            if data.user_failure_data is not None and data.user_failure_data.description:
                report.failures.append((event.step_key, data.user_failure_data.description))
            elif data.error is not None:
                report.failures.append((event.step_key, _innermost(data.error)))
        elif kind == "RESOURCE_INIT_FAILURE" and event.event_specific_data.error is not None:
            report.failures.append((event.step_key or "", _innermost(event.event_specific_data.error)))
        elif kind == "RUN_FAILURE" and not report.failures:
            error = getattr(event.event_specific_data, "error", None)
            report.failures.append(("", _innermost(error) if error is not None else event.message or "run failed"))
    return report
