"""Exports: revisions, differences, spreadsheet safety, XLSX layout (contracts.md §3)."""

import json
import zipfile
from decimal import Decimal

import polars as pl
import pytest

from pipelines.exports import neutralise, publish, sha256

PERIODE = "2026-10"
BASE = {"code_version": "test", "rule_version": "rules-test", "validasi": "LULUS",
        "input": {"pegawai": {"file": "pegawai.csv", "sha256": "a" * 64, "read": 3, "accepted": 3, "rejected": 0}}}


def pay_table(bruto=(1_000_000, 2_000_000, 500_000), status=("BAYAR", "BAYAR", "TAHAN"), nama="Budi"):
    n = len(bruto)
    return pl.DataFrame({
        "periode": [PERIODE] * n,
        "nip": [f"19900101201503100{i}" for i in range(1, n + 1)],
        "nama": [nama, "Siti", "Ujang"][:n],
        "opd_kode": ["DINKES", "DINKES", "DISDIKBUD"][:n],
        "skor_kinerja": pl.Series([Decimal("97.9777777778")] * n, dtype=pl.Decimal(38, 10)),
        "tpp_bruto": list(bruto),
        "status": list(status),
        "alasan_tahan": [None if s == "BAYAR" else "TANPA_TARGET" for s in status],
    })


def test_first_export_is_revision_1_with_a_manifest_of_hashes(tmp_path):
    published = publish(pay_table(), PERIODE, tmp_path, BASE)
    folder = tmp_path / PERIODE
    assert (published.revisi, published.new_revision) == (1, True)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["revisi"] == 1 and manifest["input"] == BASE["input"]
    assert set(manifest["output"]) == {"tpp.parquet", "tpp.csv", "tpp.xlsx"}
    for name, digest in manifest["output"].items():
        assert sha256(folder / name) == digest == sha256(folder / "revisi-1" / name)


def test_same_inputs_and_results_reproduce_the_bytes_and_add_no_revision(tmp_path):
    publish(pay_table(), PERIODE, tmp_path, BASE)
    before = {p.name: p.read_bytes() for p in (tmp_path / PERIODE).iterdir() if p.is_file()}
    again = publish(pay_table(), PERIODE, tmp_path, BASE)
    after = {p.name: p.read_bytes() for p in (tmp_path / PERIODE).iterdir() if p.is_file()}
    assert (again.revisi, again.new_revision) == (1, False)
    assert after == before
    assert sorted(p.name for p in (tmp_path / PERIODE).glob("revisi-*")) == ["revisi-1"]


def test_corrected_inputs_publish_revision_2_with_the_differences(tmp_path):
    publish(pay_table(), PERIODE, tmp_path, BASE)
    rev1 = (tmp_path / PERIODE / "revisi-1" / "tpp.csv").read_bytes()
    corrected = {**BASE, "input": {"pegawai": {**BASE["input"]["pegawai"], "sha256": "b" * 64}}}
    # Budi's pay rises by 42,300; Ujang's held line is released (paid 0 → 500,000)
    published = publish(pay_table(bruto=(1_042_300, 2_000_000, 500_000), status=("BAYAR", "BAYAR", "BAYAR")),
                        PERIODE, tmp_path, corrected)
    assert (published.revisi, published.new_revision) == (2, True)
    assert (tmp_path / PERIODE / "revisi-1" / "tpp.csv").read_bytes() == rev1  # revision 1 stays readable
    selisih = pl.read_csv(tmp_path / PERIODE / "selisih.csv", infer_schema=False)
    assert selisih.select("nama", "dibayar_lama", "dibayar_baru", "selisih").rows() == [
        ("Budi", "1000000", "1042300", "42300"),
        ("Siti", "2000000", "2000000", "0"),
        ("Ujang", "0", "500000", "500000"),
    ]
    manifest = json.loads((tmp_path / PERIODE / "manifest.json").read_text())
    assert (manifest["revisi"], manifest["revisi_sebelumnya"]) == (2, 1)
    assert "selisih.csv" in manifest["output"]


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+62811", "-1+1", "@SUM(A1)", "\tcmd"])
def test_cells_a_spreadsheet_would_execute_are_neutralised(tmp_path, text):
    assert neutralise(pl.DataFrame({"nama": [text, "Budi"]}))["nama"].to_list() == ["'" + text, "Budi"]
    publish(pay_table(nama=text), PERIODE, tmp_path, BASE)
    csv_names = pl.read_csv(tmp_path / PERIODE / "tpp.csv", infer_schema=False)["nama"].to_list()
    assert csv_names[0] == "'" + text
    assert pl.read_parquet(tmp_path / PERIODE / "tpp.parquet")["nama"][0] == text  # data file keeps the value
    with zipfile.ZipFile(tmp_path / PERIODE / "tpp.xlsx") as book:
        sheets = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets  # no formula anywhere
    cell = pl.read_excel(tmp_path / PERIODE / "tpp.xlsx", sheet_name="DINKES")["Nama"][0]
    assert cell == "'" + text


def test_xlsx_has_a_summary_and_one_sheet_per_opd_with_frozen_indonesian_headers(tmp_path):
    publish(pay_table(), PERIODE, tmp_path, BASE)
    book = tmp_path / PERIODE / "tpp.xlsx"
    sheets = pl.read_excel(book, sheet_id=0)
    assert list(sheets) == ["Ringkasan", "DINKES", "DISDIKBUD"]
    assert sheets["DINKES"].columns[:4] == ["Periode", "NIP", "Nama", "Kode OPD"]
    assert sheets["DINKES"]["TPP Bruto"].to_list() == [1_000_000, 2_000_000]
    summary = sheets["Ringkasan"]
    assert summary.row(-1) == ("JUMLAH", 3, 2, 3_000_000, 1, 500_000)
    with zipfile.ZipFile(book) as z:
        first_sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert 'state="frozen"' in first_sheet and 'ySplit="1"' in first_sheet
