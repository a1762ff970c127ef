"""`tpp explain` on the hand-made ASN of October 2026 (tests/handmade.py): the days,
events, scores and rupiah of each derivation against values worked out by hand from the
rulebook (the working is written next to each figure), through the command as an officer
runs it. 5HK has 21 working days in October 2026 (holiday Tue 20 Oct), 6HK has 26."""

import hashlib
import json

import duckdb
import pytest
from handmade import NIP_A, NIP_B, NIP_C, NIP_D, NIP_E, NIP_F, NIP_H, NIP_UNKNOWN, OPD_UJI, PERIODE
from typer.testing import CliRunner

from pipelines.cli import app

pytestmark = pytest.mark.slow


def tpp_explain(settings, nip, *extra):
    return CliRunner().invoke(
        app, ["explain", "--period", PERIODE, "--nip", nip, "--warehouse", str(settings.warehouse), *extra]
    )


def document(settings, nip):
    result = tpp_explain(settings, nip, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_joiner_with_leave_days_events_and_pay(computed):
    settings, _ = computed
    b = document(settings, NIP_B)
    h = b["hari"]
    # 6HK: 27 Mon–Sat − holiday 20 Oct = 26; joins Thu 15 Oct, so the 12 working days
    # 1–3, 5–10, 12–14 Oct are before TMT; cuti_tahunan 21–22 is paid → 14 active days
    assert (h["hari_kerja"], h["hari_aktif"]) == (26, 14)
    assert h["tidak_bekerja"] == [f"2026-10-{d:02d}" for d in (1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14)]
    assert h["libur"] == [{"tanggal": "2026-10-20", "keterangan": "Libur uji"}]
    assert [(i["tanggal"], i["jenis"], i["dibayar"], i["bebas_presensi"], i["nomor_dokumen"]) for i in h["izin"]] == [
        ("2026-10-21", "cuti_tahunan", True, True, "800/1-UJI/2026"),
        ("2026-10-22", "cuti_tahunan", True, True, "800/1-UJI/2026"),
        ("2026-10-23", "izin", True, False, "800/2-UJI/2026"),
    ]
    # expected days: 14 active − 2 exempt leave days = 12
    assert h["hari_wajib_hadir"] == 12
    # izin 23 Oct → 1.0, apel missed 26 Oct → 2.0; the row of 14 Oct is before joining
    events = [(e["tanggal"], e["kode"], e["poin"]) for e in b["disiplin"]["peristiwa"]]
    assert events == [("2026-10-23", "IZIN", "1"), ("2026-10-26", "APEL", "2")]
    assert (b["disiplin"]["jumlah_poin"], b["disiplin"]["skor_disiplin"]) == ("3", "97")
    # 5,000,000 × 14/26 × 0.40 × 97/100 = 27,160,000/26 = 1,044,615.3846… → 1,044,615
    r = b["rupiah"]
    assert (r["tpp_disiplin"]["tepat"], r["tpp_disiplin"]["nilai"]) == ("1044615.3846…", 1_044_615)
    text = tpp_explain(settings, NIP_B).output
    assert "Hari aktif: 14 dari 26 (faktor aktif 14/26); hari wajib hadir: 12" in text
    assert "23-10-2026  IZIN  1 poin" in text
    assert "= ROUND(1.044.615,3846…) = Rp1.044.615" in text
    assert "15-10-2026" not in text.split("Belum/tidak lagi bekerja")[1].split("\n")[0]


def test_sanctioned_asn_deduction_with_its_rounding(computed):
    settings, _ = computed
    e = document(settings, NIP_E)
    r = e["rupiah"]
    # SK-UJI-3: sedang 25% from 1 Oct 2026 for 1 month → active in October only
    assert [(s["nomor_sk"], s["berlaku_sampai"], s["berlaku"], s["terpakai"]) for s in r["hukuman"]] == [
        ("SK-UJI-3", "2026-10", True, True)
    ]
    # 1,000,125 × 21/21 × 0.40 × 97/100 = 388,048.5 → 388,049 (half up)
    assert (r["tpp_disiplin"]["tepat"], r["tpp_disiplin"]["nilai"]) == ("388048.5", 388_049)
    # 1,000,125 × 0.60 × 0.777777777778 = 466,725.0000001… → 466,725
    assert r["tpp_kinerja"]["nilai"] == 466_725
    # (388,049 + 466,725) × 25/100 = 213,693.5 → 213,694; bruto 854,774 − 213,694
    assert (r["potongan_hukdis"]["tepat"], r["potongan_hukdis"]["nilai"]) == ("213693.5", 213_694)
    assert (r["tpp_bruto"], e["status"]["status"]) == (641_080, "BAYAR")
    text = tpp_explain(settings, NIP_E).output
    assert "Hukuman disiplin SK-UJI-3: sedang, 25%, TMT 01-10-2026, 1 bulan (s.d. 2026-10) → berlaku, dipakai" in text
    assert "potongan_hukdis = ROUND((388.049 + 466.725) × 25/100)" in text
    assert "= ROUND(213.693,5) = Rp213.694" in text
    assert e["peringatan"] == []


def test_held_asn_names_each_reason_what_releases_it_and_the_rejected_rows(computed):
    settings, _ = computed
    d = document(settings, NIP_D)
    assert d["status"]["status"] == "TAHAN"
    assert [a["kode"] for a in d["status"]["alasan"]] == ["TANPA_PENILAIAN_PERILAKU", "DATA_DITOLAK"]
    assert all(a["dilepas_bila"] for a in d["status"]["alasan"])
    rejected = {(r["sumber"], r["kolom"], r["nilai"], r["alasan"]) for r in d["ditolak"]}
    assert ("penilaian_perilaku", "nilai_perilaku", "87,5", "PEMISAH_ANGKA_TIDAK_VALID") in rejected
    assert any(s == "presensi" and v == "25:00" for s, _, v, _ in rejected)
    # the rejected 22 Oct attendance row leaves that day without a row: TK 3 → 97
    assert [(e["tanggal"], e["kode"], e["poin"]) for e in d["disiplin"]["peristiwa"]] == [("2026-10-22", "TK", "3")]
    # no assessment counts 0: (60×100 + 30×0 + 10×700/9)/100 = 67.7777777778 → Kurang
    k = d["kinerja"]
    assert (k["perilaku"], k["skor_perilaku"], k["skor_kinerja"], k["predikat"]) == (
        None,
        "0",
        "67.7777777778",
        "Kurang",
    )
    text = tpp_explain(settings, NIP_D).output
    assert "STATUS: TAHAN" in text and text.count("Dilepas bila") == 2
    assert "nilai_perilaku = 87,5 → PEMISAH_ANGKA_TIDAK_VALID" in text


def test_held_line_of_an_employee_whose_own_row_was_rejected(computed):
    settings, _ = computed
    f = document(settings, NIP_F)
    assert f["pegawai"] is None and "hari" not in f
    assert [a["kode"] for a in f["status"]["alasan"]] == ["DATA_DITOLAK"]
    assert ("pegawai", "kelas_jabatan", "99", "NILAI_DI_LUAR_RENTANG") in {
        (r["sumber"], r["kolom"], r["nilai"], r["alasan"]) for r in f["ditolak"]
    }
    assert "tidak ada hari, skor atau rupiah" in tpp_explain(settings, NIP_F).output


def test_pppk_employee_every_score_and_amount(computed):
    settings, _ = computed
    h = document(settings, NIP_H)
    assert h["pegawai"]["jenis_asn"] == "PPPK"
    # Mon 5 Oct in 08:05 against 07:30 → 35 min → TL2 1.0; Tue 6 Oct out 15:45 against
    # 16:00 → 15 min → PSW1 0.5; skor = 100 − 1.5 = 98.5
    events = [(e["tanggal"], e["kode"], e["menit"], e["poin"]) for e in h["disiplin"]["peristiwa"]]
    assert events == [("2026-10-05", "TL2", 35, "1"), ("2026-10-06", "PSW1", 15, "0.5")]
    assert h["disiplin"]["skor_disiplin"] == "98.5"
    k = h["kinerja"]
    # capaian 9/10×100 = 90; UL-UJI: 30 responses, NRR u1–u8 = 3, u9 = 4 → IKM 25×28/9
    assert [(i["indikator_id"], i["capaian"]) for i in k["indikator"]] == [("UJI-1", "90")]
    assert (k["kepuasan"]["jumlah_responden"], k["kepuasan"]["ikm_berlaku"]) == (30, True)
    assert (k["skor_kepuasan"], k["kepuasan"]["mutu_pelayanan"]) == ("77.7777777778", "B")
    # (60×90 + 30×85 + 10×77.7777777778)/100 = 87.2777777778 → Butuh Perbaikan
    assert k["bobot"] == {"w_prod": "60", "w_perilaku": "30", "w_kepuasan": "10"}
    assert (k["skor_kinerja"], k["predikat"]) == ("87.2777777778", "Butuh Perbaikan")
    r = h["rupiah"]
    # pagu: kelas 7 → 3,500,000. disiplin 3,500,000 × 0.40 × 0.985 = 1,379,000 exactly;
    # kinerja 3,500,000 × 0.60 × 0.872777777778 = 1,832,833.3333… → 1,832,833
    assert (h["pegawai"]["pagu_tpp"], h["pegawai"]["sumber_pagu"]) == (3_500_000, "tarif_tpp_kelas")
    assert h["aturan"]["tarif_tpp_kelas"] == [{"kelas_jabatan": "7", "tarif": "3500000", "berlaku_mulai": "2024-01-01"}]
    assert (r["tpp_disiplin"]["tepat"], r["tpp_disiplin"]["nilai"]) == ("1379000", 1_379_000)
    assert (r["tpp_kinerja"]["tepat"], r["tpp_kinerja"]["nilai"]) == ("1832833.3333…", 1_832_833)
    assert (r["hukuman"], r["potongan_hukdis"]["nilai"], r["tpp_bruto"]) == ([], 0, 3_211_833)
    assert h["status"] == {"status": "BAYAR", "alasan": []}
    assert "Jenis ASN      : PPPK" in tpp_explain(settings, NIP_H).output


def test_explain_is_read_only(computed):
    settings, _ = computed
    before = hashlib.sha256(settings.warehouse.read_bytes()).hexdigest()
    assert tpp_explain(settings, NIP_H).exit_code == 0
    assert tpp_explain(settings, NIP_H, "--json").exit_code == 0
    assert hashlib.sha256(settings.warehouse.read_bytes()).hexdigest() == before


def test_sanction_windows_over_months(computed):
    settings, _ = computed
    # B: SK-UJI-1 from 1 Sep 2026 for 3 months → Sep, Oct, Nov: active in October
    (b,) = document(settings, NIP_B)["rupiah"]["hukuman"]
    assert (b["berlaku_sampai"], b["berlaku"], b["terpakai"]) == ("2026-11", True, True)
    # C: SK-UJI-2 from 1 Oct 2025 for 12 months → Oct 2025 … Sep 2026: over before October
    (c,) = document(settings, NIP_C)["rupiah"]["hukuman"]
    assert (c["berlaku_sampai"], c["berlaku"], c["terpakai"]) == ("2026-09", False, False)
    assert document(settings, NIP_C)["rupiah"]["potongan_hukdis"]["nilai"] == 0


def test_inputs_reloaded_after_publication_are_flagged(computed, tmp_path, warehouse_copy):
    """A later run that failed after loading new rows leaves the published line as it
    was; explain says the inputs it shows are newer, and which score they disagree with."""
    settings, _ = computed
    copy = warehouse_copy
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update raw.penilaian_perilaku set nilai_perilaku = 60 where _periode = ? and nip = ?", [PERIODE, NIP_H]
        )
        con.execute(  # as a later run that stopped after loading this file would leave it
            "update audit.ingest_counts set loaded_at = now() + interval 1 hour where periode = ? and source = ?",
            [PERIODE, "penilaian_perilaku"],
        )
    result = CliRunner().invoke(
        app, ["explain", "--period", PERIODE, "--nip", NIP_H, "--warehouse", str(copy), "--json"]
    )
    warnings = json.loads(result.output)["peringatan"]
    assert any("1 berkas masukan dimuat ulang" in w for w in warnings)
    assert "skor_perilaku: dihitung ulang dari rincian 60, terbit 85" in warnings
    # the published figures stand
    assert json.loads(result.output)["baris"]["skor_perilaku"] == "85"


def test_a_nip_without_a_line_gets_one_line(computed):
    settings, _ = computed
    unknown = tpp_explain(settings, NIP_UNKNOWN)
    assert unknown.exit_code == 1
    assert unknown.output.count("\n") == 1 and "tidak punya baris TPP" in unknown.output
    assert "ditolak" in unknown.output  # its rows were quarantined
    earlier = CliRunner().invoke(
        app, ["explain", "--period", "2026-09", "--nip", NIP_H, "--warehouse", str(settings.warehouse)]
    )
    assert earlier.exit_code == 1 and "belum pernah diterbitkan" in earlier.output
    bad = tpp_explain(settings, "12345")
    assert bad.exit_code == 2 and "18 digits" in bad.output


@pytest.mark.parametrize(("published", "agrees"), [(500_000, True), (500_001, False)])
def test_a_pool_recipients_incentive_is_recomputed(computed, tmp_path, published, agrees, warehouse_copy):
    """A copy of the warehouse where OPD-UJI's pool is on with dana_insentif 1,000,000 and
    ASN A is its only Sangat Baik line (pagu 5,000,000, every day active, so pagu_aktif =
    W = 5,000,000): share FLOOR(1,000,000 × 5,000,000 / 5,000,000) = 1,000,000, cap
    FLOOR(5,000,000 × 10 / 100) = 500,000, so tpp_insentif = 500,000. A published value
    that differs is a warning."""
    settings, _ = computed
    copy = warehouse_copy
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update marts.fct_tpp set predikat = 'Sangat Baik', pagu_tpp = 5000000, hari_aktif = hari_kerja, "
            "tpp_insentif = ?, tpp_dibayar = tpp_bruto + ? where periode = ? and nip = ?",
            [published, published, PERIODE, NIP_A],
        )
        con.execute(
            "update marts.fct_insentif_opd set aktif = true, dana_insentif = 1000000 where periode = ? and opd_kode = ?",
            [PERIODE, OPD_UJI],
        )
    result = CliRunner().invoke(app, ["explain", "--period", PERIODE, "--nip", NIP_A, "--warehouse", str(copy)])
    assert result.exit_code == 0, result.output
    assert "FLOOR(pagu 5.000.000 × 10/100) = Rp500.000" in result.output
    assert "FLOOR(dana 1.000.000 × pagu_aktif 5.000.000 / W 5.000.000) = Rp1.000.000" in result.output
    assert ("tpp_insentif: dihitung ulang 500000" in result.output) is not agrees
