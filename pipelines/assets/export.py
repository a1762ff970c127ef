"""The export asset: the published (validated) pay table of the period to
<exports>/<YYYY-MM>/. It reads marts.fct_tpp, which holds only rows that passed the
fct_tpp suite (pipelines/assets/publish.py)."""

import dagster as dg

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.assets.publish import MARTS
from pipelines.audit import inputs, totals
from pipelines.exports import publish, read_pay_table
from pipelines.owners import DATA, PAYROLL
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.rules import rule_version
from pipelines.versions import code_version

LULUS = "LULUS"


@dg.asset(
    key=["exports", "tpp"],
    group_name="exports",
    partitions_def=monthly_partitions,
    deps=[dg.AssetKey(["marts", m]) for m in MARTS],
    pool=WAREHOUSE_POOL,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    kinds={"parquet", "csv", "xlsx"},
    owners=[PAYROLL, DATA],
    description="Pay table of the period as Parquet, CSV and XLSX with manifest.json; a new "
    "revision when inputs or results changed since the last export.",
)
def export_tpp(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    periode = context.partition_key
    with warehouse.connect() as con:
        frame = read_pay_table(con, periode)
        if frame.height == 0:
            raise dg.Failure(
                f"Nothing to export: marts.fct_tpp has no published lines for {periode}.", allow_retries=False
            )
        amounts = totals(con, periode)
        found = inputs(con, periode)
        base = {
            "code_version": code_version(),
            "rule_version": rule_version(periode),
            "validasi": LULUS,
            "jumlah_baris": frame.height,
            **amounts,
            "input": found,
        }
        opd_names = dict(con.execute("select opd_kode, nama_opd from raw.opd where _periode = ?", [periode]).fetchall())
        published = publish(frame, periode, warehouse.export_path, base, opd_names)
    return dg.MaterializeResult(
        metadata={  # audit.runs takes revisi and folder from here
            "folder": str(published.folder),
            "revisi": published.revisi,
            "new_revision": published.new_revision,
            **amounts,
        }
    )
