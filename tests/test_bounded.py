"""What runs leave behind is bounded: per-run dbt target folders and Great Expectations
results (with their Data Docs pages) are pruned to the newest few."""

import os

from pipelines.checks.validate import RESULTS_KEPT, _prune
from pipelines.resources import RUN_TARGETS_KEPT, prune_run_targets


def make_runs(folder, names):
    for i, name in enumerate(names):
        (folder / name).mkdir(parents=True)
        (folder / name / "run_results.json").write_text("{}")
        os.utime(folder / name, (1_000_000 + i, 1_000_000 + i))  # oldest first


def test_per_run_dbt_targets_keep_the_newest(tmp_path):
    runs = tmp_path / "runs"
    make_runs(runs, [f"run-{i:02d}" for i in range(RUN_TARGETS_KEPT + 3)])
    prune_run_targets(runs=runs)
    assert sorted(p.name for p in runs.iterdir()) == [f"run-{i:02d}" for i in range(3, RUN_TARGETS_KEPT + 3)]


def test_validation_results_keep_the_newest_per_suite_and_month(tmp_path):
    suite = tmp_path / "hasil" / "fct_tpp"
    pages = tmp_path / "data_docs" / "validations" / "fct_tpp"
    october = [f"2026-10 run{i}" for i in range(RESULTS_KEPT + 2)]
    make_runs(suite, ["2026-09 old", *october])
    make_runs(pages, ["2026-09 old", *october])
    _prune(tmp_path, "fct_tpp", "2026-10")  # before a new October result is written
    kept = october[-(RESULTS_KEPT - 1) :]
    assert sorted(p.name for p in suite.iterdir()) == sorted(["2026-09 old", *kept])
    assert sorted(p.name for p in pages.iterdir()) == sorted(["2026-09 old", *kept])
