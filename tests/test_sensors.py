"""The landing sensor starts a month's run only when its folder is complete, once per
delivery; the run-recording sensor is on by default, the landing sensor off."""

import os
import time

import dagster as dg
import pytest
from handmade import PERIODE, add_handmade_asn

from pipelines.sensors import PENANDA_LENGKAP
from pipelines.settings import Settings


@pytest.fixture
def sensors(tmp_path, dbt_manifest):
    from pipelines.definitions import build_definitions

    settings = Settings.from_env(
        landing=tmp_path / "landing", warehouse=tmp_path / "wh.duckdb", exports=tmp_path / "exports"
    )
    defs = build_definitions(settings)
    return settings, defs, {name: defs.resolve_sensor_def(name) for name in ("landing_lengkap", "audit_runs")}


def evaluate(defs, sensor, instance):
    with dg.build_sensor_context(instance=instance, definitions=defs) as context:
        return sensor.evaluate_tick(context)


def test_defaults_audit_on_landing_off(sensors):
    _, _, by_name = sensors
    assert by_name["audit_runs"].default_status == dg.DefaultSensorStatus.RUNNING
    assert by_name["landing_lengkap"].default_status == dg.DefaultSensorStatus.STOPPED
    assert by_name["landing_lengkap"].job_name == "tpp_bulanan"


def test_a_run_starts_when_the_marker_follows_every_required_file(sensors):
    settings, defs, by_name = sensors
    sensor = by_name["landing_lengkap"]
    folder = settings.landing_dir / PERIODE
    folder.mkdir(parents=True)
    add_handmade_asn(folder)
    (settings.landing_dir / "2099-01").mkdir()  # a month that has not ended: never a run
    (settings.landing_dir / "2099-01" / PENANDA_LENGKAP).touch()
    with dg.instance_for_test() as instance:
        assert evaluate(defs, sensor, instance).run_requests == []  # no marker yet

        presensi = (folder / "presensi.csv").read_bytes()
        (folder / "presensi.csv").unlink()
        (folder / PENANDA_LENGKAP).touch()
        tick = evaluate(defs, sensor, instance)
        assert tick.run_requests == [] and "required file presensi.csv/.xlsx/.parquet is missing" in tick.skip_message

        (folder / "presensi.csv").write_bytes(presensi)  # written after the marker: still being delivered
        later = time.time() + 5
        os.utime(folder / "presensi.csv", (later, later))
        tick = evaluate(defs, sensor, instance)
        assert tick.run_requests == [] and f"presensi.csv written after {PENANDA_LENGKAP}" in tick.skip_message

        os.utime(folder / PENANDA_LENGKAP, (later + 1, later + 1))  # the marker comes last
        first = evaluate(defs, sensor, instance).run_requests
        assert [r.partition_key for r in first] == [PERIODE]
        assert evaluate(defs, sensor, instance).run_requests[0].run_key == first[0].run_key  # same delivery, same key

        (folder / "apel.csv").write_text("nip,tanggal,hadir\n", encoding="utf-8")  # a corrected delivery
        os.utime(folder / "apel.csv", (later + 2, later + 2))
        os.utime(folder / PENANDA_LENGKAP, (later + 3, later + 3))
        again = evaluate(defs, sensor, instance).run_requests
        assert [r.partition_key for r in again] == [PERIODE] and again[0].run_key != first[0].run_key
