"""The period report after a validated export: laporan.html and laporan-publik.html in
<exports>/<YYYY-MM>/ (pipelines/report.py), read-only on the warehouse."""

import dagster as dg

from pipelines import report
from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.owners import DATA, PAYROLL
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.runs import EXPORTED


@dg.asset(
    key=["exports", "laporan"],
    group_name="exports",
    partitions_def=monthly_partitions,
    deps=[EXPORTED],
    pool=WAREHOUSE_POOL,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    kinds={"html"},
    owners=[PAYROLL, DATA],
    description="The period report: one self-contained page with charts (paid vs pagu per OPD, "
    "predikat distribution against the §8 quota, discipline codes, IKM per unit, held lines, "
    "quarantined rows, change from the previous month) and its public version per OPD without "
    "personal data, beside the validated export.",
)
def laporan(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    periode = context.partition_key
    with warehouse.connect(read_only=True) as con:
        try:
            written = report.write(con, periode, warehouse.export_path / periode)
        except LookupError as nothing:
            raise dg.Failure(str(nothing), allow_retries=False) from None
    return dg.MaterializeResult(
        metadata={
            "laporan": dg.MetadataValue.path(str(written.laporan)),
            "laporan_publik": dg.MetadataValue.path(str(written.publik)),
            "grafik": written.jumlah_grafik,
        }
    )
