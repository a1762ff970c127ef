"""A run killed in the middle of dbt, and two runs started at once on one warehouse."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from handmade import PERIODE, add_handmade_asn

pytestmark = pytest.mark.slow
TPP = str(Path(sys.executable).parent / "tpp")


def tpp_run(landing, warehouse, exports):
    return subprocess.Popen(
        [
            TPP,
            "run",
            "--period",
            PERIODE,
            "--landing",
            str(landing),
            "--warehouse",
            str(warehouse),
            "--exports",
            str(exports),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def pay_table(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select * from marts.fct_tpp where periode = ? order by nip", [PERIODE]).fetchall()


@pytest.fixture(scope="module")
def landing(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("landing")
    (root / PERIODE).mkdir()
    add_handmade_asn(root / PERIODE)
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory, landing):
    root = tmp_path_factory.mktemp("reference")
    proc = tpp_run(landing, root / "tpp.duckdb", root / "exports")
    output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output
    return pay_table(root / "tpp.duckdb")


def test_a_run_killed_during_dbt_is_completed_by_the_next_run(tmp_path, landing, reference):
    warehouse = tmp_path / "wh" / "tpp.duckdb"
    log = warehouse.parent / "logs" / f"dbt-{PERIODE}.log"
    proc = tpp_run(landing, warehouse, tmp_path / "exports")
    deadline = time.monotonic() + 300
    # wait until dbt is building the intermediate models, then kill the whole process group
    while "intermediate.int_hari_asn" not in (log.read_text() if log.exists() else ""):
        assert proc.poll() is None, "the run ended before dbt reached the intermediate models"
        assert time.monotonic() < deadline, "dbt never started"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert not (tmp_path / "exports" / PERIODE / "manifest.json").exists()  # nothing published

    again = tpp_run(landing, warehouse, tmp_path / "exports")
    output, _ = again.communicate(timeout=600)
    assert again.returncode == 0, output
    assert pay_table(warehouse) == reference


def test_two_runs_at_once_one_computes_the_other_is_refused_clearly(tmp_path, landing, reference):
    warehouse = tmp_path / "tpp.duckdb"
    first = tpp_run(landing, warehouse, tmp_path / "exports")
    second = tpp_run(landing, warehouse, tmp_path / "exports")
    results = [p.communicate(timeout=600) for p in (first, second)]
    codes = sorted(p.returncode for p in (first, second))
    outputs = [out for out, _ in results]
    assert codes == [0, 1], outputs
    refused = next(out for p, out in zip((first, second), outputs, strict=False) if p.returncode == 1)
    assert "is being written by another run" in refused and "Traceback" not in refused
    assert pay_table(warehouse) == reference  # the warehouse is intact and complete
