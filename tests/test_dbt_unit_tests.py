"""dbt unit tests (the YAML `unit_tests:` next to the models): every rule at its
boundaries with hand-worked expectations. They need the upstream relations to exist,
so they run with `dbt build --empty` on an empty warehouse (all models built with no
rows, seeds loaded, unit tests executed)."""

import json
import subprocess

import duckdb
import pytest

from pipelines.landing import empty_ingest
from pipelines.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR
from pipelines.sources import SOURCES
from pipelines.warehouse import write_ingested

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def unit_test_results(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("dbt_unit")
    warehouse = root / "tpp.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        for source in SOURCES:
            write_ingested(con, empty_ingest(source), "2026-10")
    proc = subprocess.run(
        [
            DBT_EXECUTABLE,
            "build",
            "--empty",
            "--vars",
            '{"periode": "2026-10"}',
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(root / "target"),
            "--log-path",
            str(root / "logs"),
        ],
        env={**__import__("os").environ, "TPP_WAREHOUSE": str(warehouse)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    return proc, results


def test_every_dbt_unit_test_passes(unit_test_results):
    proc, results = unit_test_results
    unit = [r for r in results if r["unique_id"].startswith("unit_test.")]
    failed = [f"{r['unique_id']}: {r['message']}" for r in unit if r["status"] != "pass"]
    assert not failed, "\n".join(failed)
    # the rule-boundary suite must actually be there (a deleted YAML must not pass silently)
    assert len(unit) >= 25, f"only {len(unit)} dbt unit tests ran"
    tested = {r["unique_id"].split(".")[2] for r in unit}
    assert {
        "int_pelanggaran_disiplin",
        "int_kalender_kerja",
        "int_izin_harian",
        "int_ikm_unit",
        "int_bonus_inovasi",
        "int_hukuman_aktif",
        "int_capaian_indikator",
        "fct_tpp",
    } <= tested
    assert proc.returncode == 0, proc.stdout[-3000:]
