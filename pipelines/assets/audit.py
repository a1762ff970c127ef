"""audit.runs: one row per pipeline run and period (contracts.md §2)."""

import json

import dagster as dg

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.versions import code_version, rule_version

RUNS_DDL = """
create table if not exists audit.runs (
    run_id varchar, periode varchar, finished_at timestamptz, code_version varchar,
    rule_version varchar, input_files varchar, row_counts varchar,
    jumlah_asn bigint, jumlah_bayar bigint, jumlah_tahan bigint,
    total_bayar bigint, total_tahan bigint, validation varchar
)
"""

TOTALS = """
select
    count(*) as jumlah_asn,
    count(*) filter (where status = 'BAYAR') as jumlah_bayar,
    count(*) filter (where status = 'TAHAN') as jumlah_tahan,
    coalesce(sum(tpp_bruto) filter (where status = 'BAYAR'), 0) as total_bayar,
    coalesce(sum(tpp_bruto) filter (where status = 'TAHAN'), 0) as total_tahan
from marts.fct_tpp where periode = ?
"""


@dg.asset(
    key=["audit", "runs"],
    group_name="audit",
    partitions_def=monthly_partitions,
    deps=[dg.AssetKey(["marts", m]) for m in ("fct_tpp", "fct_tpp_rincian", "fct_kinerja_asn")],
    pool=WAREHOUSE_POOL,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    kinds={"duckdb"},
    description="Records the run: versions, input file hashes, row counts and pay totals.",
)
def audit_runs(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    periode = context.partition_key
    with warehouse.connect() as con:
        con.execute(RUNS_DDL)
        counts = con.execute(
            "select source, file_name, file_sha256, rows_read, rows_accepted, rows_rejected "
            "from audit.ingest_counts where periode = ? order by source", [periode]
        ).fetchall()
        totals = con.execute(TOTALS, [periode]).fetchone()
        input_files = {s: {"file": f, "sha256": h} for s, f, h, *_ in counts}
        row_counts = {s: {"read": r, "accepted": a, "rejected": x} for s, _, _, r, a, x in counts}
        con.execute(
            "insert into audit.runs values (?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [context.run.run_id, periode, code_version(), rule_version(), json.dumps(input_files),
             json.dumps(row_counts), *totals, "dbt tests passed"],
        )
    names = ("jumlah_asn", "jumlah_bayar", "jumlah_tahan", "total_bayar", "total_tahan")
    return dg.MaterializeResult(metadata=dict(zip(names, (int(t) for t in totals))))
