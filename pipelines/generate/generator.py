"""generate_month: build every source of one period and write the landing folder."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .acak import rng
from .kalender import Kalender
from .kegiatan import HariPegawai, hari_bekerja, tabel_apel, tabel_izin, tabel_presensi
from .kinerja import tabel_hukdis, tabel_inovasi, tabel_perilaku, tabel_skm, tabel_target
from .kontrak import SUMBER
from .organisasi import tabel_opd, tabel_unit_layanan
from .pegawai import tabel_pegawai
from .tulis import tulis_periode


def generate_month(periode: str, landing_root: Path, n_asn: int = 6000, seed: int = 42) -> dict[str, int]:
    """Write a realistic synthetic month of Kota Serang to `<landing_root>/<periode>/`.

    One CSV per source (contracts.md §1), replacing earlier files of the period.
    Deterministic: the same (periode, n_asn, seed) gives the same bytes. The staff of a
    year are stable across its months (joiners/leavers are drawn per month).
    Returns {source: row count}.
    """
    if n_asn < 1:
        raise ValueError(f"n_asn must be at least 1, got {n_asn}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    kal = Kalender.dari_periode(periode)
    tabel = bangun_periode(kal, n_asn, seed)
    return tulis_periode(Path(landing_root) / periode, tabel)


def bangun_periode(kal: Kalender, n_asn: int, seed: int) -> dict[str, pl.DataFrame]:
    """All sources of the period as data frames (with internal `_` columns)."""
    opd = tabel_opd(rng(seed, "opd", kal.tahun))
    unit = tabel_unit_layanan()
    peg = tabel_pegawai(seed, kal, opd, unit, n_asn)

    def aliran(nama: str):
        return rng(seed, nama, kal.periode, n_asn)

    bekerja, kerja = hari_bekerja(peg, kal)
    izin, cuti = tabel_izin(aliran("izin"), peg, kal)
    hp = HariPegawai(bekerja=bekerja, kerja=kerja, cuti=cuti)
    presensi, masuk = tabel_presensi(aliran("presensi"), peg, kal, hp)
    # innovators are mostly strong performers too: with a bonus on top, some reach Sangat
    # Baik (rulebook §5), so the demo and the benchmark exercise the incentive pool (§10)
    inovasi = tabel_inovasi(aliran("inovasi"), peg, kal)
    unggul = peg["nip"].is_in(inovasi["nip"].implode()).to_numpy()
    tabel = {
        "pegawai": peg,
        "opd": opd,
        "unit_layanan": unit,
        "hari_libur": kal.tabel_libur(),
        "presensi": presensi,
        "izin": izin,
        "apel": tabel_apel(aliran("apel"), peg, kal, hp, masuk),
        "target_kinerja": tabel_target(aliran("target"), peg, unggul),
        "penilaian_perilaku": tabel_perilaku(aliran("perilaku"), peg, unggul),
        "survei_skm": tabel_skm(aliran("skm"), unit, kal),
        "inovasi": inovasi,
        "hukuman_disiplin": tabel_hukdis(aliran("hukdis"), peg, kal),
    }
    assert tuple(tabel) == SUMBER
    return tabel
