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
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.workbook import FORMULA_START, write_xlsx

FILES = ("tpp.parquet", "tpp.csv", "tpp.xlsx")  # tpp.xlsx: pipelines/workbook.py


@dataclass
class Published:
    revisi: int
    new_revision: bool
    folder: Path
    manifest: dict


def sha256(path: Path) -> str:
    """The file's SHA-256, read in blocks (a month's landing file or workbook may be GBs)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


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


def _write_files(frame: pl.DataFrame, folder: Path, periode: str, opd_names: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(folder / "tpp.parquet", statistics=False)
    neutralise(frame).write_csv(folder / "tpp.csv")
    write_xlsx(frame, folder / "tpp.xlsx", periode, opd_names)


def _selisih(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Per ASN: amounts of the previous and the new revision; held lines count as 0 paid."""

    def side(frame, suffix):
        return frame.select(
            "nip",
            pl.col("nama").alias(f"nama_{suffix}"),
            pl.col("opd_kode").alias(f"opd_{suffix}"),
            pl.col("status").alias(f"status_{suffix}"),
            pl.col("tpp_bruto").alias(f"tpp_bruto_{suffix}"),
            # what was transferred: tpp_dibayar (rulebook §10); a revision from before it, its BAYAR tpp_bruto
            (
                pl.col("tpp_dibayar")
                if "tpp_dibayar" in frame.columns
                else pl.when(pl.col("status") == "BAYAR").then(pl.col("tpp_bruto")).otherwise(0)
            ).alias(f"dibayar_{suffix}"),
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
