"""The dbt project as Dagster assets: rules → staging → intermediate → candidate marts,
one period per dbt invocation. Every model keeps all months and rebuilds only the
partition's month, so any subset of models can be materialized for any month."""

import os
import shutil
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.dbt_in_process import dbt_in_process
from pipelines.owners import DATA, PAYROLL
from pipelines.partitions import monthly_partitions
from pipelines.permissions import without_values
from pipelines.resources import dbt_error_text, dbt_project, prune_run_targets, run_target_path


def dbt_env(partition_key: str) -> dict[str, str]:
    """What tells dbt the period "YYYY-MM" the models compute (macro periode_var): an
    environment variable, not --vars, so that dbt does not parse the project again for a
    new month (the macro reads it only when dbt executes)."""
    return {"TPP_PERIODE": partition_key}


@contextmanager
def month_for_dbt(partition_key: str):
    """The period in this process's environment while dbt runs inside this block (dbt
    reads the environment as it starts, in this process or a child), and only there."""
    before = {name: os.environ.get(name) for name in dbt_env(partition_key)}
    os.environ.update(dbt_env(partition_key))
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


PARSE_STATE = dbt_project.manifest_path.parent / "partial_parse.msgpack"


def with_parsed_project(target_path: Path) -> Path:
    """A run's own dbt target folder, started with the project's latest parse state:
    dbt then parses only what changed (it checks every file's hash, and parses the whole
    project when the profile — e.g. another warehouse — or --vars differ)."""
    target_path.mkdir(parents=True, exist_ok=True)
    if PARSE_STATE.exists():
        shutil.copyfile(PARSE_STATE, target_path / "partial_parse.msgpack")
    return target_path


def keep_parse_state(target_path: Path) -> None:
    """The parse state a run ended with becomes the project's (one rename), so the next
    run on the same warehouse starts from it."""
    state = target_path / "partial_parse.msgpack"
    if state.exists():
        fresh = PARSE_STATE.with_name(f".partial_parse.{os.getpid()}.msgpack")
        shutil.copyfile(state, fresh)
        os.replace(fresh, PARSE_STATE)


class LayerTranslator(DagsterDbtTranslator):
    """Asset keys and groups named after the warehouse layer: candidate/fct_tpp, rules/jam_kerja."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["schema"]

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        # the pay table and its companions answer to payroll as well
        return [PAYROLL, DATA] if dbt_resource_props.get("schema") == "candidate" else [DATA]


def _failed_nodes(build) -> str:
    """What dbt could not build or check, one clause per node (run_results.json); the
    full output is in the dbt log."""
    try:
        results = build.get_artifact("run_results.json")["results"]
    except Exception:  # dbt stopped before writing its results (e.g. it could not connect)
        return dbt_error_text(build)
    failed = [
        f"{r['unique_id'].split('.')[2]}: {without_values(str(r.get('message') or r['status']))}"
        for r in results
        if r["status"] in ("error", "fail")
    ]
    return "; ".join(failed) or dbt_error_text(build)


def build_dbt_assets(manifest: Path) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=manifest,
        dagster_dbt_translator=LayerTranslator(),
        partitions_def=monthly_partitions,
        exclude="test_type:unit",  # unit tests run in the test suite, not every month
        pool=WAREHOUSE_POOL,
        backfill_policy=dg.BackfillPolicy.multi_run(1),  # dbt computes one period per invocation
    )
    def tpp_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource):
        target = with_parsed_project(run_target_path(context.run.run_id))
        try:
            with (
                month_for_dbt(context.partition_key),
                dbt_in_process(dbt, ["build"], context=context, target_path=target) as build,
            ):
                yield from build.stream()
            keep_parse_state(target)
            if not build.is_successful():
                raise dg.Failure(description=f"dbt build failed: {_failed_nodes(build)}", allow_retries=False)
        finally:
            prune_run_targets()

    return tpp_dbt_assets
