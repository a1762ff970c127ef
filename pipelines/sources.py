"""The landing-zone contract (contracts.md §1) as data: every source, its columns,
their types and the checks a row must pass to be accepted.

Ingest (`pipelines.landing`) reads this table; nothing about a source is written
twice. Value sets that are rules (leave types, innovation levels) are the seed rows
in force for the period (`InForce`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines import rules


@dataclass(frozen=True)
class InForce:
    """Allowed values that are rule data: one column of a dbt seed, the rows in force
    for the period being ingested (e.g. the leave types of that month)."""

    seed: str
    column: str

    def values(self, periode: str) -> tuple[str, ...]:
        return rules.values(self.seed, self.column, periode)


@dataclass(frozen=True)
class Col:
    name: str
    type: str = "text"  # text | nip | date | time | int | decimal | bool
    required: bool = False  # blank is a rejected row
    values: tuple[str, ...] | InForce | None = None  # allowed set (case-sensitive, after trim)
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False  # True: value must be > minimum
    in_period: bool = False  # a date that must fall inside the period
    not_before: str | None = None  # another column of the row this value may not precede
    references: tuple[str, str] | None = None  # (source, column) whose accepted values it must be


@dataclass(frozen=True)
class Source:
    name: str
    required: bool
    key: tuple[str, ...]
    columns: tuple[Col, ...]
    family: str
    # at least one of these must be filled (a survey response with no answer is no response)
    not_all_blank: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def upstream(self) -> list[str]:
        """Sources this one is checked against (loaded first)."""
        return sorted({c.references[0] for c in self.columns if c.references})


PEGAWAI = ("pegawai", "nip")  # rows about an ASN must name one of the period's employees


def _u(i: int) -> Col:
    return Col(f"u{i}", "int", minimum=1, maximum=4)


SOURCES: tuple[Source, ...] = (
    Source(
        "pegawai",
        True,
        ("nip",),
        family="referensi",
        columns=(
            Col("nip", "nip", required=True),
            Col("nama", required=True),
            Col("jenis_asn", required=True, values=("PNS", "PPPK")),
            Col("opd_kode", required=True, references=("opd", "opd_kode")),
            Col("unit_layanan_kode", references=("unit_layanan", "unit_layanan_kode")),
            Col("jabatan"),
            Col("kelas_jabatan", "int", required=True, minimum=1, maximum=17),
            Col("golongan"),
            Col("jadwal_kerja", required=True, values=("5HK", "6HK")),
            Col("tmt_mulai", "date", required=True),
            Col("tmt_selesai", "date"),
            Col("pagu_tpp", "int", minimum=0),
        ),
    ),
    Source(
        "opd",
        True,
        ("opd_kode",),
        family="referensi",
        columns=(
            Col("opd_kode", required=True),
            Col("nama_opd", required=True),
            Col("predikat_organisasi", values=("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")),
        ),
    ),
    Source(
        "unit_layanan",
        True,
        ("unit_layanan_kode",),
        family="referensi",
        columns=(
            Col("unit_layanan_kode", required=True),
            Col("nama_unit", required=True),
            Col("opd_kode", required=True, references=("opd", "opd_kode")),
        ),
    ),
    Source(
        "hari_libur",
        True,
        ("tanggal",),
        family="referensi",
        columns=(Col("tanggal", "date", required=True), Col("keterangan")),
    ),
    Source(
        "presensi",
        True,
        ("nip", "tanggal"),
        family="kehadiran",
        columns=(
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("tanggal", "date", required=True, in_period=True),
            Col("jam_masuk", "time"),
            Col("jam_pulang", "time", not_before="jam_masuk"),
        ),
    ),
    Source(
        "izin",
        False,
        ("nip", "jenis", "tanggal_mulai"),
        family="kehadiran",
        columns=(
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("jenis", required=True, values=InForce("jenis_izin", "jenis")),
            Col("tanggal_mulai", "date", required=True),
            Col("tanggal_selesai", "date", required=True, not_before="tanggal_mulai"),
            Col("nomor_dokumen"),
        ),
    ),
    Source(
        "apel",
        False,
        ("nip", "tanggal"),
        family="kehadiran",
        columns=(
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("tanggal", "date", required=True, in_period=True),
            Col("hadir", "bool", required=True),
        ),
    ),
    Source(
        "target_kinerja",
        True,
        ("nip", "indikator_id"),
        family="kinerja",
        columns=(
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("indikator_id", required=True),
            Col("indikator"),
            Col("bobot", "decimal", required=True, minimum=0, exclusive_minimum=True),
            Col("target", "decimal", required=True, minimum=0, exclusive_minimum=True),
            Col("realisasi", "decimal", required=True, minimum=0),
            Col("arah", required=True, values=("naik", "turun")),
            Col("satuan"),
        ),
    ),
    Source(
        "penilaian_perilaku",
        True,
        ("nip",),
        family="kinerja",
        columns=(
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("nilai_perilaku", "decimal", required=True, minimum=0, maximum=100),
            Col("penilai_nip"),  # assessors may sit outside the extract: not validated
        ),
    ),
    Source(
        "survei_skm",
        True,
        ("respon_id",),
        family="kepuasan",
        columns=(
            Col("respon_id", required=True),
            Col("tanggal", "date", required=True, in_period=True),
            Col("unit_layanan_kode", required=True, references=("unit_layanan", "unit_layanan_kode")),
            *(_u(i) for i in range(1, 10)),
        ),
        not_all_blank=tuple(f"u{i}" for i in range(1, 10)),
    ),
    Source(
        "inovasi",
        False,
        ("inovasi_id", "nip"),
        family="kinerja",
        columns=(
            Col("inovasi_id", required=True),
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("judul"),
            Col("tingkat", required=True, values=InForce("poin_inovasi", "tingkat")),
            Col("status", required=True, values=("diusulkan", "diterapkan")),
            Col("tanggal_penerapan", "date"),
        ),
    ),
    Source(
        "hukuman_disiplin",
        False,
        ("nip", "nomor_sk"),
        family="kinerja",
        columns=(
            Col("nip", "nip", required=True, references=PEGAWAI),
            Col("tingkat", required=True, values=("ringan", "sedang", "berat")),
            Col("nomor_sk", required=True),
            Col("tmt_mulai", "date", required=True),
            Col("lama_bulan", "int", required=True, minimum=1),
            Col("persen_potongan", "decimal", required=True, minimum=0, maximum=100),
        ),
    ),
)

SOURCES_BY_NAME = {s.name: s for s in SOURCES}
