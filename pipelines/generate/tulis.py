"""Writing one period folder of the landing zone (contracts.md §1 CSV conventions)."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from .kontrak import FORMAT_SUMBER, KOLOM


def tulis_periode(folder: Path, tabel: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Write every source as `<name>.csv` (contract columns in order, header, `,`, UTF-8,
    YYYY-MM-DD, HH:MM:SS, blank = null, true/false) and return the row counts.

    Files are first written under temporary names, then any earlier `<name>.csv/.xlsx/
    .parquet` of these sources is replaced, so the folder never holds two versions.
    """
    folder.mkdir(parents=True, exist_ok=True)
    sementara: dict[str, Path] = {}
    for nama, df in tabel.items():
        sementara[nama] = folder / f".{nama}.csv.tmp"
        df.select(KOLOM[nama]).write_csv(
            sementara[nama],
            separator=",",
            line_terminator="\n",
            include_header=True,
            date_format="%Y-%m-%d",
            time_format="%H:%M:%S",
            null_value="",
        )
    for nama, tmp in sementara.items():
        for ext in FORMAT_SUMBER:
            lama = folder / f"{nama}.{ext}"
            if ext != "csv" and lama.exists():
                lama.unlink()
        os.replace(tmp, folder / f"{nama}.csv")
    return {nama: df.height for nama, df in tabel.items()}
