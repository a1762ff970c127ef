"""Day-by-day sources: izin (leave), presensi (check-in/out) and apel (ceremonies).

Everything is computed on (ASN x day) matrices of the period, then the rows that
exist are pulled out with np.nonzero, so there is no Python loop over ASN-days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from . import referensi as ref
from .acak import ke_jam, ke_tanggal, pilih
from .kalender import Kalender

JAM_MASUK = 7 * 3600 + 30 * 60  # 07:30, start of work for both schedules
# Scheduled end (seconds) by [jadwal 5HK=0 / 6HK=1][weekday Mon..Sun]; weekend values are
# only a reference for the odd row on a non-working day.
JAM_PULANG = np.array(
    [
        [57600, 57600, 57600, 57600, 59400, 43200, 43200],  # 16:00 Mon-Thu, 16:30 Fri
        [50400, 50400, 50400, 50400, 41400, 50400, 43200],  # 14:00 Mon-Thu/Sat, 11:30 Fri
    ]
)
# Late-arrival / early-departure bands in seconds (rulebook §4 bands 1-30, 31-60,
# 61-90, >=91 minutes) with their probabilities
PITA_MENIT = [((1, 1800), 0.55), ((1801, 3600), 0.22), ((3601, 5400), 0.10), ((5401, 10800), 0.13)]
APEL_TEPAT = JAM_MASUK + 5 * 60  # checked in by 07:35 -> attended the morning apel


@dataclass(frozen=True)
class HariPegawai:
    """(ASN x day) matrices of the period."""

    bekerja: np.ndarray  # employed on that day
    kerja: np.ndarray  # working day of the ASN's schedule while employed
    cuti: np.ndarray  # covered by any leave record

    @property
    def n(self) -> int:
        return self.bekerja.shape[0]


def hari_bekerja(peg: pl.DataFrame, kal: Kalender) -> tuple[np.ndarray, np.ndarray]:
    """(employed, working day) matrices of the period."""
    hari = kal.hari_ke_epoch[None, :]
    mulai = peg["tmt_mulai"].cast(pl.Int32).to_numpy().astype(np.int64)[:, None]
    selesai = peg["tmt_selesai"].cast(pl.Int32).fill_null(2**30).to_numpy().astype(np.int64)
    bekerja = (hari >= mulai) & (hari <= selesai[:, None])
    enam = (peg["jadwal_kerja"] == "6HK").to_numpy()[:, None]
    kerja = np.where(enam, kal.hari_kerja("6HK")[None, :], kal.hari_kerja("5HK")[None, :])
    return bekerja, kerja & bekerja


# --- izin ---------------------------------------------------------------------------------

Rentang = tuple[np.ndarray, str, np.ndarray, np.ndarray]  # asn, jenis, mulai, selesai


def tabel_izin(acak: np.random.Generator, peg: pl.DataFrame, kal: Kalender) -> tuple[pl.DataFrame, np.ndarray]:
    """Leave records and the (ASN x day) matrix of days covered by any of them.
    Only ASN employed the whole period take leave (joiners and leavers do not)."""
    n = peg.height
    sepanjang = ((peg["tmt_mulai"] <= kal.mulai) & peg["tmt_selesai"].is_null()).to_numpy()
    enam = (peg["jadwal_kerja"] == "6HK").to_numpy()
    bagian = _izin_pendek(acak, kal, np.flatnonzero(sepanjang), enam)
    bukan_kepala = sepanjang & (peg["_peran"] != "kepala_opd").to_numpy()
    calon = {
        "cuti_melahirkan": bukan_kepala & peg["_perempuan"].to_numpy() & (peg["_umur"] < 45).to_numpy(),
        "cuti_besar": bukan_kepala,
        "cltn": bukan_kepala,
        "tugas_belajar": bukan_kepala,
    }
    bagian += _izin_panjang(acak, kal, calon)
    if not bagian:
        kosong = pl.DataFrame(
            schema={
                "nip": pl.String,
                "jenis": pl.String,
                "tanggal_mulai": pl.Date,
                "tanggal_selesai": pl.Date,
                "nomor_dokumen": pl.String,
            }
        )
        return kosong, np.zeros((n, kal.n_hari), dtype=bool)

    df = (
        pl.DataFrame(
            {
                "_asn": np.concatenate([b[0] for b in bagian]),
                "jenis": np.concatenate([np.full(len(b[0]), b[1]) for b in bagian]),
                "_mulai": np.concatenate([b[2] for b in bagian]),
                "_selesai": np.concatenate([b[3] for b in bagian]),
            }
        )
        .with_columns(
            pl.Series("_nomor", acak.integers(1, 2000, sum(len(b[0]) for b in bagian))),
        )
        .unique(subset=["_asn", "jenis", "_mulai"], keep="first", maintain_order=True)
        .sort(["_asn", "_mulai", "jenis"], maintain_order=True)
    )
    cuti = _matriks_rentang(n, kal, df["_asn"].to_numpy(), df["_mulai"].to_numpy(), df["_selesai"].to_numpy())
    return _format_izin(df, peg), cuti


def _izin_pendek(acak: np.random.Generator, kal: Kalender, pool: np.ndarray, enam: np.ndarray) -> list[Rentang]:
    """Short leave; drawn with replacement, so an ASN may get several of one type."""
    bagian: list[Rentang] = []
    for jenis, (p, durasi) in ref.IZIN_PENDEK.items():
        if len(pool) == 0:
            break
        asn = pool[acak.integers(0, len(pool), max(1, acak.binomial(len(pool), p)))]
        mulai, selesai = _rentang_pendek(acak, kal, enam[asn], durasi, jenis != "izin")
        bagian.append((asn, jenis, mulai, selesai))
    return bagian


def _izin_panjang(acak: np.random.Generator, kal: Kalender, calon: dict[str, np.ndarray]) -> list[Rentang]:
    """Long leave, at most one record per ASN and type; at least one of each type."""
    bagian: list[Rentang] = []
    for jenis, p in ref.IZIN_PANJANG.items():
        pool = np.flatnonzero(calon[jenis])
        if len(pool) == 0:
            continue
        k = min(len(pool), max(1, acak.binomial(len(pool), p)))
        asn = acak.choice(pool, k, replace=False)
        bagian.append((asn, jenis, *_rentang_panjang(acak, kal, jenis, k)))
    return bagian


def _rentang_pendek(
    acak: np.random.Generator, kal: Kalender, enam: np.ndarray, durasi: list[tuple[int, float]], boleh_sebelum: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Start on a working day of the period (a few before it), end after N working days."""
    k = len(enam)
    hari = kal.tanggal[acak.integers(0, kal.n_hari, k)]
    mulai = _geser(kal, hari, 0, enam)
    lewat = mulai > kal.tanggal[-1]
    mulai[lewat] = _geser(kal, hari[lewat], 0, enam[lewat], mundur=True)
    if boleh_sebelum:
        sebelum = acak.random(k) < ref.PORSI_MULAI_SEBELUM
        awal = kal.tanggal[0] - acak.integers(1, 8, sebelum.sum())
        mulai[sebelum] = _geser(kal, awal, 0, enam[sebelum], mundur=True)
    lama = pilih(acak, durasi, k).astype(np.int64)
    selesai = _geser(kal, mulai, lama - 1, enam)
    # a leave that started before the period runs at least into its first working day
    hari_pertama = _geser(kal, np.full(k, kal.tanggal[0]), 0, enam)
    selesai = np.maximum(selesai, hari_pertama)
    return mulai.astype(np.int64), selesai.astype(np.int64)


def _geser(kal: Kalender, hari: np.ndarray, n: np.ndarray | int, enam: np.ndarray, mundur: bool = False) -> np.ndarray:
    """Business-day offset using each ASN's schedule."""
    n = np.broadcast_to(np.asarray(n), hari.shape)
    out = np.empty(hari.shape, dtype="datetime64[D]")
    for jadwal, pilihan in (("6HK", enam), ("5HK", ~enam)):
        if pilihan.any():
            out[pilihan] = kal.geser_hari_kerja(hari[pilihan], n[pilihan], jadwal, mundur)
    return out


def _rentang_panjang(acak: np.random.Generator, kal: Kalender, jenis: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Calendar-day ranges of long leave; all of them touch the period."""
    awal, akhir, d = kal.epoch_mulai, kal.epoch_akhir, kal.n_hari
    if jenis == "cuti_melahirkan":  # three months
        mulai = awal + acak.integers(-85, d, k)
        return mulai, mulai + 89
    if jenis == "cuti_besar":  # one to three months
        mulai = awal + acak.integers(-60, d - 2, k)
        return mulai, mulai + pilih(acak, [(30, 1), (60, 1), (90, 2)], k).astype(np.int64) - 1
    if jenis == "cltn":  # unpaid leave, months to years, from the first of a month
        mulai = _awal_bulan(awal - acak.integers(0, 400, k))
        selesai = mulai + acak.integers(365, 1096, k)
        return mulai, np.maximum(selesai, akhir + acak.integers(20, 300, k))
    # tugas_belajar: two to four academic years, from the first of a month
    mulai = _awal_bulan(awal - acak.integers(0, 1000, k))
    lama = pilih(acak, [(730, 2), (1095, 1), (1460, 1)], k).astype(np.int64)
    return mulai, np.maximum(mulai + lama, akhir + acak.integers(30, 700, k))


def _awal_bulan(epoch: np.ndarray) -> np.ndarray:
    return epoch.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _matriks_rentang(n: int, kal: Kalender, asn: np.ndarray, mulai: np.ndarray, selesai: np.ndarray) -> np.ndarray:
    """(ASN x day) bool: day inside at least one [mulai, selesai] range."""
    s = np.clip(mulai - kal.epoch_mulai, 0, kal.n_hari)
    e = np.clip(selesai - kal.epoch_mulai + 1, 0, kal.n_hari)
    ada = s < e
    beda = np.zeros((n, kal.n_hari + 1), dtype=np.int32)
    np.add.at(beda, (asn[ada], s[ada]), 1)
    np.add.at(beda, (asn[ada], e[ada]), -1)
    return np.cumsum(beda, axis=1)[:, : kal.n_hari] > 0


def _format_izin(df: pl.DataFrame, peg: pl.DataFrame) -> pl.DataFrame:
    asn = df["_asn"].to_numpy()
    kode = pl.col("jenis").replace_strict(ref.KODE_SURAT_IZIN, default="800")
    penerbit = (
        pl.when(pl.col("jenis").is_in(list(ref.KODE_SURAT_IZIN))).then(pl.col("_opd")).otherwise(pl.lit("BKPSDM"))
    )
    return df.with_columns(
        peg["nip"].gather(asn).alias("nip"),
        peg["opd_kode"].gather(asn).alias("_opd"),
        ke_tanggal(df["_mulai"], "tanggal_mulai"),
        ke_tanggal(df["_selesai"], "tanggal_selesai"),
    ).with_columns(
        pl.format("{}/{}-{}/{}", kode, pl.col("_nomor"), penerbit, pl.col("tanggal_mulai").dt.year()).alias(
            "nomor_dokumen"
        ),
    )


# --- presensi -----------------------------------------------------------------------------


def tabel_presensi(
    acak: np.random.Generator, peg: pl.DataFrame, kal: Kalender, hp: HariPegawai
) -> tuple[pl.DataFrame, np.ndarray]:
    """Attendance rows and the (ASN x day) check-in matrix (seconds, -1 = none)."""
    n, d = hp.n, kal.n_hari
    p_absen = pilih(acak, [(0.003, 82), (0.03, 15), (0.15, 3)], n)
    hadir = hp.kerja & ~hp.cuti & (acak.random((n, d)) >= p_absen[:, None])
    tetap_masuk = hp.kerja & hp.cuti & (acak.random((n, d)) < 0.03)  # came in despite leave
    piket = hp.bekerja & ~hp.kerja & (acak.random((n, d)) < 0.004)  # weekend/holiday duty
    i, h = np.nonzero(hadir | tetap_masuk | piket)
    m = len(i)

    enam = (peg["jadwal_kerja"] == "6HK").to_numpy()
    pulang_jadwal = JAM_PULANG[enam[i].astype(np.int64), kal.hari[h]]
    masuk = _jam_masuk(acak, m, pilih(acak, [(0.02, 70), (0.10, 25), (0.35, 5)], n)[i], pulang_jadwal)
    pulang = _jam_pulang(acak, m, pilih(acak, [(0.01, 75), (0.06, 20), (0.25, 5)], n)[i], pulang_jadwal, masuk)
    lupa = pilih(acak, [(1.0, 90), (4.0, 10)], n)[i]  # some people often forget to tap
    dua_kosong = acak.random(m) < 0.003
    masuk_kosong = dua_kosong | (acak.random(m) < 0.01 * lupa)
    pulang_kosong = dua_kosong | (acak.random(m) < 0.015 * lupa)

    matriks_masuk = np.full((n, d), -1, dtype=np.int32)
    matriks_masuk[i, h] = np.where(masuk_kosong, -1, masuk)
    df = pl.DataFrame(
        [
            peg["nip"].gather(i).alias("nip"),
            ke_tanggal(kal.epoch_mulai + h, "tanggal"),
            ke_jam(masuk, masuk_kosong, "jam_masuk"),
            ke_jam(pulang, pulang_kosong, "jam_pulang"),
        ]
    )
    return df, matriks_masuk


def _detik_pita(acak: np.random.Generator, m: int) -> np.ndarray:
    """Seconds late/early spread over the four bands; 8% sit exactly on a band edge
    (e.g. 07:30:01 = 1 minute, 08:00:00 = 30 minutes, 08:00:01 = 31 minutes)."""
    pita = pilih(acak, [(k, p) for k, (_, p) in enumerate(PITA_MENIT)], m).astype(np.int64)
    bawah = np.array([b[0][0] for b in PITA_MENIT])[pita]
    atas = np.array([b[0][1] for b in PITA_MENIT])[pita]
    detik = bawah + np.floor(acak.random(m) * (atas - bawah + 1)).astype(np.int64)
    tepi = acak.random(m) < 0.08
    return np.where(tepi, np.where(acak.random(m) < 0.5, bawah, atas), detik)


def _jam_masuk(acak: np.random.Generator, m: int, p_telat: np.ndarray, pulang_jadwal: np.ndarray) -> np.ndarray:
    tepat = np.floor(acak.triangular(6 * 3600 + 45 * 60, 7 * 3600 + 15 * 60, JAM_MASUK, m))
    tepat = np.minimum(tepat.astype(np.int64), JAM_MASUK - 1)
    tepat = np.where(acak.random(m) < 0.01, JAM_MASUK, tepat)  # exactly 07:30:00, not late
    telat = acak.random(m) < p_telat
    jam = np.where(telat, JAM_MASUK + _detik_pita(acak, m), tepat)
    return np.minimum(jam, pulang_jadwal - 3600)


def _jam_pulang(
    acak: np.random.Generator, m: int, p_cepat: np.ndarray, pulang_jadwal: np.ndarray, masuk: np.ndarray
) -> np.ndarray:
    tepat = pulang_jadwal + np.floor(acak.triangular(0, 15 * 60, 90 * 60, m)).astype(np.int64)
    tepat = np.where(acak.random(m) < 0.01, pulang_jadwal, tepat)  # exactly on time
    cepat = acak.random(m) < p_cepat
    jam = np.where(cepat, pulang_jadwal - _detik_pita(acak, m), tepat)
    return np.maximum(jam, masuk + 1800)


# --- apel ---------------------------------------------------------------------------------


def tanggal_apel(kal: Kalender) -> np.ndarray:
    """Day indices of mandatory apel/upacara: Monday apel pagi on working days, the
    Hari Kesadaran Nasional upacara on the 17th (if a working day) and national days."""
    kerja = kal.hari_kerja("5HK")
    hari = set(np.flatnonzero((kal.hari == 0) & kerja).tolist())
    if kal.n_hari >= ref.TANGGAL_HKN and kerja[ref.TANGGAL_HKN - 1]:
        hari.add(ref.TANGGAL_HKN - 1)
    hari.update(tgl - 1 for bln, tgl, _ in ref.UPACARA if bln == kal.bulan)
    return np.array(sorted(hari), dtype=np.int64)


def tabel_apel(
    acak: np.random.Generator, peg: pl.DataFrame, kal: Kalender, hp: HariPegawai, masuk: np.ndarray
) -> pl.DataFrame:
    """One row per ASN and ceremony (a few missing); absent or late ASN did not attend."""
    i_all, h_all, hadir_all = [], [], []
    for h in tanggal_apel(kal):
        ada = hp.bekerja[:, h] & ~hp.cuti[:, h] & (acak.random(hp.n) < 0.97)
        r = acak.random(hp.n)
        tepat = (masuk[:, h] >= 0) & (masuk[:, h] <= APEL_TEPAT)
        terlambat = masuk[:, h] > APEL_TEPAT
        hadir_kerja = np.where(tepat, r < 0.98, terlambat & (r < 0.2))
        hadir = np.where(hp.kerja[:, h], hadir_kerja, r < 0.85)  # holiday upacara: most come
        i = np.flatnonzero(ada)
        i_all.append(i)
        h_all.append(np.full(len(i), h))
        hadir_all.append(hadir[i])
    if not i_all:
        return pl.DataFrame(schema={"nip": pl.String, "tanggal": pl.Date, "hadir": pl.Boolean})
    i, h, hadir = np.concatenate(i_all), np.concatenate(h_all), np.concatenate(hadir_all)
    urut = np.lexsort((h, i))
    i, h, hadir = i[urut], h[urut], hadir[urut]
    return pl.DataFrame(
        [
            peg["nip"].gather(i).alias("nip"),
            ke_tanggal(kal.epoch_mulai + h, "tanggal"),
            pl.Series("hadir", hadir, dtype=pl.Boolean),
        ]
    )
