"""The DuckDB warehouse: one file, one writer at a time (see README, "Concurrency")."""

from __future__ import annotations

import fcntl
import json
import os
import re
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.landing import Ingested
from pipelines.settings import duckdb_config

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
create table if not exists audit.validasi (
    periode varchar, suite varchar, run_id varchar, checked_at timestamptz, lulus boolean,
    expectations integer, gagal varchar, data_docs varchar
);
-- written by dbt (macro record_build), which creates it the same way
create table if not exists audit.dbt_builds (model varchar, periode varchar, built_at timestamptz);
-- when each month's marts were last published (what explain and the report compare later loads with)
create table if not exists audit.publikasi (periode varchar, published_at timestamptz);
-- columns added later: older warehouses gain them here, their earlier rows read null.
-- The fields of a rejected row that passed their checks (a held line for an employee
-- whose own row was rejected); an XLSX header below title rows: its line and the text
-- of the skipped rows (JSON list).
alter table audit.quarantine add column if not exists valid_fields varchar;
alter table audit.ingest_counts add column if not exists header_line integer;
alter table audit.ingest_counts add column if not exists skipped_rows varchar;
"""


class WarehouseBusy(Exception):
    """Another process holds the warehouse file."""


class WarehouseUnavailable(Exception):
    """The warehouse file cannot be opened (not a DuckDB file, no permission, …)."""


_held: dict[Path, list] = {}  # lock path → [open file, holders in this process]


class RunLock:
    """One run at a time per warehouse: DuckDB locks the file only while a connection is
    open, and a run opens and closes it step by step, so two runs could interleave. This
    lock (an flock on `<warehouse>.lock`) lasts the whole run and dies with its process.
    Re-entrant within a process (`tpp run` takes it before `dbt parse`, the run's
    warehouse resource takes it again)."""

    def __init__(self, warehouse_path: Path):
        self.warehouse = warehouse_path
        self.path = warehouse_path.with_name(warehouse_path.name + ".lock")

    def acquire(self) -> RunLock:
        if self.path in _held:
            _held[self.path][1] += 1
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise WarehouseBusy(
                f"The warehouse {self.warehouse} is being written by another run ({holder}); "
                "wait for it to finish and run again."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {datetime.now():%Y-%m-%d %H:%M:%S}")
        handle.flush()
        _held[self.path] = [handle, 1]
        return self

    def release(self) -> None:
        entry = _held.get(self.path)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            del _held[self.path]
            entry[0].close()  # closing the file releases the flock

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


@contextmanager
def connect(path: Path, read_only: bool = False):
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=duckdb_config())
    except duckdb.IOException as e:
        if "lock" in str(e).lower():
            raise WarehouseBusy(
                f"The warehouse {path} is open in another process (a run, or a DuckDB session reading it); "
                "close it or wait for it to finish and try again."
            ) from None
        raise WarehouseUnavailable(f"The warehouse {path} cannot be opened: {' '.join(str(e).split())}") from None
    try:
        yield con
    finally:
        con.close()


def write_ingested(con: duckdb.DuckDBPyConnection, result: Ingested, periode: str) -> None:
    """Replace this period's rows of one source (raw table, quarantine, counts) atomically."""
    table = f"raw.{result.source}"
    # the columns that are one value for the whole file are written by DuckDB, not handed
    # over: at 23 million attendance rows the file's sha256 alone is 1.5 GB as a column
    constant = {"_periode": periode, "_file_name": result.file_name, "_file_sha256": result.file_sha256}
    columns = [
        f'{_literal(constant[c])}::varchar as "{c}"' if c in constant else f'"{c}"' for c in result.accepted.columns
    ]
    # one piece: a streamed frame comes in hundreds of chunks, which DuckDB appends 40% slower
    accepted = result.accepted.drop(constant).rechunk().to_arrow()
    rejected = result.rejected.to_arrow()
    con.execute("begin transaction")
    try:
        con.execute(AUDIT_DDL)
        con.register("accepted_data", accepted)
        con.register("rejected_rows", rejected)
        con.execute(f"create or replace temp view accepted_rows as select {', '.join(columns)} from accepted_data")
        con.execute(
            f"create table if not exists {table} as "
            "select *, current_timestamp as _loaded_at from accepted_rows limit 0"
        )
        conform(
            con,
            "raw",
            result.source,
            dict(con.execute("select column_name, column_type from (describe accepted_rows)").fetchall()),
        )
        con.execute(f"delete from {table} where _periode = ?", [periode])
        con.execute(f"insert into {table} by name select *, current_timestamp as _loaded_at from accepted_rows")
        con.execute("delete from audit.quarantine where periode = ? and source = ?", [periode, result.source])
        con.execute("insert into audit.quarantine by name select *, current_timestamp as loaded_at from rejected_rows")
        con.execute("delete from audit.ingest_counts where periode = ? and source = ?", [periode, result.source])
        con.execute(
            "insert into audit.ingest_counts (periode, source, file_name, file_sha256, rows_read, rows_accepted, "
            "rows_rejected, loaded_at, header_line, skipped_rows) values (?, ?, ?, ?, ?, ?, ?, current_timestamp, ?, ?)",
            [
                periode,
                result.source,
                result.file_name,
                result.file_sha256,
                result.rows_read,
                result.accepted.height,
                result.rejected.height,
                result.header_line,
                json.dumps(result.skipped, ensure_ascii=False) if result.skipped else None,
            ],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.execute("drop view if exists accepted_rows")
        con.unregister("accepted_data")
        con.unregister("rejected_rows")


def _literal(value: str | None) -> str:
    """A text value as an SQL literal (a file's name may hold a quote)."""
    return "null" if value is None else "'" + value.replace("'", "''") + "'"


class PublishRefused(Exception):
    """The candidate cannot replace the published table without losing history."""


def _columns(con, schema: str, table: str) -> dict[str, str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return dict(rows)


def _widens(con, table: str, column: str, old: str, new: str) -> bool:
    """Every value stored in the column is exactly a value of type `new`: more decimal
    places or a wider integer; fewer integer digits only when no stored value needs them."""

    def decimal(t):
        m = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", t.upper())
        return (int(m[1]) - int(m[2]), int(m[2])) if m else None

    ints = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"]
    if decimal(old) and decimal(new):
        (old_digits, old_places), (new_digits, new_places) = decimal(old), decimal(new)
        if new_places < old_places:
            return False
        largest = con.execute(f'select max(abs("{column}")) from {table}').fetchone()[0]
        return new_digits >= old_digits or largest is None or largest < 10**new_digits
    return old in ints and new in ints and ints.index(new) >= ints.index(old)


def conform(con, schema: str, table: str, wanted: dict[str, str]) -> None:
    """Make an existing table take rows of the column types `wanted`: a new column is
    added (earlier months null in it), a type that holds every stored value exactly is
    widened (e.g. DECIMAL(18,4) → DECIMAL(18,6) when no value has 13 integer digits);
    any other change is refused, since an insert would cast, and round, silently
    (README, "Schema changes")."""
    have = _columns(con, schema, table)
    for column, new in wanted.items():
        old = have.get(column)
        if old is None:
            con.execute(f'alter table {schema}.{table} add column "{column}" {new}')
        elif old != new and _widens(con, f"{schema}.{table}", column, old, new):
            con.execute(f'alter table {schema}.{table} alter column "{column}" set data type {new}')
        elif old != new:
            raise PublishRefused(
                f"{schema}.{table}.{column} is {old}; the new rows are {new}, which would change or round past "
                'months. Add a column instead (README, "Schema changes").'
            )


def publish_period(con: duckdb.DuckDBPyConnection, periode: str, tables: tuple[str, ...]) -> dict[str, int]:
    """Replace one month's rows of marts.<table> by candidate.<table>, all tables in one
    transaction: readers see the old month or the new one, never a mix. The published
    table takes the candidate's new and widened columns (`conform`); a column it lost
    is refused, since publishing would drop history (README, "Schema changes")."""
    con.execute(AUDIT_DDL)
    con.execute("begin transaction")
    try:
        con.execute("create schema if not exists marts")
        con.execute("delete from audit.publikasi where periode = ?", [periode])
        con.execute("insert into audit.publikasi values (?, current_timestamp)", [periode])
        counts = {}
        for table in tables:
            candidate = _columns(con, "candidate", table)
            con.execute(f"create table if not exists marts.{table} as select * from candidate.{table} limit 0")
            lost = [c for c in _columns(con, "marts", table) if c not in candidate]
            if lost:
                raise PublishRefused(
                    f"marts.{table} has column(s) {', '.join(lost)} that candidate.{table} does not have; "
                    "publishing would rewrite past months. Add columns, never remove them "
                    '(README, "Schema changes").'
                )
            conform(con, "marts", table, candidate)
            con.execute(f"delete from marts.{table} where periode = ?", [periode])
            con.execute(
                f"insert into marts.{table} by name select * from candidate.{table} where periode = ?", [periode]
            )
            counts[table] = con.execute(f"select count(*) from marts.{table} where periode = ?", [periode]).fetchone()[
                0
            ]
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts


def last_loaded(con: duckdb.DuckDBPyConnection, periode: str, source: str) -> datetime | None:
    """When the period's rows of `source` were loaded last (audit.ingest_counts); None if never."""
    return con.execute(
        "select max(loaded_at) from audit.ingest_counts where periode = ? and source = ?", [periode, source]
    ).fetchall()[0][0]  # fetched to the end: the connection takes the next query


def outdated_steps(con: duckdb.DuckDBPyConnection, periode: str, reads: dict[str, list[str]]) -> list[str]:
    """Why a month's candidate may not be what a full run would compute now: a dbt step
    (`reads`: each month-keeping model and the ones it reads) not rebuilt since the
    month's inputs were last ingested, or built before a step it reads. dbt records each
    build (macro record_build); a full run always passes."""
    con.execute(AUDIT_DDL)
    ingested = con.execute("select max(loaded_at) from audit.ingest_counts where periode = ?", [periode]).fetchone()[0]
    built = dict(con.execute("select model, built_at from audit.dbt_builds where periode = ?", [periode]).fetchall())
    problems = []
    for step, upstream in reads.items():
        if step not in built:
            problems.append(f"{step} was never built for {periode}")
        elif ingested is not None and built[step] < ingested:
            problems.append(f"{step} was built before the month's inputs were last ingested")
        else:
            problems += [
                f"{step} was built before {read}, which it reads"
                for read in upstream
                if read in built and built[step] < built[read]
            ]
    return problems
