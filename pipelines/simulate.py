"""`tpp simulate`: what published months would have paid under other rule rows.

The months' accepted input rows (raw.*, audit.quarantine) and their published marts are
copied — under the run lock, the warehouse opened read-only — into a scratch DuckDB file
in a private temporary folder. The dbt project is copied beside it with the rule rows of
the file laid over its seeds (`overlay`), and dbt builds each month there exactly as a
run does. The comparison is SQL on the scratch file. Nothing is ever written to the
warehouse, so marts, audit.runs and the exports cannot change; the results go to
`<exports>/simulasi/<NAME>/` only, replaced as a whole (README, "Simulating a rule change").
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pygal
import yaml

from pipelines import permissions, rules
from pipelines.explain import has_table, rows
from pipelines.exports import neutralise, sha256
from pipelines.permissions import without_values
from pipelines.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, Settings, duckdb_config, duckdb_config_env
from pipelines.warehouse import RunLock, WarehouseBusy

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MARTS = ("fct_tpp", "fct_distribusi_predikat", "fct_insentif_opd")  # what the comparison reads
DBT_FILES = ("models", "macros", "seeds", "tests", "dbt_project.yml", "profiles.yml")


class SimulationError(Exception):
    """The simulation cannot run as asked (the message says why; nothing was written)."""


@dataclass(frozen=True)
class Result:
    folder: Path
    bulan: list[dict[str, Any]]
    peringatan: list[str]  # rows taken that may not do what was meant (_warnings): said, not refused


# ---------------------------------------------------------------- the rule file


def _seed_types() -> dict[str, dict[str, str]]:
    """Each seed's column types as dbt loads them (seeds/_seeds.yml)."""
    config = yaml.safe_load((rules.SEEDS_DIR / "_seeds.yml").read_text(encoding="utf-8"))
    return {s["name"]: s.get("config", {}).get("column_types", {}) for s in config["seeds"]}


def read_rule_file(path: Path) -> bytes:
    """The file's bytes, read once (what is simulated, hashed and kept are the same)."""
    if not path.is_file():
        raise SimulationError(f"No rule file at {path}" + (" (it is a folder)." if path.is_dir() else "."))
    try:
        return path.read_bytes()
    except OSError as e:
        raise SimulationError(f"The rule file {path} cannot be read: {e.strerror}.") from None


def parse_rule_file(data: bytes, file_name: str, first_day: str) -> dict[str, pl.DataFrame]:
    """The file's rows per seed, as text, each with only its seed's columns; a blank
    berlaku_mulai becomes `first_day` (the first simulated month), keys and dates are
    written as dbt will read them (01 → 1, 2026-10-1 → 2026-10-01). The file is a CSV: a
    column `seed` naming the rule table, then the columns of the seeds it names."""
    if not data.strip():
        raise SimulationError(f"The rule file {file_name} is empty.")
    header = data.splitlines()[0].decode("utf-8", "replace")
    if ";" in header and "," not in header:
        raise SimulationError(f"The rule file {file_name} is separated by ';': save it as CSV with ',' (comma).")
    try:
        frame = pl.read_csv(io.BytesIO(data), infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as e:
        raise SimulationError(f"The rule file {file_name} cannot be read as CSV: {without_values(str(e))}") from None
    if "seed" not in frame.columns:
        raise SimulationError(f"The rule file {file_name} has no column `seed` (the rule table each row belongs to).")
    if frame.is_empty():
        raise SimulationError(f"The rule file {file_name} has no rows.")
    frame = frame.with_row_index("_baris", offset=2)  # the file's own line numbers
    types, out = _seed_types(), {}
    for (seed,), part in frame.group_by("seed", maintain_order=True):
        line = part["_baris"][0]
        if seed not in rules.keys():
            raise SimulationError(
                f"{file_name} line {line}: "
                + (f"no rule table {seed!r}" if seed else "the column `seed` is blank")
                + f" (one of: {', '.join(sorted(rules.keys()))})."
            )
        seed_rows = rules.seed_rows(seed)
        columns, key = seed_rows.columns, rules.keys()[seed]
        missing = [c for c in columns if c not in frame.columns and c != "berlaku_mulai"]
        if missing:
            raise SimulationError(f"{file_name}: rows of {seed} need the column(s) {', '.join(missing)}.")
        stray = [c for c in frame.columns if c not in (*columns, "seed", "_baris") and part[c].is_not_null().any()]
        if stray:
            raise SimulationError(
                f"{file_name} line {part.filter(pl.any_horizontal(pl.col(stray).is_not_null()))['_baris'][0]}: "
                f"{seed} has no column {stray[0]}."
            )
        part = part.with_columns([pl.lit(None, pl.String).alias(c) for c in columns if c not in part.columns]).select(
            "_baris", *columns
        )
        part = _as_dbt_reads(file_name, seed, part, types.get(seed, {}), [*key, "berlaku_mulai"])
        part = part.with_columns(pl.col("berlaku_mulai").fill_null(first_day))
        for column in key:  # a blank key names no row (jam_kerja's tanggal_mulai may be blank: the weekday's row)
            blank = part.filter(pl.col(column).is_null())
            if not blank.is_empty() and seed_rows[column].is_not_null().all():
                raise SimulationError(f"{file_name} line {blank['_baris'][0]}: {seed}.{column} is blank (a key).")
        twice = part.filter(part.select([*key, "berlaku_mulai"]).is_duplicated())
        if not twice.is_empty():
            raise SimulationError(
                f"{file_name} line {twice['_baris'][1]}: a second {seed} row for the same "
                f"{', '.join([*key, 'berlaku_mulai'])} (line {twice['_baris'][0]})."
            )
        new = new_keys(seed, part)
        if seed == "parameter_tpp" and not new.is_empty():  # the models read parameters by name only
            raise SimulationError(
                f"{file_name} line {new['_baris'][0]}: parameter_tpp has no parameter {new['parameter'][0]!r} "
                f"(one of: {', '.join(sorted(set(seed_rows['parameter'])))})."
            )
        out[seed] = part
    return out


def new_keys(seed: str, part: pl.DataFrame) -> pl.DataFrame:
    """The file's rows whose key no row of the seed has (a new leave type, kelas, band …)."""
    key = rules.keys()[seed]
    if not key:
        return part.clear()
    return part.join(rules.seed_rows(seed).select(key).unique(), on=key, how="anti", nulls_equal=True)


def _as_dbt_reads(
    file_name: str, seed: str, part: pl.DataFrame, types: dict[str, str], canonical: list[str]
) -> pl.DataFrame:
    """Every value checked against the seed's column_types (a clear line instead of a
    failing dbt seed); the `canonical` columns (key, berlaku_mulai) rewritten as the typed
    value prints, so that they compare with the seed's rows as text."""
    with duckdb.connect() as con:
        con.register("baris", part.to_arrow())
        for column, kind in types.items():
            bad = con.execute(
                f'select _baris, "{column}" from baris where "{column}" is not null '
                f'and try_cast("{column}" as {kind}) is null order by 1 limit 1'
            ).fetchone()
            if bad:
                raise SimulationError(f"{file_name} line {bad[0]}: {seed}.{column} {bad[1]!r} is not a {kind}.")
        rewritten = ", ".join(f'cast(cast("{c}" as {types[c]}) as varchar) as "{c}"' for c in canonical if c in types)
        if not rewritten:
            return part
        return pl.from_arrow(
            con.sql(f"select * replace ({rewritten}) from baris order by _baris").to_arrow_table()
        ).cast({c: pl.String for c in part.columns if c != "_baris"})


def overlay(seed_rows: pl.DataFrame, file_rows: pl.DataFrame, key: list[str], first_day: str) -> pl.DataFrame:
    """The seed's rows with the file's laid over them. A file row with no berlaku_mulai is
    in force from `first_day` (the first simulated month). Per key, the file wins from its
    earliest row on: the seed's rows of that key dated on or after it are dropped, those
    before it stand. A key the file does not name keeps the seed's rows."""
    columns = seed_rows.columns
    file_rows = file_rows.select(columns).with_columns(pl.col("berlaku_mulai").fill_null(first_day))
    by = key or ["_semua"]
    with_all = [pl.lit(1).alias("_semua")] if not key else []
    since = file_rows.with_columns(with_all).group_by(by).agg(pl.col("berlaku_mulai").min().alias("_sejak"))
    kept = (
        seed_rows.with_columns(with_all)
        .join(since, on=by, how="left", nulls_equal=True)
        .filter(pl.col("_sejak").is_null() | (pl.col("berlaku_mulai") < pl.col("_sejak")))
        .select(columns)
    )
    return pl.concat([kept, file_rows])


# ---------------------------------------------------------------- the scratch warehouse


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _copy_months(scratch: duckdb.DuckDBPyConnection, warehouse: Path, periods: list[str]) -> dict[str, str]:
    """The months' accepted inputs and published marts, copied under the run lock (no run
    changes them half-way); the warehouse is attached read-only and detached at once.
    Returns when each month was published."""
    if not warehouse.is_file():
        raise SimulationError(f"No warehouse at {warehouse}: run the months first (tpp run).")
    with RunLock(warehouse):
        try:
            scratch.execute(f"attach {_quoted(warehouse)} as gudang (read_only)")
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise WarehouseBusy(f"The warehouse {warehouse} is open in another process; try again later.") from None
            raise SimulationError(f"The warehouse {warehouse} cannot be opened: {without_values(str(e))}") from None
        try:
            published = (
                dict(
                    scratch.execute(
                        "select periode, max(published_at)::varchar from gudang.audit.publikasi "
                        "where periode in (select unnest(?)) group by 1",
                        [periods],
                    ).fetchall()
                )
                if has_table(scratch, "audit", "publikasi", "gudang")
                else {}
            )
            missing = [p for p in periods if p not in published]
            if missing or not has_table(scratch, "marts", "fct_tpp", "gudang"):
                raise SimulationError(
                    f"{', '.join(missing or periods)} not published in {warehouse}: a simulation recomputes "
                    "published months and compares with them (tpp run --period YYYY-MM first)."
                )
            reloaded = scratch.execute(
                "select i.periode, count(*) from gudang.audit.ingest_counts i join "
                "(select periode, max(published_at) as t from gudang.audit.publikasi group by 1) p using (periode) "
                "where i.periode in (select unnest(?)) and i.loaded_at > p.t group by 1 order by 1",
                [periods],
            ).fetchall()
            if reloaded:  # the comparison would mix new inputs into the rule change
                raise SimulationError(
                    "; ".join(f"{p}: {n} input file(s) loaded again after it was published" for p, n in reloaded)
                    + ". Run those months (tpp run) so that what is published is what their inputs give, "
                    "then simulate: every difference must come from the rules."
                )
            for schema in ("raw", "audit", "terbit"):
                scratch.execute(f"create schema {schema}")
            for (table,) in scratch.execute(
                "select table_name from duckdb_tables() where database_name = 'gudang' and schema_name = 'raw'"
            ).fetchall():
                scratch.execute(
                    f'create table raw."{table}" as select * from gudang.raw."{table}" '
                    "where _periode in (select unnest(?))",
                    [periods],
                )
            scratch.execute(
                "create table audit.quarantine as select * from gudang.audit.quarantine "
                "where periode in (select unnest(?))",
                [periods],
            )
            for table in MARTS:  # one missing from an old warehouse is made empty after dbt
                if has_table(scratch, "marts", table, "gudang"):
                    scratch.execute(
                        f"create table terbit.{table} as select * from gudang.marts.{table} "
                        "where periode in (select unnest(?))",
                        [periods],
                    )
        finally:
            scratch.execute("detach gudang")
    return published


def _project(scratch: Path, laid: dict[str, pl.DataFrame]) -> Path:
    """The dbt project's files beside the scratch warehouse, its seeds with the file's rows."""
    project = scratch / "dbt_project"
    project.mkdir()
    for name in DBT_FILES:
        source = DBT_PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.is_file():
            shutil.copyfile(source, project / name)
    for seed, frame in laid.items():
        frame.write_csv(project / "seeds" / f"{seed}.csv")
    return project


def _dbt_build(project: Path, database: Path, periode: str) -> None:
    """One month, as a run builds it (unit tests aside), into the scratch warehouse."""
    target = project / "target"
    env = {
        **os.environ,
        **duckdb_config_env(),
        "TPP_WAREHOUSE": str(database),
        "TPP_PERIODE": periode,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    done = subprocess.run(
        [
            DBT_EXECUTABLE,
            "build",
            "--exclude",
            "test_type:unit",
            "--quiet",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(target),
            "--log-path",
            str(project / "logs"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SimulationError(f"dbt could not compute {periode} with these rules: {_dbt_failures(target, done)}")


def _dbt_failures(target: Path, done: subprocess.CompletedProcess) -> str:
    try:
        results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
        failed = [
            f"{r['unique_id'].split('.')[2]}: {r.get('message') or r['status']}"
            for r in results
            if r["status"] in ("error", "fail")
        ]
    except (OSError, ValueError, KeyError):
        failed = []
    text = "; ".join(failed) or " ".join((done.stdout + done.stderr).split())[-600:]
    return without_values(text)


# ---------------------------------------------------------------- the comparison

# A month published before the pool (rulebook §10) has no tpp_dibayar: what was
# transferred then was tpp_bruto of the BAYAR lines.
PUBLISHED_BEFORE_POOL = """
alter table terbit.fct_tpp add column if not exists tpp_insentif bigint;
alter table terbit.fct_tpp add column if not exists tpp_dibayar bigint;
update terbit.fct_tpp set tpp_insentif = coalesce(tpp_insentif, 0),
    tpp_dibayar = coalesce(tpp_dibayar, case when status = 'BAYAR' then tpp_bruto else 0 end);
"""

COMPARISON = """
create schema simulasi;

-- per ASN and month: the published line beside the simulated one
create table simulasi.baris as
with lama as (select * from terbit.fct_tpp),
baru as (select * from candidate.fct_tpp),
berpasangan as (
    select
        coalesce(b.periode, l.periode) as periode,
        coalesce(b.nip, l.nip) as nip,
        coalesce(b.nama, l.nama) as nama,
        coalesce(b.opd_kode, l.opd_kode) as opd_kode,
        l.status as status_lama, b.status as status_baru,
        l.predikat as predikat_lama, b.predikat as predikat_baru,
        l.skor_disiplin as skor_disiplin_lama, b.skor_disiplin as skor_disiplin_baru,
        l.skor_kinerja as skor_kinerja_lama, b.skor_kinerja as skor_kinerja_baru,
        l.tpp_bruto as tpp_bruto_lama, b.tpp_bruto as tpp_bruto_baru,
        l.tpp_insentif as tpp_insentif_lama, b.tpp_insentif as tpp_insentif_baru,
        l.tpp_dibayar as tpp_dibayar_lama, b.tpp_dibayar as tpp_dibayar_baru,
        coalesce(b.tpp_dibayar, 0) - coalesce(l.tpp_dibayar, 0) as selisih,
        l.nip is not null as ada_lama, b.nip is not null as ada_baru
    from baru b full join lama l on b.periode = l.periode and b.nip = l.nip
)
select * exclude (ada_lama, ada_baru),
    case
        when not ada_lama then 'HANYA_SIMULASI'
        when not ada_baru then 'HANYA_TERBIT'
        when selisih > 0 then 'NAIK'
        when selisih < 0 then 'TURUN'
        else 'TETAP'
    end as perubahan
from berpasangan;

-- §8 fit per OPD and month, published and simulated
create table simulasi.kuota as
select coalesce(b.periode, l.periode) as periode, coalesce(b.opd_kode, l.opd_kode) as opd_kode,
    l.sesuai as sesuai_kuota_lama, b.sesuai as sesuai_kuota_baru
from candidate.fct_distribusi_predikat b
full join terbit.fct_distribusi_predikat l on b.periode = l.periode and b.opd_kode = l.opd_kode;

-- per OPD and month
create table simulasi.opd as
with per_opd as (
    select periode, opd_kode,
        count(*) as jumlah_asn,
        sum(coalesce(tpp_dibayar_lama, 0))::bigint as biaya_lama,
        sum(coalesce(tpp_dibayar_baru, 0))::bigint as biaya_baru,
        sum(selisih)::bigint as selisih_biaya,
        count(*) filter (where selisih > 0) as jumlah_naik,
        count(*) filter (where selisih < 0) as jumlah_turun,
        coalesce(sum(selisih) filter (where selisih > 0), 0)::bigint as total_naik,
        coalesce(sum(selisih) filter (where selisih < 0), 0)::bigint as total_turun,
        max(selisih) filter (where selisih > 0) as naik_terbesar,
        min(selisih) filter (where selisih < 0) as turun_terbesar,
        count(*) filter (where predikat_lama is distinct from predikat_baru) as predikat_berubah,
        count(*) filter (where status_lama is distinct from status_baru) as status_berubah,
        coalesce(sum(tpp_insentif_lama), 0)::bigint as insentif_lama,
        coalesce(sum(tpp_insentif_baru), 0)::bigint as insentif_baru
    from simulasi.baris
    group by all
)
select p.*, k.sesuai_kuota_lama, k.sesuai_kuota_baru
from per_opd p left join simulasi.kuota k using (periode, opd_kode);

-- per month: the sums of its OPDs
create table simulasi.bulan as
with kuota as (
    select periode,
        count(sesuai_kuota_lama) as opd_dinilai_lama,
        count(*) filter (where sesuai_kuota_lama) as opd_sesuai_lama,
        count(sesuai_kuota_baru) as opd_dinilai_baru,
        count(*) filter (where sesuai_kuota_baru) as opd_sesuai_baru
    from simulasi.kuota group by 1
),
per_bulan as (
    select periode,
        sum(jumlah_asn)::bigint as jumlah_asn,
        sum(biaya_lama)::bigint as biaya_lama,
        sum(biaya_baru)::bigint as biaya_baru,
        sum(selisih_biaya)::bigint as selisih_biaya,
        sum(jumlah_naik)::bigint as jumlah_naik,
        sum(jumlah_turun)::bigint as jumlah_turun,
        sum(total_naik)::bigint as total_naik,
        sum(total_turun)::bigint as total_turun,
        sum(predikat_berubah)::bigint as predikat_berubah,
        sum(status_berubah)::bigint as status_berubah,
        sum(insentif_lama)::bigint as insentif_lama,
        sum(insentif_baru)::bigint as insentif_baru
    from simulasi.opd group by 1
)
select p.*, k.* exclude (periode)
from per_bulan p left join kuota k using (periode);

-- predikat shifts per month: published → simulated
create table simulasi.predikat as
select periode, predikat_lama, predikat_baru, count(*) as jumlah
from simulasi.baris group by all;
"""

OUTPUTS = {  # file stem → (table, order)
    "baris": ("simulasi.baris", "periode, opd_kode, nip"),
    "opd": ("simulasi.opd", "periode, opd_kode"),
    "bulan": ("simulasi.bulan", "periode"),
    "predikat": ("simulasi.predikat", "periode, predikat_lama nulls first, predikat_baru nulls first"),
    "insentif_opd": ("candidate.fct_insentif_opd", "periode, opd_kode"),  # the simulated pools (§10)
}


def _write_outputs(con, folder: Path) -> None:
    for stem, (table, order) in OUTPUTS.items():
        frame = pl.from_arrow(con.sql(f"select * from {table} order by {order}").to_arrow_table())
        neutralise(frame).write_csv(folder / f"{stem}.csv")  # names a spreadsheet would run
        if stem == "baris":
            frame.write_parquet(folder / "baris.parquet", statistics=False)
    # the simulated lines whole, as fct_tpp has them
    con.execute(
        f"copy (select * from candidate.fct_tpp order by periode, opd_kode, nip) "
        f"to {_quoted(folder / 'tpp_simulasi.parquet')} (format parquet)"
    )


# ---------------------------------------------------------------- the page


def _page(con, name: str, bulan: list[dict], changes: list[dict], manifest: dict) -> str:
    from pipelines.report import PREDIKAT, chart, environment, juta

    opd = rows(
        con,
        "select opd_kode, sum(jumlah_asn) as jumlah_asn, sum(biaya_lama) as biaya_lama, sum(biaya_baru) as biaya_baru, "
        "sum(selisih_biaya) as selisih_biaya, sum(jumlah_naik) as jumlah_naik, sum(jumlah_turun) as jumlah_turun, "
        "sum(total_naik) as total_naik, sum(total_turun) as total_turun, sum(predikat_berubah) as predikat_berubah, "
        "count(*) filter (where sesuai_kuota_lama) as sesuai_lama, count(*) filter (where sesuai_kuota_baru) as sesuai_baru, "
        "count(sesuai_kuota_lama) as dinilai_lama, count(sesuai_kuota_baru) as dinilai_baru "
        "from simulasi.opd group by 1 order by 1",
        [],
    )
    geser = rows(
        con,
        "select predikat_lama, predikat_baru, sum(jumlah) as jumlah from simulasi.predikat "
        "where predikat_lama is distinct from predikat_baru group by all order by jumlah desc, 1, 2",
        [],
    )
    sebaran = sorted(  # per predikat, published and simulated lines, in the rulebook's order
        rows(
            con,
            "select predikat, sum(lama) as lama, sum(baru) as baru from ("
            "  select predikat_lama as predikat, jumlah as lama, 0 as baru from simulasi.predikat"
            "  union all select predikat_baru, 0, jumlah from simulasi.predikat"
            ") where predikat is not null group by 1",
            [],
        ),
        key=lambda r: (PREDIKAT.index(r["predikat"]) if r["predikat"] in PREDIKAT else len(PREDIKAT), r["predikat"]),
    )
    bergerak = rows(
        con,
        "select periode, nip, nama, opd_kode, predikat_lama, predikat_baru, tpp_dibayar_lama, tpp_dibayar_baru, selisih "
        "from simulasi.baris where selisih <> 0 order by abs(selisih) desc, periode, nip limit 20",
        [],
    )
    kode = [r["opd_kode"] or "(tanpa OPD)" for r in opd]
    grafik = {
        "grafik-biaya": chart(
            "grafik-biaya",
            pygal.Bar,
            "Ditransfer per bulan, juta rupiah: terbit dan simulasi (angka tepat di tabel)",
            [r["periode"] for r in bulan],
            {
                "Terbit": [juta(r["biaya_lama"]) for r in bulan],
                "Simulasi": [juta(r["biaya_baru"]) for r in bulan],
            },
        ),
        "grafik-selisih-opd": chart(
            "grafik-selisih-opd",
            pygal.HorizontalBar,
            "Selisih biaya per OPD, semua bulan, juta rupiah",
            kode,
            {"Selisih": [juta(r["selisih_biaya"]) for r in opd]},
        ),
        "grafik-naik-turun": chart(
            "grafik-naik-turun",
            pygal.HorizontalStackedBar,
            "Baris yang naik dan turun per OPD, semua bulan",
            kode,
            {"Naik": [r["jumlah_naik"] for r in opd], "Turun": [r["jumlah_turun"] for r in opd]},
        ),
        "grafik-predikat": chart(
            "grafik-predikat",
            pygal.Bar,
            "Sebaran predikat, semua bulan: terbit dan simulasi",
            [r["predikat"] for r in sebaran],
            {"Terbit": [r["lama"] for r in sebaran], "Simulasi": [r["baru"] for r in sebaran]},
        ),
    }
    total = {
        k: sum(r[k] for r in bulan)
        for k in (
            "biaya_lama",
            "biaya_baru",
            "selisih_biaya",
            "jumlah_naik",
            "jumlah_turun",
            "predikat_berubah",
            "jumlah_asn",
        )
    }
    return (
        environment()
        .get_template("simulasi.html.j2")
        .render(
            nama=name,
            periode=manifest["periode"],
            perubahan=changes,
            bulan=bulan,
            opd=opd,
            geser=geser,
            bergerak=bergerak,
            total=total,
            grafik=grafik,
            manifest=manifest,
        )
    )


def _same(old: str | None, new: str | None) -> bool:
    """0.5 and 0.50 are the same rule value; text compares as text."""
    try:
        return Decimal(old) == Decimal(new)
    except (TypeError, ArithmeticError):
        return old == new


def _changes(overlays: dict[str, pl.DataFrame], periods: list[str]) -> list[dict]:
    """Each row of the file beside the seed row it replaces in the first month it covers."""
    out = []
    for seed, part in overlays.items():
        key = rules.keys()[seed]
        for row in part.drop("_baris").iter_rows(named=True):
            since = row["berlaku_mulai"]
            month = next((p for p in periods if f"{p}-01" >= since), since[:7])
            before = rules.in_force(seed, month)
            for column in key:
                before = before.filter(pl.col(column).eq_missing(row[column]))
            old = before.row(0, named=True) if before.height else {}
            out.append(
                {
                    "seed": seed,
                    "kunci": ", ".join(f"{c}={row[c] if row[c] is not None else '(kosong)'}" for c in key)
                    or "(satu baris)",
                    "sejak": since,
                    "nilai": [
                        (c, old.get(c), row[c], not _same(old.get(c), row[c]))
                        for c in row
                        if c not in (*key, "berlaku_mulai", "_baris")
                    ],
                }
            )
    return out


# ---------------------------------------------------------------- the whole


def simulate(
    settings: Settings,
    periods: list[str],
    rule_file: Path,
    name: str | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> Result:
    """Recompute the published months (consecutive, oldest first) with the file's rule
    rows laid over the rules in force, compare, and write `<exports>/simulasi/<name>/`."""
    if name is None:  # the file's name, made a folder name
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", rule_file.stem).strip("-.")[:64] or "simulasi"
    if not NAME.fullmatch(name):
        raise SimulationError(
            f"--nama {name!r}: use letters, digits, '.', '_' or '-' (up to 64, starting with a letter or digit)."
        )
    first_day = f"{periods[0]}-01"
    data = read_rule_file(rule_file)
    overlays = parse_rule_file(data, rule_file.name, first_day)
    warnings = _warnings(rule_file.name, overlays, periods)
    laid = {
        seed: overlay(rules.seed_rows(seed), part.drop("_baris"), rules.keys()[seed], first_day)
        for seed, part in overlays.items()
    }
    folder = settings.export_dir / "simulasi" / name
    staging = folder.with_name(f".{name}.baru")
    permissions.make_folder(folder.parent)  # before the work: an export root that cannot be written says so now
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        with tempfile.TemporaryDirectory(prefix="tpp-simulasi-") as scratch_dir:  # owner-only (mkdtemp)
            scratch = Path(scratch_dir)
            database = scratch / "scratch.duckdb"  # not "simulasi": the schema of the comparison
            say(f"Copying {', '.join(periods)} from {settings.warehouse} (read-only) …")
            with duckdb.connect(str(database), config=duckdb_config()) as con:
                published = _copy_months(con, settings.warehouse, periods)
            project = _project(scratch, laid)
            for i, periode in enumerate(periods, start=1):
                say(f"[{i}/{len(periods)}] computing {periode} with the simulated rules …")
                _dbt_build(project, database, periode)
            say("Comparing with the published months …")
            with duckdb.connect(str(database), config=duckdb_config()) as con:
                for table in MARTS:  # a mart published before it existed: compared with nothing
                    con.execute(f"create table if not exists terbit.{table} as select * from candidate.{table} limit 0")
                con.execute(PUBLISHED_BEFORE_POOL + COMPARISON)
                _write_outputs(con, staging)
                (staging / "aturan.csv").write_bytes(data)
                manifest = {
                    "nama": name,
                    "periode": periods,
                    "aturan": {"berkas": rule_file.name, "sha256": hashlib.sha256(data).hexdigest()},
                    "terbit_pada": published,  # the publication each month is compared with
                    "warehouse": str(settings.warehouse),
                    "peringatan": warnings,
                    "output": {p.name: sha256(p) for p in sorted(staging.iterdir())},
                }
                bulan = rows(con, "select * from simulasi.bulan order by periode", [])
                page = _page(con, name, bulan, _changes(overlays, periods), manifest)
                (staging / "simulasi.html").write_text(page, encoding="utf-8")
                (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        _replace(folder, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # nothing half-written stays behind
        raise
    return Result(folder, bulan, warnings)


def _warnings(file_name: str, overlays: dict[str, pl.DataFrame], periods: list[str]) -> list[str]:
    """Rows that are taken but may not do what was meant: said, not refused."""
    found = []
    for seed, part in overlays.items():
        for row in new_keys(seed, part).iter_rows(named=True):
            found.append(
                f"{file_name} line {row['_baris']}: {seed} "
                + ", ".join(f"{c}={row[c]}" for c in rules.keys()[seed])
                + " is a new row of the table (no seed row has that key); it counts only where the rules look it up"
            )
        for row in part.filter(pl.col("berlaku_mulai") > f"{periods[-1]}-01").iter_rows(named=True):
            found.append(
                f"{file_name} line {row['_baris']}: {seed} in force from {row['berlaku_mulai']}, "
                f"after the last simulated month {periods[-1]}: it changes nothing here"
            )
    return found


def _replace(folder: Path, staging: Path) -> None:
    """The simulation's folder as a whole: the old one moves aside, the new one takes its
    name, the old one goes — a reader never sees a mix of two simulations."""
    aside = folder.with_name(f".{folder.name}.lama")
    shutil.rmtree(aside, ignore_errors=True)
    if folder.exists():
        folder.rename(aside)
    staging.rename(folder)
    shutil.rmtree(aside, ignore_errors=True)
