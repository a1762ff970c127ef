"""Write–audit–publish: a candidate pay table that breaks the fct_tpp suite never reaches
marts.* or the exports, the Data Docs page tells the auditor which expectation failed, and
no partial run publishes inputs whose suite did not pass."""

import json

import dagster as dg
import duckdb
import pytest
from handmade import NIP_A, PERIODE, add_handmade_asn
from materialize import PUBLISH, materialize

from pipelines.pipeline import run_period
from pipelines.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("gate")
    settings = Settings.from_env(landing=root / "landing", warehouse=root / "tpp.duckdb", exports=root / "exports")
    (settings.landing_dir / PERIODE).mkdir(parents=True)
    add_handmade_asn(settings.landing_dir / PERIODE)
    outcome = run_period(settings, PERIODE)
    assert outcome.success, outcome.errors
    return settings


def published(settings, table="marts.fct_tpp"):
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(f"select * from {table} where periode = ? order by nip", [PERIODE]).fetchall()


def test_broken_candidate_row_is_never_published_and_data_docs_name_the_expectation(exported):
    settings = exported
    folder = settings.export_dir / PERIODE
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    lines_before = published(settings)
    with duckdb.connect(str(settings.warehouse)) as con:  # a broken candidate pay row: negative amount
        con.execute("update candidate.fct_tpp set tpp_bruto = -5 where periode = ? and nip = ?", [PERIODE, NIP_A])

    # publish and export, as a data engineer materializes them from the UI after dbt
    success, report = materialize(settings, PUBLISH | dg.AssetSelection.assets(["exports", "tpp"]), PERIODE)
    assert not success
    messages = "\n".join(report.messages)
    assert "ge_fct_tpp failed" in messages
    assert "expect_column_values_to_be_between on tpp_bruto: 1 row(s)" in messages
    assert NIP_A not in messages  # the row itself only in the warehouse and the Data Docs (below)
    assert "expect_column_values_to_be_between on selisih_komponen" in messages
    assert "nothing was published (marts.* unchanged)" in messages
    # the published lines are untouched; the candidate keeps the rejected rows for the auditor
    assert published(settings) == lines_before
    assert [r for r in published(settings, "candidate.fct_tpp") if -5 in r]
    # nothing was exported: the period's files are exactly those of the validated revision
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in folder.with_name(f"{PERIODE}.revisi").glob("revisi-*")) == ["revisi-1"]
    # the auditor's Data Docs show the failed validation of fct_tpp
    docs = settings.export_dir / "validasi" / "data_docs"
    pages = [p for p in (docs / "validations" / "fct_tpp").rglob("*.html")]
    failed_pages = [p.read_text() for p in pages if "Failed" in p.read_text() or "failed" in p.read_text()]
    assert failed_pages, "no Data Docs page of a failed fct_tpp validation"
    assert any("tpp_bruto" in page and "-5" in page for page in failed_pages)
    assert (docs / "index.html").exists()
    # audit.validasi keeps the outcome
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        lulus, gagal = con.execute(
            "select lulus, gagal from audit.validasi where periode = ? and suite = 'fct_tpp' "
            "order by checked_at desc limit 1",
            [PERIODE],
        ).fetchone()
    assert not lulus and f"on tpp_bruto: 1 row(s), e.g. nip {NIP_A} (tpp_bruto=-5)" in gagal


def test_publishing_alone_refuses_inputs_whose_suite_did_not_pass(exported):
    """A partial run (publish without the input checks) must not publish what a full run
    would have stopped: the inputs' latest suites must have passed on the rows ingested last."""
    settings = exported
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(
            "update audit.validasi set lulus = false, gagal = 'on tanggal: 1 row(s), e.g. nip 196501012010011001' "
            "where periode = ? and suite = 'input_presensi'",
            [PERIODE],
        )
    lines_before = published(settings)
    success, report = materialize(settings, PUBLISH, PERIODE)
    assert not success
    messages = "\n".join(report.messages)
    assert "Not published, 2026-10: input_presensi failed on raw/presensi (audit.validasi, Data Docs)" in messages
    assert "196501012010011001" not in messages  # the example rows stay in audit.validasi
    assert published(settings) == lines_before


def test_validated_export_manifest_matches_the_files_and_inputs(exported):
    settings = exported
    manifest = json.loads((settings.export_dir / PERIODE / "manifest.json").read_text())
    import hashlib

    for source, entry in manifest["input"].items():
        data = (settings.landing_dir / PERIODE / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], source
        assert entry["read"] == entry["accepted"] + entry["rejected"], source
    assert manifest["validasi"] == "LULUS"
    # A + B + E (test_end_to_end) + H (test_explain)
    assert manifest["total_bayar"] == 4_313_973 + 1_714_327 + 641_080 + 3_211_833
    assert manifest["total_tahan"] == 1_186_667 + 2_066_133  # C + D


def test_publishing_refuses_a_candidate_older_than_the_months_inputs(exported):
    """Re-ingesting a month and publishing without rebuilding its dbt steps would publish
    lines computed from the previous inputs: refused, naming the out-of-date steps."""
    settings = exported
    lines_before = published(settings)
    reingested, _ = materialize(settings, dg.AssetSelection.assets(["raw", "presensi"]), PERIODE)  # with its check
    assert reingested
    success, report = materialize(settings, PUBLISH, PERIODE)
    assert not success
    messages = "\n".join(report.messages)
    assert "intermediate.int_hari_asn was built before the month's inputs were last ingested" in messages
    assert "candidate.fct_tpp was built before the month's inputs were last ingested" in messages
    assert published(settings) == lines_before


def _handed_over(monkeypatch) -> tuple[list, list]:
    """What the run hands Great Expectations at the end of an ingest, and what the checks take."""
    from pipelines.checks import worker

    handed, taken = [], []
    submit, collect = worker.submit, worker.collect
    monkeypatch.setattr(worker, "submit", lambda rows, task: (handed.append(rows[0]), submit(rows, task))[1])
    monkeypatch.setattr(worker, "collect", lambda rows: (taken.append(outcome := collect(rows)), outcome)[1])
    return handed, taken


def test_an_ingest_hands_its_rows_to_its_check_which_takes_that_outcome(exported, monkeypatch):
    settings = exported
    handed, taken = _handed_over(monkeypatch)
    success, _ = materialize(settings, dg.AssetSelection.assets(["raw", "presensi"]), PERIODE)  # with its check
    assert success
    assert handed == ["input_presensi"]
    assert [t.suite for t in taken] == ["input_presensi"]  # the check did not ask again
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        last = con.execute(
            "select lulus from audit.validasi where periode = ? and suite = 'input_presensi' "
            "order by checked_at desc limit 1",
            [PERIODE],
        ).fetchall()
    assert last == [(True,)]


def test_an_ingest_without_its_check_hands_nothing_over(exported, monkeypatch):
    """Nothing for Great Expectations to check that no step of the run would take."""
    handed, _ = _handed_over(monkeypatch)
    success, _ = materialize(exported, dg.AssetSelection.assets(["raw", "presensi"]).without_checks(), PERIODE)
    assert success and handed == []
