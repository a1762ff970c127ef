"""What payroll takes (contracts.md §3): the validated pay table of a period as
Parquet, CSV and XLSX with a manifest.json, kept as numbered revisions.

    <exports>/<YYYY-MM>                  the current revision (tpp.parquet, tpp.csv,
                                         tpp.xlsx, manifest.json; from revision 2 also
                                         selisih.csv/.parquet): a symbolic link
    <exports>/<YYYY-MM>.revisi/revisi-<n>/ every revision as it was published

A revision is written completely in a folder of its own, then the period link is
switched to it in one rename: a reader sees the old revision or the new one, never a
new tpp.csv beside an old manifest.json. A re-run with the same inputs and results
reproduces the current files byte for byte and adds no revision. A re-run whose
inputs or pay lines differ publishes revision n+1 with `selisih`: per ASN the old and
new amounts and the difference payroll settles as arrears (positive) or recovery
(negative).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl
import xlsxwriter

FILES = ("tpp.parquet", "tpp.csv", "tpp.xlsx")
FORMULA_START = r"^[=+\-@\t\r]"  # what a spreadsheet would evaluate (OWASP CSV injection)

HEADERS = {  # XLSX: the payroll office's own words
    "periode": "Periode",
    "nip": "NIP",
    "nama": "Nama",
    "opd_kode": "Kode OPD",
    "kelas_jabatan": "Kelas Jabatan",
    "pagu_tpp": "Pagu TPP",
    "hari_kerja": "Hari Kerja",
    "hari_aktif": "Hari Aktif",
    "skor_disiplin": "Skor Disiplin",
    "skor_produktivitas": "Skor Produktivitas",
    "skor_perilaku": "Skor Perilaku",
    "skor_kepuasan": "Skor Kepuasan (IKM)",
    "bonus_inovasi": "Bonus Inovasi",
    "skor_kinerja": "Skor Kinerja",
    "predikat": "Predikat",
    "persen_kinerja": "Persen Kinerja",
    "tpp_disiplin": "TPP Disiplin",
    "tpp_kinerja": "TPP Kinerja",
    "persen_hukdis": "Potongan Hukdis (%)",
    "potongan_hukdis": "Potongan Hukdis",
    "tpp_bruto": "TPP Bruto",
    "status": "Status",
    "alasan_tahan": "Alasan Tahan",
}
RUPIAH = ("pagu_tpp", "tpp_disiplin", "tpp_kinerja", "potongan_hukdis", "tpp_bruto")
EXCEL_MAX_ROWS = 1_048_576  # rows of a worksheet, the header included
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = r"[\[\]:*?/\\]"
SUMMARY_SHEET = "Ringkasan"
NO_OPD_SHEET = "Tanpa OPD"  # lines whose OPD is unknown (an employee row rejected for its opd_kode)


@dataclass
class Published:
    revisi: int
    new_revision: bool
    folder: Path
    manifest: dict


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Text a spreadsheet would execute (=, +, -, @ …) gets a leading apostrophe."""
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.concat_str([pl.lit("'"), pl.col(c)]))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )


def read_pay_table(con, periode: str) -> pl.DataFrame:
    query = "select * from marts.fct_tpp where periode = $periode order by opd_kode, nip"
    return pl.from_arrow(con.sql(query, params={"periode": periode}).to_arrow_table())


def _write_xlsx(frame: pl.DataFrame, path: Path, periode: str, opd_names: dict[str, str]) -> None:
    # constant_memory: each row goes to disk once the next one starts (rows are written in
    # order), so the workbook never holds the month: 0.4× the peak memory at 100,000 lines
    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True}
    )
    # fixed document date: the same pay table gives the same bytes
    workbook.set_properties({"title": f"TPP {periode}", "created": datetime.strptime(periode, "%Y-%m")})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    rupiah = workbook.add_format({"num_format": '"Rp"#,##0'})
    rupiah_bold = workbook.add_format({"num_format": '"Rp"#,##0', "bold": True})
    score = workbook.add_format({"num_format": "0.0000"})
    # Excel's own "this is text" mark: the cell shows the text, not a visible apostrophe
    as_text = workbook.add_format({"quote_prefix": True})

    per_opd = (
        frame.group_by("opd_kode")
        .agg(
            pl.len().alias("asn"),
            (pl.col("status") == "BAYAR").sum().alias("bayar"),
            pl.col("tpp_bruto").filter(pl.col("status") == "BAYAR").sum().alias("total_bayar"),
            (pl.col("status") == "TAHAN").sum().alias("tahan"),
            pl.col("tpp_bruto").filter(pl.col("status") == "TAHAN").sum().alias("total_tahan"),
        )
        .sort("opd_kode", nulls_last=True)
    )
    rows_per_sheet = EXCEL_MAX_ROWS - 1
    sheets = sheet_names(per_opd["opd_kode"].to_list(), [-(-n // rows_per_sheet) for n in per_opd["asn"]])

    summary = workbook.add_worksheet(SUMMARY_SHEET)
    # constant_memory writes each row when the next starts: column formats are set
    # before any row, and a cell's own format is given as it is written
    summary.set_column(0, 0, 16)
    summary.set_column(1, 5, 18)
    summary.set_column(3, 3, 20, rupiah)
    summary.set_column(5, 5, 20, rupiah)
    summary.set_column(6, 7, 32)
    summary.freeze_panes(1, 0)
    heads = ["Kode OPD", "Jumlah ASN", "Baris BAYAR", "Total BAYAR", "Baris TAHAN", "Total TAHAN", "Nama OPD", "Lembar"]
    summary.write_row(0, 0, heads, bold)
    summary_rows = [
        [opd if opd is not None else NO_OPD_SHEET, *counts, opd_names.get(opd), ", ".join(sheets[opd])]
        for opd, *counts in per_opd.iter_rows()
    ]
    quoted = {  # a few dozen rows: checked one by one
        r: [c for c, v in enumerate(row) if isinstance(v, str) and re.match(FORMULA_START, v)]
        for r, row in enumerate(summary_rows)
    }
    _write_rows(summary, summary_rows, quoted, as_text)
    last = per_opd.height + 1
    totals = ["JUMLAH", *(int(per_opd[c].sum()) for c in per_opd.columns[1:])]
    for c, value in enumerate(totals):
        summary.write(last, c, value, rupiah_bold if c in (3, 5) else bold)

    # spreadsheet cells are numbers: scores are shown (4 places), the exact values are in
    # tpp.parquet/tpp.csv; money is whole rupiah and exact either way. The OPD's name sits
    # beside its code on every line: a sheet name holds at most 31 characters of the code.
    shown = frame.with_columns(pl.col(c).cast(pl.Float64) for c, t in frame.schema.items() if t == pl.Decimal)
    shown = shown.insert_column(
        shown.columns.index("opd_kode") + 1,
        pl.Series("nama_opd", [opd_names.get(o) for o in shown["opd_kode"]], dtype=pl.String),
    )
    # a column without an Indonesian header (e.g. one added later) keeps its own name
    headers = [HEADERS.get(c, "Nama OPD" if c == "nama_opd" else c) for c in shown.columns]
    for opd in per_opd["opd_kode"].to_list():
        lines = shown.filter(pl.col("opd_kode").eq_missing(opd))
        for part, name in enumerate(sheets[opd]):
            rows = lines.slice(part * rows_per_sheet, rows_per_sheet)
            sheet = workbook.add_worksheet(name)
            for c, column in enumerate(rows.columns):
                fmt = (
                    rupiah if column in RUPIAH else score if column.startswith(("skor_", "persen_", "bonus_")) else None
                )
                sheet.set_column(c, c, 22 if column in ("nama", "nama_opd") else 14, fmt)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, rows.height, len(rows.columns) - 1)
            sheet.write_row(0, 0, headers, bold)
            _write_rows(sheet, rows.iter_rows(), _formula_cells(rows), as_text)
    workbook.close()


def _formula_cells(rows: pl.DataFrame) -> dict[int, list[int]]:
    """Text cells a spreadsheet would execute when edited (=, +, -, @ …), by row index
    (0-based) and column: found column-wise, since they are rare."""
    found: dict[int, list[int]] = {}
    for c, (name, kind) in enumerate(rows.schema.items()):
        if kind == pl.String:
            for r in rows.select(pl.arg_where(pl.col(name).str.contains(FORMULA_START))).to_series():
                found.setdefault(r, []).append(c)
    return found


def _write_rows(sheet, rows, formula_cells: dict[int, list[int]], as_text) -> None:
    """Rows from the sheet's second line. Strings stay strings (strings_to_formulas is
    off); one a spreadsheet would execute when edited also gets the quote-prefix property."""
    for r, values in enumerate(rows):
        sheet.write_row(r + 1, 0, values)
        for c in formula_cells.get(r, ()):
            sheet.write_string(r + 1, c, values[c], as_text)


def sheet_names(opd_codes: list[str | None], parts: list[int]) -> dict[str | None, list[str]]:
    """Valid, unique worksheet names for each OPD code (and its continuation sheets):
    Excel forbids [ ] : * ? / \\, a leading or trailing apostrophe and more than 31
    characters, and compares names without regard to case."""
    taken = {SUMMARY_SHEET.casefold(), "history"}  # "History" is reserved by Excel
    names = {}
    for code, count in zip(opd_codes, parts, strict=True):
        base = NO_OPD_SHEET if code is None else re.sub(SHEET_FORBIDDEN, "_", code).strip("' ") or "OPD"
        names[code] = []
        for part in range(1, max(count, 1) + 1):
            suffix, n = (f" ({part})" if part > 1 else ""), 1
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
            while name.casefold() in taken:  # a clash after cutting or case-folding: number it
                n += 1
                tag = f"~{n}{suffix}"
                name = _cut(base, SHEET_NAME_MAX - len(tag)) + tag
            taken.add(name.casefold())
            names[code].append(name)
    return names


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters as Excel counts them (UTF-16 units: 𝐀 is two), no
    apostrophe at the end."""
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text.rstrip("' ")


def _write_files(frame: pl.DataFrame, folder: Path, periode: str, opd_names: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(folder / "tpp.parquet", statistics=False)
    neutralise(frame).write_csv(folder / "tpp.csv")
    _write_xlsx(frame, folder / "tpp.xlsx", periode, opd_names)


def _selisih(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Per ASN: amounts of the previous and the new revision; held lines count as 0 paid."""

    def side(frame, suffix):
        return frame.select(
            "nip",
            pl.col("nama").alias(f"nama_{suffix}"),
            pl.col("opd_kode").alias(f"opd_{suffix}"),
            pl.col("status").alias(f"status_{suffix}"),
            pl.col("tpp_bruto").alias(f"tpp_bruto_{suffix}"),
            pl.when(pl.col("status") == "BAYAR").then(pl.col("tpp_bruto")).otherwise(0).alias(f"dibayar_{suffix}"),
        )

    joined = side(old, "lama").join(side(new, "baru"), on="nip", how="full", coalesce=True)
    return joined.select(
        "nip",
        pl.coalesce("nama_baru", "nama_lama").alias("nama"),
        pl.coalesce("opd_baru", "opd_lama").alias("opd_kode"),
        "status_lama",
        "status_baru",
        "tpp_bruto_lama",
        "tpp_bruto_baru",
        pl.col("dibayar_lama").fill_null(0),
        pl.col("dibayar_baru").fill_null(0),
        (pl.col("dibayar_baru").fill_null(0) - pl.col("dibayar_lama").fill_null(0)).alias("selisih"),
    ).sort("opd_kode", "nip")


def _revisions(history: Path) -> list[int]:
    return sorted(int(p.name.split("-")[1]) for p in history.glob("revisi-*") if p.name.split("-")[1].isdigit())


def publish(
    frame: pl.DataFrame, periode: str, export_root: Path, manifest_base: dict, opd_names: dict[str, str] | None = None
) -> Published:
    """Write the period's export; a new revision only when inputs or pay lines changed."""
    current, history = export_root / periode, export_root / f"{periode}.revisi"
    history.mkdir(parents=True, exist_ok=True)
    _adopt_old_layout(current, history)
    staging = history / ".baru"
    shutil.rmtree(staging, ignore_errors=True)
    _write_files(frame, staging, periode, opd_names or {})

    revisions = _revisions(history)
    latest = history / f"revisi-{revisions[-1]}" if revisions else None
    if latest is not None:
        old_manifest = json.loads((latest / "manifest.json").read_text())
        same = (
            sha256(staging / "tpp.csv") == old_manifest["output"]["tpp.csv"]
            and manifest_base["input"] == old_manifest["input"]
        )
        if same:  # nothing changed: the published revision stands, byte for byte
            shutil.rmtree(staging)
            _switch(current, latest)
            return Published(revisions[-1], False, current, old_manifest)

    revisi = (revisions[-1] + 1) if revisions else 1
    if latest is not None:
        selisih = _selisih(pl.read_parquet(latest / "tpp.parquet"), frame)
        selisih.write_parquet(staging / "selisih.parquet", statistics=False)
        neutralise(selisih).write_csv(staging / "selisih.csv")
    outputs = sorted(p.name for p in staging.iterdir())
    manifest = {
        "periode": periode,
        "revisi": revisi,
        "revisi_sebelumnya": revisions[-1] if revisions else None,
        **manifest_base,
        "output": {name: sha256(staging / name) for name in outputs},
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    target = history / f"revisi-{revisi}"
    staging.rename(target)
    _switch(current, target)
    return Published(revisi, True, current, manifest)


def _switch(current: Path, revision: Path) -> None:
    """Point the period at a revision folder in one rename (atomic on POSIX): a new
    link is made beside the old one and renamed over it."""
    link = current.with_name(f".{current.name}.baru")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(revision, current.parent), target_is_directory=True)
    link.replace(current)


def _adopt_old_layout(current: Path, history: Path) -> None:
    """Exports written before revisions moved beside the period folder (a real folder
    holding copies of the current files and revisi-<n>/): move the revisions, point the
    period at the latest at once (so a failed export after this still leaves the period
    readable), then drop the copies."""
    if current.is_symlink() or not current.is_dir():
        return
    for revision in current.glob("revisi-*"):
        revision.rename(history / revision.name)
    revisions = _revisions(history)
    if not revisions:  # nothing published in it: leave it for a person to look at
        raise FileExistsError(f"{current} is a folder without revisions; move it away to export {current.name}.")
    aside = current.with_name(f".{current.name}.lama")
    shutil.rmtree(aside, ignore_errors=True)
    current.rename(aside)
    _switch(current, history / f"revisi-{revisions[-1]}")
    shutil.rmtree(aside)
