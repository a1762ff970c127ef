"""The project as a fresh clone sees it, and as a data engineer changes it: a copy of
the repository (no dbt target folder) whose definitions load at once, whose rule seed
gains a row for a later month, and whose pay table gains a column. Runs use the copy's
own code (`python -m`-style, PYTHONPATH = the copy)."""

import hashlib
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from clone import copy_repository
from handmade import NIP_A, add_handmade_asn
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.generate import generate_month
from pipelines.pipeline import run_period
from pipelines.settings import Settings

pytestmark = pytest.mark.slow
SEP, OKT = "2026-09", "2026-10"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The repository's files as a clone has them (tracked and new, never ignored ones)."""
    root = copy_repository(tmp_path_factory.mktemp("clone") / "repo")
    assert not (root / "dbt_project" / "target").exists()
    return root


def in_copy(copy: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    env.pop("DAGSTER_HOME", None)
    return subprocess.run(args, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)


def tpp(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return in_copy(copy, sys.executable, "-c", "from pipelines.cli import app; app()", *args)


def test_definitions_load_in_a_fresh_clone_before_any_other_command(copy):
    validated = in_copy(copy, str(BIN / "dagster"), "definitions", "validate", "-w", "workspace.yaml")
    assert validated.returncode == 0, validated.stdout[-3000:] + validated.stderr[-3000:]
    assert (copy / "dbt_project" / "target" / "manifest.json").exists()


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("landing")
    generate_month(SEP, root, n_asn=100, seed=3)
    generate_month(OKT, root, n_asn=100, seed=4)
    add_handmade_asn(root / OKT)
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory, landing, dbt_manifest):
    """September as the project's own rules compute it."""
    settings = Settings.from_env(
        landing=landing,
        warehouse=tmp_path_factory.mktemp("ref") / "tpp.duckdb",
        exports=tmp_path_factory.mktemp("ref-exports"),
    )
    assert run_period(settings, SEP).success
    return settings


def lines(warehouse: Path, periode: str, columns: str = "*") -> list:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"select {columns} from marts.fct_tpp where periode = ? order by nip", [periode]).fetchall()


def digest(rows: list) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def changed_rules(copy, tmp_path_factory, landing):
    """From October the city moves to 30% discipline / 70% performance and switches the
    OPD incentive pool (rulebook §10) on."""
    seed = copy / "dbt_project" / "seeds" / "parameter_tpp.csv"
    seed.write_text(
        seed.read_text(encoding="utf-8")
        + "porsi_disiplin,0.30,porsi pagu untuk komponen disiplin,2026-10-01\n"
        + "porsi_kinerja,0.70,porsi pagu untuk komponen kinerja,2026-10-01\n",
        encoding="utf-8",
    )
    pool = copy / "dbt_project" / "seeds" / "insentif.csv"
    pool.write_text(pool.read_text(encoding="utf-8") + "true,0.50,10,Perwal uji,2026-10-01\n", encoding="utf-8")
    root = tmp_path_factory.mktemp("copy-run")
    paths = ["--landing", str(landing), "--warehouse", str(root / "tpp.duckdb"), "--exports", str(root / "exports")]
    backfill = tpp(copy, "run", "--from", SEP, "--to", OKT, *paths)
    assert backfill.returncode == 0, backfill.stdout[-3000:] + backfill.stderr[-3000:]
    return root, paths


def test_a_later_rule_row_changes_that_month_on_and_leaves_earlier_months_byte_for_byte(copy, changed_rules, reference):
    root, paths = changed_rules
    # September: the 0.40/0.60 rows are still in force → the same lines and the same export bytes
    assert lines(root / "tpp.duckdb", SEP) == lines(reference.warehouse, SEP)
    ours, theirs = root / "exports" / SEP / "tpp.csv", reference.export_dir / SEP / "tpp.csv"
    assert ours.read_bytes() == theirs.read_bytes()
    # October, ASN A (tests/test_end_to_end.py): skor_disiplin 82.5, skor_kinerja 97.9777777778
    #   tpp_disiplin = ROUND(4,700,000 × 0.30 × 0.825) = 1,163,250
    #   tpp_kinerja  = ROUND(4,700,000 × 0.70 × 0.979777777778) = ROUND(3,223,468.89) = 3,223,469
    a = {row[0]: row[1:] for row in lines(root / "tpp.duckdb", OKT, "nip, tpp_disiplin, tpp_kinerja, tpp_bruto")}
    assert a[NIP_A] == (1_163_250, 3_223_469, 4_386_719)
    # the pool: on in October only; every OPD's figures add up to the rupiah
    with duckdb.connect(str(root / "tpp.duckdb"), read_only=True) as con:
        pools = con.execute(
            "select periode, bool_and(aktif), bool_or(aktif), count(*), "
            "count(*) filter (where dana_tidak_terbayar <> total_insentif + dikembalikan) "
            "from marts.fct_insentif_opd group by 1 order by 1"
        ).fetchall()
        sep_insentif = con.execute("select sum(tpp_insentif) from marts.fct_tpp where periode = ?", [SEP]).fetchone()[0]
    assert [(p, all_on, any_on, misfits) for p, all_on, any_on, _, misfits in pools] == [
        (SEP, False, False, 0),
        (OKT, True, True, 0),
    ]
    assert sep_insentif == 0
    # re-running September after October changes nothing, not even a new revision
    again = tpp(copy, "run", "--period", SEP, *paths)
    assert again.returncode == 0, again.stderr[-2000:]
    assert ours.read_bytes() == theirs.read_bytes()
    assert sorted(p.name for p in (root / "exports" / f"{SEP}.revisi").glob("revisi-*")) == ["revisi-1"]
    # what is in force, and since when
    okt, sep = tpp(copy, "rules", "--period", OKT).stdout, tpp(copy, "rules", "--period", SEP).stdout
    assert "porsi_disiplin" in okt and "0.30" in okt and "2026-10-01" in okt and "0.40" not in okt
    assert "0.40" in sep and "2026-10-01" not in sep


def test_a_simulation_of_the_rows_the_city_adopted_reproduces_both_published_months(changed_rules, tmp_path):
    """BKPSDM simulates, with the project's own seeds (pool off, 40/60), the rows the
    copy adopted from October: September and October come out as published, line for
    line, and the warehouse and exports of the copy's runs do not change."""
    root, paths = changed_rules
    warehouse, exports = root / "tpp.duckdb", root / "exports"

    def snapshot():
        files = [warehouse, *sorted(p for p in exports.rglob("*") if p.is_file() and "simulasi" not in p.parts)]
        return {str(p): p.read_bytes() for p in files}

    before = snapshot()
    rule_file = tmp_path / "perwal.csv"
    rule_file.write_text(
        "seed,parameter,nilai,keterangan,aktif,porsi_dana,batas_persen_pagu,berlaku_mulai\n"
        "parameter_tpp,porsi_disiplin,0.30,,,,,2026-10-01\n"
        "parameter_tpp,porsi_kinerja,0.70,,,,,2026-10-01\n"
        "insentif,,,Perwal uji,true,0.50,10,2026-10-01\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["simulate", "--from", SEP, "--to", OKT, "--aturan", str(rule_file), "--warehouse", str(warehouse),
              "--exports", str(exports)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert snapshot() == before
    simulated = pl.read_parquet(exports / "simulasi" / "perwal" / "tpp_simulasi.parquet")
    assert simulated["periode"].unique().sort().to_list() == [SEP, OKT]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        published = pl.from_arrow(
            con.sql(
                f"select {', '.join(simulated.columns)} from marts.fct_tpp order by periode, opd_kode, nip"
            ).to_arrow_table()
        )
    assert simulated.equals(published)
    assert published.filter(pl.col("periode") == OKT)["tpp_insentif"].sum() > 0  # the pool was reproduced too


def test_a_new_column_in_the_pay_table_keeps_every_past_month(copy, changed_rules):
    root, paths = changed_rules
    warehouse = root / "tpp.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = ", ".join(
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where "
                "table_schema = 'marts' and table_name = 'fct_tpp' "
                "order by ordinal_position"
            ).fetchall()
        )
    september = digest(lines(warehouse, SEP, columns))
    model = copy / "dbt_project" / "models" / "marts" / "fct_tpp.sql"
    model.write_text(
        model.read_text(encoding="utf-8").replace(
            "        alasan_tahan\n    from status",
            "        alasan_tahan,\n        'uji' as catatan_uji\n    from status",
        ),
        encoding="utf-8",
    )
    contract = copy / "dbt_project" / "models" / "marts" / "fct_tpp.yml"
    contract.write_text(
        contract.read_text(encoding="utf-8") + "      - {name: catatan_uji, data_type: varchar}\n", encoding="utf-8"
    )
    rerun = tpp(copy, "run", "--period", OKT, *paths)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert digest(lines(warehouse, SEP, columns)) == september  # the past month's rows, unchanged
    assert {r[0] for r in lines(warehouse, SEP, "catatan_uji")} == {None}
    # every computed line has it; the held line of an employee whose own row was rejected
    # is not computed by the model's main select (no days known) and reads null
    assert {r[0] for r in lines(warehouse, OKT, "catatan_uji, hari_kerja") if r[1] is not None} == {"uji"}


# A warehouse written before landing decimals took 6 places held them as DECIMAL(18,4).
BEFORE_SIX_PLACES = {
    "raw.target_kinerja": ("bobot", "target", "realisasi"),
    "raw.penilaian_perilaku": ("nilai_perilaku",),
    "raw.hukuman_disiplin": ("persen_potongan",),
    "intermediate.int_capaian_indikator": ("bobot", "target", "realisasi"),
    "intermediate.int_hukuman_aktif": ("persen_hukdis",),
    "candidate.fct_tpp": ("persen_hukdis",),
    "marts.fct_tpp": ("persen_hukdis",),
}


def test_a_warehouse_of_four_place_decimals_is_widened_never_rounded(reference, landing, tmp_path):
    """An older warehouse's DECIMAL(18,4) columns take 6-place values: the column is
    widened in place (raw by ingest, dbt's incremental models by macros/widen.sql, marts
    by publish), past months keep their values, and nothing is rounded into the old type."""
    warehouse = tmp_path / "tpp.duckdb"
    shutil.copy(reference.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        for table, columns in BEFORE_SIX_PLACES.items():
            for column in columns:
                con.execute(f"alter table {table} alter column {column} set data type decimal(18, 4)")
        september = {
            t: con.execute(
                f"select * from {t} where {'_periode' if t.startswith('raw') else 'periode'} = ? order by all", [SEP]
            ).fetchall()
            for t in BEFORE_SIX_PLACES
        }
    october = tmp_path / "landing"
    shutil.copytree(landing / OKT, october / OKT)
    with (october / OKT / "target_kinerja.csv").open("a", encoding="utf-8") as f:
        f.write(f"{NIP_A},UJI-6,Enam tempat,0.000001,0.00001,0.000015,naik,persen\n")
    settings = Settings.from_env(landing=october, warehouse=warehouse, exports=tmp_path / "exports")
    outcome = run_period(settings, OKT)
    assert outcome.success, outcome.errors
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table, columns in BEFORE_SIX_PLACES.items():
            schema, name = table.split(".")
            types = dict(
                con.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = ? and table_name = ?",
                    [schema, name],
                ).fetchall()
            )
            assert {types[c] for c in columns} == {"DECIMAL(18,6)"}, table
            key = "_periode" if schema == "raw" else "periode"
            assert (
                con.execute(f"select * from {table} where {key} = ? order by all", [SEP]).fetchall() == september[table]
            )
        for table in ("raw.target_kinerja", "intermediate.int_capaian_indikator"):
            key = "_periode" if table.startswith("raw") else "periode"
            assert con.execute(
                f"select bobot, target, realisasi from {table} where {key} = ? and nip = ? and indikator_id = 'UJI-6'",
                [OKT, NIP_A],
            ).fetchall() == [(Decimal("0.000001"), Decimal("0.00001"), Decimal("0.000015"))]
