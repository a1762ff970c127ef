"""audit.runs: one row per pipeline run and period (contracts.md §2), written when the
period is exported (validation LULUS) or when a validation suite stops it (GAGAL)."""

from __future__ import annotations

import json

from pipelines.versions import code_version, rule_version

RUNS_DDL = """
create schema if not exists audit;
create table if not exists audit.runs (
    run_id varchar, periode varchar, finished_at timestamptz, code_version varchar,
    rule_version varchar, input_files varchar, row_counts varchar,
    jumlah_asn bigint, jumlah_bayar bigint, jumlah_tahan bigint,
    total_bayar bigint, total_tahan bigint, validation varchar, revisi integer, export_dir varchar
)
"""

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
    return dict(zip(TOTAL_NAMES, (int(v) for v in con.execute(TOTALS_SQL, [periode]).fetchone())))


def inputs(con, periode: str) -> dict[str, dict]:
    """Per source: file, SHA-256 and the reconciliation read = accepted + rejected."""
    rows = con.execute(
        "select source, file_name, file_sha256, rows_read, rows_accepted, rows_rejected "
        "from audit.ingest_counts where periode = ? order by source", [periode]).fetchall()
    return {s: {"file": f, "sha256": h, "read": r, "accepted": a, "rejected": x} for s, f, h, r, a, x in rows}


def record_run(con, run_id: str, periode: str, validation: str, revisi: int | None = None,
               export_dir: str | None = None, found: dict | None = None,
               amounts: dict | None = None) -> dict[str, int]:
    """`found`/`amounts` when the caller has already read them (the export has)."""
    con.execute(RUNS_DDL)
    found = found if found is not None else inputs(con, periode)
    amounts = amounts if amounts is not None else totals(con, periode)
    con.execute(
        "insert into audit.runs values (?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, periode, code_version(), rule_version(),
         json.dumps({s: {"file": v["file"], "sha256": v["sha256"]} for s, v in found.items()}),
         json.dumps({s: {k: v[k] for k in ("read", "accepted", "rejected")} for s, v in found.items()}),
         *amounts.values(), validation, revisi, export_dir],
    )
    return amounts
