"""The employee snapshot (pegawai.csv).

The population depends on (seed, year, n_asn) only, so every month of a year shows the
same people; joiners and leavers are then drawn per period. Besides the contract columns
the frame carries internal columns prefixed with `_` that the other generators use
(agency and unit index, role, category, gender, age); the writer drops them.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from . import referensi as ref
from .acak import gabung_teks, peringkat_dalam_grup, pilih, rng
from .kalender import Kalender

HARI_PER_TAHUN = 365.2425
PERAN = ("kepala_opd", "struktural", "kepala_unit", "staf")  # sort order in the export
PORSI_MASUK = 0.01  # joiners with tmt_mulai inside the period
PORSI_KELUAR = 0.01  # leavers with tmt_selesai inside the period
PORSI_PAGU_KHUSUS = 0.10  # individual pagu_tpp instead of the kelas table


def tabel_pegawai(seed: int, kal: Kalender, opd: pl.DataFrame, unit: pl.DataFrame, n: int) -> pl.DataFrame:
    """n ASN: heads of every agency, structural officials, unit heads and staff, with
    NIP, name and title, position, kelas, golongan, schedule and service dates."""
    acak = rng(seed, "pegawai", kal.tahun, n)
    acuan = int(np.datetime64(date(kal.tahun, 1, 1), "D").astype(np.int64))  # ages as of 1 Jan

    opd_i, peran = _alokasi_opd(acak, opd, n)
    unit_i = _alokasi_unit(acak, opd, unit, opd_i, peran)
    jab = _jabatan(acak, opd, unit, opd_i, unit_i, peran)
    perempuan = acak.random(n) < jab["p_perempuan"]
    lahir = _tanggal_lahir(acak, peran, jab["pppk"], jab["kelas"], acuan)
    tmt_nip = _tmt_nip(acak, lahir, jab["pppk"], peran, kal.tahun)
    masa_kerja = (acuan - tmt_nip) / HARI_PER_TAHUN
    tmt_mulai = _tmt_mulai(acak, tmt_nip, jab["pppk"], peran, acuan)

    df = pl.DataFrame(
        {
            "_lahir": lahir,
            "_tmt_nip": tmt_nip,
            "_perempuan": perempuan,
            "nama": _nama(acak, perempuan, (acuan - lahir) / HARI_PER_TAHUN, jab["gelar"]),
            "jenis_asn": np.where(jab["pppk"], "PPPK", "PNS"),
            "opd_kode": opd["opd_kode"].to_numpy()[opd_i],
            "unit_layanan_kode": unit["unit_layanan_kode"]
            .gather(np.maximum(unit_i, 0))
            .scatter(np.flatnonzero(unit_i < 0), None),
            "jabatan": jab["jabatan"],
            "kelas_jabatan": jab["kelas"],
            "golongan": _golongan(acak, jab["kelas"], jab["pppk"], masa_kerja),
            "jadwal_kerja": np.where(unit_i >= 0, unit["jadwal_kerja"].to_numpy()[unit_i], "5HK"),
            "tmt_mulai": tmt_mulai,
            "pagu_tpp": _pagu(acak, jab["kelas"]),
            "_opd_i": opd_i,
            "_unit_i": unit_i,
            "_peran": np.array(PERAN)[peran],
            "_peran_i": peran,
            "_kategori": jab["kategori"],
            "_urut_awal": acak.integers(1, 10, n),
        }
    )
    # export order: agency, office before units, heads first, higher kelas first
    df = df.with_columns(_nip().alias("nip")).sort(
        ["_opd_i", "_unit_i", "_peran_i", "kelas_jabatan", "nip"],
        descending=[False, False, False, True, False],
        maintain_order=True,
    )
    df = _mutasi(rng(seed, "mutasi", kal.periode), df, kal)
    return df.with_columns(
        pl.col("tmt_mulai").cast(pl.Int32).cast(pl.Date),
        pl.col("tmt_selesai").cast(pl.Int32).cast(pl.Date),
        ((kal.epoch_mulai - pl.col("_lahir")) / HARI_PER_TAHUN).alias("_umur"),
    ).select(
        [
            "nip",
            "nama",
            "jenis_asn",
            "opd_kode",
            "unit_layanan_kode",
            "jabatan",
            "kelas_jabatan",
            "golongan",
            "jadwal_kerja",
            "tmt_mulai",
            "tmt_selesai",
            "pagu_tpp",
            "_opd_i",
            "_unit_i",
            "_peran",
            "_kategori",
            "_perempuan",
            "_umur",
        ]
    )


# --- where people work ------------------------------------------------------------------


def _alokasi_opd(acak: np.random.Generator, opd: pl.DataFrame, n: int) -> tuple[np.ndarray, np.ndarray]:
    """OPD index and role index of every ASN: one head per OPD first, the rest by weight."""
    n_opd = opd.height
    n_kepala = min(n, n_opd)
    bobot = opd["bobot"].to_numpy()
    opd_i = np.r_[np.arange(n_kepala), acak.choice(n_opd, n - n_kepala, p=bobot / bobot.sum())]
    peran = np.full(n, PERAN.index("staf"))
    peran[:n_kepala] = PERAN.index("kepala_opd")
    return opd_i, peran


def _alokasi_unit(
    acak: np.random.Generator, opd: pl.DataFrame, unit: pl.DataFrame, opd_i: np.ndarray, peran: np.ndarray
) -> np.ndarray:
    """Service-unit index of every ASN (-1 = works in the agency's office)."""
    unit_i = np.full(len(opd_i), -1)
    staf = peran == PERAN.index("staf")
    unit_opd = unit["opd_kode"].to_numpy()
    unit_bobot = unit["bobot"].to_numpy()
    for o, (kode, porsi) in enumerate(zip(opd["opd_kode"], opd["porsi_unit"], strict=False)):
        calon = np.flatnonzero(unit_opd == kode)
        if porsi <= 0 or len(calon) == 0:
            continue
        baris = np.flatnonzero(staf & (opd_i == o))
        baris = baris[acak.random(len(baris)) < porsi]
        p = unit_bobot[calon] / unit_bobot[calon].sum()
        unit_i[baris] = calon[acak.choice(len(calon), len(baris), p=p)]
    return unit_i


# --- positions ----------------------------------------------------------------------------


def _jabatan(
    acak: np.random.Generator,
    opd: pl.DataFrame,
    unit: pl.DataFrame,
    opd_i: np.ndarray,
    unit_i: np.ndarray,
    peran: np.ndarray,
) -> dict[str, np.ndarray]:
    """jabatan, kelas, PPPK flag, title group, category and P(female) of every ASN."""
    n = len(opd_i)
    out = {
        "jabatan": np.empty(n, dtype=object),
        "kelas": np.zeros(n, dtype=np.int64),
        "gelar": np.empty(n, dtype=object),
        "kategori": np.empty(n, dtype=object),
        "p_perempuan": np.full(n, ref.PORSI_PEREMPUAN["struktural"]),
        "pppk": np.zeros(n, dtype=bool),
    }
    opd_jenis = opd["jenis"].to_numpy()
    opd_kode = opd["opd_kode"].to_numpy()

    # heads of the OPD
    kepala = np.flatnonzero(peran == PERAN.index("kepala_opd"))
    out["jabatan"][kepala] = opd["kepala_jabatan"].to_numpy()[opd_i[kepala]]
    out["kelas"][kepala] = opd["kepala_kelas"].to_numpy()[opd_i[kepala]]
    out["gelar"][kepala] = [
        ref.GELAR_KEPALA_OPD.get(k, ref.GELAR_KEPALA[j])
        for k, j in zip(opd_kode[opd_i[kepala]], opd_jenis[opd_i[kepala]], strict=False)
    ]
    out["kategori"][kepala] = "struktural"

    # heads of service units: one per staffed unit
    di_unit = np.flatnonzero(unit_i >= 0)
    kepala_unit = di_unit[peringkat_dalam_grup(unit_i[di_unit], acak) == 0]
    peran[kepala_unit] = PERAN.index("kepala_unit")
    u = unit_i[kepala_unit]
    out["jabatan"][kepala_unit] = unit["kepala_jabatan"].to_numpy()[u]
    out["kelas"][kepala_unit] = unit["kepala_kelas"].to_numpy()[u]
    out["gelar"][kepala_unit] = unit["kepala_gelar"].to_numpy()[u]
    out["kategori"][kepala_unit] = "struktural"

    # structural ladder below the head, filled from the office staff
    kantor = np.flatnonzero((unit_i < 0) & (peran == PERAN.index("staf")))
    urutan = peringkat_dalam_grup(opd_i[kantor], acak)
    jumlah_kantor = np.bincount(opd_i[kantor], minlength=opd.height)
    for o, jenis in enumerate(opd_jenis):
        tangga = ref.TANGGA_STRUKTURAL[jenis]
        boleh = min(len(tangga), jumlah_kantor[o] // 4)
        for r in range(boleh):
            i = kantor[(opd_i[kantor] == o) & (urutan == r)]
            peran[i] = PERAN.index("struktural")
            out["jabatan"][i], out["kelas"][i] = tangga[r]
            out["gelar"][i] = ref.GELAR_KEPALA[jenis]
            out["kategori"][i] = "struktural"

    # everybody else: category from the unit type, PNS/PPPK, then a position
    staf = np.flatnonzero(peran == PERAN.index("staf"))
    tipe = unit["tipe"].to_numpy()
    kategori = np.where(
        unit_i[staf] >= 0,
        np.array([ref.KATEGORI_UNIT[t] for t in tipe], dtype=object)[np.maximum(unit_i[staf], 0)],
        "kantor",
    )
    out["kategori"][staf] = kategori
    porsi_pppk = np.array([ref.PORSI_PPPK[k] for k in kategori])
    out["pppk"][staf] = acak.random(len(staf)) < porsi_pppk
    for kat, daftar in ref.JABATAN.items():
        for pppk in (False, True):
            _isi_jabatan(
                acak, out, staf[(kategori == kat) & (out["pppk"][staf] == pppk)], daftar, pppk, ref.PORSI_PEREMPUAN[kat]
            )
    # agency-specific functional positions for part of the office staff
    kantor_staf = staf[kategori == "kantor"]
    for o, kode in enumerate(opd_kode):
        if kode not in ref.FUNGSIONAL_OPD:
            continue
        porsi, daftar = ref.FUNGSIONAL_OPD[kode]
        baris = kantor_staf[(opd_i[kantor_staf] == o) & (acak.random(len(kantor_staf)) < porsi)]
        for pppk in (False, True):
            _isi_jabatan(acak, out, baris[out["pppk"][baris] == pppk], daftar, pppk, ref.PORSI_PEREMPUAN["kantor"])
    return out


def _isi_jabatan(
    acak: np.random.Generator,
    out: dict[str, np.ndarray],
    baris: np.ndarray,
    daftar: list[ref.Jab],
    pppk: bool,
    p_perempuan: float,
) -> None:
    if len(baris) == 0:
        return
    bobot = np.array([j[3] if pppk else j[2] for j in daftar], dtype=float)
    if bobot.sum() == 0:
        bobot = np.array([j[2] for j in daftar], dtype=float)
    k = acak.choice(len(daftar), len(baris), p=bobot / bobot.sum())
    out["jabatan"][baris] = np.array([j[0] for j in daftar], dtype=object)[k]
    out["kelas"][baris] = np.array([j[1] for j in daftar])[k]
    out["gelar"][baris] = np.array([j[4] for j in daftar], dtype=object)[k]
    out["p_perempuan"][baris] = np.array([p_perempuan if j[5] is None else j[5] for j in daftar])[k]


# --- dates --------------------------------------------------------------------------------


def _tanggal_lahir(
    acak: np.random.Generator, peran: np.ndarray, pppk: np.ndarray, kelas: np.ndarray, acuan: int
) -> np.ndarray:
    """Birth date (epoch days): age 20-57 on 1 January, so 20-58 all year. Senior
    functional grades (Ahli Muda, Ahli Madya) are not given to the very young."""
    n = len(peran)
    umur = 20 + 38 * acak.beta(2.0, 1.6, n)
    umur = np.where(pppk, 24 + 33 * acak.beta(2.0, 2.0, n), umur)
    umur_min = np.select([kelas >= 11, kelas >= 9], [38.0, 28.0], 0.0)
    umur = np.maximum(umur, umur_min + acak.uniform(0, 6, n))
    pimpinan = (peran == PERAN.index("struktural")) | (peran == PERAN.index("kepala_unit"))
    umur = np.where(pimpinan, 38 + 20 * acak.beta(2.5, 1.8, n), umur)
    umur = np.where(peran == PERAN.index("kepala_opd"), 48 + 10 * acak.beta(2.0, 2.0, n), umur)
    umur = np.clip(umur, 20.01, 57.99)
    return acuan - np.floor(umur * HARI_PER_TAHUN).astype(np.int64)


def _tahun_bulan(epoch: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = epoch.astype("datetime64[D]")
    tahun = d.astype("datetime64[Y]").astype(np.int64) + 1970
    bulan = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    hari = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return tahun, bulan, hari


def _awal_bulan(tahun: np.ndarray, bulan: np.ndarray) -> np.ndarray:
    return ((tahun - 1970) * 12 + bulan - 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _tmt_nip(
    acak: np.random.Generator, lahir: np.ndarray, pppk: np.ndarray, peran: np.ndarray, tahun: int
) -> np.ndarray:
    """First day of the month in NIP digits 9-14: TMT CPNS (PNS, at 19-35 years old,
    before this year) or the PPPK appointment (2021-2025)."""
    n = len(lahir)
    th_lahir = _tahun_bulan(lahir)[0]
    bawah = th_lahir + 19
    atas = np.minimum(th_lahir + np.where(peran == PERAN.index("kepala_opd"), 28, 35), tahun - 1)
    bawah_pppk = np.maximum(2021, th_lahir + 19)
    atas_pppk = np.maximum(np.minimum(2025, tahun - 1), th_lahir + 19)
    bawah = np.where(pppk, np.minimum(bawah_pppk, atas_pppk), bawah)
    atas = np.where(pppk, atas_pppk, np.maximum(atas, bawah))
    th = bawah + np.floor(acak.random(n) * (atas - bawah + 1)).astype(np.int64)
    return _awal_bulan(th, acak.integers(1, 13, n))


def _tmt_mulai(
    acak: np.random.Generator, tmt_nip: np.ndarray, pppk: np.ndarray, peran: np.ndarray, acuan: int
) -> np.ndarray:
    """Start in the current post: the appointment itself or a later transfer."""
    n = len(tmt_nip)
    batas = acuan - 30
    pindah = tmt_nip + np.floor(acak.random(n) * np.maximum(batas - tmt_nip, 0)).astype(np.int64)
    tetap = acak.random(n) < np.where(pppk, 0.75, 0.35)
    tmt = np.where(tetap, tmt_nip, pindah)
    # heads were installed in the last five years
    kepala = peran == PERAN.index("kepala_opd")
    lantik = acuan - 30 - acak.integers(0, 5 * 365, n)
    return np.where(kepala, np.maximum(lantik, tmt_nip), tmt)


def _mutasi(acak: np.random.Generator, df: pl.DataFrame, kal: Kalender) -> pl.DataFrame:
    """About 1% joiners (tmt_mulai mid-period) and 1% leavers (tmt_selesai mid-period),
    drawn from ordinary staff."""
    n = df.height
    staf = np.flatnonzero(df["_peran"].to_numpy() == "staf")
    k_masuk = min(len(staf) // 2, max(1, round(PORSI_MASUK * n)))
    k_keluar = min(len(staf) // 2, max(1, round(PORSI_KELUAR * n)))
    dipilih = acak.permutation(staf)
    masuk, keluar = dipilih[:k_masuk], dipilih[k_masuk : k_masuk + k_keluar]
    tengah = max(kal.n_hari - 2, 1)
    tmt_mulai = df["tmt_mulai"].to_numpy().copy()
    tmt_mulai[masuk] = kal.epoch_mulai + 1 + acak.integers(0, tengah, len(masuk))
    tmt_selesai = np.full(n, np.nan)
    tmt_selesai[keluar] = kal.epoch_mulai + 1 + acak.integers(0, tengah, len(keluar))
    return df.with_columns(
        pl.Series("tmt_mulai", tmt_mulai),
        pl.Series("tmt_selesai", tmt_selesai, nan_to_null=True).cast(pl.Int64),
    )


# --- rank and pay ---------------------------------------------------------------------------

# kelas -> (lowest, highest) index in GOLONGAN_PNS
_RENTANG_GOLONGAN = {
    1: (0, 7),
    2: (0, 7),
    3: (4, 9),
    4: (4, 9),
    5: (4, 11),
    6: (4, 11),
    7: (4, 11),
    8: (8, 9),
    9: (9, 11),
    10: (10, 14),
    11: (10, 14),
    12: (11, 13),
    13: (12, 15),
    14: (12, 15),
    15: (13, 15),
    16: (14, 16),
    17: (14, 16),
}
# kelas -> [(index in GOLONGAN_PPPK, weight)]
_GOLONGAN_PPPK = {
    1: [(0, 6), (3, 4)],
    2: [(0, 4), (3, 6)],
    3: [(3, 5), (4, 5)],
    4: [(4, 8), (6, 2)],
    5: [(4, 7), (6, 3)],
    6: [(6, 6), (4, 2), (8, 2)],
    7: [(6, 5), (8, 5)],
    8: [(8, 9), (9, 1)],
    9: [(8, 6), (9, 4)],
    10: [(9, 7), (10, 3)],
}


def _golongan(acak: np.random.Generator, kelas: np.ndarray, pppk: np.ndarray, masa_kerja: np.ndarray) -> np.ndarray:
    n = len(kelas)
    # PNS: entry by education (guessed from kelas), a step every four years, capped by kelas
    masuk = np.where(kelas <= 2, 2, np.where(kelas <= 4, 4, 8))
    menengah = (kelas >= 5) & (kelas <= 7)
    masuk = np.where(menengah, pilih(acak, [(4, 5), (6, 3), (8, 2)], n), masuk)
    bawah = np.array([_RENTANG_GOLONGAN[k][0] for k in range(1, 18)])[kelas - 1]
    atas = np.array([_RENTANG_GOLONGAN[k][1] for k in range(1, 18)])[kelas - 1]
    idx = np.clip(masuk + np.floor(masa_kerja / 4).astype(np.int64), bawah, atas)
    gol = np.array(ref.GOLONGAN_PNS, dtype=object)[idx]
    # PPPK: golongan I-XVII by education level
    gol_pppk = np.empty(n, dtype=object)
    for k in np.unique(kelas[pppk]):
        baris = np.flatnonzero(pppk & (kelas == k))
        opsi = _GOLONGAN_PPPK.get(int(k), [(9, 6), (10, 4)])
        gol_pppk[baris] = np.array(ref.GOLONGAN_PPPK, dtype=object)[pilih(acak, opsi, len(baris))]
    return np.where(pppk, gol_pppk, gol)


def _pagu(acak: np.random.Generator, kelas: np.ndarray) -> pl.Series:
    """Individual monthly ceiling for ~10% (blank = from the kelas table)."""
    n = len(kelas)
    tarif = np.array([ref.TARIF_KELAS[k] for k in range(1, 18)])[kelas - 1]
    nilai = np.round(tarif * acak.uniform(0.85, 1.35, n) / 500) * 500
    khusus = acak.random(n) < PORSI_PAGU_KHUSUS
    return pl.Series("pagu_tpp", np.where(khusus, nilai, np.nan), nan_to_null=True).cast(pl.Int64)


# --- identity -------------------------------------------------------------------------------


def _nama(acak: np.random.Generator, perempuan: np.ndarray, umur: np.ndarray, gelar: np.ndarray) -> pl.Series:
    """Full name with title: [dr./Ns./apt.] [H./Hj.] [Tb./Ratu] Name[, S.x., M.x.]."""
    n = len(perempuan)
    nasrani = acak.random(n) < 0.06
    pola = acak.random(n)

    def ambil(daftar: list[str]) -> np.ndarray:
        return np.array(daftar, dtype=object)[acak.integers(0, len(daftar), n)]

    depan = np.where(perempuan, ambil(ref.NAMA_DEPAN_PEREMPUAN), ambil(ref.NAMA_DEPAN_LAKI))
    belakang = np.where(perempuan, ambil(ref.NAMA_BELAKANG_PEREMPUAN), ambil(ref.NAMA_BELAKANG_LAKI))
    tunggal = np.where(perempuan, ambil(ref.NAMA_TUNGGAL_PEREMPUAN), ambil(ref.NAMA_TUNGGAL_LAKI))
    awalan = np.where(~perempuan & (pola > 0.70), ambil(ref.AWALAN_LAKI), "")
    # patterns: a Javanese single name (8%), first name only (6%), first + last
    depan = np.where(pola < 0.08, tunggal, depan)
    belakang = np.where(pola < 0.14, "", belakang)
    # Christian names with a family name
    depan = np.where(
        nasrani, np.where(perempuan, ambil(ref.NAMA_DEPAN_PEREMPUAN_NASRANI), ambil(ref.NAMA_DEPAN_LAKI_NASRANI)), depan
    )
    belakang = np.where(nasrani, ambil(ref.MARGA), belakang)
    awalan = np.where(nasrani, "", awalan)
    # H./Hj. for some Muslims over 40, Tb./Ratu (Bantenese nobility) for a few
    haji = np.where(~nasrani & (umur >= 40) & (acak.random(n) < 0.15), np.where(perempuan, "Hj.", "H."), "")
    bangsawan = np.where(~nasrani & (acak.random(n) < 0.025), np.where(perempuan, "Ratu", "Tb."), "")
    gelar_depan = np.empty(n, dtype=object)
    gelar_belakang = np.empty(n, dtype=object)
    for grup, opsi in ref.GELAR.items():
        baris = np.flatnonzero(gelar == grup)
        k = pilih(acak, [(i, o[2]) for i, o in enumerate(opsi)], len(baris)).astype(np.int64)
        gelar_depan[baris] = np.array([o[0].strip() for o in opsi], dtype=object)[k]
        gelar_belakang[baris] = np.array([o[1] for o in opsi], dtype=object)[k]
    inti = gabung_teks(gelar_depan, haji, bangsawan, awalan, depan, belakang)
    return (inti + pl.Series(gelar_belakang, dtype=pl.String)).alias("nama")


def _nip() -> pl.Expr:
    """18 digits: birth date, TMT CPNS / PPPK appointment (YYYYMM), gender, sequence.
    The sequence makes equal 15-digit prefixes unique (it starts at a random 1-9)."""
    sama = ["_lahir", "_tmt_nip", "_perempuan"]
    return (
        pl.col("_lahir").cast(pl.Int32).cast(pl.Date).dt.strftime("%Y%m%d")
        + pl.col("_tmt_nip").cast(pl.Int32).cast(pl.Date).dt.strftime("%Y%m")
        + pl.when(pl.col("_perempuan")).then(pl.lit("2")).otherwise(pl.lit("1"))
        + (pl.col("_urut_awal").first().over(sama) + pl.int_range(pl.len()).over(sama)).cast(pl.String).str.zfill(3)
    )
