"""Lineage an auditor can follow without Dagster: every dbt model, seed and source and
every column the warehouse has for them carries a description, and the run publishes
dbt's documentation as one page that opens from disk with no tracker."""

import json
import re

import duckdb
import pytest

from pipelines.docs import FOLDER
from pipelines.resources import dbt_project

pytestmark = pytest.mark.slow


def test_every_model_seed_source_and_column_is_described(computed):
    settings, _ = computed
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    nodes = [n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")]
    nodes += list(manifest["sources"].values())
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        columns = con.execute("select table_schema, table_name, column_name from information_schema.columns").fetchall()
    in_warehouse = {}
    for schema, table, column in columns:
        in_warehouse.setdefault((schema, table), []).append(column)
    missing, checked = [], 0
    for node in nodes:
        name = node.get("alias") or node["name"]
        if not node["description"].strip():
            missing.append(name)
        described = {c for c, v in node["columns"].items() if v["description"].strip()}
        found = in_warehouse.get((node["schema"], node.get("identifier") or name), [])
        checked += len(found)
        missing += [f"{name}.{c}" for c in found if c not in described]
    assert missing == []
    assert len(nodes) > 40 and checked > 300  # the warehouse's tables were found and looked at


def test_the_run_publishes_the_dbt_docs_as_one_page_without_tracking(computed):
    settings, _ = computed
    page = settings.export_dir / FOLDER / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "int_hari_asn" in html and "fct_distribusi_predikat" in html
    # the page reads the tracking switch from its embedded manifest
    assert re.search(r'"send_anonymous_usage_stats":\s*false', html)
    assert not re.search(r'<script[^>]+src\s*=\s*["\']?(?:https?:)?//', html)
