"""The dbt documentation site (pipelines/docs.py), refreshed after each month is
published, so that it describes the warehouse as payroll and auditors find it."""

import dagster as dg

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.assets.publish import MARTS
from pipelines.docs import DocsError, write_docs
from pipelines.owners import DATA
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource


@dg.asset(
    key=["exports", "dokumentasi"],
    group_name="exports",
    partitions_def=monthly_partitions,
    deps=[dg.AssetKey(["marts", m]) for m in MARTS],
    pool=WAREHOUSE_POOL,  # dbt reads the warehouse's catalog
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    kinds={"dbt", "html"},
    owners=[DATA],
    description="dbt docs as one static page (<exports>/dokumentasi/index.html): every model, "
    "column, test, seed and source with its description, and the lineage graph.",
)
def dokumentasi(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    try:
        page, generated = write_docs(warehouse.export_path, context.partition_key)
    except DocsError as failed:
        raise dg.Failure(str(failed), allow_retries=False) from None
    return dg.MaterializeResult(metadata={"dokumentasi": dg.MetadataValue.path(str(page)), "dibuat_ulang": generated})
