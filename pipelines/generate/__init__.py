"""Synthetic Kota Serang data for the TPP pipeline.

`generate_month("2026-10", Path("data/landing"))` writes one complete landing-zone
period folder (contracts.md §1): one CSV per source, clean data that exercises every
rule of the rulebook.
"""

from __future__ import annotations

from .generator import generate_month
from .kontrak import KOLOM, SUMBER

__all__ = ["generate_month", "KOLOM", "SUMBER"]
