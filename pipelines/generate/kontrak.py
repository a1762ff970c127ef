"""Landing-zone file layout (contracts.md §1): source names and column order."""

from __future__ import annotations

KOLOM: dict[str, list[str]] = {
    "pegawai": [
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
    ],
    "opd": ["opd_kode", "nama_opd", "predikat_organisasi"],
    "unit_layanan": ["unit_layanan_kode", "nama_unit", "opd_kode"],
    "hari_libur": ["tanggal", "keterangan"],
    "presensi": ["nip", "tanggal", "jam_masuk", "jam_pulang"],
    "izin": ["nip", "jenis", "tanggal_mulai", "tanggal_selesai", "nomor_dokumen"],
    "apel": ["nip", "tanggal", "hadir"],
    "target_kinerja": [
        "nip",
        "indikator_id",
        "indikator",
        "bobot",
        "target",
        "realisasi",
        "arah",
        "satuan",
    ],
    "penilaian_perilaku": ["nip", "nilai_perilaku", "penilai_nip"],
    "survei_skm": [
        "respon_id",
        "tanggal",
        "unit_layanan_kode",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
        "u7",
        "u8",
        "u9",
    ],
    "inovasi": ["inovasi_id", "nip", "judul", "tingkat", "status", "tanggal_penerapan"],
    "hukuman_disiplin": ["nip", "tingkat", "nomor_sk", "tmt_mulai", "lama_bulan", "persen_potongan"],
}

SUMBER: tuple[str, ...] = tuple(KOLOM)

# Formats a landed file may take; generating a source replaces all of them.
FORMAT_SUMBER: tuple[str, ...] = ("csv", "xlsx", "parquet")
