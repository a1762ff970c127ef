"""Lineage for auditors without Dagster: `dbt docs generate --static` (every model,
column, test, seed and source with its description and the lineage graph, as one page
that opens from disk) published as <exports>/dokumentasi/index.html, beside the Data Docs."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

from pipelines.assets.dbt import month_for_dbt, with_parsed_project
from pipelines.exports import sha256
from pipelines.resources import dbt_cli, dbt_error_text, dbt_project

FOLDER = "dokumentasi"
# pages already generated, by the SHA-256 of the dbt manifest they describe
CACHE = dbt_project.project_dir / dbt_project.target_path / FOLDER


class DocsError(Exception):
    """dbt could not generate the documentation."""


def write_docs(export_root: Path, periode: str) -> tuple[Path, bool]:
    """Publish the docs page of the current dbt project to <exports>/dokumentasi/ in one
    rename. dbt takes 10–20 s to generate it, and the page changes only with the project
    (models, columns, descriptions, tests, seeds): it is generated once per dbt manifest
    — against this warehouse's catalog, whose tables and columns that manifest fixes —
    and reused after that. Returns the page and whether dbt generated it now."""
    made_from = sha256(dbt_project.manifest_path)
    cached = CACHE / f"{made_from}.html"
    generated = not cached.exists()
    if generated:
        _generate(cached, periode)
    target = export_root / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    fresh = target / ".index.html.baru"
    shutil.copyfile(cached, fresh)
    os.replace(fresh, target / "index.html")
    return target / "index.html", generated


def _generate(cached: Path, periode: str) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cached.parent) as scratch:
        # dbt's own lines go nowhere; its errors are kept below
        with contextlib.redirect_stdout(io.StringIO()), month_for_dbt(periode):
            docs = (
                dbt_cli()
                .cli(
                    ["docs", "generate", "--static"],
                    manifest={},
                    target_path=with_parsed_project(Path(scratch)),
                    raise_on_error=False,
                )
                .wait()
            )
        page = Path(scratch) / "static_index.html"
        if not docs.is_successful() or not page.exists():
            raise DocsError(f"dbt docs generate failed: {dbt_error_text(docs)}")
        for old in cached.parent.glob("*.html"):  # pages of earlier versions of the project
            if old.name != cached.name:
                old.unlink(missing_ok=True)
        os.replace(page, cached)
