"""A warehouse that many months share: every month stays exactly as a clean run of that
month left it, whatever is re-materialized for another month, from the CLI (a range of
months), from Dagster (single assets, as in the UI) or from a backfill run by the daemon.
Failed runs are recorded in audit.runs like successful ones."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from handmade import add_handmade_asn
from materialize import PUBLISH, materialize
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.generate import generate_month
from pipelines.pipeline import run_period
from pipelines.sensors import FINISHED
from pipelines.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
MONTHS = ("2026-09", "2026-10")
BIN = Path(sys.executable).parent


def settings_in(root: Path, landing: Path) -> Settings:
    return Settings.from_env(landing=landing, warehouse=root / "wh" / "tpp.duckdb", exports=root / "exports")


def month_tables(settings: Settings) -> list[str]:
    """Every warehouse table that carries periode, but the raw inputs (they hold load times)."""
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return [
            f"{schema}.{table}"
            for schema, table in con.execute(
                "select c.table_schema, c.table_name from information_schema.columns c join information_schema.tables t "
                "using (table_schema, table_name) where c.column_name = 'periode' and t.table_type = 'BASE TABLE' "
                "and c.table_schema in ('intermediate', 'candidate', 'marts') order by all"
            ).fetchall()
        ]


def snapshot(settings: Settings, periode: str) -> dict[str, list]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return {
            table: con.execute(f"select * from {table} where periode = ? order by all", [periode]).fetchall()
            for table in month_tables(settings)
        }


@pytest.fixture(scope="module")
def landing(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("landing")
    for i, periode in enumerate(MONTHS):
        generate_month(periode, root, n_asn=200, seed=11 + i)
    add_handmade_asn(root / "2026-10")
    return root


@pytest.fixture(scope="module")
def references(tmp_path_factory, landing):
    """Each month computed alone, in a warehouse of its own."""
    refs = {}
    for periode in MONTHS:
        settings = settings_in(tmp_path_factory.mktemp(f"ref-{periode}"), landing)
        outcome = run_period(settings, periode)
        assert outcome.success, outcome.errors
        refs[periode] = snapshot(settings, periode)
        assert len(refs[periode]) == 11 + 5 + 5  # intermediate, candidate and published marts
    return refs


def test_reference_covers_every_step(references):
    tables = set(references["2026-09"])
    assert {
        "marts.fct_tpp",
        "marts.fct_tpp_rincian",
        "marts.fct_kinerja_asn",
        "candidate.fct_tpp",
        "intermediate.int_hari_asn",
        "intermediate.int_capaian_indikator",
    } <= tables
    # every step has rows, but those a generated month may leave empty (no innovation bonus,
    # no sanction, no rejected employee row)
    sparse = ("bonus", "hukuman", "ditolak")
    assert all(references["2026-09"][t] for t in tables if not any(s in t for s in sparse))


def test_cli_range_then_single_assets_of_the_earlier_month_leave_both_months_as_clean_runs(
    tmp_path, landing, references
):
    settings = settings_in(tmp_path, landing)
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--from",
            MONTHS[0],
            "--to",
            MONTHS[1],
            "--landing",
            str(landing),
            "--warehouse",
            str(settings.warehouse),
            "--exports",
            str(settings.export_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "[1/2] 2026-09" in result.output and "[2/2] 2026-10" in result.output
    for periode in MONTHS:
        assert snapshot(settings, periode) == references[periode], periode

    # the pay table alone (its dbt model, the §8 check and the §10 pool that read it,
    # and their publication), then one intermediate model alone
    pay_table = (
        dg.AssetSelection.assets(
            ["candidate", "fct_tpp"], ["candidate", "fct_distribusi_predikat"], ["candidate", "fct_insentif_opd"]
        )
        | PUBLISH
    )
    selections = (
        (pay_table, {"candidate.fct_tpp", "candidate.fct_distribusi_predikat", "candidate.fct_insentif_opd"}),
        (dg.AssetSelection.assets(["intermediate", "int_hari_asn"]), {"intermediate.int_hari_asn"}),
    )
    for selection, models in selections:
        before = dbt_builds(settings)
        assert materialize(settings, selection, MONTHS[0])[0]
        # dbt built the selected models, for that month, and nothing else
        assert {(model, month) for model, month, _ in dbt_builds(settings) - before} == {(m, MONTHS[0]) for m in models}
        for periode in MONTHS:
            assert snapshot(settings, periode) == references[periode], (periode, selection)


def dbt_builds(settings: Settings) -> set[tuple]:
    """(model, month, time) of every dbt build recorded (macro record_build)."""
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return set(con.execute("select model, periode, built_at from audit.dbt_builds").fetchall())


def test_failed_ingest_and_failed_dbt_runs_are_recorded(tmp_path, landing):
    broken_landing = tmp_path / "landing"
    shutil.copytree(landing / MONTHS[0], broken_landing / MONTHS[0])
    (broken_landing / MONTHS[0] / "presensi.csv").unlink()
    settings = settings_in(tmp_path, broken_landing)
    ingest = run_period(settings, MONTHS[0])
    assert not ingest.success

    # dbt fails: the month's intermediate table exists with a column dbt cannot fill
    shutil.copy(landing / MONTHS[0] / "presensi.csv", broken_landing / MONTHS[0] / "presensi.csv")
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(
            "create schema intermediate; create table intermediate.int_kalender_kerja "
            "(periode varchar, jadwal_kerja varchar, tanggal date, jam_mulai time, jam_selesai date)"
        )
    dbt = run_period(settings, MONTHS[0])
    assert not dbt.success

    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            "select run_id, status, langkah_gagal, pesan, sumber, total_bayar, validation "
            "from audit.runs where periode = ? order by finished_at",
            [MONTHS[0]],
        ).fetchall()
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        (ingest.run_id, "GAGAL", "raw__presensi", "cli"),
        (dbt.run_id, "GAGAL", "tpp_dbt_assets", "cli"),
    ]
    assert "required file presensi.csv/.xlsx/.parquet is missing" in rows[0][3]
    assert "int_kalender_kerja" in rows[1][3] or "dbt" in rows[1][3]
    assert rows[0][5] is None and rows[1][5] is None  # nothing was published by either
    assert rows[1][6] == "LULUS"  # the input suites ran and passed before dbt failed


@pytest.fixture
def daemon_home(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "pipelines" / "dagster.yaml", home / "dagster.yaml")
    return home


def test_backfill_of_two_months_through_the_daemon_is_published_and_recorded(
    tmp_path, landing, references, daemon_home
):
    """What the UI's "Launch backfill" does: a backfill of the monthly job, its runs queued
    and launched one at a time by the daemon, each recorded by the sensor audit_runs."""
    settings = settings_in(tmp_path, landing)
    env = {
        **os.environ,
        "DAGSTER_HOME": str(daemon_home),
        "TPP_LANDING_DIR": str(landing),
        "TPP_WAREHOUSE": str(settings.warehouse),
        "TPP_EXPORT_DIR": str(settings.export_dir),
    }
    workspace = ["-w", str(PROJECT_ROOT / "workspace.yaml")]
    launched = subprocess.run(
        [
            str(BIN / "dagster"),
            "job",
            "backfill",
            *workspace,
            "-j",
            "tpp_bulanan",
            "--from",
            MONTHS[0],
            "--to",
            MONTHS[1],
            "--noprompt",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert launched.returncode == 0, launched.stdout + launched.stderr
    daemon = subprocess.Popen(
        [str(BIN / "dagster-daemon"), "run", *workspace],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 900
        with dg.DagsterInstance.from_config(str(daemon_home)) as instance:
            # the warehouse is not opened while runs write it (a reader blocks DuckDB's one writer)
            while len(instance.get_run_records(dg.RunsFilter(statuses=FINISHED))) < 2:
                assert daemon.poll() is None, "the daemon stopped"
                assert time.monotonic() < deadline, "the backfill's runs did not finish in time"
                time.sleep(5)
        recorded = []
        while len(recorded) < 2:  # the sensor records them at its next ticks
            assert time.monotonic() < deadline, f"the runs were not recorded in time: {recorded}"
            time.sleep(5)
            try:
                with duckdb.connect(str(settings.warehouse), read_only=True) as con:
                    recorded = con.execute("select periode, status, sumber from audit.runs order by periode").fetchall()
            except (duckdb.IOException, duckdb.CatalogException):
                continue  # the sensor is writing, or has not written yet
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=60)
    assert [(p, s) for p, s, _ in recorded] == [(MONTHS[0], "BERHASIL"), (MONTHS[1], "BERHASIL")]
    assert all(sumber.startswith("backfill ") for *_, sumber in recorded)
    for periode in MONTHS:
        assert snapshot(settings, periode) == references[periode], periode
        assert json.loads((settings.export_dir / periode / "manifest.json").read_text())["validasi"] == "LULUS"
