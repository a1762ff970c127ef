"""The dbt project as Dagster assets: rules → staging → intermediate → candidate marts,
one period per dbt invocation. Every model keeps all months and rebuilds only the
partition's month, so any subset of models can be materialized for any month."""

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.owners import DATA, PAYROLL
from pipelines.partitions import monthly_partitions
from pipelines.resources import dbt_error_text, prune_run_targets, run_target_path


def dbt_vars(partition_key: str) -> dict[str, str]:
    """The dbt --vars of a partition: the period "YYYY-MM" the models compute."""
    return {"periode": partition_key}


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
        f"{r['unique_id'].split('.')[2]}: {' '.join(str(r.get('message') or r['status']).split())}"
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
        args = ["build", "--vars", json.dumps(dbt_vars(context.partition_key))]
        try:
            build = dbt.cli(
                args, context=context, target_path=run_target_path(context.run.run_id), raise_on_error=False
            )
            yield from build.stream()
            if not build.is_successful():
                raise dg.Failure(description=f"dbt build failed: {_failed_nodes(build)}", allow_retries=False)
        finally:
            prune_run_targets()

    return tpp_dbt_assets
