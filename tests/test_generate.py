"""Tests of the synthetic data generator (pipelines.generate) against contracts.md §1."""

from __future__ import annotations

import csv
import math
import re
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from pipelines.generate import generate_month

# contracts.md §1, copied here on purpose: the generator must match the contract, not
# its own idea of it.
CONTRACT = {
    "pegawai": "nip,nama,jenis_asn,opd_kode,unit_layanan_kode,jabatan,kelas_jabatan,golongan,"
    "jadwal_kerja,tmt_mulai,tmt_selesai,pagu_tpp",
    "opd": "opd_kode,nama_opd,predikat_organisasi",
    "unit_layanan": "unit_layanan_kode,nama_unit,opd_kode",
    "hari_libur": "tanggal,keterangan",
    "presensi": "nip,tanggal,jam_masuk,jam_pulang",
    "izin": "nip,jenis,tanggal_mulai,tanggal_selesai,nomor_dokumen",
    "apel": "nip,tanggal,hadir",
    "target_kinerja": "nip,indikator_id,indikator,bobot,target,realisasi,arah,satuan",
    "penilaian_perilaku": "nip,nilai_perilaku,penilai_nip",
    "survei_skm": "respon_id,tanggal,unit_layanan_kode,u1,u2,u3,u4,u5,u6,u7,u8,u9",
    "inovasi": "inovasi_id,nip,judul,tingkat,status,tanggal_penerapan",
    "hukuman_disiplin": "nip,tingkat,nomor_sk,tmt_mulai,lama_bulan,persen_potongan",
}
DATE_COLUMNS = {
    "pegawai": ["tmt_mulai", "tmt_selesai"],
    "hari_libur": ["tanggal"],
    "presensi": ["tanggal"],
    "izin": ["tanggal_mulai", "tanggal_selesai"],
    "apel": ["tanggal"],
    "survei_skm": ["tanggal"],
    "inovasi": ["tanggal_penerapan"],
    "hukuman_disiplin": ["tmt_mulai"],
}
LEAVE_TYPES = {
    "cuti_tahunan",
    "cuti_sakit",
    "cuti_melahirkan",
    "cuti_alasan_penting",
    "dinas_luar",
    "izin",
    "cuti_besar",
    "cltn",
    "tugas_belajar",
}
PERIOD = "2026-03"  # has national holidays and cuti bersama (Nyepi, Idul Fitri)
P_START, P_END = date(2026, 3, 1), date(2026, 3, 31)
WORK_START = 7 * 3600 + 30 * 60


def _read(folder: Path, source: str) -> pl.DataFrame:
    return pl.read_csv(folder / f"{source}.csv", infer_schema=False)


def _seconds(col: str) -> pl.Expr:
    parts = pl.col(col).str.split(":")
    return (
        parts.list.get(0).cast(pl.Int64) * 3600
        + parts.list.get(1).cast(pl.Int64) * 60
        + parts.list.get(2).cast(pl.Int64)
    )


@pytest.fixture(scope="module")
def run300(tmp_path_factory):
    root = tmp_path_factory.mktemp("landing300")
    counts = generate_month(PERIOD, root, n_asn=300, seed=7)
    return root / PERIOD, counts


@pytest.fixture(scope="module")
def run2000(tmp_path_factory):
    root = tmp_path_factory.mktemp("landing2000")
    generate_month(PERIOD, root, n_asn=2000, seed=42)
    return root / PERIOD


# --- files and format ---------------------------------------------------------------------


def test_files_and_column_order(run300):
    folder, counts = run300
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s}.csv" for s in CONTRACT)
    assert set(counts) == set(CONTRACT)
    for source, header in CONTRACT.items():
        raw = (folder / f"{source}.csv").read_bytes()
        text = raw.decode("utf-8")  # fails on anything but UTF-8
        assert text.split("\n", 1)[0] == header, source
        with open(folder / f"{source}.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert all(len(r) == len(header.split(",")) for r in rows), source
        assert len(rows) - 1 == counts[source], source


def test_value_formats(run300):
    folder, _ = run300
    date_re = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    time_re = re.compile(r"^\d{2}:\d{2}:\d{2}$")
    for source, cols in DATE_COLUMNS.items():
        df = _read(folder, source)
        for c in cols:
            values = df[c].drop_nulls().to_list()
            assert all(date_re.match(v) for v in values), (source, c)
            for v in values:
                date.fromisoformat(v)  # a real calendar date
    pres = _read(folder, "presensi")
    for c in ("jam_masuk", "jam_pulang"):
        assert all(time_re.match(v) for v in pres[c].drop_nulls().to_list()), c
    assert set(_read(folder, "apel")["hadir"].unique()) == {"true", "false"}
    peg = _read(folder, "pegawai")
    assert peg["pagu_tpp"].drop_nulls().str.contains(r"^\d+$").all()
    assert peg["pagu_tpp"].null_count() > peg.height / 2  # blank for most


def test_existing_period_files_are_replaced(tmp_path):
    folder = tmp_path / "2026-10"
    folder.mkdir()
    (folder / "pegawai.csv").write_text("rubbish\n")
    (folder / "presensi.xlsx").write_bytes(b"old workbook")
    (folder / "catatan.txt").write_text("not a source")
    generate_month("2026-10", tmp_path, n_asn=30, seed=1)
    assert (folder / "pegawai.csv").read_text().startswith(CONTRACT["pegawai"] + "\n")
    assert not (folder / "presensi.xlsx").exists()
    assert (folder / "catatan.txt").read_text() == "not a source"
    # a month without holidays still gets a header-only hari_libur
    assert (folder / "hari_libur.csv").read_text() == CONTRACT["hari_libur"] + "\n"


def test_deterministic(tmp_path):
    a = generate_month(PERIOD, tmp_path / "a", n_asn=300, seed=11)
    b = generate_month(PERIOD, tmp_path / "b", n_asn=300, seed=11)
    generate_month(PERIOD, tmp_path / "c", n_asn=300, seed=12)
    assert a == b
    for source in CONTRACT:
        name = f"{source}.csv"
        assert (tmp_path / "a" / PERIOD / name).read_bytes() == (tmp_path / "b" / PERIOD / name).read_bytes(), source
    for source in ("pegawai", "presensi", "izin", "target_kinerja", "survei_skm"):
        name = f"{source}.csv"
        assert (tmp_path / "a" / PERIOD / name).read_bytes() != (tmp_path / "c" / PERIOD / name).read_bytes(), source


def test_rejects_bad_period(tmp_path):
    with pytest.raises(ValueError):
        generate_month("2026-13", tmp_path)
    with pytest.raises(ValueError):
        generate_month("26-01", tmp_path)


# --- pegawai and organisation ---------------------------------------------------------------


def test_nip_structure(run300):
    folder, counts = run300
    peg = _read(folder, "pegawai")
    assert peg.height == counts["pegawai"] == 300
    assert peg["nip"].is_unique().all()
    for nip, jenis in zip(peg["nip"], peg["jenis_asn"], strict=False):
        assert re.fullmatch(r"\d{18}", nip), nip
        born = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))  # raises if invalid
        age = (P_START - born).days / 365.2425
        assert 20 <= age < 59, nip
        assert nip[14] in "12", nip
        year, month = int(nip[8:12]), int(nip[12:14])
        assert 1 <= month <= 12, nip
        assert (year * 12 + month) - (born.year * 12 + born.month) >= 18 * 12, nip
        assert date(year, month, 1) < P_START, nip
        if jenis == "PPPK":
            assert 2021 <= year <= 2025, nip
    assert set(peg["jenis_asn"]) == {"PNS", "PPPK"}
    share_pppk = (peg["jenis_asn"] == "PPPK").mean()
    assert 0.1 < share_pppk < 0.4


def test_pegawai_fields(run2000):
    peg = _read(run2000, "pegawai")
    kelas = peg["kelas_jabatan"].cast(pl.Int64)
    assert kelas.is_between(1, 17).all()
    assert kelas.is_between(5, 9).mean() > 0.6
    assert (kelas == 17).sum() == 1  # the Sekretaris Daerah
    pns = peg.filter(pl.col("jenis_asn") == "PNS")["golongan"]
    assert pns.str.contains(r"^(I|II|III|IV)/[a-e]$").all()
    pppk = peg.filter(pl.col("jenis_asn") == "PPPK")["golongan"]
    assert pppk.str.contains(r"^[IVX]+$").all()
    # schedules: 6HK exactly for schools and puskesmas
    six = peg["unit_layanan_kode"].fill_null("").str.contains(r"^(SDN|SMPN|PKM)-")
    assert ((peg["jadwal_kerja"] == "6HK") == six).all()
    assert set(peg["jadwal_kerja"]) == {"5HK", "6HK"}
    # joiners and leavers inside the period, everyone else started before it
    mulai = peg["tmt_mulai"].str.to_date()
    selesai = peg["tmt_selesai"].str.to_date()
    assert mulai.is_between(P_START, P_END).sum() > 0
    assert selesai.drop_nulls().is_between(P_START, P_END).all()
    assert selesai.null_count() < peg.height
    assert (mulai < P_START).mean() > 0.95
    assert peg["nama"].n_unique() > 0.8 * peg.height
    assert peg["nama"].str.contains(r", S\.Pd\.").any()
    # the biggest employers are education and health
    top = peg["opd_kode"].value_counts().sort("count", descending=True)["opd_kode"][:2]
    assert set(top) == {"DISDIKBUD", "DINKES"}


def test_organisation(run300):
    folder, _ = run300
    opd, unit, peg = (_read(folder, s) for s in ("opd", "unit_layanan", "pegawai"))
    assert opd["opd_kode"].is_unique().all()
    assert unit["unit_layanan_kode"].is_unique().all()
    assert set(unit["opd_kode"]) <= set(opd["opd_kode"])
    assert set(opd["predikat_organisasi"]) <= {"Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"}
    assert {"DINKES", "DISDIKBUD", "RSUD", "SETDA", "KEC-SRG"} <= set(opd["opd_kode"])
    assert opd["opd_kode"].str.starts_with("KEC-").sum() == 6
    puskesmas = unit.filter(pl.col("opd_kode") == "DINKES")
    assert puskesmas.height == 16
    assert puskesmas["nama_unit"].str.contains("Puskesmas").all()
    assert unit["nama_unit"].str.starts_with("Kelurahan ").sum() > 50
    assert set(peg["opd_kode"]) <= set(opd["opd_kode"])
    assert set(peg["unit_layanan_kode"].drop_nulls()) <= set(unit["unit_layanan_kode"])
    # the unit of an ASN belongs to the ASN's own agency
    joined = peg.drop_nulls("unit_layanan_kode").join(unit, on="unit_layanan_kode", suffix="_unit")
    assert (joined["opd_kode"] == joined["opd_kode_unit"]).all()


def test_referenced_nips_exist(run300):
    folder, _ = run300
    nips = set(_read(folder, "pegawai")["nip"])
    for source in ("presensi", "izin", "apel", "target_kinerja", "penilaian_perilaku", "inovasi", "hukuman_disiplin"):
        df = _read(folder, source)
        assert df.height > 0, source
        assert set(df["nip"]) <= nips, source
    perilaku = _read(folder, "penilaian_perilaku")
    assert set(perilaku["penilai_nip"]) <= nips
    assert (perilaku["penilai_nip"] != perilaku["nip"]).all()


# --- calendar, attendance, leave, apel ----------------------------------------------------


def test_hari_libur(run300):
    folder, _ = run300
    libur = _read(folder, "hari_libur")
    assert libur["tanggal"].is_unique().all()
    assert libur["tanggal"].str.to_date().is_between(P_START, P_END).all()
    assert "2026-03-21" in libur["tanggal"].to_list()  # Idul Fitri 1447 H
    assert libur["keterangan"].str.contains("Idul Fitri").any()


def test_presensi(run2000):
    peg = _read(run2000, "pegawai").with_columns(pl.col("tmt_mulai").str.to_date(), pl.col("tmt_selesai").str.to_date())
    pres = _read(run2000, "presensi").with_columns(pl.col("tanggal").str.to_date())
    libur = set(_read(run2000, "hari_libur")["tanggal"].str.to_date())
    assert not pres.select("nip", "tanggal").is_duplicated().any()
    assert pres["tanggal"].is_between(P_START, P_END).all()
    # only while employed
    j = pres.join(peg, on="nip")
    assert (j["tanggal"] >= j["tmt_mulai"]).all()
    assert ((j["tanggal"] <= j["tmt_selesai"]) | j["tmt_selesai"].is_null()).all()
    # mostly on working days of the schedule; a handful on weekends/holidays
    off = j.filter(
        pl.col("tanggal").is_in(list(libur))
        | (pl.col("tanggal").dt.weekday() == 7)
        | ((pl.col("tanggal").dt.weekday() == 6) & (pl.col("jadwal_kerja") == "5HK"))
    )
    assert 0 < off.height < 0.01 * pres.height
    # every day an ASN is expected, on average most of them have a row
    assert pres.height > 0.85 * 2000 * 20
    # blanks
    masuk_null, pulang_null = pres["jam_masuk"].is_null(), pres["jam_pulang"].is_null()
    assert (masuk_null & ~pulang_null).sum() > 0
    assert (~masuk_null & pulang_null).sum() > 0
    assert (masuk_null & pulang_null).sum() > 0
    assert (masuk_null | pulang_null).mean() < 0.05
    # late arrivals in every band, rounded up to whole minutes
    late = pres.drop_nulls("jam_masuk").select((_seconds("jam_masuk") - WORK_START).alias("s"))["s"]
    minutes = [math.ceil(s / 60) for s in late.to_list() if s > 0]
    assert len(minutes) < 0.2 * late.len()  # mostly on time
    for lo, hi in ((1, 30), (31, 60), (61, 90), (91, 10_000)):
        assert sum(lo <= m <= hi for m in minutes) > 0, (lo, hi)
    assert "07:30:01" in pres["jam_masuk"].to_list()
    # early departures against the schedule's end
    end = (
        pl.when(pl.col("tanggal").dt.weekday() == 5)
        .then(pl.when(pl.col("jadwal_kerja") == "5HK").then(59400).otherwise(41400))
        .otherwise(pl.when(pl.col("jadwal_kerja") == "5HK").then(57600).otherwise(50400))
    )
    early = (
        j.drop_nulls("jam_pulang")
        .filter(pl.col("tanggal").dt.weekday() <= 5)
        .select((end - _seconds("jam_pulang")).alias("s"))["s"]
    )
    assert (early > 0).sum() > 0
    assert (early > 0).mean() < 0.2
    # check-out after check-in
    both = pres.drop_nulls(["jam_masuk", "jam_pulang"])
    assert (both.select(_seconds("jam_pulang") > _seconds("jam_masuk")).to_series()).all()


def test_izin(run2000):
    izin = _read(run2000, "izin").with_columns(
        pl.col("tanggal_mulai").str.to_date(), pl.col("tanggal_selesai").str.to_date()
    )
    assert set(izin["jenis"]) == LEAVE_TYPES
    assert not izin.select("nip", "jenis", "tanggal_mulai").is_duplicated().any()
    assert (izin["tanggal_selesai"] >= izin["tanggal_mulai"]).all()
    # every record touches the period; some start before it, some end after it
    assert ((izin["tanggal_mulai"] <= P_END) & (izin["tanggal_selesai"] >= P_START)).all()
    assert (izin["tanggal_mulai"] < P_START).any()
    assert (izin["tanggal_selesai"] > P_END).any()
    assert (izin["tanggal_selesai"] > izin["tanggal_mulai"]).any()  # multi-day
    counts = izin["jenis"].value_counts()
    n = dict(zip(counts["jenis"], counts["count"], strict=False))
    assert n["dinas_luar"] > n["cltn"] and n["cuti_tahunan"] > n["tugas_belajar"]
    assert izin["nomor_dokumen"].str.contains(r"^\d+/\d+-[A-Z0-9-]+/\d{4}$").all()
    # some ASN have overlapping records
    pairs = izin.join(izin, on="nip", suffix="_b").filter(
        (pl.struct("jenis", "tanggal_mulai") != pl.struct("jenis_b", "tanggal_mulai_b"))
        & (pl.col("tanggal_mulai") <= pl.col("tanggal_selesai_b"))
        & (pl.col("tanggal_mulai_b") <= pl.col("tanggal_selesai"))
    )
    assert pairs.height > 0
    # in general no attendance on leave days
    pres = _read(run2000, "presensi").with_columns(pl.col("tanggal").str.to_date())
    on_leave = pres.join(izin, on="nip").filter(
        pl.col("tanggal").is_between(pl.col("tanggal_mulai"), pl.col("tanggal_selesai"))
    )
    covered_days = (
        izin.select(
            (
                pl.min_horizontal("tanggal_selesai", pl.lit(P_END))
                - pl.max_horizontal("tanggal_mulai", pl.lit(P_START))
            ).dt.total_days()
            + 1
        )
        .sum()
        .item()
    )
    assert on_leave.select("nip", "tanggal").unique().height < 0.1 * covered_days


def test_apel(run2000):
    apel = _read(run2000, "apel").with_columns(pl.col("tanggal").str.to_date())
    assert not apel.select("nip", "tanggal").is_duplicated().any()
    days = sorted(set(apel["tanggal"]))
    assert 3 <= len(days) <= 8
    assert all(P_START <= d <= P_END for d in days)
    assert any(d.weekday() == 0 for d in days)  # Monday apel pagi
    hadir = apel["hadir"] == "true"
    assert 0.75 < hadir.mean() < 0.99
    per_day = apel.group_by("tanggal").len()["len"]
    assert (per_day > 0.8 * 2000).all()  # most ASN


# --- performance ----------------------------------------------------------------------------


def test_target_kinerja(run2000):
    tk = _read(run2000, "target_kinerja")
    peg = _read(run2000, "pegawai")
    assert not tk.select("nip", "indikator_id").is_duplicated().any()
    assert tk["indikator_id"].str.contains(r"^IKI-\d{2}$").all()
    per_asn = tk.group_by("nip").len()["len"]
    assert per_asn.min() >= 2 and per_asn.max() <= 6
    missing = peg.height - tk["nip"].n_unique()
    assert 0 < missing < 0.05 * peg.height
    nums = tk.with_columns(pl.col("bobot", "target", "realisasi").cast(pl.Float64))
    assert (nums["bobot"] > 0).all() and (nums["target"] > 0).all()
    assert (nums["realisasi"] >= 0).all()
    assert (nums["realisasi"] > nums["target"]).any()
    assert (nums["realisasi"] == 0).any()
    assert set(tk["arah"]) == {"naik", "turun"}
    assert (tk["arah"] == "naik").mean() > 0.6
    assert ((tk["arah"] == "turun") & (nums["realisasi"] == 0)).any()
    assert {"dokumen", "persen", "hari", "orang", "kegiatan"} <= set(tk["satuan"])


def test_penilaian_perilaku(run2000):
    pp = _read(run2000, "penilaian_perilaku")
    assert pp["nip"].is_unique().all()
    assert 0 < 2000 - pp.height < 100
    nilai = pp["nilai_perilaku"].cast(pl.Float64)
    assert nilai.is_between(60, 100).all()
    assert nilai.is_between(80, 95).mean() > 0.7


def test_survei_skm(run300):
    folder, _ = run300
    skm = _read(folder, "survei_skm")
    units = set(_read(folder, "unit_layanan")["unit_layanan_kode"])
    assert skm["respon_id"].is_unique().all()
    assert skm["respon_id"].str.contains(r"^SKM-2026-03-\d{6}$").all()
    assert set(skm["unit_layanan_kode"]) <= units
    assert skm["tanggal"].str.to_date().is_between(P_START, P_END).all()
    answers = pl.concat([skm[f"u{i}"] for i in range(1, 10)])
    assert set(answers.drop_nulls()) <= {"1", "2", "3", "4"}
    assert answers.null_count() > 0
    assert answers.drop_nulls().is_in(["3", "4"]).mean() > 0.6
    per_unit = skm.group_by("unit_layanan_kode").len()["len"]
    assert (per_unit < 30).any()
    assert (per_unit >= 30).any()
    assert (per_unit >= 30).mean() > 0.6


def test_inovasi(run2000):
    ino = _read(run2000, "inovasi").with_columns(pl.col("tanggal_penerapan").str.to_date())
    assert not ino.select("inovasi_id", "nip").is_duplicated().any()
    assert set(ino["tingkat"]) == {"opd", "kota", "provinsi", "nasional"}
    assert set(ino["status"]) == {"diusulkan", "diterapkan"}
    assert (
        ino.filter(pl.col("status") == "diusulkan")["tanggal_penerapan"].null_count()
        == (ino["status"] == "diusulkan").sum()
    )
    applied = ino.filter(pl.col("status") == "diterapkan")["tanggal_penerapan"]
    assert applied.null_count() == 0
    assert (applied <= P_END).all()
    year_before = date(2025, 3, 31)
    assert (applied > year_before).any()
    assert (applied <= year_before).any()  # outside the 12-month window
    assert (applied == year_before).any() and (applied == year_before + timedelta(days=1)).any()
    team = ino.group_by("inovasi_id").len()
    assert (team["len"] >= 2).any()
    assert ino["nip"].n_unique() < 0.1 * 2000


def test_hukuman_disiplin(run2000):
    hd = _read(run2000, "hukuman_disiplin")
    assert hd.height >= 3
    assert not hd.select("nip", "nomor_sk").is_duplicated().any()
    assert set(hd["tingkat"]) <= {"ringan", "sedang", "berat"}
    lama = hd["lama_bulan"].cast(pl.Int64)
    assert lama.is_between(1, 12).all()
    assert hd["persen_potongan"].cast(pl.Int64).is_in([10, 25, 50, 100]).all()
    start = hd["tmt_mulai"].str.to_date()
    assert ((start > date(2025, 3, 31)) & (start <= P_END)).all()  # within the last year
    month_index = start.dt.year().cast(pl.Int64) * 12 + start.dt.month().cast(pl.Int64)
    offset = 2026 * 12 + 3 - month_index
    active = offset < lama
    assert active.any() and (~active).any()
