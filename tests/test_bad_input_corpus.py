"""The bad-input catalogue: one bad row added to a clean file of each source. Each case
asserts the exact reason code and column, that the clean rows are all still accepted
(nothing else lost) and that rows read = accepted + rejected."""

import polars as pl
import pytest

from pipelines.landing import Known, ingest_file
from pipelines.sources import SOURCES_BY_NAME

PERIODE = "2026-10"
NIP = "199001012015031001"
NIP2 = "198505152010012002"
KNOWN = {
    ("pegawai", "nip"): Known(pl.Series([NIP, NIP2, "198505152010012003"]), pl.Series(["197001012000011009"])),
    ("opd", "opd_kode"): Known(pl.Series(["DINKES", "DISDIKBUD"])),
    ("unit_layanan", "unit_layanan_kode"): Known(pl.Series(["PKM-RAU"])),
}
U_OK = "4,4,3,3,4,4,3,4,4"

CLEAN = {
    "pegawai": [
        f"{NIP},Budi,PNS,DINKES,PKM-RAU,Perawat,7,III/a,6HK,2015-03-01,,",
        f"{NIP2},Siti,PNS,DISDIKBUD,,Guru,8,III/b,5HK,2010-01-01,,5000000",
    ],
    "opd": ["DINKES,Dinas Kesehatan,Baik", "DISDIKBUD,Dinas Pendidikan dan Kebudayaan,Istimewa"],
    "unit_layanan": ["PKM-RAU,Puskesmas Rau,DINKES"],
    "hari_libur": ["2026-10-20,Libur"],
    "presensi": [f"{NIP},2026-10-01,07:30,16:00", f"{NIP2},2026-10-01,07:25:10,16:02"],
    "izin": [f"{NIP},cuti_tahunan,2026-10-05,2026-10-06,800/1", f"{NIP2},izin,2026-10-07,2026-10-07,800/2"],
    "apel": [f"{NIP},2026-10-05,true", f"{NIP2},2026-10-05,false"],
    "target_kinerja": [f"{NIP},I1,Laporan,60,10,12,naik,dokumen", f"{NIP},I2,Hari,40,5,0,turun,hari"],
    "penilaian_perilaku": [f"{NIP},90,{NIP2}", f"{NIP2},85.5,"],
    "survei_skm": [f"R1,2026-10-02,PKM-RAU,{U_OK}", "R2,2026-10-03,PKM-RAU,4,,3,3,4,4,3,4,4"],
    "inovasi": [
        f"INV1,{NIP},Antrian daring,kota,diterapkan,2026-03-01",
        f"INV1,{NIP2},Antrian daring,kota,diterapkan,2026-03-01",
    ],
    "hukuman_disiplin": [f"{NIP},ringan,SK-1,2026-09-01,3,10"],
}

CASES = [
    # source, bad row, reason, column
    ("pegawai", "19900101201503100,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "NIP_TIDAK_VALID", "nip"),
    ("pegawai", "1990010120150310X1,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "NIP_TIDAK_VALID", "nip"),
    ("pegawai", "199013012015031003,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "NIP_TIDAK_VALID", "nip"),
    ("pegawai", "199001012015001003,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "NIP_TIDAK_VALID", "nip"),
    ("pegawai", "199001012015039003,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "NIP_TIDAK_VALID", "nip"),
    ("pegawai", "199001012015031003,Ani,ASN,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "NILAI_TIDAK_DIKENAL", "jenis_asn"),
    ("pegawai", "199001012015031003,Ani,PNS,DINKESS,,Staf,7,III/a,5HK,2015-03-01,,", "KODE_TIDAK_DIKENAL", "opd_kode"),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,PKM-X,Staf,7,III/a,5HK,2015-03-01,,",
        "KODE_TIDAK_DIKENAL",
        "unit_layanan_kode",
    ),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,,Staf,18,III/a,5HK,2015-03-01,,",
        "NILAI_DI_LUAR_RENTANG",
        "kelas_jabatan",
    ),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,,Staf,0,III/a,5HK,2015-03-01,,",
        "NILAI_DI_LUAR_RENTANG",
        "kelas_jabatan",
    ),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,,Staf,tujuh,III/a,5HK,2015-03-01,,",
        "ANGKA_TIDAK_VALID",
        "kelas_jabatan",
    ),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,,Staf,7,III/a,7HK,2015-03-01,,",
        "NILAI_TIDAK_DIKENAL",
        "jadwal_kerja",
    ),
    ("pegawai", "199001012015031003,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-02-30,,", "TANGGAL_TIDAK_VALID", "tmt_mulai"),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,-1",
        "NILAI_DI_LUAR_RENTANG",
        "pagu_tpp",
    ),
    (
        "pegawai",
        "199001012015031003,Ani,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,4.5jt",
        "ANGKA_TIDAK_VALID",
        "pagu_tpp",
    ),
    ("pegawai", "199001012015031003,,PNS,DINKES,,Staf,7,III/a,5HK,2015-03-01,,", "WAJIB_DIISI", "nama"),
    ("opd", "DINKES,Dinas Kesehatan (lagi),Baik", "DUPLIKAT_BERBEDA", "opd_kode"),
    ("opd", "BPBD,BPBD,Luar Biasa", "NILAI_TIDAK_DIKENAL", "predikat_organisasi"),
    ("unit_layanan", "PKM-CURUG,Puskesmas Curug,DINKESS", "KODE_TIDAK_DIKENAL", "opd_kode"),
    ("hari_libur", "2026-13-01,Libur", "TANGGAL_TIDAK_VALID", "tanggal"),
    ("presensi", f"{NIP},2026-10-31 ,7:30 pagi,16:00", "JAM_TIDAK_VALID", "jam_masuk"),
    ("presensi", f"{NIP},2026-10-02,16:00,07:30", "URUTAN_TERBALIK", "jam_pulang"),
    ("presensi", f"{NIP},2026-09-30,07:30,16:00", "TANGGAL_DI_LUAR_PERIODE", "tanggal"),
    ("presensi", f"{NIP},31/10/2027,07:30,16:00", "TANGGAL_DI_LUAR_PERIODE", "tanggal"),
    ("presensi", f"{NIP},2026-10-32,07:30,16:00", "TANGGAL_TIDAK_VALID", "tanggal"),
    ("presensi", "199901012015031001,2026-10-02,07:30,16:00", "NIP_TIDAK_DIKENAL", "nip"),
    ("presensi", "197001012000011009,2026-10-02,07:30,16:00", "REFERENSI_DITOLAK", "nip"),
    ("presensi", f"{NIP},2026-10-01,07:30,16:00", "DUPLIKAT", "nip,tanggal"),
    ("izin", f"{NIP},cuti_liburan,2026-10-08,2026-10-09,x", "NILAI_TIDAK_DIKENAL", "jenis"),
    ("izin", f"{NIP},izin,2026-10-09,2026-10-08,x", "URUTAN_TERBALIK", "tanggal_selesai"),
    ("izin", f"{NIP},izin,2026-10-08,,x", "WAJIB_DIISI", "tanggal_selesai"),
    ("apel", f"{NIP},2026-10-12,mungkin", "NILAI_TIDAK_DIKENAL", "hadir"),
    ("apel", f"{NIP},2026-11-02,true", "TANGGAL_DI_LUAR_PERIODE", "tanggal"),
    ("target_kinerja", f"{NIP},I3,x,-10,10,5,naik,dok", "NILAI_DI_LUAR_RENTANG", "bobot"),
    ("target_kinerja", f"{NIP},I3,x,0,10,5,naik,dok", "NILAI_DI_LUAR_RENTANG", "bobot"),
    ("target_kinerja", f"{NIP},I3,x,10,0,5,naik,dok", "NILAI_DI_LUAR_RENTANG", "target"),
    ("target_kinerja", f"{NIP},I3,x,10,-3,5,naik,dok", "NILAI_DI_LUAR_RENTANG", "target"),
    ("target_kinerja", f"{NIP},I3,x,10,10,-1,naik,dok", "NILAI_DI_LUAR_RENTANG", "realisasi"),
    ("target_kinerja", f"{NIP},I3,x,10,10,1.234.5,naik,dok", "ANGKA_TIDAK_VALID", "realisasi"),
    ("target_kinerja", f"{NIP},I3,x,10,10,5,atas,dok", "NILAI_TIDAK_DIKENAL", "arah"),
    ("target_kinerja", f"{NIP},I1,Laporan,60,10,11,naik,dokumen", "DUPLIKAT_BERBEDA", "nip,indikator_id"),
    ("penilaian_perilaku", "199901012015031001,90,", "NIP_TIDAK_DIKENAL", "nip"),
    ("penilaian_perilaku", f"{NIP},95,", "DUPLIKAT_BERBEDA", "nip"),
    ("penilaian_perilaku", f"{NIP2}0,100.5,", "NIP_TIDAK_VALID", "nip"),
    ("penilaian_perilaku", "198505152010012003,100.5,", "NILAI_DI_LUAR_RENTANG", "nilai_perilaku"),
    ("survei_skm", "R3,2026-10-03,PKM-RAU,,,,,,,,,", "JAWABAN_KOSONG", "u1"),
    ("survei_skm", "R3,2026-10-03,PKM-RAU,4,4,0,3,4,4,3,4,4", "NILAI_DI_LUAR_RENTANG", "u3"),
    ("survei_skm", "R3,2026-10-03,PKM-RAU,4,4,3,3,4,4,3,4,5", "NILAI_DI_LUAR_RENTANG", "u9"),
    ("survei_skm", "R3,2026-10-03,PKM-RAU,4,4,3,tiga,4,4,3,4,4", "ANGKA_TIDAK_VALID", "u4"),
    ("survei_skm", f"R3,2026-10-03,PKM-LAIN,{U_OK}", "KODE_TIDAK_DIKENAL", "unit_layanan_kode"),
    ("survei_skm", f"R3,2026-11-01,PKM-RAU,{U_OK}", "TANGGAL_DI_LUAR_PERIODE", "tanggal"),
    ("inovasi", f"INV2,{NIP},x,dunia,diterapkan,2026-03-01", "NILAI_TIDAK_DIKENAL", "tingkat"),
    ("inovasi", f"INV2,{NIP},x,kota,selesai,2026-03-01", "NILAI_TIDAK_DIKENAL", "status"),
    ("hukuman_disiplin", f"{NIP},ringan,SK-2,2026-09-01,3,101", "NILAI_DI_LUAR_RENTANG", "persen_potongan"),
    ("hukuman_disiplin", f"{NIP},ringan,SK-2,2026-09-01,0,10", "NILAI_DI_LUAR_RENTANG", "lama_bulan"),
    ("hukuman_disiplin", f"{NIP},pecat,SK-2,2026-09-01,3,10", "NILAI_TIDAK_DIKENAL", "tingkat"),
]


def _case_id(case):
    source, _, reason, column = case
    return f"{source}-{reason}-{column}"


def test_the_corpus_is_large_and_covers_every_source():
    assert len(CASES) >= 40
    assert {c[0] for c in CASES} == set(SOURCES_BY_NAME)


@pytest.mark.parametrize("source, bad, reason, column", CASES, ids=[_case_id(c) for c in CASES])
def test_bad_row(tmp_path, source, bad, reason, column):
    spec = SOURCES_BY_NAME[source]
    clean = CLEAN[source]
    text = ",".join(spec.column_names) + "\n" + "\n".join([*clean, bad]) + "\n"
    (tmp_path / f"{source}.csv").write_text(text, encoding="utf-8")
    result = ingest_file(spec, tmp_path, PERIODE, KNOWN)

    bad_line = len(clean) + 2
    conflicting = reason == "DUPLIKAT_BERBEDA"  # the earlier row with the same key goes too
    expected_lines = sorted({bad_line} | ({_first_line_with_same_key(spec, clean, bad)} if conflicting else set()))
    assert result.rejected["line"].to_list() == expected_lines
    assert set(result.rejected["reason"].to_list()) == {reason}
    assert set(result.rejected["column_name"].to_list()) == {column}
    assert result.rows_read == len(clean) + 1 == result.accepted.height + result.rejected.height
    kept = set(result.accepted["_line"].to_list())
    assert kept == set(range(2, len(clean) + 2)) - set(expected_lines)  # nothing else lost


def _first_line_with_same_key(spec, clean, bad) -> int:
    index = [spec.column_names.index(k) for k in spec.key]
    key = [bad.split(",")[i] for i in index]
    for n, row in enumerate(clean, start=2):
        if [row.split(",")[i] for i in index] == key:
            return n
    raise AssertionError("no clean row shares the key")
