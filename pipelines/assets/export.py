"""The export asset: the validated pay table of the period to <exports>/<YYYY-MM>/.
It runs only after the blocking fct_tpp suite passed; it records the run in audit.runs."""

import dagster as dg

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.audit import inputs, record_run, totals
from pipelines.exports import publish, read_pay_table
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.versions import code_version, rule_version

LULUS = "LULUS"


@dg.asset(
    key=["exports", "tpp"],
    group_name="exports",
    partitions_def=monthly_partitions,
    deps=[dg.AssetKey(["marts", m]) for m in ("fct_tpp", "fct_tpp_rincian", "fct_kinerja_asn")],
    pool=WAREHOUSE_POOL,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    kinds={"parquet", "csv", "xlsx"},
    description="Pay table of the period as Parquet, CSV and XLSX with manifest.json; a new "
    "revision when inputs or results changed since the last export.",
)
def export_tpp(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    periode = context.partition_key
    with warehouse.connect() as con:
        frame = read_pay_table(con, periode)
        amounts = totals(con, periode)
        found = inputs(con, periode)
        base = {
            "code_version": code_version(),
            "rule_version": rule_version(),
            "validasi": LULUS,
            "jumlah_baris": frame.height,
            **amounts,
            "input": found,
        }
        published = publish(frame, periode, warehouse.export_path, base)
        record_run(con, context.run.run_id, periode, LULUS, published.revisi, str(published.folder),
                   found=found, amounts=amounts)
    return dg.MaterializeResult(metadata={
        "folder": str(published.folder),
        "revisi": published.revisi,
        "new_revision": published.new_revision,
        **amounts,
    })
