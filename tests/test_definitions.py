"""The Dagster code location: asset graph, partitions, schedule, the period given to dbt."""

from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg
import pytest


@pytest.fixture(scope="module")
def defs(dbt_manifest):
    from pipelines.definitions import defs

    return defs


def test_dbt_is_told_the_period_only_while_it_starts(dbt_manifest):
    import os

    from pipelines.assets.dbt import dbt_env, month_for_dbt

    assert dbt_env("2026-10") == {"TPP_PERIODE": "2026-10"}
    before = os.environ.get("TPP_PERIODE")
    with month_for_dbt("2026-10"):
        assert os.environ["TPP_PERIODE"] == "2026-10"
    assert os.environ.get("TPP_PERIODE") == before  # no month left behind for a later dbt


def test_partitions_are_calendar_months_in_jakarta():
    from pipelines.partitions import monthly_partitions

    assert monthly_partitions.timezone == "Asia/Jakarta"
    keys = monthly_partitions.get_partition_keys(current_time=datetime(2026, 11, 27, tzinfo=ZoneInfo("Asia/Jakarta")))
    assert keys[0] == "2024-01" and keys[-1] == "2026-10"  # the running month is not complete yet


def test_asset_graph_snapshot(defs):
    """Lineage changes show up here in review: update the list deliberately."""
    graph = defs.resolve_asset_graph()
    keys = sorted(k.to_user_string() for k in graph.get_all_asset_keys() if graph.get(k).is_materializable)
    assert keys == sorted(
        [
            *(
                f"raw/{s}"
                for s in (
                    "pegawai",
                    "opd",
                    "unit_layanan",
                    "hari_libur",
                    "presensi",
                    "izin",
                    "apel",
                    "target_kinerja",
                    "penilaian_perilaku",
                    "survei_skm",
                    "inovasi",
                    "hukuman_disiplin",
                )
            ),
            *(
                f"rules/{s}"
                for s in (
                    "tarif_tpp_kelas",
                    "jam_kerja",
                    "jenis_izin",
                    "poin_disiplin",
                    "parameter_tpp",
                    "poin_inovasi",
                    "predikat_kinerja",
                    "mutu_pelayanan",
                    "kuota_predikat_opd",
                    "insentif",
                )
            ),
            *(
                f"staging/stg_landing__{s}"
                for s in (
                    "pegawai",
                    "opd",
                    "unit_layanan",
                    "hari_libur",
                    "presensi",
                    "izin",
                    "apel",
                    "target_kinerja",
                    "penilaian_perilaku",
                    "survei_skm",
                    "inovasi",
                    "hukuman_disiplin",
                )
            ),
            "staging/stg_audit__quarantine",
            *(
                f"intermediate/{m}"
                for m in (
                    "int_pegawai_periode",
                    "int_pegawai_ditolak",
                    "int_kalender_kerja",
                    "int_izin_harian",
                    "int_hari_asn",
                    "int_pelanggaran_disiplin",
                    "int_skor_disiplin",
                    "int_capaian_indikator",
                    "int_ikm_unit",
                    "int_bonus_inovasi",
                    "int_hukuman_aktif",
                )
            ),
            # dbt builds the marts as candidates; publish_marts copies validated months to marts.*
            "candidate/fct_tpp",
            "candidate/fct_tpp_rincian",
            "candidate/fct_kinerja_asn",
            "candidate/fct_distribusi_predikat",
            "candidate/fct_insentif_opd",
            "marts/fct_tpp",
            "marts/fct_tpp_rincian",
            "marts/fct_kinerja_asn",
            "marts/fct_distribusi_predikat",
            "marts/fct_insentif_opd",
            "exports/tpp",
            "exports/laporan",
            "exports/dokumentasi",
        ]
    )
    # every dbt staging model of a landing source reads the ingest asset of that source
    parents = graph.get(dg.AssetKey(["staging", "stg_landing__presensi"])).parent_keys
    assert dg.AssetKey(["raw", "presensi"]) in parents
    assert dg.AssetKey(["raw", "pegawai"]) in graph.get(dg.AssetKey(["raw", "presensi"])).parent_keys
    # write–audit–publish: the published table comes from the candidate, the export from the published
    assert graph.get(dg.AssetKey(["marts", "fct_tpp"])).parent_keys == {dg.AssetKey(["candidate", "fct_tpp"])}
    assert dg.AssetKey(["marts", "fct_tpp"]) in graph.get(dg.AssetKey(["exports", "tpp"])).parent_keys
    # the report follows the validated export
    assert graph.get(dg.AssetKey(["exports", "laporan"])).parent_keys == {dg.AssetKey(["exports", "tpp"])}


def test_every_asset_says_what_it_is_who_owns_it_and_where_it_belongs(defs):
    """Lineage an auditor can follow: a description (dbt's for the models), an owner and
    a group on every asset; the pay table answers to payroll too."""
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        if not node.is_materializable:
            continue
        assert node.description and node.description.strip(), key
        assert node.owners, key
        assert node.group_name and node.group_name != "default", key
    assert "team:bkpsdm-payroll" in graph.get(dg.AssetKey(["marts", "fct_tpp"])).owners


def test_every_asset_is_partitioned_by_month_and_writes_through_one_pool(defs):
    from pipelines.partitions import monthly_partitions

    for assets_def in defs.assets:
        assert assets_def.partitions_def == monthly_partitions, assets_def.keys
        assert assets_def.node_def.pool == "warehouse", assets_def.keys


def test_validation_suites_are_blocking_checks(defs):
    graph = defs.resolve_asset_graph()
    suites = [key for key in graph.asset_check_keys if key.name.startswith("ge_")]  # the rest are dbt tests
    checks = {key.name: key.asset_key.to_user_string() for key in suites}
    assert checks == {
        "ge_fct_tpp": "marts/fct_tpp",
        **{
            f"ge_input_{s}": f"raw/{s}"
            for s in ("pegawai", "presensi", "target_kinerja", "penilaian_perilaku", "survei_skm")
        },
    }
    assert all(graph.get_check_spec(key).blocking for key in suites)


def test_schedule_runs_previous_month_on_the_3rd_at_0200_wib(defs):
    schedule = defs.resolve_schedule_def("tpp_bulanan_schedule")
    assert schedule.cron_schedule == "0 2 3 * *"
    assert schedule.execution_timezone == "Asia/Jakarta"
    tick = datetime(2026, 11, 3, 2, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    with dg.build_schedule_context(scheduled_execution_time=tick) as context:
        requests = list(schedule.evaluate_tick(context).run_requests)
    assert [r.partition_key for r in requests] == ["2026-10"]


def test_instance_settings_allow_one_warehouse_writer(tmp_path, monkeypatch):
    import shutil

    from pipelines.settings import PROJECT_ROOT

    shutil.copy(PROJECT_ROOT / "pipelines" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    instance = dg.DagsterInstance.get()
    try:
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
    finally:
        instance.dispose()
