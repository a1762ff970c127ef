"""What payroll takes (contracts.md §3): the validated pay table of a period as
Parquet, CSV and XLSX with a manifest.json, kept as numbered revisions.

    <exports>/<YYYY-MM>/            the current revision (tpp.parquet, tpp.csv, tpp.xlsx,
                                    manifest.json; from revision 2 also selisih.csv/.parquet)
    <exports>/<YYYY-MM>/revisi-<n>/ every revision as it was published

A re-run with the same inputs and results reproduces the current files byte for
byte and adds no revision. A re-run whose inputs or pay lines differ publishes
revision n+1 with `selisih`: per ASN the old and new amounts and the difference
payroll settles as arrears (positive) or recovery (negative).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl
import xlsxwriter

FILES = ("tpp.parquet", "tpp.csv", "tpp.xlsx")
FORMULA_START = r"^[=+\-@\t\r]"  # what a spreadsheet would evaluate (OWASP CSV injection)

HEADERS = {  # XLSX: the payroll office's own words
    "periode": "Periode", "nip": "NIP", "nama": "Nama", "opd_kode": "Kode OPD",
    "kelas_jabatan": "Kelas Jabatan", "pagu_tpp": "Pagu TPP", "hari_kerja": "Hari Kerja",
    "hari_aktif": "Hari Aktif", "skor_disiplin": "Skor Disiplin", "skor_produktivitas": "Skor Produktivitas",
    "skor_perilaku": "Skor Perilaku", "skor_kepuasan": "Skor Kepuasan (IKM)", "bonus_inovasi": "Bonus Inovasi",
    "skor_kinerja": "Skor Kinerja", "predikat": "Predikat", "persen_kinerja": "Persen Kinerja",
    "tpp_disiplin": "TPP Disiplin", "tpp_kinerja": "TPP Kinerja", "persen_hukdis": "Potongan Hukdis (%)",
    "potongan_hukdis": "Potongan Hukdis", "tpp_bruto": "TPP Bruto", "status": "Status",
    "alasan_tahan": "Alasan Tahan",
}
RUPIAH = ("pagu_tpp", "tpp_disiplin", "tpp_kinerja", "potongan_hukdis", "tpp_bruto")


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
        .then(pl.concat_str([pl.lit("'"), pl.col(c)])).otherwise(pl.col(c)).alias(c)
        for c in text
    )


def read_pay_table(con, periode: str) -> pl.DataFrame:
    query = "select * from marts.fct_tpp where periode = $periode order by opd_kode, nip"
    return pl.from_arrow(con.sql(query, params={"periode": periode}).to_arrow_table())


def _write_xlsx(frame: pl.DataFrame, path: Path, periode: str) -> None:
    safe = neutralise(frame)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    # fixed document date: the same pay table gives the same bytes
    workbook.set_properties({"title": f"TPP {periode}", "created": datetime.strptime(periode, "%Y-%m")})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    rupiah = workbook.add_format({"num_format": '"Rp"#,##0'})
    rupiah_bold = workbook.add_format({"num_format": '"Rp"#,##0', "bold": True})
    score = workbook.add_format({"num_format": "0.0000"})

    summary = workbook.add_worksheet("Ringkasan")
    per_opd = (
        safe.group_by("opd_kode").agg(
            pl.len().alias("asn"),
            (pl.col("status") == "BAYAR").sum().alias("bayar"),
            pl.col("tpp_bruto").filter(pl.col("status") == "BAYAR").sum().alias("total_bayar"),
            (pl.col("status") == "TAHAN").sum().alias("tahan"),
            pl.col("tpp_bruto").filter(pl.col("status") == "TAHAN").sum().alias("total_tahan"),
        ).sort("opd_kode")
    )
    heads = ["Kode OPD", "Jumlah ASN", "Baris BAYAR", "Total BAYAR", "Baris TAHAN", "Total TAHAN"]
    summary.write_row(0, 0, heads, bold)
    for r, row in enumerate(per_opd.iter_rows(), start=1):
        summary.write_row(r, 0, row)
    last = per_opd.height + 1
    summary.write_row(last, 0, ["JUMLAH", *(int(per_opd[c].sum()) for c in per_opd.columns[1:])], bold)
    summary.set_column(0, 0, 16)
    summary.set_column(1, 5, 18)
    summary.set_column(3, 3, 20, rupiah)
    summary.set_column(5, 5, 20, rupiah)
    summary.set_row(last, None, rupiah_bold)
    summary.freeze_panes(1, 0)

    # spreadsheet cells are numbers: scores are shown (4 places), the exact values are in
    # tpp.parquet/tpp.csv; money is whole rupiah and exact either way
    shown = safe.with_columns(pl.col(c).cast(pl.Float64) for c, t in safe.schema.items() if t == pl.Decimal)
    for opd in per_opd["opd_kode"].to_list():
        rows = shown.filter(pl.col("opd_kode") == opd)
        sheet = workbook.add_worksheet(_sheet_name(opd))
        sheet.write_row(0, 0, [HEADERS.get(c, c) for c in rows.columns], bold)  # a new column keeps its name
        for r, values in enumerate(rows.iter_rows(), start=1):
            sheet.write_row(r, 0, values)  # strings stay strings (strings_to_formulas off)
        for c, name in enumerate(rows.columns):
            fmt = rupiah if name in RUPIAH else score if name.startswith(("skor_", "persen_", "bonus_")) else None
            sheet.set_column(c, c, 22 if name == "nama" else 14, fmt)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, rows.height, len(rows.columns) - 1)
    workbook.close()


def _sheet_name(opd: str) -> str:
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in opd)[:31]


def _write_files(frame: pl.DataFrame, folder: Path, periode: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(folder / "tpp.parquet", statistics=False)
    neutralise(frame).write_csv(folder / "tpp.csv")
    _write_xlsx(frame, folder / "tpp.xlsx", periode)


def _selisih(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Per ASN: amounts of the previous and the new revision; held lines count as 0 paid."""
    def side(frame, suffix):
        return frame.select(
            "nip", pl.col("nama").alias(f"nama_{suffix}"), pl.col("opd_kode").alias(f"opd_{suffix}"),
            pl.col("status").alias(f"status_{suffix}"), pl.col("tpp_bruto").alias(f"tpp_bruto_{suffix}"),
            pl.when(pl.col("status") == "BAYAR").then(pl.col("tpp_bruto")).otherwise(0).alias(f"dibayar_{suffix}"),
        )

    joined = side(old, "lama").join(side(new, "baru"), on="nip", how="full", coalesce=True)
    return joined.select(
        "nip",
        pl.coalesce("nama_baru", "nama_lama").alias("nama"),
        pl.coalesce("opd_baru", "opd_lama").alias("opd_kode"),
        "status_lama", "status_baru", "tpp_bruto_lama", "tpp_bruto_baru",
        pl.col("dibayar_lama").fill_null(0), pl.col("dibayar_baru").fill_null(0),
        (pl.col("dibayar_baru").fill_null(0) - pl.col("dibayar_lama").fill_null(0)).alias("selisih"),
    ).sort("opd_kode", "nip")


def _revisions(root: Path) -> list[int]:
    return sorted(int(p.name.split("-")[1]) for p in root.glob("revisi-*") if p.name.split("-")[1].isdigit())


def publish(frame: pl.DataFrame, periode: str, export_root: Path, manifest_base: dict) -> Published:
    """Write the period's export; a new revision only when inputs or pay lines changed."""
    root = export_root / periode
    root.mkdir(parents=True, exist_ok=True)
    staging = root / ".baru"
    shutil.rmtree(staging, ignore_errors=True)
    _write_files(frame, staging, periode)

    revisions = _revisions(root)
    latest = root / f"revisi-{revisions[-1]}" if revisions else None
    if latest is not None:
        old_manifest = json.loads((latest / "manifest.json").read_text())
        same = (sha256(staging / "tpp.csv") == old_manifest["output"]["tpp.csv"]
                and manifest_base["input"] == old_manifest["input"])
        if same:  # nothing changed: the published revision stands, byte for byte
            shutil.rmtree(staging)
            _make_current(root, latest)
            return Published(revisions[-1], False, root, old_manifest)

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
    target = root / f"revisi-{revisi}"
    staging.rename(target)
    _make_current(root, target)
    return Published(revisi, True, root, manifest)


def _make_current(root: Path, revision: Path) -> None:
    """The period folder shows the current revision's files (older ones stay in revisi-<n>)."""
    for stale in (*FILES, "manifest.json", "selisih.csv", "selisih.parquet"):
        if (root / stale).exists() and not (revision / stale).exists():
            (root / stale).unlink()
    for item in revision.iterdir():
        shutil.copyfile(item, root / item.name)
