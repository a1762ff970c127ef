"""Resources: the warehouse file and the dbt CLI, both from `Settings` (environment)."""

from __future__ import annotations

import contextlib
import fcntl
import importlib.metadata
import io
import os
import shutil
import uuid
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject
from packaging import version
from pydantic import PrivateAttr

from pipelines import permissions, warehouse
from pipelines.permissions import without_values
from pipelines.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, VENV_DBT, Settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def installed_dbt_version() -> version.Version:
    """This environment's dbt-core, from its package metadata (no `dbt --version` process)."""
    return version.parse(importlib.metadata.version("dbt-core"))


class DbtCli(DbtCliResource):
    """dagster-dbt's resource: the dbt settings of the build (which runs in the run's own
    process, pipelines/dbt_in_process.py) and the CLI for parse and docs. Its CLI calls go
    without two fixed costs this project does not need (together ~7 s of a 6,000-ASN run
    when the build went through it too): asking the executable for its version in
    a subprocess (`dbt --version`, ~4 s) — it is this environment's dbt-core, whose
    version the package metadata gives — and loading dbt's adapter with every macro into
    this process, which serves only row counts and column metadata, fetched by no asset
    here. Both are private hooks of dagster-dbt 0.29 (pinned)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        if Path(self.dbt_executable) != VENV_DBT:  # some other dbt on PATH: ask it
            return super()._cli_version
        return installed_dbt_version()

    def _initialize_dbt_core_adapter(self, args) -> None:
        return None


def dbt_cli() -> DbtCliResource:
    return DbtCli(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=DBT_EXECUTABLE)


class WarehouseResource(dg.ConfigurableResource):
    """Paths of the landing root, the DuckDB warehouse file and the export root."""

    landing_dir: str
    warehouse: str
    export_dir: str
    _run_lock = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        permissions.protect(Path(self.warehouse), self.export_path)  # a UI run's files too
        self._run_lock = warehouse.RunLock(Path(self.warehouse)).acquire()
        permissions.secure(permissions.written(Path(self.warehouse), self.export_path))

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._run_lock is not None:
            permissions.secure(permissions.written(Path(self.warehouse), self.export_path))
            self._run_lock.release()

    @classmethod
    def from_settings(cls, settings: Settings) -> WarehouseResource:
        return cls(
            landing_dir=str(settings.landing_dir),
            warehouse=str(settings.warehouse),
            export_dir=str(settings.export_dir),
        )

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


# What the dbt manifest is parsed from: when any of these is newer than the manifest,
# the project is parsed again (a fresh clone has no manifest at all).
DBT_SOURCES = ("models", "seeds", "macros", "dbt_project.yml", "profiles.yml")
RUN_TARGETS = dbt_project.project_dir / dbt_project.target_path / "runs"  # one dbt target folder per run
RUN_TARGETS_KEPT = 10  # per-run dbt target folders kept for inspection (newest first)


class DbtProjectError(Exception):
    """dbt cannot read the project (a model, macro or YAML file is broken)."""


def dbt_error_text(invocation) -> str:
    """dbt's own error lines of a failed invocation, on one line."""
    messages = getattr(invocation, "_error_messages", None) or []  # parsed from dbt's log by dagster-dbt
    return without_values(" ".join(str(m) for m in messages)) or "see dbt's log"


def _newest_dbt_source() -> float:
    root = dbt_project.project_dir
    files = [
        f for name in DBT_SOURCES for f in ([root / name] if (root / name).is_file() else (root / name).rglob("*"))
    ]
    return max(f.stat().st_mtime for f in files if f.is_file())


def prepare_dbt_manifest(force: bool = False) -> Path:
    """The dbt manifest the Dagster definitions load, parsed when it is missing or older
    than a model, seed or macro: a fresh clone opens in `dagster dev` with no other
    command first, and an edited model is picked up on reload. The parse writes into its
    own folder and the result replaces the manifest atomically, so a process loading
    the definitions never reads a half-written file; one parse at a time per checkout.
    The parse state it leaves is made for the warehouse in the environment
    (TPP_WAREHOUSE): dbt parses the whole project again for any other. `force` parses
    for that warehouse even when the manifest is current, and then keeps the manifest
    as it is (the docs page is generated once per manifest: pipelines/docs.py)."""
    manifest, root = dbt_project.manifest_path, dbt_project.project_dir
    target = manifest.parent
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".parse.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits; released when the file closes
        newest = _newest_dbt_source()
        current = manifest.exists() and manifest.stat().st_mtime >= newest
        if current and not force:
            return manifest
        scratch = target / f"parse-{uuid.uuid4().hex[:8]}"
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # dbt's own lines; its errors are kept below
                parse = (
                    dbt_cli().cli(["parse", "--quiet"], manifest={}, target_path=scratch, raise_on_error=False).wait()
                )
            if not parse.is_successful():
                raise DbtProjectError(f"dbt cannot read the project {root}: {dbt_error_text(parse)}")
            os.replace(scratch / "partial_parse.msgpack", target / "partial_parse.msgpack")
            if not current:
                # dated as the sources it was parsed from: a file edited during the parse is newer
                os.utime(scratch / "manifest.json", (newest, newest))
                # the manifest last: its presence says the parse is complete
                os.replace(scratch / "manifest.json", manifest)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return manifest


def run_target_path(run_id: str) -> Path:
    """dbt's target folder for one run (artifacts, run_results.json): runs never share
    one, so the UI and a CLI run cannot race on dbt_project/target/."""
    return RUN_TARGETS / run_id


def prune_run_targets(keep: int = RUN_TARGETS_KEPT, runs: Path | None = None) -> None:
    """Keep the newest `keep` per-run target folders (the rest are debris of old runs)."""
    runs = runs or RUN_TARGETS
    folders = sorted((p for p in runs.glob("*") if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
