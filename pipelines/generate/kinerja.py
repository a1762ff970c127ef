"""Performance sources: target_kinerja, penilaian_perilaku, survei_skm, inovasi and
hukuman_disiplin."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from . import referensi as ref
from .acak import ke_tanggal, pilih
from .kalender import Kalender, sehari_setahun_lalu

PORSI_TANPA_TARGET = 0.01
PORSI_TANPA_PENILAIAN = 0.01
BOBOT_INDIKATOR = [10, 15, 20, 25, 30, 35, 40]
JUMLAH_INDIKATOR = [(2, 10), (3, 30), (4, 30), (5, 20), (6, 10)]


# --- target_kinerja -----------------------------------------------------------------------


def _katalog_indikator() -> tuple[pl.DataFrame, dict[str, tuple[int, int]]]:
    """All indicator templates in one table, and (offset, count) of each group's list
    (its own indicators followed by the general ones)."""
    baris: list[tuple] = []
    posisi: dict[str, tuple[int, int]] = {}
    for kel, daftar in ref.INDIKATOR.items():
        gabung = daftar + (ref.INDIKATOR["umum"] if kel != "umum" else [])
        posisi[kel] = (len(baris), len(gabung))
        baris.extend(gabung)
    kolom = ["indikator", "satuan", "arah", "lo", "hi", "step", "desimal"]
    return pl.DataFrame(baris, schema=kolom, orient="row"), posisi


def tabel_target(acak: np.random.Generator, peg: pl.DataFrame, unggul: np.ndarray) -> pl.DataFrame:
    """2-6 indicators per ASN from the list of their work area plus the general list;
    about 1% of ASN have none. `unggul` ASN (strong performers) meet or beat every target."""
    n = peg.height
    katalog, posisi = _katalog_indikator()
    kelompok = peg["_kategori"].replace_strict(ref.KELOMPOK_INDIKATOR).to_numpy()
    punya = acak.random(n) >= PORSI_TANPA_TARGET
    jumlah = pilih(acak, JUMLAH_INDIKATOR, n).astype(np.int64)
    asn_all, no_all, tpl_all = [], [], []
    for kel in np.unique(kelompok):
        awal, banyak = posisi[kel]
        asn = np.flatnonzero((kelompok == kel) & punya)
        # a random subset per ASN: the first k columns of a per-row random permutation
        urutan = np.argsort(acak.random((len(asn), banyak)), axis=1)
        k = np.minimum(jumlah[asn], banyak)
        baris, kolom = np.nonzero(np.arange(banyak)[None, :] < k[:, None])
        asn_all.append(asn[baris])
        no_all.append(kolom + 1)
        tpl_all.append(awal + urutan[baris, kolom])
    asn, no, tpl = (np.concatenate(x) for x in (asn_all, no_all, tpl_all))
    urut = np.lexsort((no, asn))
    indikator = katalog.select(pl.all().gather(tpl[urut]))
    return _isi_nilai_target(acak, asn[urut], no[urut], indikator, peg, unggul[asn[urut]])


def _isi_nilai_target(
    acak: np.random.Generator, asn: np.ndarray, no: np.ndarray, ind: pl.DataFrame, peg: pl.DataFrame, unggul: np.ndarray
) -> pl.DataFrame:
    m = len(asn)
    lo, hi, step = (ind[c].to_numpy().astype(float) for c in ("lo", "hi", "step"))
    satuan, arah = ind["satuan"].to_numpy(), ind["arah"].to_numpy()
    desimal = ind["desimal"].to_numpy()
    target = lo + step * np.floor(acak.random(m) * (np.floor((hi - lo) / step) + 1))
    naik = arah == "naik"
    # higher-is-better: mostly near target, some well below, some above, a few zero
    pola = pilih(acak, [(0, 65), (1, 20), (2, 10), (3, 5)], m)
    dekat, bawah, atas = (
        np.clip(acak.normal(1.0, 0.07, m), 0.6, 1.25),
        acak.uniform(0.3, 0.95, m),
        acak.uniform(1.0, 1.5, m),
    )
    f_naik = np.select([pola == 0, pola == 1, pola == 2], [dekat, bawah, atas], 0.0)
    # lower-is-better: mostly at or under target, some over; complaints often zero
    keluhan = ~naik & (satuan == "orang")
    f_turun = np.where(acak.random(m) < 0.7, acak.uniform(0.5, 1.0, m), acak.uniform(1.0, 1.6, m))
    f_turun = np.where(keluhan & (acak.random(m) < 0.4), 0.0, f_turun)
    # a strong performer: above target (1.0–1.5) where higher is better, at or under it
    # where lower is; drawn as for everyone, so every other ASN's values stay as they were
    f_naik = np.where(unggul, atas, f_naik)
    f_turun = np.where(unggul & (f_turun > 1.0), 2.0 - f_turun, f_turun)
    realisasi = target * np.where(naik, f_naik, f_turun)
    realisasi = np.where(satuan == "persen", np.minimum(realisasi, 100.0), realisasi)
    return pl.DataFrame(
        {
            "nip": peg["nip"].gather(asn),
            "indikator_id": "IKI-" + pl.Series(no).cast(pl.String).str.zfill(2),
            "indikator": ind["indikator"],
            "bobot": np.array(BOBOT_INDIKATOR)[acak.integers(0, len(BOBOT_INDIKATOR), m)],
            "target": _angka(target, desimal),
            "realisasi": _angka(realisasi, desimal),
            "arah": arah,
            "satuan": satuan,
        }
    )


def _angka(nilai: np.ndarray, desimal: np.ndarray) -> pl.Series:
    """Decimal text: whole numbers without a fraction for counts, up to 2 places otherwise."""
    bulat = pl.Series(np.round(nilai).astype(np.int64)).cast(pl.String)
    pecahan = pl.Series(np.round(nilai, 2)).cast(pl.String)
    return pl.select(pl.when(pl.Series(desimal == 0)).then(bulat).otherwise(pecahan)).to_series()


# --- penilaian_perilaku -------------------------------------------------------------------


def tabel_perilaku(acak: np.random.Generator, peg: pl.DataFrame, unggul: np.ndarray) -> pl.DataFrame:
    """Supervisor's BerAKHLAK score (mostly 80-95) for ~99% of ASN; 93-100 for `unggul` ASN."""
    n = peg.height
    nilai = np.clip(acak.normal(87.5, 4.0, n), 60, 100)
    nilai = np.where(acak.random(n) < 0.06, acak.uniform(60, 80, n), nilai)
    nilai = np.where(acak.random(n) < 0.6, np.round(nilai), np.round(nilai, 2))
    ada = np.flatnonzero(acak.random(n) >= PORSI_TANPA_PENILAIAN)
    penilai = _penilai(acak, peg)
    # drawn last: every other ASN's score stays as it was
    nilai = np.where(unggul, np.maximum(nilai, np.round(acak.uniform(93, 100, n))), nilai)
    return pl.DataFrame(
        {
            "nip": peg["nip"].gather(ada),
            "nilai_perilaku": nilai[ada],
            "penilai_nip": peg["nip"].gather(penilai[ada]),
        }
    )


def _penilai(acak: np.random.Generator, peg: pl.DataFrame) -> np.ndarray:
    """Index of each ASN's assessor: unit staff -> unit head; office staff -> a structural
    official of the agency; unit heads and officials -> head of the agency; heads of
    agencies -> Sekretaris Daerah; Sekretaris Daerah -> an Asisten (or anyone else)."""
    n = peg.height
    opd_i = peg["_opd_i"].to_numpy()
    unit_i = peg["_unit_i"].to_numpy()
    peran = peg["_peran"].to_numpy()
    posisi = np.arange(n)

    def pertama_per(kunci: np.ndarray, pilih_baris: np.ndarray, ukuran: int) -> np.ndarray:
        out = np.full(ukuran, -1)
        b = np.flatnonzero(pilih_baris)[::-1]  # reversed so the first row wins
        out[kunci[b]] = b
        return out

    kepala_opd = pertama_per(opd_i, peran == "kepala_opd", opd_i.max() + 1)
    kepala_unit = pertama_per(np.maximum(unit_i, 0), (peran == "kepala_unit") & (unit_i >= 0), max(unit_i.max() + 1, 1))
    sekda = kepala_opd[0]  # SETDA is the first OPD of the table

    penilai = kepala_opd[opd_i]
    # office staff: a random official (ladder or head) of the same agency
    pejabat = np.flatnonzero(np.isin(peran, ["struktural", "kepala_opd"]))
    staf_kantor = np.flatnonzero((peran == "staf") & (unit_i < 0))
    for o in np.unique(opd_i[staf_kantor]):
        calon = pejabat[opd_i[pejabat] == o]
        baris = staf_kantor[opd_i[staf_kantor] == o]
        if len(calon):
            penilai[baris] = calon[acak.integers(0, len(calon), len(baris))]
    staf_unit = (peran == "staf") & (unit_i >= 0)
    penilai = np.where(
        staf_unit & (kepala_unit[np.maximum(unit_i, 0)] >= 0), kepala_unit[np.maximum(unit_i, 0)], penilai
    )
    penilai = np.where(peran == "kepala_opd", sekda, penilai)
    # Sekretaris Daerah, and anyone left without an assessor: another ASN
    lain = pejabat[pejabat != sekda]
    cadangan = lain[0] if len(lain) else (posisi + 1) % max(n, 1)
    salah = (penilai < 0) | (penilai == posisi)
    penilai = np.where(salah, cadangan, penilai)
    salah = penilai == posisi
    return np.where(salah, (posisi + 1) % max(n, 1), penilai)


# --- survei_skm ---------------------------------------------------------------------------


def tabel_skm(acak: np.random.Generator, unit: pl.DataFrame, kal: Kalender) -> pl.DataFrame:
    """Survey responses per service unit: most units 30-200, about 15% under 30."""
    u = unit.height
    jumlah = np.where(acak.random(u) < 0.15, acak.integers(3, 30, u), acak.integers(30, 201, u))
    urut = acak.permutation(u)
    jumlah[urut[:2]] = acak.integers(3, 30, 2)  # always some units below the minimum
    jumlah[urut[2:4]] = acak.integers(30, 201, 2)  # and some above
    unit_i = np.repeat(np.arange(u), jumlah)
    m = len(unit_i)
    # services run on working days, a little on Saturdays, rarely on Sundays/holidays
    bobot_hari = np.where(kal.hari_kerja("5HK"), 1.0, np.where(kal.hari_kerja("6HK"), 0.35, 0.03))
    hari = acak.choice(kal.n_hari, m, p=bobot_hari / bobot_hari.sum())
    # answers 1-4 around a unit-level quality, with a per-unsur offset
    mutu = acak.uniform(2.9, 3.65, u)
    geser = acak.normal(0, 0.15, (u, 9))
    jawab = mutu[unit_i, None] + geser[unit_i] + acak.normal(0, 0.55, (m, 9))
    jawab = np.clip(np.rint(jawab), 1, 4)
    kosong = acak.random((m, 9)) < 0.015
    urutan = np.lexsort((acak.random(m), unit_i, hari))
    kolom = {
        f"u{k + 1}": pl.Series(np.where(kosong[urutan, k], np.nan, jawab[urutan, k]), nan_to_null=True).cast(pl.Int8)
        for k in range(9)
    }
    return pl.DataFrame(
        {
            "respon_id": f"SKM-{kal.tahun}-{kal.bulan:02d}-"
            + pl.Series(np.arange(1, m + 1)).cast(pl.String).str.zfill(6),
            "tanggal": ke_tanggal(kal.epoch_mulai + hari[urutan], "tanggal"),
            "unit_layanan_kode": unit["unit_layanan_kode"].gather(unit_i[urutan]),
            **kolom,
        }
    )


# --- inovasi ------------------------------------------------------------------------------


def tabel_inovasi(acak: np.random.Generator, peg: pl.DataFrame, kal: Kalender) -> pl.DataFrame:
    """Innovations of the last ~18 months, every tingkat, some by teams (one row per member).
    Includes one exactly on the 12-month window edge (excluded) and one a day inside."""
    n = peg.height
    k = max(6, round(0.03 * n))
    tingkat = pilih(acak, ref.TINGKAT_INOVASI, k)
    tingkat[:4] = ["opd", "kota", "provinsi", "nasional"]
    diterapkan = acak.random(k) < 0.7
    diterapkan[:6] = True
    akhir = kal.epoch_akhir
    tanggal = akhir - acak.integers(0, 548, k)
    tanggal[:4] = akhir - acak.integers(0, 330, 4)  # inside the window
    tepi = _epoch(sehari_setahun_lalu(kal.akhir))
    tanggal[4], tanggal[5] = tepi, tepi + 1
    # teams: consecutive ASN of an agency-sorted shuffle, so members mostly share an agency
    besar = np.minimum(np.where(acak.random(k) < 0.6, 1, acak.integers(2, 7, k)), n)
    acak_urut = np.lexsort((acak.random(n), peg["_opd_i"].to_numpy()))
    awal = acak.integers(0, n, k)
    judul = np.array(ref.JUDUL_INOVASI)[acak.integers(0, len(ref.JUDUL_INOVASI), k)]
    tahun_id = np.where(
        diterapkan, tanggal.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970, kal.tahun
    )
    inov = np.repeat(np.arange(k), besar)  # one row per member
    anggota = acak_urut[(awal[inov] + _urut_dalam(besar)) % n]
    return pl.DataFrame(
        {
            "inovasi_id": "INOV-"
            + pl.Series(tahun_id[inov]).cast(pl.String)
            + "-"
            + pl.Series(inov + 1).cast(pl.String).str.zfill(4),
            "nip": peg["nip"].gather(anggota),
            "judul": judul[inov],
            "tingkat": tingkat[inov],
            "status": np.where(diterapkan[inov], "diterapkan", "diusulkan"),
            "tanggal_penerapan": ke_tanggal(tanggal[inov], "tanggal_penerapan").scatter(
                np.flatnonzero(~diterapkan[inov]), None
            ),
        }
    )


def _urut_dalam(besar: np.ndarray) -> np.ndarray:
    """0..size-1 for each group of the given sizes, concatenated."""
    total = int(besar.sum())
    awal = np.repeat(np.cumsum(besar) - besar, besar)
    return np.arange(total) - awal


def _epoch(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


# --- hukuman_disiplin ---------------------------------------------------------------------

# tingkat -> [(lama_bulan, persen_potongan, weight)]
SANKSI = {
    "ringan": [(1, 10, 3), (2, 10, 2), (3, 10, 2)],
    "sedang": [(6, 25, 3), (9, 25, 1), (12, 25, 1), (6, 50, 1)],
    "berat": [(12, 50, 2), (12, 100, 1), (6, 100, 1)],
}


def tabel_hukdis(acak: np.random.Generator, peg: pl.DataFrame, kal: Kalender) -> pl.DataFrame:
    """A few sanctions decided in the last year: some active in the period, some expired,
    and one ASN with two overlapping sanctions."""
    calon = np.flatnonzero((peg["_peran"] == "staf").to_numpy())
    if len(calon) == 0:
        calon = np.arange(peg.height)
    k = min(len(calon), max(4, round(0.004 * peg.height)))
    asn = acak.choice(calon, k, replace=False)
    tingkat = pilih(acak, [("ringan", 50), ("sedang", 35), ("berat", 15)], k)
    lama, persen = np.zeros(k, dtype=np.int64), np.zeros(k, dtype=np.int64)
    for t, opsi in SANKSI.items():
        b = np.flatnonzero(tingkat == t)
        j = pilih(acak, [(i, o[2]) for i, o in enumerate(opsi)], len(b)).astype(np.int64)
        lama[b] = np.array([o[0] for o in opsi])[j]
        persen[b] = np.array([o[1] for o in opsi])[j]
    mundur = acak.integers(0, 12, k)  # months between tmt_mulai and the period
    mundur[0] = 0  # decided this month: active
    if k > 1:  # a light sanction long expired
        tingkat[1], lama[1], persen[1], mundur[1] = "ringan", 1, 10, 5 + acak.integers(0, 6)
    if k > 2:  # a second sanction for the first ASN, also active
        asn[2], tingkat[2], lama[2], persen[2], mundur[2] = asn[0], "ringan", 3, 10, 1
    bulan_ke = kal.tahun * 12 + kal.bulan - 1 - mundur
    tmt = _epoch_bulan(bulan_ke) + acak.integers(0, 28, k)
    tmt = np.minimum(tmt, kal.epoch_akhir)
    th = bulan_ke // 12
    nomor = acak.integers(1, 400, k)
    return pl.DataFrame(
        {
            "nip": peg["nip"].gather(asn),
            "tingkat": tingkat.astype(str),
            "nomor_sk": [f"800.1.6/{nomor[j]:03d}-BKPSDM/{th[j]}" for j in range(k)],
            "tmt_mulai": ke_tanggal(tmt, "tmt_mulai"),
            "lama_bulan": lama,
            "persen_potongan": persen,
        }
    ).unique(subset=["nip", "nomor_sk"], keep="first", maintain_order=True)


def _epoch_bulan(bulan_ke: np.ndarray) -> np.ndarray:
    """Months since year 0 -> epoch day of the first of that month."""
    return (bulan_ke - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
