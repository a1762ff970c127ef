"""A pay table that breaks the fct_tpp suite never leaves the warehouse, and the Data
Docs page tells the auditor which expectation failed."""

import json

import dagster as dg
import duckdb
import pytest

from handmade import NIP_A, PERIODE, add_handmade_asn
from pipelines.pipeline import _failure_messages, run_period
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


def test_broken_pay_row_stops_the_export_and_data_docs_name_the_expectation(exported):
    settings = exported
    folder = settings.export_dir / PERIODE
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with duckdb.connect(str(settings.warehouse)) as con:  # a broken pay row: negative amount
        con.execute("update marts.fct_tpp set tpp_bruto = -5 where periode = ? and nip = ?", [PERIODE, NIP_A])

    # the fct_tpp suite and the export, as the monthly job runs them after dbt
    from pipelines.definitions import build_definitions

    gate = dg.define_asset_job(
        "gate", selection=dg.AssetSelection.assets(["exports", "tpp"])
        | dg.AssetSelection.checks_for_assets(dg.AssetKey(["marts", "fct_tpp"])),
        executor_def=dg.in_process_executor)
    defs = build_definitions(settings)
    job = dg.Definitions.merge(defs, dg.Definitions(jobs=[gate])).resolve_job_def("gate")
    result = job.execute_in_process(partition_key=PERIODE, instance=dg.DagsterInstance.ephemeral(),
                                    raise_on_error=False)

    assert not result.success
    messages = "\n".join(_failure_messages(result))
    assert "ge_fct_tpp failed" in messages
    assert "expect_column_values_to_be_between on tpp_bruto: 1 row(s), e.g. [-5]" in messages
    assert "expect_column_values_to_be_between on selisih_komponen" in messages
    # nothing was exported: the period's files are exactly those of the validated revision
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in folder.glob("revisi-*")) == ["revisi-1"]
    # the auditor's Data Docs show the failed validation of fct_tpp
    docs = settings.export_dir / "validasi" / "data_docs"
    pages = [p for p in (docs / "validations" / "fct_tpp").rglob("*.html")]
    failed_pages = [p.read_text() for p in pages if "Failed" in p.read_text() or "failed" in p.read_text()]
    assert failed_pages, "no Data Docs page of a failed fct_tpp validation"
    assert any("tpp_bruto" in page and "-5" in page for page in failed_pages)
    assert (docs / "index.html").exists()
    # audit.runs records the stop
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        validation = con.execute("select validation from audit.runs where periode = ? order by finished_at desc "
                                 "limit 1", [PERIODE]).fetchone()[0]
    assert validation.startswith("GAGAL: fct_tpp")


def test_validated_export_manifest_matches_the_files_and_inputs(exported):
    settings = exported
    manifest = json.loads((settings.export_dir / PERIODE / "manifest.json").read_text())
    import hashlib

    for source, entry in manifest["input"].items():
        data = (settings.landing_dir / PERIODE / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], source
        assert entry["read"] == entry["accepted"] + entry["rejected"], source
    assert manifest["validasi"] == "LULUS"
    assert manifest["total_bayar"] == 4_313_973 + 1_714_327 + 641_080  # A + B + E (test_end_to_end)
    assert manifest["total_tahan"] == 1_186_667 + 2_066_133            # C + D
