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
