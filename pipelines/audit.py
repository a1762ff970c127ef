"""audit.runs: one row per pipeline run and period (contracts.md §2), failed runs
included, written when the run has ended (pipelines/runs.py reads what it did)."""

from __future__ import annotations

import json

from pipelines.permissions import run_warnings
from pipelines.rules import rule_version
from pipelines.runs import RunReport
from pipelines.settings import Settings
from pipelines.versions import code_version
from pipelines.warehouse import AUDIT_DDL

RUNS_COLUMNS = (
    ("run_id", "varchar"),
    ("periode", "varchar"),
    ("finished_at", "timestamptz"),
    ("code_version", "varchar"),
    ("rule_version", "varchar"),
    ("input_files", "varchar"),
    ("row_counts", "varchar"),
    ("jumlah_asn", "bigint"),
    ("jumlah_bayar", "bigint"),
    ("jumlah_tahan", "bigint"),
    ("total_bayar", "bigint"),
    ("total_tahan", "bigint"),
    ("validation", "varchar"),
    ("revisi", "integer"),
    ("export_dir", "varchar"),
    # since every run is recorded (failed ones too); older warehouses gain them on the next write
    ("status", "varchar"),
    ("langkah_gagal", "varchar"),
    ("pesan", "varchar"),
    ("sumber", "varchar"),
    ("started_at", "timestamptz"),
    ("aset", "varchar"),
    ("peringatan", "varchar"),  # what the run accepted but a person should fix (a landing folder open to all)
)
BERHASIL, GAGAL = "BERHASIL", "GAGAL"

TOTALS_SQL = """
select
    count(*) as jumlah_asn,
    count(*) filter (where status = 'BAYAR') as jumlah_bayar,
    count(*) filter (where status = 'TAHAN') as jumlah_tahan,
    coalesce(sum(tpp_bruto) filter (where status = 'BAYAR'), 0) as total_bayar,
    coalesce(sum(tpp_bruto) filter (where status = 'TAHAN'), 0) as total_tahan
from marts.fct_tpp where periode = ?
"""
TOTAL_NAMES = ("jumlah_asn", "jumlah_bayar", "jumlah_tahan", "total_bayar", "total_tahan")


def totals(con, periode: str) -> dict[str, int]:
    return dict(zip(TOTAL_NAMES, (int(v) for v in con.execute(TOTALS_SQL, [periode]).fetchone()), strict=False))


def inputs(con, periode: str) -> dict[str, dict]:
    """Per source: file, SHA-256 and the reconciliation read = accepted + rejected."""
    con.execute(AUDIT_DDL)  # a run may fail before anything was ingested
    rows = con.execute(
        "select source, file_name, file_sha256, rows_read, rows_accepted, rows_rejected, header_line, skipped_rows "
        "from audit.ingest_counts where periode = ? order by source",
        [periode],
    ).fetchall()
    found = {}
    for s, f, h, r, a, x, line, skipped in rows:
        found[s] = {"file": f, "sha256": h, "read": r, "accepted": a, "rejected": x}
        if skipped:  # an XLSX whose header stood below title rows: which rows were not data
            found[s] |= {"header_line": line, "skipped": json.loads(skipped)}
    return found


def ensure_runs_table(con) -> None:
    con.execute("create schema if not exists audit")
    con.execute(f"create table if not exists audit.runs ({', '.join(f'{c} {t}' for c, t in RUNS_COLUMNS)})")
    for column, data_type in RUNS_COLUMNS:
        con.execute(f"alter table audit.runs add column if not exists {column} {data_type}")


def record_run(con, report: RunReport, settings: Settings) -> str | None:
    """The run's row (replacing one written for the same run before: recording is
    idempotent, whoever records it). Totals are those of the lines this run published.
    Returns the run's warnings, if any (one per line)."""
    ensure_runs_table(con)
    warning = (
        "\n".join(run_warnings(settings.landing_dir / report.periode, settings.warehouse, settings.export_dir)) or None
    )
    found = inputs(con, report.periode)
    amounts = totals(con, report.periode) if report.published else dict.fromkeys(TOTAL_NAMES)
    first_failure = report.failures[0][0] if report.failures else None
    row = {
        "run_id": report.run_id,
        "periode": report.periode,
        "code_version": code_version(),
        "rule_version": rule_version(report.periode),
        "input_files": json.dumps({s: {"file": v["file"], "sha256": v["sha256"]} for s, v in found.items()}),
        "row_counts": json.dumps(
            {
                s: {k: v[k] for k in ("read", "accepted", "rejected", "header_line", "skipped") if k in v}
                for s, v in found.items()
            },
            ensure_ascii=False,
        ),
        **amounts,
        "validation": report.validation,
        "revisi": report.export.get("revisi"),
        "export_dir": report.export.get("folder"),
        "status": BERHASIL if report.success else GAGAL,
        "langkah_gagal": first_failure or (None if report.success else ""),
        "pesan": "\n".join(report.messages) or None,
        "sumber": report.sumber,
        "started_at": report.started_at,
        "aset": json.dumps(sorted(set(report.materialized))),
        "peringatan": warning,
    }
    con.execute("begin transaction")
    try:
        con.execute("delete from audit.runs where run_id = ? and periode = ?", [report.run_id, report.periode])
        names = ", ".join(row)
        con.execute(
            f"insert into audit.runs ({names}, finished_at) values ({', '.join('?' * len(row))}, current_timestamp)",
            list(row.values()),
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return warning
