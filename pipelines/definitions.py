"""The Dagster code location: assets, checks, job, schedule, sensors and resources of
the TPP pipeline. Loading it parses the dbt project when its manifest is missing or
out of date, so a fresh clone opens in `dagster dev` (`make dev`) with no other step."""

from __future__ import annotations

import dagster as dg

from pipelines import permissions
from pipelines.assets.dbt import build_dbt_assets
from pipelines.assets.docs import dokumentasi
from pipelines.assets.export import export_tpp
from pipelines.assets.ingest import ingest_assets
from pipelines.assets.publish import publish_marts
from pipelines.assets.report import laporan
from pipelines.checks.asset_checks import ge_checks
from pipelines.progress import progress_logger
from pipelines.resources import build_resources, prepare_dbt_manifest
from pipelines.sensors import build_sensors
from pipelines.settings import Settings

# One job computes one period end to end; in-process so that a single process
# writes the DuckDB file (the warehouse pool has one slot as well).
tpp_bulanan = dg.define_asset_job(
    "tpp_bulanan",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest, compute, validate, publish and export the TPP of one month.",
)

# TPP for month M is paid from M's records: on the 3rd at 02:00 WIB, compute M-1.
tpp_bulanan_schedule = dg.build_schedule_from_partitioned_job(
    tpp_bulanan,
    name="tpp_bulanan_schedule",
    day_of_month=3,
    hour_of_day=2,
    minute_of_hour=0,
)


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or Settings.from_env()
    return dg.Definitions(
        assets=[
            *ingest_assets,
            build_dbt_assets(prepare_dbt_manifest()),
            publish_marts,
            export_tpp,
            laporan,
            dokumentasi,
        ],
        asset_checks=ge_checks,
        jobs=[tpp_bulanan],
        schedules=[tpp_bulanan_schedule],
        sensors=build_sensors(settings, tpp_bulanan.name),
        resources=build_resources(settings),
        loggers={"progress": progress_logger},
        # ad-hoc materializations (UI, `dagster asset materialize`) too: one process writes DuckDB
        executor=dg.in_process_executor,
    )


# every process that loads the code location (UI, daemon, sensors, run workers) writes
# owner-only or for TPP_GROUP from here on (pipelines/permissions.py)
try:
    permissions.restrict()
except permissions.AccessError:
    pass  # the UI still opens; every run stops at its start with the same one-line reason
defs = build_definitions()
