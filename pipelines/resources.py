"""Resources: the warehouse file and the dbt CLI, both from `Settings` (environment)."""

from __future__ import annotations

import fcntl
import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject
from pydantic import PrivateAttr

from pipelines import warehouse
from pipelines.settings import DBT_PROJECT_DIR, Settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# dbt installed beside this Python (the venv), whether or not the venv is activated
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt") if (Path(sys.executable).parent / "dbt").exists() \
    else (shutil.which("dbt") or "dbt")


def dbt_cli() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=DBT_EXECUTABLE)


class WarehouseResource(dg.ConfigurableResource):
    """Paths of the landing root, the DuckDB warehouse file and the export root."""

    landing_dir: str
    warehouse: str
    export_dir: str
    _run_lock = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_lock = warehouse.RunLock(Path(self.warehouse)).acquire()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._run_lock is not None:
            self._run_lock.release()

    @classmethod
    def from_settings(cls, settings: Settings) -> "WarehouseResource":
        return cls(landing_dir=str(settings.landing_dir), warehouse=str(settings.warehouse),
                   export_dir=str(settings.export_dir))

    def period_folder(self, periode: str) -> Path:
        return Path(self.landing_dir) / periode

    @property
    def export_path(self) -> Path:
        return Path(self.export_dir)

    def connect(self, read_only: bool = False):
        return warehouse.connect(Path(self.warehouse), read_only=read_only)


def build_resources(settings: Settings) -> dict:
    settings.export_to_env()  # dbt's profile reads TPP_WAREHOUSE
    return {
        "warehouse": WarehouseResource.from_settings(settings),
        "dbt": dbt_cli(),
    }


def prepare_dbt_manifest() -> Path:
    """`dbt parse`, so the Dagster definitions load the current models and rules.
    (`prepare_if_dev` only does this under `dagster dev`.) Runs on other warehouses may
    start at the same time and share dbt_project/target: one parse at a time."""
    target = dbt_project.project_dir / dbt_project.target_path
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".parse.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits; released when the file closes
        dbt_cli().cli(["parse", "--quiet"], manifest={}, target_path=dbt_project.target_path,
                      raise_on_error=True).wait()
    return dbt_project.manifest_path
