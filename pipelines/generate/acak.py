"""Small vectorised helpers shared by the generator modules."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import polars as pl


def rng(seed: int, *kunci: object) -> np.random.Generator:
    """An independent, reproducible random stream for (seed, name, ...).

    Each source draws from its own stream, so changing one generator does not shift the
    numbers of another.
    """
    return np.random.default_rng([seed, *(zlib.crc32(str(k).encode()) for k in kunci)])


def pilih(acak: np.random.Generator, opsi: Sequence[tuple[object, float]], n: int) -> np.ndarray:
    """n draws from [(value, weight), ...]."""
    nilai = np.array([o[0] for o in opsi])
    bobot = np.array([o[1] for o in opsi], dtype=float)
    return nilai[acak.choice(len(nilai), size=n, p=bobot / bobot.sum())]


def peringkat_dalam_grup(grup: np.ndarray, acak: np.random.Generator) -> np.ndarray:
    """Rank (0, 1, ...) of each element within its group, in random order."""
    n = len(grup)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    urut = np.lexsort((acak.random(n), grup))
    g = grup[urut]
    awal = np.r_[True, g[1:] != g[:-1]]
    posisi = np.arange(n)
    awal_grup = np.maximum.accumulate(np.where(awal, posisi, 0))
    peringkat = np.empty(n, dtype=np.int64)
    peringkat[urut] = posisi - awal_grup
    return peringkat


def ke_tanggal(epoch_hari: np.ndarray | pl.Series, nama: str) -> pl.Series:
    """Days since 1970-01-01 (int, may hold nulls) -> polars Date series."""
    return pl.Series(nama, epoch_hari).cast(pl.Int32).cast(pl.Date)


def ke_jam(detik: np.ndarray, kosong: np.ndarray, nama: str) -> pl.Series:
    """Seconds after midnight -> polars Time series, null where `kosong`."""
    s = pl.Series(nama, detik.astype(np.int64) * 1_000_000_000)
    if kosong.any():
        s = s.scatter(np.flatnonzero(kosong), None)
    return s.cast(pl.Time)


def gabung_teks(*bagian: np.ndarray | pl.Series, pemisah: str = " ") -> pl.Series:
    """Join string arrays element-wise, skipping empty parts."""
    df = pl.DataFrame({f"b{i}": pl.Series(b, dtype=pl.String) for i, b in enumerate(bagian)})
    return df.select(
        pl.concat_str(
            [pl.when(pl.col(c) != "").then(pl.col(c)) for c in df.columns],
            separator=pemisah,
            ignore_nulls=True,
        )
    ).to_series()
