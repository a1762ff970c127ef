"""Kota Serang's agencies (opd) and service units (unit_layanan)."""

from __future__ import annotations

import numpy as np
import polars as pl

from . import referensi as ref
from .acak import pilih


def tabel_opd(acak: np.random.Generator) -> pl.DataFrame:
    """All OPD with their predikat_organisasi, plus internal columns used for staffing:
    jenis, kepala_jabatan, kepala_kelas, bobot, porsi_unit."""
    kode, nama, jenis, kepala, kelas, bobot, porsi = (list(k) for k in zip(*ref.OPD, strict=False))
    predikat = pilih(acak, ref.PREDIKAT_ORGANISASI, len(kode))
    return pl.DataFrame(
        {
            "opd_kode": kode,
            "nama_opd": nama,
            "predikat_organisasi": predikat.tolist(),
            "jenis": jenis,
            "kepala_jabatan": kepala,
            "kepala_kelas": kelas,
            "bobot": bobot,
            "porsi_unit": porsi,
        }
    )


def _sekolah() -> list[tuple[str, str, str, str]]:
    smp = [
        (f"SMPN-{i:02d}", f"SMP Negeri {i} Kota Serang", "DISDIKBUD", "smp")
        for i in range(1, ref.JUMLAH_SMP_NEGERI + 1)
    ]
    sd: list[tuple[str, str, str, str]] = []
    kelurahan = [k for daftar in ref.KELURAHAN.values() for k in daftar]
    for i, kel in enumerate(kelurahan):
        for j in range(1, ref.POLA_SD_PER_KELURAHAN[i % len(ref.POLA_SD_PER_KELURAHAN)] + 1):
            sd.append((f"SDN-{len(sd) + 1:03d}", f"SD Negeri {kel} {j}", "DISDIKBUD", "sd"))
    return smp + sd


def _puskesmas() -> list[tuple[str, str, str, str]]:
    return [
        (f"PKM-{nama.upper().replace(' ', '')}", f"UPTD Puskesmas {nama}", "DINKES", "puskesmas")
        for nama in ref.PUSKESMAS
    ]


def _kelurahan() -> list[tuple[str, str, str, str]]:
    return [
        (f"KEL-{ref.KECAMATAN_SINGKAT[kec]}-{i:02d}", f"Kelurahan {nama}", kec, "kelurahan")
        for kec, daftar in ref.KELURAHAN.items()
        for i, nama in enumerate(daftar, 1)
    ]


def tabel_unit_layanan() -> pl.DataFrame:
    """All service units, plus internal columns: tipe, bobot, jadwal_kerja and the head's
    position, kelas and title group."""
    baris = _puskesmas() + ref.UNIT_LAIN + _sekolah() + _kelurahan()
    kode, nama, opd, tipe = (list(k) for k in zip(*baris, strict=False))
    info = [ref.TIPE_UNIT[t] for t in tipe]
    df = pl.DataFrame(
        {
            "unit_layanan_kode": kode,
            "nama_unit": nama,
            "opd_kode": opd,
            "tipe": tipe,
            "bobot": [i[0] for i in info],
            "jadwal_kerja": [i[1] for i in info],
            "kepala_jabatan": [i[2] for i in info],
            "kepala_kelas": [i[3] for i in info],
            "kepala_gelar": [i[4] for i in info],
        }
    )
    assert df["unit_layanan_kode"].is_unique().all()
    return df
