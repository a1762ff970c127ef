"""Lineage for auditors without Dagster: `dbt docs generate --static` (every model,
column, test, seed and source with its description and the lineage graph, as one page
that opens from disk) published as <exports>/dokumentasi/index.html, beside the Data Docs."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from pipelines.exports import sha256
from pipelines.resources import dbt_cli, dbt_error_text, dbt_project

FOLDER = "dokumentasi"


class DocsError(Exception):
    """dbt could not generate the documentation."""


def write_docs(export_root: Path, periode: str) -> tuple[Path, bool]:
    """Generate the static docs site (with the warehouse's catalog: the tables and
    their column types) and replace <exports>/dokumentasi/index.html in one rename.
    Skipped (False) while the dbt project is the one the page was made from: dbt takes
    some 20 s for it, and only a changed model, seed or description changes the page."""
    target = export_root / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    stamp, made_from = target / ".manifest.sha256", sha256(dbt_project.manifest_path)
    if (target / "index.html").exists() and stamp.exists() and stamp.read_text() == made_from:
        return target / "index.html", False
    with tempfile.TemporaryDirectory(dir=dbt_project.project_dir / dbt_project.target_path) as scratch:
        with contextlib.redirect_stdout(io.StringIO()):  # dbt's own lines; its errors are kept below
            docs = (
                dbt_cli()
                .cli(
                    ["docs", "generate", "--static", "--vars", json.dumps({"periode": periode})],
                    manifest={},
                    target_path=Path(scratch),
                    raise_on_error=False,
                )
                .wait()
            )
        page = Path(scratch) / "static_index.html"
        if not docs.is_successful() or not page.exists():
            raise DocsError(f"dbt docs generate failed: {dbt_error_text(docs)}")
        fresh = target / ".index.html.baru"
        shutil.copyfile(page, fresh)
        os.replace(fresh, target / "index.html")
    stamp.write_text(made_from)
    return target / "index.html", True
