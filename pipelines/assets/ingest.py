"""Ingest assets: one per landing source, loading the period's file into raw.<source>.

`pegawai` is loaded first: every other source's NIPs are checked against the
accepted employees of the same period (NIP_TIDAK_DIKENAL).
"""

import dagster as dg
import polars as pl

from pipelines.landing import LandingError, ingest_file
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.sources import SOURCES, Source
from pipelines.warehouse import write_ingested

WAREHOUSE_POOL = "warehouse"  # every writer of the DuckDB file; the pool has one slot
PEGAWAI_KEY = dg.AssetKey(["raw", "pegawai"])


def _known_nips(con, periode: str) -> pl.Series:
    rows = con.execute("select nip from raw.pegawai where _periode = ?", [periode]).fetchall()
    return pl.Series("nip", [nip for (nip,) in rows], dtype=pl.String)


def _ingest_asset(source: Source) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", source.name],
        group_name=f"ingest_{source.family}",
        partitions_def=monthly_partitions,
        deps=[] if source.name == "pegawai" else [PEGAWAI_KEY],
        pool=WAREHOUSE_POOL,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
        kinds={"polars", "duckdb"},
        description=f"{source.name} of the period from the landing zone "
        f"({'required' if source.required else 'optional'}); key {', '.join(source.key)}.",
    )
    def ingest(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        periode = context.partition_key
        folder = warehouse.period_folder(periode)
        if not folder.is_dir():
            raise dg.Failure(f"Landing folder {folder} does not exist (period {periode}).")
        with warehouse.connect() as con:
            known = None if source.name == "pegawai" else _known_nips(con, periode)
            try:
                result = ingest_file(source, folder, periode, known)
            except LandingError as e:
                raise dg.Failure(description=str(e), allow_retries=False) from None
            write_ingested(con, result, periode)
        reasons = result.rejected.group_by("reason").len().sort("reason").rows()
        return dg.MaterializeResult(
            metadata={
                "file": result.file_name or "(absent: optional source)",
                "file_sha256": result.file_sha256 or "",
                "rows_read": result.rows_read,
                "rows_accepted": result.accepted.height,
                "rows_rejected": result.rejected.height,
                "rejected_by_reason": {reason: n for reason, n in reasons},
            }
        )

    return ingest


ingest_assets = [_ingest_asset(s) for s in SOURCES]
