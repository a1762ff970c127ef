"""Run one Great Expectations suite on the period's rows (DuckDB → Arrow → pandas:
GE 1.x has no DuckDB dialect), build the Data Docs site for auditors, and keep every
outcome in audit.validasi (publishing a month requires its inputs' latest outcomes
to be passes). The rows are read in the run's process (`suite_task`, which holds the
DuckDB file) and checked in Great Expectations' own (`check`: pipelines/checks/worker.py).

Only the columns the expectations name go to pandas, each in a type GE's pandas engine
compares column-wise (a DATE or DECIMAL column of Python objects is compared one value
at a time: 3× slower at 100,000 ASN): see `suite_rows`."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from pipelines.checks.suites import GX_ROOT, Suite
from pipelines.landing import period_bounds
from pipelines.permissions import without_values
from pipelines.rules import validation_bounds
from pipelines.warehouse import AUDIT_DDL, last_loaded

RESULTS_KEPT = 5  # GE results and Data Docs pages per suite and month
BATCH_ROWS = 1_000_000  # rows per Arrow batch on the way to GE's process


@dataclass
class Validation:
    suite: str
    success: bool
    evaluated: int
    # one line per failed expectation: `failed` counts only (it goes to Dagster's event log
    # and the run's messages), `examples` with up to five rows by NIP and their values (it
    # goes to audit.validasi, inside the warehouse, like the Data Docs)
    failed: list[str] = field(default_factory=list)
    data_docs: str = ""
    examples: list[str] = field(default_factory=list)


def validation_dir(export_dir: Path) -> Path:
    """Where results and Data Docs of validations go: beside the exports, never in them."""
    return export_dir / "validasi"


@dataclass
class SuiteTask:
    """One suite on one period's rows, as the run hands it to Great Expectations' process
    (pipelines/checks/worker.py): the rows as Arrow, the values the expectations compare
    against, where results and Data Docs go."""

    suite: str
    periode: str
    # the rows as an Arrow stream (suite_rows); on the way to GE's process, the path of the
    # Arrow file they were written to; in that process, the table read from it
    table: object
    parameters: dict
    validation_dir: Path
    run_name: str


def run_suite(suite: Suite, con, periode: str, export_dir: Path, run_name: str) -> Validation:
    from pipelines.checks import worker

    return worker.validate(suite_task(suite, con, periode, export_dir, run_name))


def suite_task(suite: Suite, con, periode: str, export_dir: Path, run_name: str) -> SuiteTask:
    """What the suite needs from the warehouse, read in the run's process (which holds the
    DuckDB file)."""
    start, end = period_bounds(periode)
    parameters = {
        "periode": periode,
        # midnight timestamps: the dates are compared as datetime64 (as_pandas)
        "awal_periode": f"{start.isoformat()}T00:00:00",
        "akhir_periode": f"{end.isoformat()}T00:00:00",
        "jumlah_baris": con.execute(
            "select (select count(*) from intermediate.int_pegawai_periode where periode = $p)"
            " + (select count(*) from intermediate.int_pegawai_ditolak where periode = $p)",
            {"p": periode},
        ).fetchall()[0][0]  # fetched to the end: the connection takes the next query
        if suite.name == "fct_tpp"
        else 0,
        **validation_bounds(periode),  # caps, bonus range, predikat names: the seeds in force
    }
    return SuiteTask(
        suite.name, periode, suite_rows(con, suite, periode), parameters, validation_dir(export_dir), run_name
    )


def check(task: SuiteTask) -> Validation:
    """Run the suite's checkpoint (results, Data Docs) on the task's rows: in Great
    Expectations' process."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ["TPP_VALIDASI_DIR"] = str(task.validation_dir)  # read by great_expectations.yml
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.execution_engine import pandas_execution_engine

    # GE fingerprints every frame below 1 GB by hashing all its values (4 of the 11 s of
    # a month of attendance at 1,000,000 ASN); what was validated is identified by the
    # inputs' sha256 (audit.ingest_counts, manifest.json) and the run, not by that hash
    pandas_execution_engine.HASH_THRESHOLD = 0
    frame = as_pandas(task.table)
    _prune(task.validation_dir, task.suite, task.periode)
    context = gx.get_context(mode="file", project_root_dir=GX_ROOT)
    result = context.checkpoints.get(task.suite).run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=task.parameters,
        run_id=RunIdentifier(run_name=f"{task.periode} {task.run_name}"),
    )
    outcomes = [r for v in result.run_results.values() for r in v.results]
    failed = [_describe(r) for r in outcomes if not r.success]
    docs = context.get_docs_sites_urls()
    return Validation(
        task.suite,
        result.success,
        len(outcomes),
        [summary for summary, _ in failed],
        docs[0]["site_url"] if docs else "",
        [summary + example for summary, example in failed],
    )


def suite_frame(con, suite: Suite, periode: str):
    """The suite's rows as Great Expectations sees them."""
    return as_pandas(suite_rows(con, suite, periode))


def suite_rows(con, suite: Suite, periode: str):
    """The suite's rows as a stream of Arrow batches, only the columns its expectations
    read (and the row id that names failing rows): handed over batch by batch, the run
    never holds a month of attendance as Arrow. DATE becomes a timestamp, a whole-number
    DECIMAL an integer and any other DECIMAL a double, each only where that is exact for
    the values at hand (`_as_number`, from the column's largest value)."""
    needed = {suite.row_id}
    for _, kwargs in suite.expectations:
        needed |= {kwargs["column"]} if "column" in kwargs else set(kwargs.get("column_list", ()))
    relation = con.sql(suite.query, params={"periode": periode})
    columns = [(n, str(kind)) for n, kind in zip(relation.columns, relation.types, strict=True) if n in needed]
    decimals = [n for n, kind in columns if kind.startswith("DECIMAL")]
    largest = relation.aggregate(", ".join(f'max(abs("{n}"))' for n in decimals)).fetchall()[0] if decimals else ()
    select = ", ".join(f'cast("{n}" as timestamp) as "{n}"' if kind == "DATE" else f'"{n}"' for n, kind in columns)
    reader = relation.select(select).to_arrow_reader(BATCH_ROWS)
    numbers = dict(zip(decimals, largest, strict=True))
    if not numbers:
        return reader
    schema = pa.schema(
        [f.with_type(_as_number(f.type, numbers[f.name])) if f.name in numbers else f for f in reader.schema]
    )
    return pa.RecordBatchReader.from_batches(schema, (batch.cast(schema) for batch in reader))


def as_pandas(table):
    """Arrow rows (a table, or a stream read to its end) as GE's pandas engine compares
    them column-wise: text stays Arrow-backed, timestamps in nanoseconds (the only unit it
    compares)."""
    import pandas as pd

    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    frame = table.to_pandas(
        types_mapper=lambda t: pd.StringDtype("pyarrow") if str(t) in ("string", "large_string") else None
    )
    for name in frame.columns:
        if str(frame[name].dtype).startswith("datetime64"):
            frame[name] = frame[name].astype("datetime64[ns]")
    return frame


def _as_number(kind, largest: Decimal | None):
    """The type a DECIMAL column is compared in, given its largest absolute value: whole
    numbers below 2^63 as int64; a value of scale s as a double while |v| < 2^52 × 10^-s —
    its unscaled integer is then exact and one division by 10^s rounds to the nearest
    double, which keeps v ≥ b as double(v) ≥ double(b), and two values at least 10^-s
    apart stay apart (scale 6: below 4.5 × 10^9; scale 12: below 4,503; the scores are at
    most a few hundred). A column with a larger value stays Decimal (exact, compared one
    value at a time)."""
    limit = 2**63 if kind.scale == 0 else Decimal(2**52) / 10**kind.scale
    if largest is not None and largest >= limit:
        return kind
    return pa.int64() if kind.scale == 0 else pa.float64()


def _prune(root: Path, suite: str, periode: str, keep: int = RESULTS_KEPT) -> None:
    """Bound the GE results and their Data Docs pages: per suite and month the newest
    `keep` runs (with the one about to run). Every outcome stays in audit.validasi."""
    runs = sorted((root / "hasil" / suite).glob(f"{periode} *"), key=lambda p: p.stat().st_mtime)
    for old in runs[: max(0, len(runs) - keep + 1)]:
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(root / "data_docs" / "validations" / suite / old.name, ignore_errors=True)


def _describe(outcome) -> tuple[str, str]:
    """A failed expectation as its name, the column and how many rows (or the table-level
    value observed), and apart from that up to five of the rows by NIP (respon_id for the
    survey) with the value found: personal data, kept out of logs."""
    config = outcome.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id",)}
    target = kwargs.pop("column", None) or kwargs.pop("column_list", None) or "table"
    detail = example = ""
    if outcome.exception_info and outcome.exception_info.get("raised_exception"):
        detail = f" (error: {without_values(str(outcome.exception_info.get('exception_message')))})"
    elif outcome.result:
        count = outcome.result.get("unexpected_count")
        rows = (outcome.result.get("partial_unexpected_index_list") or [])[:5]
        ids = outcome.result.get("unexpected_index_column_names") or []
        observed = outcome.result.get("observed_value")
        if count is not None:
            detail = f": {count} row(s)"
            if rows and ids:
                example = (
                    ", e.g. "
                    + ids[0]
                    + " "
                    + ", ".join(
                        f"{row[ids[0]]} ({'; '.join(f'{k}={_plain(v)}' for k, v in row.items() if k not in ids)})"
                        for row in rows
                    )
                )
            else:
                example = f", e.g. {[_plain(v) for v in (outcome.result.get('partial_unexpected_list') or [])[:5]]}"
        elif observed is not None:  # a count or a total over the table: no person in it
            detail = f": observed {observed}"
    return f"{config.type} on {target}{detail}", example


def _plain(value) -> str:
    """numpy scalars print as np.int64(1), a date (a midnight timestamp here, see
    suite_frame) as 2026-10-01 00:00:00; a person wants 1 and 2026-10-01."""
    if hasattr(value, "normalize") and value == value.normalize():
        return value.date().isoformat()
    return str(value.item() if hasattr(value, "item") else value)


def record_validation(con, periode: str, run_id: str, outcome: Validation) -> None:
    con.execute(AUDIT_DDL)
    con.execute(
        "insert into audit.validasi values (?, ?, ?, current_timestamp, ?, ?, ?, ?)",
        [
            periode,
            outcome.suite,
            run_id,
            outcome.success,
            outcome.evaluated,
            "; ".join(outcome.examples) or None,
            outcome.data_docs or None,
        ],
    )


def unvalidated_inputs(con, periode: str, sources: list[str]) -> list[str]:
    """Why the period's inputs may not be published: a source not ingested for the
    period, or whose suite has not passed on the rows ingested last (a partial run may
    skip the checks; publishing must not)."""
    con.execute(AUDIT_DDL)
    problems = []
    for source in sources:
        loaded = last_loaded(con, periode, source)
        if loaded is None:
            problems.append(f"raw/{source} was never ingested for {periode}")
            continue
        last = con.execute(
            "select lulus from audit.validasi where periode = ? and suite = ? and checked_at >= ? "
            "order by checked_at desc limit 1",
            [periode, f"input_{source}", loaded],
        ).fetchone()
        if last is None:
            problems.append(f"input_{source} has not run on the rows of raw/{source} ingested last")
        elif not last[0]:
            # which expectations and example rows: audit.validasi (personal data: never in a message)
            problems.append(f"input_{source} failed on raw/{source} (audit.validasi, Data Docs)")
    return problems
