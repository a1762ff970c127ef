"""Ingest assets: one per landing source, loading the period's file into raw.<source>.

A source that references another (a NIP → pegawai, an opd/unit code → opd,
unit_layanan) is loaded after it and checked against its accepted rows of the same
period (NIP_TIDAK_DIKENAL, KODE_TIDAK_DIKENAL, REFERENSI_DITOLAK).
"""

import dagster as dg
import polars as pl

from pipelines.checks.asset_checks import check_key, hand_over
from pipelines.checks.suites import INPUTS
from pipelines.landing import Known, LandingError, ingest_file
from pipelines.owners import DATA
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.sources import SOURCES, Source
from pipelines.warehouse import write_ingested

WAREHOUSE_POOL = "warehouse"  # every writer of the DuckDB file; the pool has one slot
# The month's attendance, about 23 rows per ASN and the largest input by far, loads first
# among the sources that wait on pegawai, so that Great Expectations checks it while they
# load (hand_over). The others keep their order: target_kinerja, the next largest, comes
# last, and its ingest and the attendance's suite do not hold their memory side by side.
LOADED_FIRST = "presensi"


def _known(con, source: Source, periode: str) -> dict[tuple[str, str], Known]:
    """Accepted and rejected values of every column this source references."""
    known = {}
    for ref_source, ref_column in {c.references for c in source.columns if c.references}:
        accepted = con.execute(f"select {ref_column} from raw.{ref_source} where _periode = ?", [periode]).fetchall()
        rejected = con.execute(
            "select json_extract_string(raw_row, ?) from audit.quarantine "
            "where periode = ? and source = ? and reason <> 'DUPLIKAT'",
            [f"$.{ref_column}", periode, ref_source],
        ).fetchall()
        known[(ref_source, ref_column)] = Known(
            accepted=pl.Series([v for (v,) in accepted], dtype=pl.String),
            rejected=pl.Series([v for (v,) in rejected if v is not None], dtype=pl.String),
        )
    return known


def _ingest_asset(source: Source) -> dg.AssetsDefinition:
    suite = next((s for s in INPUTS if s.asset == ("raw", source.name)), None)

    @dg.asset(
        key=["raw", source.name],
        group_name=f"ingest_{source.family}",
        partitions_def=monthly_partitions,
        deps=[dg.AssetKey(["raw", upstream]) for upstream in source.upstream],
        pool=WAREHOUSE_POOL,
        backfill_policy=dg.BackfillPolicy.multi_run(1),
        kinds={"polars", "duckdb"},
        op_tags={"dagster/priority": "1"} if source.name == LOADED_FIRST else None,
        owners=[DATA],
        description=f"{source.name} of the period from the landing zone "
        f"({'required' if source.required else 'optional'}); key {', '.join(source.key)}.",
    )
    def ingest(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        periode = context.partition_key
        folder = warehouse.period_folder(periode)
        if not folder.is_dir():
            raise dg.Failure(f"Landing folder {folder} does not exist (period {periode}).")
        with warehouse.connect() as con:
            try:
                result = ingest_file(source, folder, periode, _known(con, source, periode))
            except LandingError as e:
                raise dg.Failure(description=str(e), allow_retries=False) from None
            write_ingested(con, result, periode)
            reasons = result.rejected.group_by("reason").len().sort("reason").rows()
            metadata = {
                "file": result.file_name or "(absent: optional source)",
                "file_sha256": result.file_sha256 or "",
                "rows_read": result.rows_read,
                "rows_accepted": result.accepted.height,
                "rows_rejected": result.rejected.height,
                "rejected_by_reason": {reason: n for reason, n in reasons},
            }
            del result  # the month's values are in the warehouse now: free them before the hand-over
            if suite and check_key(suite) in context.job_def.asset_layer.asset_graph.asset_check_keys:  # in this run
                hand_over(suite, con, periode, warehouse, context.run.run_id)
        return dg.MaterializeResult(metadata=metadata)

    return ingest


ingest_assets = [_ingest_asset(s) for s in SOURCES]
