"""A generated Kota Serang month plus five hand-made ASN, run through the Dagster job
(the code path of `tpp run` and the schedule) into a warehouse in a temporary folder.

The hand-made ASN (tests/handmade.py) are checked against pay worked out by hand from the
rulebook; the arithmetic is written next to each figure. October 2026 with the
pinned holiday on Tue 20 Oct: 5HK has 21 working days, 6HK has 26.
"""

import shutil
from decimal import Decimal as D

import duckdb
import polars as pl
import pytest
from handmade import NIP_A, NIP_B, NIP_C, NIP_D, NIP_E, NIP_F, NIP_G, NIP_H, NIP_UNKNOWN, OPD_UJI, PERIODE
from typer.testing import CliRunner

from pipelines import rules
from pipelines.cli import app
from pipelines.pipeline import run_period
from pipelines.settings import Settings

pytestmark = pytest.mark.slow

COLUMNS = (
    "hari_kerja, hari_aktif, skor_disiplin, skor_produktivitas, skor_perilaku, skor_kepuasan, "
    "bonus_inovasi, skor_kinerja, predikat, persen_kinerja, tpp_disiplin, tpp_kinerja, "
    "persen_hukdis, potongan_hukdis, tpp_bruto, status, alasan_tahan"
)


def query(settings, sql, params=()):
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def line(settings, nip):
    rows = query(settings, f"select {COLUMNS} from marts.fct_tpp where periode = ? and nip = ?", [PERIODE, nip])
    assert len(rows) == 1, f"{nip}: expected one pay line, got {len(rows)}"
    return dict(zip([c.strip() for c in COLUMNS.split(",")], rows[0], strict=False))


def test_asn_a_every_lateness_band(computed):
    settings, _ = computed
    a = line(settings, NIP_A)
    # Points: TL1 07:30:01 (1 min) 0.5 + TL1 30 min 0.5 + TL2 31 min 1 + TL2 60 min 1
    #   + TL3 61 min 1.25 + TL3 90 min 1.25 + TL4 91 min 1.5 + PSW1 (Fri 16:00 vs 16:30) 0.5
    #   + PSW2 (15:29:59 vs 16:00 = 30:01 → 31 min) 1 + TK (no row) 3 + TK (both blank) 3
    #   + TL4 (check-in blank) 1.5 + PSW4 (check-out blank) 1.5 = 17.5; Saturday row and
    #   Saturday apel are not on 5HK days → 0.   skor_disiplin = 100 − 17.5 = 82.5
    assert (a["hari_kerja"], a["hari_aktif"], a["skor_disiplin"]) == (21, 21, D("82.5"))
    # capaian: naik 12/10×100 = 120 (cap 120); turun 5/8×100 = 62.5
    # produktivitas = (60×120 + 40×62.5) / 100 = 97
    assert a["skor_produktivitas"] == D("97")
    # IKM of UL-UJI: u1..u8 all 3 → NRR 3; u9 answered 4 by 15, blank for 15 → NRR 4
    # IKM = 25 × (8×3 + 4) / 9 = 700/9 = 77.7777777778 (30 responses: applicable)
    assert a["skor_kepuasan"] == D("77.7777777778")
    # skor = (60×97 + 30×90 + 10×700/9) / 100 + bonus kota 5 = 92.9777… + 5 = 97.9777777778
    assert (a["bonus_inovasi"], a["skor_kinerja"], a["predikat"]) == (D(5), D("97.9777777778"), "Baik")
    # tpp_disiplin = ROUND(4,700,000 × 21/21 × 0.40 × 82.5/100) = 1,551,000
    # tpp_kinerja  = ROUND(4,700,000 × 0.60 × 0.979777…) = ROUND(2,762,973.33) = 2,762,973
    assert (a["tpp_disiplin"], a["tpp_kinerja"], a["potongan_hukdis"]) == (1_551_000, 2_762_973, 0)
    assert (a["tpp_bruto"], a["status"], a["alasan_tahan"]) == (4_313_973, "BAYAR", None)


def test_asn_b_joiner_on_6hk_with_leave_izin_apel_and_sanction(computed):
    settings, _ = computed
    b = line(settings, NIP_B)
    # 6HK working days: 27 Mon–Sat in Oct 2026 − holiday 20 Oct = 26. Joins Thu 15 Oct:
    # 15,16,17,19,21,22,23,24,26,27,28,29,30,31 = 14 active days (cuti_tahunan is paid)
    assert (b["hari_kerja"], b["hari_aktif"]) == (26, 14)
    # cuti_tahunan 21–22 exempt; izin 23 → IZIN 1.0 (no TK); apel 26 missed → 2.0;
    # the late row of 14 Oct is before joining → 0.   skor = 100 − 3 = 97
    assert b["skor_disiplin"] == D("97")
    # capaian 3/4×100 = 75; UL-SEPI has 29 responses → satisfaction not applicable:
    # skor = (60×75 + 30×80.5) / (60 + 30) = 6915/90 = 76.8333333333 → Butuh Perbaikan
    assert b["skor_kepuasan"] is None
    assert (b["skor_kinerja"], b["predikat"]) == (D("76.8333333333"), "Butuh Perbaikan")
    # tpp_disiplin = ROUND(5,000,000 × 14/26 × 0.40 × 0.97) = ROUND(1,044,615.38) = 1,044,615
    # tpp_kinerja  = ROUND(5,000,000 × 14/26 × 0.60 × 0.768333…) = ROUND(1,241,153.85) = 1,241,154
    # sanction sedang 25% from Sep 2026 for 3 months → active in Oct:
    # potongan = ROUND((1,044,615 + 1,241,154) × 25/100) = ROUND(571,442.25) = 571,442
    assert (b["tpp_disiplin"], b["tpp_kinerja"], b["persen_hukdis"], b["potongan_hukdis"]) == (
        1_044_615,
        1_241_154,
        D(25),
        571_442,
    )
    assert (b["tpp_bruto"], b["status"]) == (1_714_327, "BAYAR")


def test_asn_c_leaver_with_unpaid_leave_and_no_target_is_held(computed):
    settings, _ = computed
    c = line(settings, NIP_C)
    # employed 1–9 Oct: 1,2,5,6,7,8,9 = 7 working days; cuti_besar (unpaid) 5–6 Oct wins
    # over cuti_tahunan on 6 Oct → hari_aktif 5; 7 Oct cuti_tahunan exempt; present 1,2,8;
    # 9 Oct no row → TK 3.   skor = 97
    assert (c["hari_kerja"], c["hari_aktif"], c["skor_disiplin"]) == (21, 5, D("97"))
    # no target → produktivitas 0; no unit; nasional innovation of 31 Oct 2025 is exactly
    # one year back (out), provinsi of 1 Nov 2025 is in → bonus 7.5
    # skor = (60×0 + 30×95)/90 + 7.5 = 31.6666… + 7.5 = 39.1666666667 → Sangat Kurang
    assert (c["bonus_inovasi"], c["skor_kinerja"], c["predikat"]) == (D("7.5"), D("39.1666666667"), "Sangat Kurang")
    # tpp_disiplin = ROUND(8,000,000 × 5/21 × 0.40 × 0.97) = ROUND(739,047.62) = 739,048
    # tpp_kinerja  = ROUND(8,000,000 × 5/21 × 0.60 × 0.391666…) = ROUND(447,619.05) = 447,619
    # the berat sanction ran Oct 2025..Sep 2026: expired
    assert (c["tpp_disiplin"], c["tpp_kinerja"], c["potongan_hukdis"], c["tpp_bruto"]) == (
        739_048,
        447_619,
        0,
        1_186_667,
    )
    assert (c["status"], c["alasan_tahan"]) == ("TAHAN", "TANPA_TARGET")


def test_asn_d_without_assessment_and_with_a_rejected_row_is_held(computed):
    settings, _ = computed
    d = line(settings, NIP_D)
    # the 22 Oct row (jam_masuk 25:00) is rejected → that day has no row → TK 3 → 97
    assert d["skor_disiplin"] == D("97")
    # perilaku missing counts 0: skor = (60×100 + 30×0 + 10×700/9) / 100 = 67.7777777778 → Kurang
    assert (d["skor_perilaku"], d["skor_kinerja"], d["predikat"]) == (D(0), D("67.7777777778"), "Kurang")
    # tpp_disiplin = ROUND(2,600,000 × 0.40 × 0.97) = 1,008,800
    # tpp_kinerja  = ROUND(2,600,000 × 0.60 × 0.677777…) = ROUND(1,057,333.33) = 1,057,333
    assert (d["tpp_disiplin"], d["tpp_kinerja"], d["tpp_bruto"]) == (1_008_800, 1_057_333, 2_066_133)
    assert (d["status"], d["alasan_tahan"]) == ("TAHAN", "TANPA_PENILAIAN_PERILAKU, DATA_DITOLAK")


def test_employee_whose_own_row_was_rejected_has_a_held_line(computed):
    """Rulebook §7 (v1.1): a valid NIP whose pegawai row was rejected still has a line:
    TAHAN, DATA_DITOLAK, amounts 0, and the fields of the row that passed their checks."""
    settings, first = computed
    columns = (
        "nama, opd_kode, kelas_jabatan, pagu_tpp, hari_kerja, skor_kinerja, predikat, "
        "tpp_disiplin, tpp_kinerja, potongan_hukdis, tpp_bruto, status, alasan_tahan"
    )
    sql = f"select {columns} from marts.fct_tpp where periode = ? and nip = ?"
    # F: kelas 99 is out of range, so neither kelas nor (blank pagu) the kelas pagu is known
    assert query(settings, sql, [PERIODE, NIP_F]) == [
        ("Fajar Ditolak", OPD_UJI, None, None, None, None, None, 0, 0, 0, 0, "TAHAN", "DATA_DITOLAK")
    ]
    # G: "1.500.000" is rejected; kelas 7 passed, so the pagu is the kelas table's, as for any line
    tarif_7 = int(rules.in_force("tarif_tpp_kelas", PERIODE).filter(pl.col("kelas_jabatan") == "7")["tarif"][0])
    assert query(settings, sql, [PERIODE, NIP_G]) == [
        ("Gita Ditolak", OPD_UJI, 7, tarif_7, None, None, None, 0, 0, 0, 0, "TAHAN", "DATA_DITOLAK")
    ]
    rejected = query(
        settings,
        "select nip, source, column_name, raw_value, reason from audit.quarantine "
        "where periode = ? and nip in (?, ?, ?) order by nip, source",
        [PERIODE, NIP_D, NIP_F, NIP_G],
    )
    assert (NIP_D, "penilaian_perilaku", "nilai_perilaku", "87,5", "PEMISAH_ANGKA_TIDAK_VALID") in rejected
    assert [r for r in rejected if r[0] != NIP_D] == [
        (NIP_F, "pegawai", "kelas_jabatan", "99", "NILAI_DI_LUAR_RENTANG"),
        (NIP_F, "penilaian_perilaku", "nip", NIP_F, "REFERENSI_DITOLAK"),
        (NIP_G, "pegawai", "pagu_tpp", "1.500.000", "PEMISAH_ANGKA_TIDAK_VALID"),
    ]
    # the summary and the exports count them
    held = query(settings, "select count(*) from marts.fct_tpp where periode = ? and status = 'TAHAN'", [PERIODE])
    assert first.summary["jumlah_tahan"] == held[0][0]
    exported = pl.read_parquet(settings.export_dir / PERIODE / "tpp.parquet")
    assert {NIP_F, NIP_G} <= set(exported["nip"].to_list())


def test_asn_e_half_up_ties(computed):
    settings, _ = computed
    e = line(settings, NIP_E)
    # one TK → 97. capaian 2/3×100 = 66.6666666667; skor = (60×200/3 + 30×100)/90 = 700/9
    assert (e["skor_disiplin"], e["skor_kinerja"]) == (D("97"), D("77.7777777778"))
    # tpp_disiplin = ROUND(1,000,125 × 0.40 × 0.97) = ROUND(388,048.5) = 388,049 (tie: up)
    # tpp_kinerja  = ROUND(1,000,125 × 0.60 × 7/9) = 466,725 exactly
    # potongan = ROUND((388,049 + 466,725) × 25/100) = ROUND(213,693.5) = 213,694 (tie: up)
    assert (e["tpp_disiplin"], e["tpp_kinerja"], e["potongan_hukdis"]) == (388_049, 466_725, 213_694)
    assert (e["tpp_bruto"], e["status"]) == (641_080, "BAYAR")


def test_rincian_explains_the_discipline_score(computed):
    settings, _ = computed
    rows = query(
        settings,
        "select kode, menit, poin from marts.fct_tpp_rincian where periode = ? and nip = ? order by tanggal, kode",
        [PERIODE, NIP_A],
    )
    assert [(k, m) for k, m, _ in rows] == [
        ("TL1", 1),
        ("TL1", 30),
        ("TL2", 31),
        ("TL2", 60),
        ("TL3", 61),
        ("TL3", 90),
        ("PSW1", 30),
        ("TL4", 91),
        ("PSW2", 31),
        ("TK", None),
        ("TK", None),
        ("TL4", None),
        ("PSW4", None),
    ]
    assert sum(p for *_, p in rows) == D("17.5")
    # every ASN: 100 − Σ rincian poin = skor_disiplin (floored at 0)
    mismatches = query(
        settings,
        """
        select t.nip from marts.fct_tpp t
        left join (select nip, sum(poin) as poin from marts.fct_tpp_rincian where periode = ? group by nip) r using (nip)
        where t.periode = ? and t.skor_disiplin <> greatest(0, 100 - coalesce(r.poin, 0))""",
        [PERIODE, PERIODE],
    )
    assert mismatches == []


def test_components_add_up_and_lines_are_complete(computed):
    settings, _ = computed
    bad = query(
        settings,
        "select nip from marts.fct_tpp where periode = ? and tpp_bruto <> tpp_disiplin + tpp_kinerja - potongan_hukdis",
        [PERIODE],
    )
    assert bad == []
    n_lines, n_people = query(
        settings, "select count(*), count(distinct nip) from marts.fct_tpp where periode = ?", [PERIODE]
    )[0]
    assert n_lines == n_people >= 300  # the generated employees employed in October + the five


def test_every_input_row_is_accounted_for(computed):
    settings, _ = computed
    counts = query(
        settings,
        "select source, rows_read, rows_accepted, rows_rejected from audit.ingest_counts where periode = ?",
        [PERIODE],
    )
    assert len(counts) == 12
    for source, read, accepted, rejected in counts:
        assert read == accepted + rejected, source
        stored = query(settings, f"select count(*) from raw.{source} where _periode = ?", [PERIODE])[0][0]
        quarantined = query(
            settings, "select count(*) from audit.quarantine where periode = ? and source = ?", [PERIODE, source]
        )[0][0]
        assert (stored, quarantined) == (accepted, rejected), source
    unknown = query(settings, "select reason from audit.quarantine where nip = ?", [NIP_UNKNOWN])
    assert unknown == [("NIP_TIDAK_DIKENAL",)]
    assert query(settings, "select count(*) from marts.fct_tpp where nip = ?", [NIP_UNKNOWN]) == [(0,)]


def test_audit_run_records_versions_and_totals(computed):
    settings, first = computed
    assert first.summary["jumlah_asn"] == first.summary["jumlah_bayar"] + first.summary["jumlah_tahan"]
    total = query(settings, "select sum(tpp_bruto) from marts.fct_tpp where periode = ?", [PERIODE])[0][0]
    assert first.summary["total_bayar"] + first.summary["total_tahan"] == total
    code, rules, files = query(
        settings,
        "select code_version, rule_version, input_files from audit.runs "
        "where periode = ? order by finished_at desc limit 1",
        [PERIODE],
    )[0]
    assert code and rules.startswith("rules-") and '"pegawai"' in files


def test_rerun_gives_an_identical_pay_table_and_byte_identical_exports(computed):
    settings, _ = computed
    snapshot = "select * from marts.fct_tpp where periode = ? order by nip"
    before = query(settings, snapshot, [PERIODE])
    rincian_before = query(settings, "select count(*) from marts.fct_tpp_rincian where periode = ?", [PERIODE])
    folder = settings.export_dir / PERIODE
    files_before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    again = run_period(settings, PERIODE)
    assert again.success and again.summary["revisi"] == 1
    assert query(settings, snapshot, [PERIODE]) == before
    assert query(settings, "select count(*) from marts.fct_tpp_rincian where periode = ?", [PERIODE]) == rincian_before
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == files_before


def test_any_contract_landing_folder_runs_xlsx_parquet_and_semicolon_csv(computed, tmp_path):
    """The same month delivered as XLSX, Parquet and `;`-CSV with DD/MM/YYYY dates
    computes the same pay for the hand-made ASN."""
    settings, _ = computed
    other = Settings.from_env(landing=tmp_path / "landing", warehouse=tmp_path / "wh.duckdb", exports=tmp_path / "x")
    folder = other.landing_dir / PERIODE
    folder.mkdir(parents=True)
    for i, csv in enumerate(sorted((settings.landing_dir / PERIODE).glob("*.csv"))):
        frame = pl.read_csv(csv, infer_schema=False)
        if i % 3 == 0:
            frame.write_excel(folder / f"{csv.stem}.xlsx")
        elif i % 3 == 1:
            frame.write_parquet(folder / f"{csv.stem}.parquet")
        else:  # Excel-style CSV: BOM, semicolons, DD/MM/YYYY
            dmy = frame.with_columns(
                pl.col(c).str.replace(r"^(\d{4})-(\d{2})-(\d{2})$", "$3/$2/$1")
                for c in frame.columns
                if c.startswith("tanggal") or c.startswith("tmt")
            )
            (folder / csv.name).write_bytes(b"\xef\xbb\xbf" + dmy.write_csv(separator=";").encode())
    assert run_period(other, PERIODE).success
    hand = [NIP_A, NIP_B, NIP_C, NIP_D, NIP_E, NIP_F, NIP_G, NIP_H]
    assert [line(other, n) for n in hand] == [line(settings, n) for n in hand]


def test_cli_run_reports_a_missing_required_file_without_a_traceback(computed, tmp_path):
    settings, _ = computed
    landing = tmp_path / "landing"
    shutil.copytree(settings.landing_dir / PERIODE, landing / PERIODE)
    (landing / PERIODE / "presensi.csv").unlink()
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--period",
            PERIODE,
            "--landing",
            str(landing),
            "--warehouse",
            str(tmp_path / "wh.duckdb"),
            "--exports",
            str(tmp_path / "x"),
        ],
    )
    assert result.exit_code == 1
    assert "required file presensi.csv/.xlsx/.parquet is missing" in result.output
    assert "Traceback" not in result.output


def test_cli_rejects_a_malformed_period():
    result = CliRunner().invoke(app, ["run", "--period", "2026-13"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output


def test_every_opd_has_its_predikat_distribution_reconciled_with_the_pay_lines(computed):
    """Rulebook §8 on a whole month: one row per OPD of the snapshot, counting exactly the
    OPD's BAYAR lines per predikat; assessed only where there are any."""
    settings, _ = computed
    opds = query(settings, "select opd_kode from raw.opd where _periode = ? order by 1", [PERIODE])
    rows = query(
        settings,
        "select opd_kode, jumlah_asn, jumlah_sangat_baik, jumlah_baik, jumlah_butuh_perbaikan, jumlah_kurang, "
        "jumlah_sangat_kurang, sesuai from marts.fct_distribusi_predikat where periode = ? order by 1",
        [PERIODE],
    )
    assert [r[:1] for r in rows] == opds
    lines = query(
        settings,
        "select opd_kode, predikat, count(*) from marts.fct_tpp where periode = ? and status = 'BAYAR' group by all",
        [PERIODE],
    )
    order = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    for opd_kode, jumlah, *per_predikat, sesuai in rows:
        counts = {p: n for o, p, n in lines if o == opd_kode}
        assert per_predikat == [counts.get(p, 0) for p in order], opd_kode
        assert jumlah == sum(counts.values())
        if jumlah == 0:
            assert sesuai is None, opd_kode  # not assessed
