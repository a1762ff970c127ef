"""Where things live: landing root, warehouse file, export root (contracts.md §4).

One place reads the environment; the dbt profile reads the same `TPP_WAREHOUSE`
variable, which `Settings.export_to_env` keeps absolute so dbt (run from its own
folder) and Dagster open the same file.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# dbt installed beside this Python (the venv), whether or not the venv is activated
VENV_DBT = Path(sys.executable).parent / "dbt"
DBT_EXECUTABLE = str(VENV_DBT) if VENV_DBT.exists() else (shutil.which("dbt") or "dbt")

DEFAULTS = {
    "TPP_LANDING_DIR": "data/landing",
    "TPP_WAREHOUSE": "data/warehouse/tpp.duckdb",
    "TPP_EXPORT_DIR": "data/exports",
}
# DuckDB's own default takes 80% of the machine's memory, all of it for one query; a
# fixed limit makes a large month spill to `<warehouse>.tmp/` instead (README,
# "Performance"). The dbt profile reads the same variables.
DUCKDB_DEFAULTS = {"TPP_DUCKDB_MEMORY": "3GB", "TPP_DUCKDB_THREADS": str(os.cpu_count() or 1)}


def duckdb_config_env() -> dict[str, str]:
    """TPP_DUCKDB_MEMORY and TPP_DUCKDB_THREADS as set, their defaults where unset or empty."""
    return {var: os.environ.get(var) or default for var, default in DUCKDB_DEFAULTS.items()}


def duckdb_config() -> dict[str, str]:
    """memory_limit and threads of every warehouse connection."""
    env = duckdb_config_env()
    return {"memory_limit": env["TPP_DUCKDB_MEMORY"], "threads": env["TPP_DUCKDB_THREADS"]}


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    warehouse: Path
    export_dir: Path

    @classmethod
    def from_env(cls, landing=None, warehouse=None, exports=None) -> Settings:
        def pick(override, var):
            return Path(override or os.environ.get(var) or DEFAULTS[var]).resolve()

        return cls(
            landing_dir=pick(landing, "TPP_LANDING_DIR"),
            warehouse=pick(warehouse, "TPP_WAREHOUSE"),
            export_dir=pick(exports, "TPP_EXPORT_DIR"),
        )

    def export_to_env(self) -> None:
        """Make every process started from here (dbt, Dagster) see the same paths."""
        os.environ["TPP_LANDING_DIR"] = str(self.landing_dir)
        os.environ["TPP_WAREHOUSE"] = str(self.warehouse)
        os.environ["TPP_EXPORT_DIR"] = str(self.export_dir)
        for var, value in duckdb_config_env().items():  # dbt's connection gets the same limits
            os.environ[var] = value
