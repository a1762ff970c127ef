"""The calendar of one period: its days, weekdays, holidays and working days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
import numpy as np
import polars as pl

_POLA_PERIODE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

# numpy weekmasks (Mon..Sun) of the two schedules
WEEKMASK = {"5HK": "1111100", "6HK": "1111110"}


def libur_nasional(tahun: range | list[int]) -> dict[date, str]:
    """National holidays and cuti bersama (Indonesian names) for the given years."""
    try:
        kalender = holidays.Indonesia(years=list(tahun), language="id", categories=("public", "government"))
    except (TypeError, ValueError, NotImplementedError):  # older `holidays` versions
        kalender = holidays.Indonesia(years=list(tahun))
    return dict(sorted(kalender.items()))


@dataclass(frozen=True)
class Kalender:
    periode: str
    tahun: int
    bulan: int
    mulai: date
    akhir: date
    tanggal: np.ndarray  # datetime64[D], every day of the period
    hari: np.ndarray  # weekday, 0 = Monday
    libur: np.ndarray  # bool, national holiday or cuti bersama
    nama_libur: dict[date, str]  # holidays inside the period
    libur_sekitar: np.ndarray  # datetime64[D] holidays of the surrounding years

    @classmethod
    def dari_periode(cls, periode: str) -> Kalender:
        cocok = _POLA_PERIODE.match(periode)
        if not cocok:
            raise ValueError(f"periode must look like YYYY-MM, got {periode!r}")
        tahun, bulan = int(cocok.group(1)), int(cocok.group(2))
        mulai = date(tahun, bulan, 1)
        akhir = (date(tahun + bulan // 12, bulan % 12 + 1, 1)) - timedelta(days=1)
        tanggal = np.arange(np.datetime64(mulai), np.datetime64(akhir) + 1, dtype="datetime64[D]")
        semua_libur = libur_nasional(range(tahun - 2, tahun + 3))
        dalam = {d: n for d, n in semua_libur.items() if mulai <= d <= akhir}
        libur_np = np.array(sorted(semua_libur), dtype="datetime64[D]")
        return cls(
            periode=periode,
            tahun=tahun,
            bulan=bulan,
            mulai=mulai,
            akhir=akhir,
            tanggal=tanggal,
            hari=((tanggal.astype(np.int64) + 3) % 7).astype(np.int8),  # 1970-01-01 = Thu
            libur=np.isin(tanggal, np.array(sorted(dalam), dtype="datetime64[D]")),
            nama_libur=dalam,
            libur_sekitar=libur_np,
        )

    @property
    def n_hari(self) -> int:
        return len(self.tanggal)

    @property
    def hari_ke_epoch(self) -> np.ndarray:
        """Days since 1970-01-01 of each day of the period (int64)."""
        return self.tanggal.astype(np.int64)

    @property
    def epoch_mulai(self) -> int:
        return int(self.hari_ke_epoch[0])

    @property
    def epoch_akhir(self) -> int:
        return int(self.hari_ke_epoch[-1])

    def hari_kerja(self, jadwal: str) -> np.ndarray:
        """Bool per day: working day for the schedule (weekday in schedule, not a holiday)."""
        batas = 5 if jadwal == "5HK" else 6
        return (self.hari < batas) & ~self.libur

    def geser_hari_kerja(self, hari: np.ndarray, n: np.ndarray | int, jadwal: str, mundur: bool = False) -> np.ndarray:
        """np.busday_offset over this calendar's holidays for one schedule."""
        return np.busday_offset(
            hari.astype("datetime64[D]"),
            n,
            roll="backward" if mundur else "forward",
            weekmask=WEEKMASK[jadwal],
            holidays=self.libur_sekitar,
        )

    def tabel_libur(self) -> pl.DataFrame:
        return pl.DataFrame(
            {"tanggal": list(self.nama_libur), "keterangan": list(self.nama_libur.values())},
            schema={"tanggal": pl.Date, "keterangan": pl.String},
        )


def sehari_setahun_lalu(d: date) -> date:
    """The same calendar day one year earlier (29 Feb -> 28 Feb)."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)
