"""Five hand-made ASN for October 2026, whose pay is worked out by hand in
test_end_to_end.py. `add_handmade_asn` appends them to any landing folder that
follows contracts.md §1 (e.g. a generated month) and pins the month's calendar.

October 2026 starts on a Thursday. The calendar is pinned to one holiday,
Tue 2026-10-20, so a 5HK schedule has 21 working days and 6HK has 26.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

PERIODE = "2026-10"
LIBUR = date(2026, 10, 20)

NIP_A = "196501012010011001"  # 5HK, kelas 9, every TL/PSW boundary
NIP_B = "196502022010012002"  # 6HK, joins 15 Oct, leave, izin, apel, sanction
NIP_C = "196503032010011003"  # 5HK, kelas 12, leaves 9 Oct, unpaid leave, no target
NIP_D = "196504042010012004"  # 5HK, kelas 5, no behaviour assessment, a rejected row
NIP_E = "196505052010011005"  # 5HK, own pagu: half-up ties in pay and deduction
NIP_H = "198707072023212009"  # PPPK (digits 9–14 are no YYYYMM): one TL2, one PSW1
NIP_UNKNOWN = "196506062010011006"  # not in pegawai: its rows are rejected
# own pegawai row rejected, NIP valid: a held line each (rulebook §7 v1.1)
NIP_F = "196507072010011007"  # kelas_jabatan 99: no kelas, no pagu known
NIP_G = "196508082010012008"  # pagu_tpp "1.500.000": the kelas table's pagu applies

UNIT_UJI, UNIT_SEPI = "UL-UJI", "UL-SEPI"  # 30 responses / 29 responses
OPD_UJI = "OPD-UJI"
PAGU_E = 1_000_125


def working_days(jadwal: str) -> list[date]:
    last = 6 if jadwal == "6HK" else 5
    d, out = date(2026, 10, 1), []
    while d.month == 10:
        if d.isoweekday() <= last and d != LIBUR:
            out.append(d)
        d += timedelta(days=1)
    return out


def _presensi() -> list[list]:
    rows = []
    # A: on time 07:15–16:05 (Fri 16:35) except the boundary days below
    special_a = {
        date(2026, 10, 1): ("07:30:01", "16:05"),  # 1 min late            TL1 0.5
        date(2026, 10, 2): ("08:00", "16:35"),  # 30 min late (Fri)     TL1 0.5
        date(2026, 10, 5): ("08:01", "16:05"),  # 31 min late           TL2 1.0
        date(2026, 10, 6): ("08:30", "16:05"),  # 60 min late           TL2 1.0
        date(2026, 10, 7): ("08:31", "16:05"),  # 61 min late           TL3 1.25
        date(2026, 10, 8): ("09:00", "16:05"),  # 90 min late           TL3 1.25
        date(2026, 10, 9): ("09:01", "16:00"),  # 91 late TL4 1.5; Fri ends 16:30 → PSW1 0.5
        date(2026, 10, 12): ("07:20", "15:29:59"),  # 30:01 early → 31 min  PSW2 1.0
        date(2026, 10, 13): None,  # no row                TK 3.0
        date(2026, 10, 14): ("", ""),  # both blank            TK 3.0
        date(2026, 10, 15): ("", "16:00"),  # check-in blank        TL4 1.5
        date(2026, 10, 16): ("07:00", ""),  # check-out blank (Fri) PSW4 1.5
    }
    for d in working_days("5HK"):
        times = special_a.get(d, ("07:15", "16:35" if d.isoweekday() == 5 else "16:05"))
        if times is not None:
            rows.append([NIP_A, d.isoformat(), *times])
    rows.append([NIP_A, "2026-10-17", "09:00", "12:00"])  # Saturday: not a 5HK day, no points
    # B (6HK): employed from Thu 15 Oct; on time every day except leave days
    rows.append([NIP_B, "2026-10-14", "10:00", "14:00"])  # before joining: no points
    for d in working_days("6HK"):
        if d >= date(2026, 10, 15) and d not in (date(2026, 10, 21), date(2026, 10, 22), date(2026, 10, 23)):
            rows.append([NIP_B, d.isoformat(), "07:25", "11:35" if d.isoweekday() == 5 else "14:05"])
    # C: employed until Fri 9 Oct; present 1, 2, 8 Oct; 9 Oct no row (TK)
    for day in (1, 2, 8):
        rows.append([NIP_C, f"2026-10-{day:02d}", "07:29", "16:35" if day in (2, 9) else "16:01"])
    # D: on time every day; 22 Oct carries an impossible time (rejected → no row → TK)
    for d in working_days("5HK"):
        rows.append(
            [
                NIP_D,
                d.isoformat(),
                "25:00" if d == date(2026, 10, 22) else "07:00",
                "16:30" if d.isoweekday() == 5 else "16:00",
            ]
        )
    # E: on time every day except Mon 26 Oct (no row → TK 3.0)
    for d in working_days("5HK"):
        if d != date(2026, 10, 26):
            rows.append([NIP_E, d.isoformat(), "07:30:00", "16:30" if d.isoweekday() == 5 else "16:00"])
    # H: on time except Mon 5 Oct 08:05 (35 min late, TL2) and Tue 6 Oct 15:45 (15 min early, PSW1)
    for d in working_days("5HK"):
        times = {date(2026, 10, 5): ("08:05", "16:00"), date(2026, 10, 6): ("07:30", "15:45")}.get(
            d, ("07:20", "16:30" if d.isoweekday() == 5 else "16:00")
        )
        rows.append([NIP_H, d.isoformat(), *times])
    rows.append([NIP_UNKNOWN, "2026-10-01", "07:00", "16:00"])
    return rows


HANDMADE = {
    "opd": [[OPD_UJI, "OPD Uji Hitung Manual", "Baik"]],
    "unit_layanan": [[UNIT_UJI, "Unit Uji 30 responden", OPD_UJI], [UNIT_SEPI, "Unit Uji 29 responden", OPD_UJI]],
    "pegawai": [
        [NIP_A, "Asep Hitung", "PNS", OPD_UJI, UNIT_UJI, "Pengadministrasi", "9", "III/a", "5HK", "2010-01-01", "", ""],
        [NIP_B, "Bunga Hitung", "PNS", OPD_UJI, UNIT_SEPI, "Perawat", "8", "III/b", "6HK", "2026-10-15", "", "5000000"],
        [NIP_C, "Cecep Hitung", "PNS", OPD_UJI, "", "Analis", "12", "IV/a", "5HK", "2010-01-01", "2026-10-09", ""],
        [NIP_D, "Dewi Hitung", "PNS", OPD_UJI, UNIT_UJI, "Pengelola", "5", "II/c", "5HK", "2010-01-01", "", ""],
        [NIP_E, "Endang Hitung", "PNS", OPD_UJI, "", "Penata", "7", "III/c", "5HK", "2010-01-01", "", str(PAGU_E)],
        [NIP_H, "Hana Kontrak", "PPPK", OPD_UJI, UNIT_UJI, "Penata Layanan", "7", "IX", "5HK", "2023-12-01", "", ""],
        [NIP_F, "Fajar Ditolak", "PNS", OPD_UJI, UNIT_UJI, "Staf", "99", "III/a", "5HK", "2010-01-01", "", ""],
        [NIP_G, "Gita Ditolak", "PNS", OPD_UJI, "", "Staf", "7", "III/a", "5HK", "2010-01-01", "", "1.500.000"],
    ],
    "izin": [
        [NIP_B, "cuti_tahunan", "2026-10-21", "2026-10-22", "800/1-UJI/2026"],
        [NIP_B, "izin", "2026-10-23", "2026-10-23", "800/2-UJI/2026"],
        [NIP_C, "cuti_besar", "2026-10-05", "2026-10-06", "800/3-UJI/2026"],
        [NIP_C, "cuti_tahunan", "2026-10-06", "2026-10-07", "800/4-UJI/2026"],
    ],
    "apel": [[NIP_B, "2026-10-26", "false"], [NIP_A, "2026-10-17", "false"]],  # A: Saturday, not expected
    "target_kinerja": [
        [NIP_A, "UJI-1", "Dokumen selesai", "60", "10", "12", "naik", "dokumen"],
        [NIP_A, "UJI-2", "Hari penyelesaian", "40", "5", "8", "turun", "hari"],
        [NIP_B, "UJI-1", "Pasien dilayani", "100", "4", "3", "naik", "orang"],
        [NIP_D, "UJI-1", "Kegiatan", "1", "100", "100", "naik", "kegiatan"],
        [NIP_E, "UJI-1", "Laporan", "1", "3", "2", "naik", "dokumen"],
        [NIP_H, "UJI-1", "Berkas dilayani", "1", "10", "9", "naik", "berkas"],
    ],
    "penilaian_perilaku": [
        [NIP_D, "87,5", NIP_A],  # decimal comma: rejected, never read as 87.5 or 875
        [NIP_F, "90", NIP_A],  # about an employee whose own row was rejected
        [NIP_A, "90", NIP_B],
        [NIP_B, "80.5", NIP_A],
        [NIP_C, "95", NIP_A],
        [NIP_E, "100", NIP_A],
        [NIP_H, "85", NIP_A],
    ],
    "inovasi": [
        ["INV-UJI-1", NIP_A, "Layanan daring", "kota", "diterapkan", "2026-03-15"],
        ["INV-UJI-2", NIP_C, "Arsip digital", "nasional", "diterapkan", "2025-10-31"],  # exactly a year: out
        ["INV-UJI-3", NIP_C, "Antrian SMS", "provinsi", "diterapkan", "2025-11-01"],  # in the window
        ["INV-UJI-4", NIP_E, "Usulan", "nasional", "diusulkan", ""],
    ],
    "hukuman_disiplin": [
        [NIP_B, "sedang", "SK-UJI-1", "2026-09-01", "3", "25"],
        [NIP_C, "berat", "SK-UJI-2", "2025-10-01", "12", "50"],  # Oct 2025..Sep 2026: expired
        [NIP_E, "sedang", "SK-UJI-3", "2026-10-01", "1", "25"],
    ],
}


def _survei() -> list[list]:
    rows = []
    # UL-UJI: 30 responses; u1–u8 all 3; u9 = 4 on the first 15, blank on the rest
    for i in range(30):
        rows.append([f"UJI-{i:03d}", "2026-10-05", UNIT_UJI, *["3"] * 8, "4" if i < 15 else ""])
    for i in range(29):  # UL-SEPI: 29 responses, below the minimum of 30
        rows.append([f"SEPI-{i:03d}", "2026-10-06", UNIT_SEPI, *["4"] * 9])
    return rows


def add_handmade_asn(folder: Path) -> None:
    """Append the hand-made rows to CSV sources in `folder` (creating files as needed)."""
    from pipelines.sources import SOURCES

    rows = {**HANDMADE, "presensi": _presensi(), "survei_skm": _survei()}
    for source in SOURCES:
        path = folder / f"{source.name}.csv"
        if source.name == "hari_libur":  # pin the calendar
            path.write_text("tanggal,keterangan\n2026-10-20,Libur uji\n", encoding="utf-8")
            continue
        exists = path.exists()
        if exists:  # make sure the last line ends before appending
            text = path.read_text(encoding="utf-8-sig")
            if text and not text.endswith("\n"):
                path.write_text(text + "\n", encoding="utf-8")
        with path.open("a", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            if not exists:
                w.writerow(source.column_names)
            w.writerows(rows.get(source.name, []))
