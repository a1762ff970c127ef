"""Exports: revisions, differences, spreadsheet safety, XLSX layout (contracts.md §3)."""

import html
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from xlsxwriter.utility import xl_col_to_name

from pipelines import exports, workbook
from pipelines.exports import neutralise, publish, sha256

PERIODE = "2026-10"
BASE = {
    "code_version": "test",
    "rule_version": "rules-test",
    "validasi": "LULUS",
    "input": {"pegawai": {"file": "pegawai.csv", "sha256": "a" * 64, "read": 3, "accepted": 3, "rejected": 0}},
}


def pay_table(bruto=(1_000_000, 2_000_000, 500_000), status=("BAYAR", "BAYAR", "TAHAN"), nama="Budi"):
    n = len(bruto)
    return pl.DataFrame(
        {
            "periode": [PERIODE] * n,
            "nip": [f"19900101201503100{i}" for i in range(1, n + 1)],
            "nama": [nama, "Siti", "Ujang"][:n],
            "opd_kode": ["DINKES", "DINKES", "DISDIKBUD"][:n],
            "skor_kinerja": pl.Series([Decimal("97.9777777778")] * n, dtype=pl.Decimal(38, 10)),
            "tpp_bruto": list(bruto),
            "status": list(status),
            "alasan_tahan": [None if s == "BAYAR" else "TANPA_TARGET" for s in status],
        }
    )


def test_first_export_is_revision_1_with_a_manifest_of_hashes(tmp_path):
    published = publish(pay_table(), PERIODE, tmp_path, BASE)
    folder = tmp_path / PERIODE
    assert (published.revisi, published.new_revision) == (1, True)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["revisi"] == 1 and manifest["input"] == BASE["input"]
    assert set(manifest["output"]) == {"tpp.parquet", "tpp.csv", "tpp.xlsx"}
    for name, digest in manifest["output"].items():
        assert sha256(folder / name) == digest == sha256(tmp_path / f"{PERIODE}.revisi" / "revisi-1" / name)


def test_same_inputs_and_results_reproduce_the_bytes_and_add_no_revision(tmp_path):
    publish(pay_table(), PERIODE, tmp_path, BASE)
    before = {p.name: p.read_bytes() for p in (tmp_path / PERIODE).iterdir() if p.is_file()}
    again = publish(pay_table(), PERIODE, tmp_path, BASE)
    after = {p.name: p.read_bytes() for p in (tmp_path / PERIODE).iterdir() if p.is_file()}
    assert (again.revisi, again.new_revision) == (1, False)
    assert after == before
    assert sorted(p.name for p in (tmp_path / f"{PERIODE}.revisi").glob("revisi-*")) == ["revisi-1"]


def test_corrected_inputs_publish_revision_2_with_the_differences(tmp_path):
    publish(pay_table(), PERIODE, tmp_path, BASE)
    rev1 = (tmp_path / PERIODE / "tpp.csv").read_bytes()
    corrected = {**BASE, "input": {"pegawai": {**BASE["input"]["pegawai"], "sha256": "b" * 64}}}
    # Budi's pay rises by 42,300; Ujang's held line is released (paid 0 → 500,000)
    published = publish(
        pay_table(bruto=(1_042_300, 2_000_000, 500_000), status=("BAYAR", "BAYAR", "BAYAR")),
        PERIODE,
        tmp_path,
        corrected,
    )
    assert (published.revisi, published.new_revision) == (2, True)
    assert (tmp_path / f"{PERIODE}.revisi" / "revisi-1" / "tpp.csv").read_bytes() == rev1  # revision 1 stays readable
    selisih = pl.read_csv(tmp_path / PERIODE / "selisih.csv", infer_schema=False)
    assert selisih.select("nama", "dibayar_lama", "dibayar_baru", "selisih").rows() == [
        ("Budi", "1000000", "1042300", "42300"),
        ("Siti", "2000000", "2000000", "0"),
        ("Ujang", "0", "500000", "500000"),
    ]
    manifest = json.loads((tmp_path / PERIODE / "manifest.json").read_text())
    assert (manifest["revisi"], manifest["revisi_sebelumnya"]) == (2, 1)
    assert "selisih.csv" in manifest["output"]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+62811", "-1+1", "@SUM(A1)", "\tcmd"])
def test_cells_a_spreadsheet_would_execute_are_neutralised(tmp_path, text):
    assert neutralise(pl.DataFrame({"nama": [text, "Budi"]}))["nama"].to_list() == ["'" + text, "Budi"]
    publish(pay_table(nama=text), PERIODE, tmp_path, BASE)
    csv_names = pl.read_csv(tmp_path / PERIODE / "tpp.csv", infer_schema=False)["nama"].to_list()
    assert csv_names[0] == "'" + text
    assert pl.read_parquet(tmp_path / PERIODE / "tpp.parquet")["nama"][0] == text  # data file keeps the value
    with zipfile.ZipFile(tmp_path / PERIODE / "tpp.xlsx") as book:
        sheets = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets  # no formula anywhere
    # XLSX: the text as it is, marked with Excel's quote-prefix property (no visible ')
    cell = pl.read_excel(tmp_path / PERIODE / "tpp.xlsx", sheet_name="DINKES")["Nama"][0]
    assert cell == text
    # the mark is set per column (pipelines/workbook.py): the Nama cells of the sheet, no other
    assert quote_prefixed_cells(tmp_path / PERIODE / "tpp.xlsx", "sheet2.xml") == ["C2", "C3"]


def test_xlsx_has_a_summary_and_one_sheet_per_opd_with_frozen_indonesian_headers(tmp_path):
    publish(pay_table(), PERIODE, tmp_path, BASE)
    book = tmp_path / PERIODE / "tpp.xlsx"
    sheets = pl.read_excel(book, sheet_id=0)
    assert list(sheets) == ["Ringkasan", "DINKES", "DISDIKBUD"]
    assert sheets["DINKES"].columns[:4] == ["Periode", "NIP", "Nama", "Kode OPD"]
    assert sheets["DINKES"]["TPP Bruto"].to_list() == [1_000_000, 2_000_000]
    summary = sheets["Ringkasan"]
    assert summary.row(-1)[:6] == ("JUMLAH", 3, 2, 3_000_000, 1, 500_000)
    assert summary.select("Kode OPD", "Lembar").rows()[:2] == [("DINKES", "DINKES"), ("DISDIKBUD", "DISDIKBUD")]
    with zipfile.ZipFile(book) as z:
        first_sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert 'state="frozen"' in first_sheet and 'ySplit="1"' in first_sheet


def test_every_amount_and_score_cell_carries_its_number_format(tmp_path):
    # constant-memory writing: a format set after the rows were written reaches none of them
    publish(pay_table(), PERIODE, tmp_path, BASE)
    book = tmp_path / PERIODE / "tpp.xlsx"
    headers = pl.read_excel(book, sheet_name="DINKES").columns
    formats = cell_formats(book, "sheet2.xml")
    for header, wanted in (("TPP Bruto", RP), ("Skor Kinerja", "0.0000")):
        column = xl_col_to_name(headers.index(header))
        assert [formats.get(f"{column}{row}") for row in (2, 3)] == [wanted, wanted], header
    # Total BAYAR (D), Total TAHAN (F), Total Insentif (G), Total Ditransfer (H); the JUMLAH row is 4
    summary = cell_formats(book, "sheet1.xml")
    assert [summary.get(f"{c}{r}") for c in "DFGH" for r in (2, 3, 4)] == [RP] * 12
    assert summary.get("B4") is None  # a count, not money


RP = '"Rp"#,##0'


def cell_formats(book: Path, sheet_xml: str) -> dict[str, str]:
    """The number format code of every formatted cell of one worksheet (from the XML)."""
    with zipfile.ZipFile(book) as z:
        styles, sheet = z.read("xl/styles.xml").decode(), z.read(f"xl/worksheets/{sheet_xml}").decode()
    codes = {i: html.unescape(code) for i, code in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)[1]
    style_code = {
        str(i): codes.get(re.search(r'numFmtId="(\d+)"', xf)[1])
        for i, xf in enumerate(re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs, re.S))
    }
    return {ref: style_code[s] for ref, s in re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', sheet) if style_code[s]}


def quote_prefixed_cells(book: Path, sheet_xml: str) -> list[str]:
    """Cells of one worksheet whose style carries quotePrefix (read from the XML)."""
    with zipfile.ZipFile(book) as z:
        styles, sheet = z.read("xl/styles.xml").decode(), z.read(f"xl/worksheets/{sheet_xml}").decode()
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)[1]
    quoted = {
        str(i) for i, xf in enumerate(re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs, re.S)) if 'quotePrefix="1"' in xf
    }
    return [ref for ref, style in re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', sheet) if style in quoted]


AWKWARD_OPD = [
    "DINAS/KESEHATAN",  # a forbidden character
    "BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA SERANG",  # longer than 31
    "BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA SERANG 2",  # the same first 31 characters
    "ringkasan",  # the summary sheet's name, other case
    "dinas/kesehatan",  # the first one again, other case
    "'KUTIP'",  # apostrophes at either end
    "=1+1",  # a formula as a code
    "''  'abc",  # apostrophes and spaces at the start
    "\U0001d400" * 31,  # 31 characters, 62 as Excel counts them (UTF-16)
    None,  # unknown OPD (employee row rejected)
]


def awkward_table(per_opd: int = 1) -> pl.DataFrame:
    codes = [c for c in AWKWARD_OPD for _ in range(per_opd)]
    n = len(codes)
    return pl.DataFrame(
        {
            "periode": [PERIODE] * n,
            "nip": [f"1990010120150310{i:02d}" for i in range(n)],
            "nama": ["Budi"] * n,
            "opd_kode": codes,
            "tpp_bruto": [1_000] * n,
            "status": ["BAYAR"] * n,
            "alasan_tahan": [None] * n,
        },
        schema_overrides={"opd_kode": pl.String},
    )


def test_any_opd_code_gets_a_valid_unique_sheet_with_its_full_code_and_name(tmp_path):
    names = {c: f"Nama {c}" for c in AWKWARD_OPD if c}
    publish(awkward_table(), PERIODE, tmp_path, BASE, names)
    sheets = pl.read_excel(tmp_path / PERIODE / "tpp.xlsx", sheet_id=0)  # a real XLSX reader opens it
    opd_sheets = [s for s in sheets if s != "Ringkasan"]
    assert len(opd_sheets) == len(AWKWARD_OPD)
    assert len({s.casefold() for s in sheets}) == len(sheets)
    for name in sheets:
        assert (
            0 < len(name.encode("utf-16-le")) // 2 <= 31
            and not re.search(r"[\[\]:*?/\\]", name)
            and name[0] != "'"
            and name[-1] != "'"
        )
    found = {}
    for name in opd_sheets:
        frame = sheets[name]
        assert frame.height == 1
        found[frame["Kode OPD"][0]] = (frame["Nama OPD"][0], name)
    assert set(found) == set(AWKWARD_OPD)  # every full code, each on its own sheet
    assert found["DINAS/KESEHATAN"] == ("Nama DINAS/KESEHATAN", "DINAS_KESEHATAN")
    assert found[None][1] == "Tanpa OPD"
    summary = sheets["Ringkasan"]
    assert dict(summary.select("Kode OPD", "Lembar").rows()) == {
        (c if c is not None else "Tanpa OPD"): found[c][1] for c in AWKWARD_OPD
    } | {"JUMLAH": None}


def test_an_opd_beyond_the_row_limit_continues_on_further_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "EXCEL_MAX_ROWS", 3)  # 2 lines per sheet (header + 2 rows)
    table = awkward_table(per_opd=5).filter(pl.col("opd_kode").is_in(AWKWARD_OPD[:3]))
    publish(table, PERIODE, tmp_path, BASE)
    sheets = pl.read_excel(tmp_path / PERIODE / "tpp.xlsx", sheet_id=0)
    long = "BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA SERANG"
    parts = {name: frame for name, frame in sheets.items() if name != "Ringkasan"}
    assert [len(frame) for frame in parts.values()] == [2, 2, 1] * 3
    for code in AWKWARD_OPD[:3]:
        lines = pl.concat([f for f in parts.values() if f["Kode OPD"][0] == code])
        assert lines["NIP"].to_list() == table.filter(pl.col("opd_kode") == code)["nip"].to_list()
    assert [n for n in parts if n.startswith(long[:20])] == [
        "BADAN PERENCANAAN PEMBANGUNAN D",
        "BADAN PERENCANAAN PEMBANGUN (2)",
        "BADAN PERENCANAAN PEMBANGUN (3)",
        "BADAN PERENCANAAN PEMBANGUNAN~2",
        "BADAN PERENCANAAN PEMBANG~2 (2)",
        "BADAN PERENCANAAN PEMBANG~2 (3)",
    ]


def test_a_reader_never_sees_files_of_two_revisions(tmp_path):
    """The period folder switches revision in one rename: read at any moment, the files
    in it are the ones its manifest lists."""
    import threading

    publish(pay_table(), PERIODE, tmp_path, BASE)
    stop, seen = threading.Event(), []

    def reader():
        while not stop.is_set():
            try:
                folder = (tmp_path / PERIODE).resolve()  # what a reader opens: one revision
                manifest = json.loads((folder / "manifest.json").read_text())
                seen.append(all(sha256(folder / n) == d for n, d in manifest["output"].items()))
            except FileNotFoundError:
                seen.append(False)

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(1, 8):
        changed = {**BASE, "input": {"pegawai": {**BASE["input"]["pegawai"], "sha256": f"{i:x}" * 64}}}
        publish(pay_table(bruto=(1_000_000 + i, 2_000_000, 500_000)), PERIODE, tmp_path, changed)
    stop.set()
    thread.join()
    assert seen and all(seen)
    assert (tmp_path / PERIODE).is_symlink() and json.loads((tmp_path / PERIODE / "manifest.json").read_text())[
        "revisi"
    ] == 8


def test_an_export_folder_of_the_old_layout_is_adopted(tmp_path):
    old = tmp_path / PERIODE
    (old / "revisi-1").mkdir(parents=True)
    publish(pay_table(), PERIODE, tmp_path / "scratch", BASE)
    for f in (tmp_path / "scratch" / PERIODE).iterdir():
        (old / "revisi-1" / f.name).write_bytes(f.read_bytes())
        (old / f.name).write_bytes(f.read_bytes())
    again = publish(pay_table(), PERIODE, tmp_path, BASE)
    assert (again.revisi, again.new_revision) == (1, False)
    assert (tmp_path / PERIODE).is_symlink() and (tmp_path / f"{PERIODE}.revisi" / "revisi-1" / "tpp.csv").exists()


def test_a_failed_export_after_adopting_the_old_layout_leaves_the_period_readable(tmp_path, monkeypatch):
    old = tmp_path / PERIODE
    publish(pay_table(), PERIODE, tmp_path / "scratch", BASE)
    (old / "revisi-1").mkdir(parents=True)
    for f in (tmp_path / "scratch" / PERIODE).iterdir():
        (old / "revisi-1" / f.name).write_bytes(f.read_bytes())
        (old / f.name).write_bytes(f.read_bytes())

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_xlsx", broken)
    with pytest.raises(OSError, match="disk full"):
        publish(pay_table(bruto=(1, 2, 3)), PERIODE, tmp_path, BASE)
    assert json.loads((tmp_path / PERIODE / "manifest.json").read_text())["revisi"] == 1


def test_ringkasan_totals_what_is_transferred_with_the_incentive(tmp_path):
    """Two BAYAR lines of DINKES, one with an incentive of 150,000 (rulebook §10), and a
    held line of DISDIKBUD: transferred 1,000,000 + 150,000 + 2,000,000 = 3,150,000 for
    DINKES, 0 for DISDIKBUD; a table from before the pool transfers its BAYAR tpp_bruto."""
    table = pay_table().with_columns(
        pl.Series("tpp_insentif", [150_000, 0, 0]), pl.Series("tpp_dibayar", [1_150_000, 2_000_000, 0])
    )
    for frame, insentif, ditransfer in (
        (table, [150_000, 0, 150_000], [3_150_000, 0, 3_150_000]),
        (pay_table(), [0, 0, 0], [3_000_000, 0, 3_000_000]),
    ):
        folder = tmp_path / str(len(frame.columns))
        publish(frame, PERIODE, folder, BASE)
        summary = pl.read_excel(folder / PERIODE / "tpp.xlsx", sheet_name=workbook.SUMMARY_SHEET)
        assert summary["Kode OPD"].to_list() == ["DINKES", "DISDIKBUD", "JUMLAH"]
        assert summary["Total Insentif"].to_list() == insentif
        assert summary["Total Ditransfer"].to_list() == ditransfer
