"""Rules over time: a seed row with a later berlaku_mulai applies from that month on —
in ingest's value sets, in the validation bounds and in the rule version — and leaves
earlier months as they were."""

import shutil
import subprocess

import pytest

from pipelines import rules
from pipelines.landing import NILAI_TIDAK_DIKENAL, ingest_file
from pipelines.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR
from pipelines.sources import SOURCES_BY_NAME


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """A copy of the rule seeds the test may add rows to."""
    folder = tmp_path / "seeds"
    shutil.copytree(rules.SEEDS_DIR, folder)
    monkeypatch.setattr(rules, "SEEDS_DIR", folder)
    return folder


def add_rows(seeds, seed: str, *rows: str) -> None:
    with (seeds / f"{seed}.csv").open("a", encoding="utf-8") as f:
        f.writelines(row + "\n" for row in rows)


def test_a_leave_type_from_october_is_unknown_in_september(seeds, tmp_path):
    add_rows(seeds, "jenis_izin", "cuti_bersama_daerah,true,true,0,2026-10-01")
    for periode, rejected in (("2026-09", [NILAI_TIDAK_DIKENAL]), ("2026-10", [])):
        folder = tmp_path / periode
        folder.mkdir()
        (folder / "izin.csv").write_text(
            "nip,jenis,tanggal_mulai,tanggal_selesai,nomor_dokumen\n"
            f"196501012010011001,cuti_bersama_daerah,{periode}-05,{periode}-05,CB-1\n",
            encoding="utf-8",
        )
        result = ingest_file(SOURCES_BY_NAME["izin"], folder, periode)
        assert result.rejected["reason"].to_list() == rejected, periode
        assert result.accepted.height == 1 - len(rejected), periode


def test_validation_bounds_follow_the_rows_in_force(seeds):
    add_rows(
        seeds,
        "parameter_tpp",
        "batas_skor_kinerja,130,batas atas skor kinerja,2026-10-01",
        "batas_capaian,150,batas atas capaian per indikator,2026-10-01",
    )
    add_rows(seeds, "poin_inovasi", "nasional,12.5,2026-10-01")
    add_rows(seeds, "predikat_kinerja", "Istimewa,125,2026-10-01")
    september, october = rules.validation_bounds("2026-09"), rules.validation_bounds("2026-10")
    assert (september["batas_skor_kinerja"], september["batas_capaian"], september["bonus_maks"]) == (120, 120, 10)
    assert (october["batas_skor_kinerja"], october["batas_capaian"], october["bonus_maks"]) == (130, 150, 12.5)
    assert "Istimewa" not in september["predikat"] and "Istimewa" in october["predikat"]


def test_the_rule_version_of_a_month_changes_only_with_its_rows_in_force(seeds):
    before = {p: rules.rule_version(p) for p in ("2026-09", "2026-10")}
    add_rows(seeds, "parameter_tpp", "porsi_disiplin,0.30,porsi pagu untuk komponen disiplin,2026-10-01")
    assert rules.rule_version("2026-09") == before["2026-09"]
    assert rules.rule_version("2026-10") != before["2026-10"]
    assert (
        rules.parameter("porsi_disiplin", "2026-09")
        == rules.parameter("porsi_disiplin", "2024-01")
        != rules.parameter("porsi_disiplin", "2026-10")
    )


def test_dbt_by_hand_without_the_month_refuses_before_writing(tmp_path):
    warehouse = tmp_path / "tpp.duckdb"
    proc = subprocess.run(
        [
            DBT_EXECUTABLE,
            "build",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        env={**__import__("os").environ, "TPP_WAREHOUSE": str(warehouse)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode != 0
    assert "dbt needs the month to compute: --vars '{periode: YYYY-MM}'" in proc.stdout
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:  # not even the rule seeds were loaded
        assert con.execute(
            "select count(*) from information_schema.tables where table_schema <> 'main'"
        ).fetchone() == (0,)
