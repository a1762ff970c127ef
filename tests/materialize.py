"""Materialize a selection of assets for one month, as a data engineer does in the UI
(the project's definitions, an in-process run on a throw-away instance)."""

import dagster as dg

from pipelines.runs import RunReport, read_report
from pipelines.settings import Settings


def materialize(
    settings: Settings, selection: dg.AssetSelection, periode: str, instance: dg.DagsterInstance | None = None
) -> tuple[bool, RunReport]:
    from pipelines.definitions import build_definitions

    job = dg.define_asset_job("pilihan", selection=selection, executor_def=dg.in_process_executor)
    defs = dg.Definitions.merge(build_definitions(settings), dg.Definitions(jobs=[job]))
    instance = instance or dg.DagsterInstance.ephemeral()
    result = defs.resolve_job_def("pilihan").execute_in_process(
        partition_key=periode, instance=instance, raise_on_error=False
    )
    return result.success, read_report(instance, result.run_id)


PUBLISH = dg.AssetSelection.assets(["marts", "fct_tpp"]).required_multi_asset_neighbors()
