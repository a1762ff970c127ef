"""The rule rows in force for a period, read from the dbt seeds (the same files dbt
loads into `rules.*`; the SQL models pick the same rows with the macro
`rules_in_force`): what ingest accepts, the bounds validation applies, what
`tpp rules` prints, and the rule version a period is computed with.

Values stay text exactly as written in the seed (no float ever touches a rule).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import cache

import polars as pl
import yaml

from pipelines.settings import DBT_PROJECT_DIR

SEEDS_DIR = DBT_PROJECT_DIR / "seeds"


@cache
def keys() -> dict[str, list[str]]:
    """Each rule table's key (var kunci_aturan in dbt_project.yml, which the SQL uses too)."""
    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return project["vars"]["kunci_aturan"]


def seed_rows(seed: str) -> pl.DataFrame:
    return pl.read_csv(SEEDS_DIR / f"{seed}.csv", infer_schema=False)


def in_force(seed: str, periode: str) -> pl.DataFrame:
    """Per key, the row with the latest berlaku_mulai on or before the period's first day."""
    key = keys()[seed]
    latest_first = (
        seed_rows(seed)
        .filter(pl.col("berlaku_mulai") <= f"{periode}-01")  # ISO dates order as text
        .sort("berlaku_mulai", descending=True)
    )
    if not key:  # a table of one row in force at a time (insentif)
        return latest_first.head(1)
    return latest_first.unique(subset=key, keep="first", maintain_order=True).sort(key, nulls_last=False)


def values(seed: str, column: str, periode: str) -> tuple[str, ...]:
    """The values of one column in force (e.g. the leave types a period accepts)."""
    return tuple(sorted(in_force(seed, periode)[column].to_list()))


def parameter(name: str, periode: str) -> Decimal:
    rows = in_force("parameter_tpp", periode).filter(pl.col("parameter") == name)
    if rows.height != 1:
        raise KeyError(f"parameter_tpp has no row for {name!r} in force on {periode}-01")
    return Decimal(rows["nilai"][0])


def validation_bounds(periode: str) -> dict:
    """Bounds of the pay-table suite that are rules, not contract: they follow the seeds."""
    return {
        "batas_capaian": float(parameter("batas_capaian", periode)),
        "batas_skor_kinerja": float(parameter("batas_skor_kinerja", periode)),
        "bonus_maks": float(max((Decimal(p) for p in in_force("poin_inovasi", periode)["poin"]), default=0)),
        "predikat": list(values("predikat_kinerja", "predikat", periode)),
        # one ASN's incentive cap, % of pagu_tpp (rulebook §10)
        "batas_insentif": float(next(iter(in_force("insentif", periode)["batas_persen_pagu"]), 0)),
    }


def rule_version(periode: str) -> str:
    """SHA-256 over the rows in force for the period: a row added for a later month
    leaves an earlier month's rule version as it was."""
    digest = hashlib.sha256()
    for seed in sorted(keys()):
        digest.update(seed.encode() + b"\0" + in_force(seed, periode).write_csv().encode() + b"\0")
    return "rules-" + digest.hexdigest()[:16]
