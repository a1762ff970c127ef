"""`tpp simulate` (contracts §4): published months recomputed under other rule rows in a
scratch warehouse; the warehouse and the exports stay byte for byte as they were."""

import csv
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
from handmade import NIP_A, PERIODE
from test_report import chromium
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.settings import Settings
from pipelines.simulate import SimulationError, overlay, parse_rule_file, read_rule_file

CHARTS = ("grafik-biaya", "grafik-selisih-opd", "grafik-naik-turun", "grafik-predikat")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- laying rows over the seeds

SEED = pl.DataFrame(
    {
        "parameter": ["porsi_disiplin", "porsi_disiplin", "porsi_kinerja", "w_prod"],
        "nilai": ["0.40", "0.35", "0.60", "60"],
        "keterangan": [None, None, None, None],
        "berlaku_mulai": ["2024-01-01", "2026-11-01", "2024-01-01", "2024-01-01"],
    }
)


def as_rows(frame: pl.DataFrame) -> set[tuple]:
    return set(frame.select("parameter", "nilai", "berlaku_mulai").iter_rows())


def test_a_dated_file_row_wins_from_its_date_and_leaves_the_months_before_it():
    file_rows = pl.DataFrame(
        {"parameter": ["porsi_disiplin"], "nilai": ["0.30"], "keterangan": [None], "berlaku_mulai": ["2026-10-01"]}
    )
    laid = overlay(SEED, file_rows, ["parameter"], "2026-09-01")
    # 0.40 from 2024 stands before October; the seed's own November row would beat the
    # file's from November on, so it goes; keys the file does not name are untouched
    assert as_rows(laid) == {
        ("porsi_disiplin", "0.40", "2024-01-01"),
        ("porsi_disiplin", "0.30", "2026-10-01"),
        ("porsi_kinerja", "0.60", "2024-01-01"),
        ("w_prod", "60", "2024-01-01"),
    }
    assert laid.columns == SEED.columns


def test_an_undated_file_row_is_in_force_from_the_first_simulated_month():
    file_rows = pl.DataFrame(
        {"parameter": ["porsi_kinerja"], "nilai": ["0.70"], "keterangan": [None], "berlaku_mulai": [None]}
    )
    laid = overlay(SEED, file_rows, ["parameter"], "2026-09-01")
    assert ("porsi_kinerja", "0.70", "2026-09-01") in as_rows(laid)
    assert ("porsi_kinerja", "0.60", "2024-01-01") in as_rows(laid)  # before September: the seed's
    # a table of one row in force (insentif): the file's row replaces every later seed row
    seed = pl.DataFrame({"aktif": ["false", "true"], "berlaku_mulai": ["2024-01-01", "2027-01-01"]})
    pool = overlay(seed, pl.DataFrame({"aktif": ["true"], "berlaku_mulai": [None]}), [], "2026-09-01")
    assert set(pool.iter_rows()) == {("false", "2024-01-01"), ("true", "2026-09-01")}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("parameter,nilai\nporsi_disiplin,0.3\n", "no column `seed`"),
        ("seed,parameter\n", "has no rows"),
        ("", "is empty"),
        ("seed;parameter;nilai\nparameter_tpp;porsi_disiplin;0.3\n", "separated by ';'"),
        ("seed,parameter,nilai,keterangan\nparameter_tpp,,0.3,\n", "line 2: parameter_tpp.parameter is blank (a key)"),
        (
            "seed,parameter,nilai,keterangan\nparameter_tpp,porsi_disiplin,0.3,\n,w_prod,50,\n",
            "line 3: the column `seed` is blank",
        ),
        (
            "seed,parameter,nilai,keterangan\nparameter_tpp,w_prodd,60,\n",
            "line 2: parameter_tpp has no parameter 'w_prodd'",
        ),
        (
            "seed,parameter,nilai,keterangan\nparameter_tpp,porsi_disiplin,0.3,\nbobot,x,1,\n",
            "line 3: no rule table 'bobot'",
        ),
        ("seed,parameter,keterangan\nparameter_tpp,porsi_disiplin,\n", "need the column(s) nilai"),
        (
            "seed,parameter,nilai,keterangan,tarif\nparameter_tpp,porsi_disiplin,0.3,,100\n",
            "line 2: parameter_tpp has no column tarif",
        ),
        (
            "seed,parameter,nilai,keterangan\nparameter_tpp,porsi_disiplin,tiga puluh,\n",
            "line 2: parameter_tpp.nilai 'tiga puluh' is not a decimal(18,4)",
        ),
        (
            "seed,aktif,porsi_dana,batas_persen_pagu,keterangan,berlaku_mulai\ninsentif,ya,0.5,10,,\n",
            "insentif.aktif 'ya' is not a boolean",
        ),
        (
            "seed,parameter,nilai,keterangan,berlaku_mulai\nparameter_tpp,porsi_disiplin,0.3,,2026-31-01\n",
            "berlaku_mulai '2026-31-01' is not a date",
        ),
        (
            "seed,parameter,nilai,keterangan\nparameter_tpp,porsi_disiplin,0.3,\nparameter_tpp,porsi_disiplin,0.2,\n",
            "line 3: a second parameter_tpp row for the same parameter, berlaku_mulai (line 2)",
        ),
        (  # blank = the first simulated month, so these two are the same row in force
            "seed,parameter,nilai,keterangan,berlaku_mulai\n"
            "parameter_tpp,porsi_disiplin,0.3,,\nparameter_tpp,porsi_disiplin,0.2,,2026-10-01\n",
            "line 3: a second parameter_tpp row",
        ),
    ],
)
def test_a_rule_file_that_cannot_be_laid_over_the_seeds_is_refused_with_its_line(tmp_path, text, says):
    with pytest.raises(SimulationError) as refused:
        parse_rule_file(text.encode(), "aturan.csv", "2026-10-01")
    assert says in str(refused.value)


def test_keys_and_dates_are_read_as_dbt_reads_them(tmp_path):
    """01 is kelas 1 and 2026-10-1 is 1 October for dbt: so they are here, and the seed's
    row of kelas 1 is the one replaced."""
    rows = parse_rule_file(
        b"seed,kelas_jabatan,tarif,berlaku_mulai\ntarif_tpp_kelas,01,1600000,2026-10-1\n", "a.csv", "2026-09-01"
    )["tarif_tpp_kelas"]
    assert rows.select("kelas_jabatan", "tarif", "berlaku_mulai").row(0) == ("1", "1600000", "2026-10-01")
    with pytest.raises(SimulationError, match="No rule file at .* \\(it is a folder\\)"):
        read_rule_file(tmp_path)


# ---------------------------------------------------------------- whole simulations


@pytest.fixture
def published(computed, tmp_path):
    """A copy of the computed month's warehouse and exports (links kept)."""
    settings, _ = computed
    copy = Settings.from_env(
        landing=settings.landing_dir, warehouse=tmp_path / "wh" / "tpp.duckdb", exports=tmp_path / "exports"
    )
    copy.warehouse.parent.mkdir()
    shutil.copyfile(settings.warehouse, copy.warehouse)
    shutil.copytree(settings.export_dir, copy.export_dir, symlinks=True)
    return copy


def simulate(settings: Settings, rule_file: Path, *more: str):
    return CliRunner().invoke(
        app,
        [
            "simulate", "--from", PERIODE, "--to", PERIODE, "--aturan", str(rule_file),
            "--warehouse", str(settings.warehouse), "--exports", str(settings.export_dir), *more,
        ],
    )  # fmt: skip


def snapshot(settings: Settings) -> dict[str, str]:
    """The warehouse file and every export file and link, by content (the simulations aside)."""
    found = {"warehouse": hashlib.sha256(settings.warehouse.read_bytes()).hexdigest()}
    for path in sorted(settings.export_dir.rglob("*")):
        name = str(path.relative_to(settings.export_dir))
        if name.startswith("simulasi"):
            continue
        if path.is_symlink():
            found[name] = "→ " + str(path.readlink())
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def published_lines(settings: Settings) -> pl.DataFrame:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return pl.from_arrow(
            con.sql(f"select * from marts.fct_tpp where periode = '{PERIODE}' order by opd_kode, nip").to_arrow_table()
        )


def test_rules_as_published_reproduce_every_line_and_change_nothing_published(published, tmp_path):
    before = snapshot(published)
    # restating the row in force (porsi_disiplin 0.40): the rules are those of the month
    rule_file = write(
        tmp_path / "sama.csv", "seed,parameter,nilai,keterangan,berlaku_mulai\nparameter_tpp,porsi_disiplin,0.40,,\n"
    )
    result = simulate(published, rule_file)
    assert result.exit_code == 0, result.output
    assert snapshot(published) == before  # marts, audit.runs (the file) and every export: byte for byte
    folder = published.export_dir / "simulasi" / "sama"
    # every simulated line, every column, is the published one
    simulated = pl.read_parquet(folder / "tpp_simulasi.parquet")
    assert simulated.equals(published_lines(published))
    lines = read_csv(folder / "baris.csv")
    assert len(lines) == simulated.height
    assert {row["perubahan"] for row in lines} == {"TETAP"}
    (bulan,) = read_csv(folder / "bulan.csv")
    assert bulan["biaya_lama"] == bulan["biaya_baru"] and bulan["selisih_biaya"] == "0"
    assert bulan["opd_sesuai_lama"] == bulan["opd_sesuai_baru"]
    assert {row["predikat_lama"] == row["predikat_baru"] for row in read_csv(folder / "predikat.csv")} == {True}
    # the page, as a browser draws it: every chart, nothing run
    page = (folder / "simulasi.html").read_text(encoding="utf-8")
    assert "<script" not in page
    dom = chromium(tmp_path, "--dump-dom", (folder / "simulasi.html").as_uri()).stdout
    for chart in CHARTS:
        figure = re.search(rf'<figure id="{chart}">(.*?)</figure>', dom, re.S)
        assert figure and "<svg" in figure.group(1), f"{chart} missing"
    assert "Tidak ada baris yang berubah" in dom


def test_a_new_split_and_the_pool_priced_against_the_published_month(published, tmp_path):
    before = snapshot(published)
    rule_file = write(
        tmp_path / "perwal-uji.csv",
        "seed,parameter,nilai,keterangan,aktif,porsi_dana,batas_persen_pagu\n"
        "parameter_tpp,porsi_disiplin,0.30,,,,\n"
        "parameter_tpp,porsi_kinerja,0.70,,,,\n"
        "insentif,,,Perwal uji,true,0.50,10\n",
    )
    result = simulate(published, rule_file, "--nama", "uji-30-70")
    assert result.exit_code == 0, result.output
    assert snapshot(published) == before
    folder = published.export_dir / "simulasi" / "uji-30-70"
    lines = {row["nip"]: row for row in read_csv(folder / "baris.csv")}
    # ASN A (test_end_to_end): skor_disiplin 82.5, skor_kinerja 97.9777777778 (Baik)
    #   published: 1,551,000 + 2,762,973 = 4,313,973
    #   30/70: ROUND(4,700,000 × 0.30 × 0.825) = 1,163,250
    #        + ROUND(4,700,000 × 0.70 × 0.979777…) = ROUND(3,223,468.89) = 3,223,469 → 4,386,719
    a = lines[NIP_A]
    assert (a["tpp_dibayar_lama"], a["tpp_dibayar_baru"], a["selisih"], a["perubahan"]) == (
        "4313973",
        "4386719",
        "72746",
        "NAIK",
    )
    assert (a["predikat_lama"], a["predikat_baru"], a["tpp_insentif_baru"]) == ("Baik", "Baik", "0")
    # every figure per OPD and month is the sum of its lines, to the rupiah
    opd = read_csv(folder / "opd.csv")
    for row in opd:
        mine = [line for line in lines.values() if line["opd_kode"] == row["opd_kode"]]
        assert int(row["biaya_baru"]) == sum(int(line["tpp_dibayar_baru"] or 0) for line in mine)
        assert int(row["selisih_biaya"]) == int(row["biaya_baru"]) - int(row["biaya_lama"])
        assert int(row["jumlah_naik"]) == sum(int(line["selisih"]) > 0 for line in mine)
        assert int(row["total_turun"]) == sum(min(int(line["selisih"]), 0) for line in mine)
    (bulan,) = read_csv(folder / "bulan.csv")
    assert int(bulan["selisih_biaya"]) == sum(int(row["selisih_biaya"]) for row in opd) != 0
    # the simulated pools add up, and what they pay is what the lines received
    pools = read_csv(folder / "insentif_opd.csv")
    assert pools and all(row["aktif"] == "true" for row in pools)
    for pool in pools:
        assert int(pool["dana_tidak_terbayar"]) == int(pool["total_insentif"]) + int(pool["dikembalikan"])
    assert int(bulan["insentif_baru"]) == sum(int(p["total_insentif"]) for p in pools)
    # a name that is taken again replaces that simulation as a whole
    again = simulate(published, rule_file, "--nama", "uji-30-70")
    assert again.exit_code == 0 and read_csv(folder / "bulan.csv") == [bulan]
    assert sorted(p.name for p in (published.export_dir / "simulasi").iterdir()) == ["uji-30-70"]


def test_a_month_not_published_is_refused_and_nothing_is_written(published, tmp_path):
    rule_file = write(tmp_path / "a.csv", "seed,parameter,nilai,keterangan\nparameter_tpp,porsi_disiplin,0.30,\n")
    result = CliRunner().invoke(
        app,
        [
            "simulate", "--from", "2026-09", "--to", PERIODE, "--aturan", str(rule_file),
            "--warehouse", str(published.warehouse), "--exports", str(published.export_dir),
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "2026-09 not published" in result.output and "Traceback" not in result.output
    assert not list((published.export_dir / "simulasi").iterdir())  # nothing in it, not even a half
    # a rule that leaves kelas 7 without a tarif: the month's dbt tests refuse the lines it gives
    no_tarif = write(tmp_path / "tanpa-tarif.csv", "seed,kelas_jabatan,tarif,berlaku_mulai\ntarif_tpp_kelas,7,,\n")
    failed = simulate(published, no_tarif)
    assert failed.exit_code == 1 and "not_null_fct_tpp_tpp_bruto" in failed.output, failed.output
    assert not list((published.export_dir / "simulasi").iterdir())  # no half-written folder either
    # inputs loaded again after the month was published: the difference would not be the rules'
    with duckdb.connect(str(published.warehouse)) as con:
        con.execute(
            "update audit.ingest_counts set loaded_at = now() + interval 1 minute where periode = ? and source = 'apel'",
            [PERIODE],
        )
    reloaded = simulate(published, rule_file)
    assert reloaded.exit_code == 1 and f"{PERIODE}: 1 input file(s) loaded again after it was published" in (
        reloaded.output
    )
    bad_name = simulate(published, rule_file, "--nama", "../keluar")
    assert bad_name.exit_code == 1 and "--nama '../keluar'" in bad_name.output
    assert not list((published.export_dir / "simulasi").iterdir())


def test_the_example_rule_file_of_the_readme_is_read_as_written():
    path = Path(__file__).parent.parent / "docs" / "simulasi" / "contoh-perwal.csv"
    example = parse_rule_file(read_rule_file(path), path.name, "2026-07-01")
    assert {seed: part.height for seed, part in example.items()} == {"parameter_tpp": 2, "insentif": 1}
    assert example["insentif"].row(0, named=True)["aktif"] == "true"
