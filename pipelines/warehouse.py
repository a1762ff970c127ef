"""The DuckDB warehouse: one file, one writer at a time (see README, "Concurrency")."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.landing import Ingested

AUDIT_DDL = """
create schema if not exists raw;
create schema if not exists audit;
create table if not exists audit.quarantine (
    periode varchar, source varchar, file_name varchar, line bigint, column_name varchar,
    raw_value varchar, reason varchar, nip varchar, raw_row varchar, loaded_at timestamptz
);
create table if not exists audit.ingest_counts (
    periode varchar, source varchar, file_name varchar, file_sha256 varchar,
    rows_read bigint, rows_accepted bigint, rows_rejected bigint, loaded_at timestamptz
);
"""


class WarehouseBusy(Exception):
    """Another process holds the warehouse file."""


@contextmanager
def connect(path: Path, read_only: bool = False):
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as e:
        if "lock" in str(e).lower():
            raise WarehouseBusy(
                f"The warehouse {path} is in use by another run; wait for it to finish and try again."
            ) from None
        raise
    try:
        yield con
    finally:
        con.close()


def write_ingested(con: duckdb.DuckDBPyConnection, result: Ingested, periode: str) -> None:
    """Replace this period's rows of one source (raw table, quarantine, counts) atomically."""
    table = f"raw.{result.source}"
    accepted = result.accepted.to_arrow()
    rejected = result.rejected.to_arrow()
    con.execute("begin transaction")
    try:
        con.execute(AUDIT_DDL)
        con.register("accepted_rows", accepted)
        con.register("rejected_rows", rejected)
        con.execute(
            f"create table if not exists {table} as "
            "select *, current_timestamp as _loaded_at from accepted_rows limit 0"
        )
        con.execute(f"delete from {table} where _periode = ?", [periode])
        con.execute(f"insert into {table} by name select *, current_timestamp as _loaded_at from accepted_rows")
        con.execute("delete from audit.quarantine where periode = ? and source = ?", [periode, result.source])
        con.execute(
            "insert into audit.quarantine by name select *, current_timestamp as loaded_at from rejected_rows"
        )
        con.execute("delete from audit.ingest_counts where periode = ? and source = ?", [periode, result.source])
        con.execute(
            "insert into audit.ingest_counts values (?, ?, ?, ?, ?, ?, ?, current_timestamp)",
            [periode, result.source, result.file_name, result.file_sha256, result.rows_read,
             result.accepted.height, result.rejected.height],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("accepted_rows")
        con.unregister("rejected_rows")
