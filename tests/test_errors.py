"""Errors a person can read (issue 7): each fault an operator meets is one line, printed
as it is (never read as Rich markup), with exit status 2 for a usage error and 1 for a
failure, and never a traceback. Run through the installed `tpp` command, as operators do."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clone import copy_repository

from pipelines.generate import generate_month
from pipelines.resources import RUN_TARGETS

BIN = Path(sys.executable).parent
PERIODE = "2026-10"


def tpp(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(BIN / "tpp")] if cwd is None else [sys.executable, "-c", "from pipelines.cli import app; app()"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=900, cwd=cwd, env={**os.environ, **(env or {})}
    )


def one_line(result: subprocess.CompletedProcess) -> str:
    """The whole output of a run stopped before it started: exactly one line, on stderr."""
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    return result.stderr.strip()


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("landing")
    generate_month(PERIODE, root, n_asn=40, seed=11)
    return root


def paths(tmp: Path, landing: Path) -> list[str]:
    return ["--landing", str(landing), "--warehouse", str(tmp / "wh" / "tpp.duckdb"), "--exports", str(tmp / "x")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "--period", "2026-13"], "--period must be YYYY-MM (got '2026-13')."),
        (["run", "--period", "2023-12"], "2023-12 is before the first period: periods start at 2024-01."),
        (
            ["run", "--from", "2023-11", "--to", "2024-02"],
            "2023-11 is before the first period: periods start at 2024-01.",
        ),
        (["run", "--period", "2999-01"], "2999-01 has not ended yet: the last period that can be computed is "),
        (["demo", "--period", "2999-01", "--asn", "10"], "2999-01 has not ended yet"),
        (["run", "--from", "2026-10", "--to", "2026-09"], "--from 2026-10 is after --to 2026-09."),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, message):
    result = tpp(*args)
    assert result.returncode == 2
    assert one_line(result).startswith(message)


def test_a_landing_folder_that_is_a_file(tmp_path):
    landing = tmp_path / "[b]landing[red]"  # Rich markup in a path is printed as it is
    landing.mkdir()
    (landing / PERIODE).write_text("not a folder")
    result = tpp("run", "--period", PERIODE, *paths(tmp_path, landing))
    assert result.returncode == 1
    assert (
        one_line(result)
        == f"Period {PERIODE} was not computed: the landing folder {landing / PERIODE} is a file, not a folder."
    )


def test_a_landing_root_that_is_a_file_and_a_missing_landing_folder(tmp_path):
    root = tmp_path / "landing"
    root.write_text("")
    result = tpp("run", "--period", PERIODE, *paths(tmp_path, root))
    assert result.returncode == 1
    assert one_line(result).endswith(f"the landing root {root} is a file, not a folder.")
    root.unlink()
    root.mkdir()
    result = tpp("run", "--period", PERIODE, *paths(tmp_path, root))
    assert result.returncode == 1
    assert one_line(result).endswith(f"no landing folder: {root / PERIODE} does not exist.")


def test_a_warehouse_locked_by_another_program(tmp_path, landing):
    warehouse = tmp_path / "wh" / "tpp.duckdb"
    warehouse.parent.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(warehouse)!r}); print('open', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = tpp("run", "--period", PERIODE, *paths(tmp_path, landing))
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert one_line(result) == (
        f"Period {PERIODE} was not computed: The warehouse {warehouse} is open in another process (a run, or a "
        "DuckDB session reading it); close it or wait for it to finish and try again."
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of the repository whose dbt project the tests break."""
    return copy_repository(tmp_path_factory.mktemp("clone") / "repo")


@pytest.mark.slow
def test_a_failed_dbt_step_and_a_dbt_project_that_does_not_parse(copy, tmp_path, landing):
    model = copy / "dbt_project" / "models" / "intermediate" / "int_hukuman_aktif.sql"
    original = model.read_text()
    env = {"PYTHONPATH": str(copy)}
    # a model that parses but fails in the warehouse: dbt's own reason, no Dagster step chatter
    model.write_text(original.replace("max(persen_potongan) as persen_hukdis", "max(persen_potong) as persen_hukdis"))
    result = tpp("run", "--period", PERIODE, *paths(tmp_path, landing), env=env, cwd=copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Not executing" not in result.stderr and "not executed" not in result.stderr
    failure = [line for line in result.stderr.splitlines() if line.startswith(f"Period {PERIODE} was not computed")]
    assert len(failure) == 1
    assert failure[0].startswith(
        f"Period {PERIODE} was not computed: tpp_dbt_assets: dbt build failed: "
        "int_hukuman_aktif: Runtime Error in model int_hukuman_aktif"
    )
    assert "persen_potong" in failure[0]
    # a model dbt cannot parse: one line naming the project and dbt's reason
    model.write_text(original + "\n{% if %}\n")
    result = tpp("run", "--period", PERIODE, *paths(tmp_path, landing), env=env, cwd=copy)
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"Period {PERIODE} was not computed: dbt cannot read the project {copy / 'dbt_project'}: ")
    assert "int_hukuman_aktif" in line


@pytest.mark.slow
def test_ctrl_c_while_dbt_runs_stops_dbt_and_the_month_can_be_run_again(tmp_path, landing):
    started = time.time()
    run = subprocess.Popen(
        [str(BIN / "tpp"), "run", "--period", PERIODE, *paths(tmp_path, landing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        log = None
        while log is None or "Began running node" not in log.read_text():  # dbt runs its models
            assert run.poll() is None, run.communicate()
            time.sleep(0.05)
            folders = [f for f in RUN_TARGETS.glob("*") if f.stat().st_mtime >= started]
            log = (folders[0] / "dbt.log") if len(folders) == 1 and (folders[0] / "dbt.log").exists() else None
        run.send_signal(signal.SIGINT)
        stdout, stderr = run.communicate(timeout=120)
    finally:
        run.kill()
    assert run.returncode == 1 and "Traceback" not in stderr
    assert f"Period {PERIODE} was not computed: tpp_dbt_assets: interrupted: the run was stopped" in stderr
    # dbt itself stopped (its own Ctrl-C path), not the run around it alone
    assert "Exited because of keyboard interrupt" in log.read_text()
    again = tpp("run", "--period", PERIODE, *paths(tmp_path, landing))
    assert again.returncode == 0, again.stderr
