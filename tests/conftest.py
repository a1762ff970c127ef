import os
import sys
from pathlib import Path

import pytest

os.environ["GX_ANALYTICS_ENABLED"] = "false"
os.environ["DAGSTER_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "1"
sys.path.insert(0, str(Path(__file__).parent))  # tests/handmade.py


@pytest.fixture(scope="session")
def dbt_manifest():
    """dbt parse once per session: the Dagster definitions load the current models."""
    from pipelines.resources import prepare_dbt_manifest

    return prepare_dbt_manifest()


@pytest.fixture
def settings(tmp_path):
    from pipelines.settings import Settings

    return Settings.from_env(
        landing=tmp_path / "landing",
        warehouse=tmp_path / "warehouse" / "tpp.duckdb",
        exports=tmp_path / "exports",
    )


@pytest.fixture(scope="session")
def computed(tmp_path_factory, dbt_manifest):
    """A generated October 2026 plus the hand-made ASN (tests/handmade.py), run once
    through the Dagster job into a temporary warehouse; shared read-only by the tests of
    the pay lines, `tpp explain` and the report."""
    from handmade import PERIODE, add_handmade_asn

    from pipelines.generate import generate_month
    from pipelines.pipeline import run_period
    from pipelines.settings import Settings

    root = tmp_path_factory.mktemp("e2e")
    settings = Settings.from_env(
        landing=root / "landing", warehouse=root / "wh" / "tpp.duckdb", exports=root / "exports"
    )
    generate_month(PERIODE, settings.landing_dir, n_asn=300, seed=7)
    add_handmade_asn(settings.landing_dir / PERIODE)
    first = run_period(settings, PERIODE)
    assert first.success, first.errors
    return settings, first


@pytest.fixture
def warehouse_copy(computed, tmp_path):
    """A copy of the computed month's warehouse, for a test that changes figures in it."""
    import shutil

    copy = tmp_path / "tpp.duckdb"
    shutil.copyfile(computed[0].warehouse, copy)
    return copy
