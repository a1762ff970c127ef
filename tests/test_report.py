"""The period report (laporan.html) and its public version, as payroll and the public
open them: rendered from disk in headless Chromium (Debian's package; `make test`
installs it), every chart present, every OPD listed, nothing fetched, no person named
on the public page. The pipeline of the shared `computed` month wrote both pages."""

import re
import shutil
import subprocess
from decimal import Decimal

import duckdb
import pytest
from handmade import OPD_UJI, PERIODE
from typer.testing import CliRunner

from pipelines import report
from pipelines.cli import app

pytestmark = pytest.mark.slow

CHARTS = ("grafik-pagu", "grafik-predikat", "grafik-disiplin", "grafik-ikm", "grafik-tahan")
PRIVATE_CHARTS = ("grafik-karantina", "grafik-perubahan")
FLAGS = (  # no first-run, sync or update traffic: this machine has no network
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    browser = shutil.which("chromium")
    if browser is None:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profil'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def query(settings, sql, params=()):
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_report_renders_in_chromium_with_every_chart_and_every_opd(computed, tmp_path):
    settings, _ = computed
    page = settings.export_dir / PERIODE / "laporan.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    for chart in CHARTS + PRIVATE_CHARTS:
        figure = re.search(rf'<figure id="{chart}">(.*?)</figure>', dom, re.S)
        assert figure and "<svg" in figure.group(1), f"{chart} missing from the rendered page"
    opds = [o for (o,) in query(settings, "select opd_kode from raw.opd where _periode = ?", [PERIODE])]
    listed = set(re.findall(r'data-opd="([^"]*)"', dom))
    assert set(opds) <= listed and OPD_UJI in listed
    # figures as the warehouse has them: the payable total, Indonesian style
    total = query(
        settings, "select sum(tpp_bruto) from marts.fct_tpp where periode = ? and status = 'BAYAR'", [PERIODE]
    )
    assert "Rp" + f"{total[0][0]:,}".replace(",", ".") in dom
    # §8 misfits are flagged on their rows
    misfits = query(
        settings, "select opd_kode from marts.fct_distribusi_predikat where periode = ? and not sesuai", [PERIODE]
    )
    for (opd,) in misfits:
        assert re.search(rf'<tr data-opd="{re.escape(opd)}" class="tidak-sesuai">', dom), opd
    shot = tmp_path / "laporan.png"
    chromium(tmp_path, "--window-size=1100,2400", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_pages_are_self_contained(computed):
    settings, _ = computed
    for name in ("laporan.html", "laporan-publik.html"):
        html = (settings.export_dir / PERIODE / name).read_text(encoding="utf-8")
        assert "<script" not in html
        # nothing loaded: the only addresses are SVG namespaces and pygal's credit comment
        loaded = re.findall(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', html)
        assert loaded == [], name


def test_public_page_names_no_person_and_hides_small_cells(computed, tmp_path):
    settings, _ = computed
    html = (settings.export_dir / PERIODE / "laporan-publik.html").read_text(encoding="utf-8")
    people = query(settings, "select nip, nama from marts.fct_tpp where periode = ? and nama is not null", [PERIODE])
    assert not [nip for nip, _ in people if nip in html]
    assert not [nama for _, nama in people if nama in html]
    for chart in PRIVATE_CHARTS:
        assert chart not in html
    # OPD-UJI: 8 lines, 4 BAYAR (A Baik; B, E, H Butuh Perbaikan): fewer than 5 assessed,
    # so neither its predikat counts nor its rupiah are shown, and its paid count is "x"
    predikat = html.split('id="predikat"')[1]
    row = re.search(rf'<tr data-opd="{OPD_UJI}">.*?</tr>', predikat, re.S).group(0)
    assert "tidak ditampilkan (jumlah kecil)" in row and 'class="angka"' not in row
    paid = {
        o: n
        for o, n in query(
            settings,
            "select opd_kode, count(*) filter (where status = 'BAYAR') from marts.fct_tpp where periode = ? group by 1",
            [PERIODE],
        )
    }
    pagu_rows = {o: re.search(rf'<tr data-opd="{re.escape(o)}">.*?</tr>', html, re.S).group(0) for o in paid if o}
    for opd, row in pagu_rows.items():
        if 0 < paid[opd] < 5:
            assert "Rp" not in row and '<td class="angka">x</td>' in row, opd
    # the OPDs hidden with them: from the city total, each hidden count could be 1 to 5 or more
    hidden = [o for o, row in pagu_rows.items() if '<td class="angka">x</td>' in row]
    assert len(hidden) >= 2 and sum(paid[o] for o in hidden) - (len(hidden) - 1) >= 5
    assert all("Rp" not in pagu_rows[o] for o in hidden)
    dom = chromium(tmp_path, "--dump-dom", (settings.export_dir / PERIODE / "laporan-publik.html").as_uri()).stdout
    assert all(f'<figure id="{chart}">' in dom for chart in CHARTS)


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        # one small cell: the next smallest goes too (3 + 7 = 10 hidden: each could be 1 to 9)
        ([10, 3, 0, 7, 12], [10, "x", 0, "x", 12]),
        # 2 + 3 = 5 would tell both are 1–4: the 10 goes too (15 over three: each 1 to 13)
        ([2, 3, 10, 0, 0], ["x", "x", "x", 0, 0]),
        ([3, 3, 0, 0, 0], ["x", "x", 0, 0, 0]),  # 6 over two: each 1 to 5
        ([1, 1, 0, 0, 8], ["x", "x", 0, 0, "x"]),  # 1 + 1 = 2 would pin both
        ([0, 0, 5, 0, 0], [0, 0, 5, 0, 0]),  # 5 is shown, 0 is shown
        ([4, 6, 5, 0, 0], ["x", 6, "x", 0, 0]),  # the smallest shown count goes, not the first
        ([1, 4, 0, 0, 0], ["x", "x", 0, 0, 0]),  # nothing left to hide with: both hidden
    ],
)
def test_suppressed_cells(counts, shown):
    assert report.suppressed(counts) == shown


def test_change_from_the_previous_month(computed, tmp_path, warehouse_copy):
    """A copy of the warehouse with a made-up September: one ASN paid 100,000 more in
    October than in September, one ASN new in October."""
    settings, _ = computed
    copy = warehouse_copy
    nip_naik, nip_baru = query(
        settings, "select nip from marts.fct_tpp where periode = ? and status = 'BAYAR' order by nip limit 2", [PERIODE]
    )
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "insert into marts.fct_tpp select * replace ('2026-09' as periode, "
            "case when nip = ? then tpp_bruto - 100000 else tpp_bruto end as tpp_bruto) "
            "from marts.fct_tpp where periode = ? and nip <> ?",
            [nip_naik[0], PERIODE, nip_baru[0]],
        )
        data = report.gather(con, PERIODE)
    change = data["sebelum"]
    assert (change["periode"], change["baru"], change["keluar"]) == ("2026-09", 1, 0)
    moved = {(m["nip"], m["selisih"]) for m in change["bergerak"]}
    assert (nip_naik[0], 100_000) in moved
    assert (
        data["ringkas"]["total_bayar"] - change["total_bayar"]
        == 100_000
        + query(settings, "select tpp_bruto from marts.fct_tpp where periode = ? and nip = ?", [PERIODE, nip_baru[0]])[
            0
        ][0]
    )


def test_tpp_report_rewrites_both_pages_byte_for_byte(computed):
    settings, _ = computed
    folder = settings.export_dir / PERIODE
    before = {name: (folder / name).read_bytes() for name in ("laporan.html", "laporan-publik.html")}
    result = CliRunner().invoke(
        app,
        ["report", "--period", PERIODE, "--warehouse", str(settings.warehouse), "--exports", str(settings.export_dir)],
    )
    assert result.exit_code == 0, result.output
    assert {name: (folder / name).read_bytes() for name in before} == before
    missing = CliRunner().invoke(
        app,
        [
            "report",
            "--period",
            "2026-09",
            "--warehouse",
            str(settings.warehouse),
            "--exports",
            str(settings.export_dir),
        ],
    )
    assert missing.exit_code == 1 and "No validated export of 2026-09" in missing.output
    assert not (settings.export_dir / "2026-09").exists()  # never made by the report


def test_report_goes_only_beside_a_validated_export(computed, tmp_path):
    """A folder that is not the link to a revision is refused and left alone (a real
    folder there would stop every later export of the month)."""
    settings, _ = computed
    plain = tmp_path / PERIODE
    plain.mkdir()
    with duckdb.connect(str(settings.warehouse), read_only=True) as con, pytest.raises(LookupError):
        report.write(con, PERIODE, plain)
    assert list(plain.iterdir()) == []


def test_public_figures_of_an_opd_appear_at_5_paid_asn_not_at_4(computed, tmp_path, warehouse_copy):
    """In a city where every other OPD has 5+ paid ASN (a copy of the warehouse without
    the lines of OPDs of 1–4): OPD-UJI's 4 BAYAR lines are hidden ("x"), with the next
    smallest OPD, rupiah and average scores too. With one held line paid instead, 5:
    all shown, the averages those of the 5 lines."""
    settings, _ = computed
    copy = warehouse_copy
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "delete from marts.fct_tpp where periode = $p and opd_kode in (select opd_kode from marts.fct_tpp "
            "where periode = $p and opd_kode <> $o group by 1 having count(*) filter (where status = 'BAYAR') < 5)",
            {"p": PERIODE, "o": OPD_UJI},
        )
        opds = report.gather(con, PERIODE)["opd"]
        four = next(o for o in opds if o["opd_kode"] == OPD_UJI)
        assert (four["jumlah_bayar"], four["publik_bayar"], four["publik_rupiah"]) == (4, "x", False)
        companion = min((o for o in opds if o["jumlah_bayar"] >= 5), key=lambda o: (o["jumlah_bayar"], o["opd_kode"]))
        assert (companion["publik_bayar"], companion["publik_rupiah"]) == ("x", False)
        assert [o["opd_kode"] for o in opds if o["publik_bayar"] == "x"] == sorted([OPD_UJI, companion["opd_kode"]])
        con.execute(
            "update marts.fct_tpp set status = 'BAYAR', alasan_tahan = null where periode = ? and nip = ("
            "  select min(nip) from marts.fct_tpp where periode = ? and opd_kode = ? and status = 'TAHAN'"
            "  and skor_disiplin is not null and skor_kinerja is not null)",
            [PERIODE, PERIODE, OPD_UJI],
        )
        paid = con.execute(
            "select skor_disiplin, skor_kinerja from marts.fct_tpp where periode = ? and opd_kode = ? "
            "and status = 'BAYAR'",
            [PERIODE, OPD_UJI],
        ).fetchall()
        five = next(o for o in report.gather(con, PERIODE)["opd"] if o["opd_kode"] == OPD_UJI)
    assert len(paid) == 5
    assert (five["jumlah_bayar"], five["publik_bayar"], five["publik_rupiah"]) == (5, 5, True)
    assert round(Decimal(five["rata_disiplin"]), 6) == round(sum(d for d, _ in paid) / 5, 6)
    assert round(Decimal(five["rata_kinerja"]), 6) == round(sum(k for _, k in paid) / 5, 6)
    html = pages_from(settings, copy, tmp_path)["laporan-publik.html"]
    row = re.search(rf'<tr data-opd="{OPD_UJI}">.*?</tr>', html, re.S).group(0)
    cells = re.findall(r'<td class="angka">([^<]*)</td>', row)
    average = f"{sum(d for d, _ in paid) / 5:.2f}".replace(".", ",")
    assert cells[0] == "5" and cells[1].startswith("Rp") and average in cells


def pages_from(settings, copy, tmp_path) -> dict[str, str]:
    """Both pages of the month written from a copy of the warehouse, beside a copy of the
    month's export (the report goes only beside a validated export)."""
    revision = tmp_path / "revisi"
    shutil.copytree((settings.export_dir / PERIODE).resolve(), revision)
    (tmp_path / PERIODE).symlink_to(revision)
    with duckdb.connect(str(copy), read_only=True) as con:
        report.write(con, PERIODE, tmp_path / PERIODE)
    return {name: (revision / name).read_text(encoding="utf-8") for name in ("laporan.html", "laporan-publik.html")}


def test_the_incentive_pool_per_opd_when_it_is_on(computed, tmp_path, warehouse_copy):
    settings, _ = computed
    off = (settings.export_dir / PERIODE / "laporan.html").read_text(encoding="utf-8")
    assert f"Kolam insentif tidak aktif pada {PERIODE}" in off
    copy = warehouse_copy
    with duckdb.connect(str(copy)) as con:  # figures as a pool of 2,500,000 unpaid would give
        con.execute(
            "update marts.fct_insentif_opd set aktif = true, dana_tidak_terbayar = 2500000, dana_insentif = 1250000, "
            "jumlah_penerima = 2, total_insentif = 1113636, dikembalikan = 1386364 where periode = ? and opd_kode = ?",
            [PERIODE, OPD_UJI],
        )
    html = pages_from(settings, copy, tmp_path)["laporan.html"].split('id="insentif"')[1].split("<h2")[0]
    row = re.search(rf'<tr data-opd="{OPD_UJI}">.*?</tr>', html, re.S).group(0)
    cells = re.findall(r'<td class="angka">([^<]*)</td>', row)
    assert cells == ["Rp2.500.000", "Rp1.250.000", "2", "Rp1.113.636", "Rp1.386.364"]
    assert html.count("<tr data-opd=") == 1  # only the OPDs whose pool was on


def test_the_public_pool_shows_an_opd_s_recipients_at_5_not_at_2(computed, tmp_path, warehouse_copy):
    """Two recipients' total would be about one person's incentive: hidden, and with it
    what went back (the unpaid money minus that total). Five are shown."""
    settings, _ = computed
    copy = warehouse_copy
    with duckdb.connect(str(copy)) as con:
        shown = [o["opd_kode"] for o in report.gather(con, PERIODE)["opd"] if o["publik_rupiah"] and o["opd_kode"]]
        two, five = shown[0], shown[1]
        for opd, penerima, total in ((two, 2, 900_000), (five, 5, 1_200_000), (OPD_UJI, 5, 1_000_000)):
            con.execute(
                "update marts.fct_insentif_opd set aktif = true, dana_tidak_terbayar = 3000000, dana_insentif = 1500000, "
                "jumlah_penerima = ?, total_insentif = ?, dikembalikan = 3000000 - ? where periode = ? and opd_kode = ?",
                [penerima, total, total, PERIODE, opd],
            )
        assert OPD_UJI not in shown  # 4 paid ASN: not a public row, so not a public pool either
    html = pages_from(settings, copy, tmp_path)["laporan-publik.html"].split('id="insentif"')[1].split("<h2")[0]

    def cells(opd):
        row = re.search(rf'<tr data-opd="{opd}">.*?</tr>', html, re.S).group(0)
        return re.findall(r'<td class="angka">([^<]*)</td>', row)

    assert cells(two) == ["Rp3.000.000", "Rp1.500.000", "x", "-", "-"]
    assert cells(five) == ["Rp3.000.000", "Rp1.500.000", "5", "Rp1.200.000", "Rp1.800.000"]
    assert f'data-opd="{OPD_UJI}"' not in html
