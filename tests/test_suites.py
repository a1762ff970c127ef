"""The suites see exactly what is stored: suite_frame hands GE typed columns it compares
column-wise (timestamps, integers, doubles), and a value just past a bound still fails —
one day outside the month, 0.000001 over a score's maximum."""

import dataclasses
import os
import signal
import types
from decimal import Decimal

import duckdb
import pytest

from pipelines.checks import asset_checks, worker
from pipelines.checks.suites import INPUTS
from pipelines.checks.validate import check, run_suite, suite_frame, suite_task
from pipelines.warehouse import AUDIT_DDL

PERIODE = "2026-10"
NIP = "198001012005011001"


def suite(name):
    return next(s for s in INPUTS if s.name == f"input_{name}")


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(
        "create table raw.presensi (_periode varchar, _file_name varchar, nip varchar, tanggal date, "
        "jam_masuk time, jam_pulang time)"
    )
    con.execute(
        "create table raw.penilaian_perilaku (_periode varchar, nip varchar, nilai_perilaku decimal(18, 6), "
        "penilai_nip varchar)"
    )
    yield con
    con.close()


def test_a_decimal_too_large_to_compare_as_a_double_stays_decimal(con):
    con.execute(f"insert into raw.penilaian_perilaku values ('{PERIODE}', '{NIP}', 87.5, null)")
    assert str(suite_frame(con, suite("penilaian_perilaku"), PERIODE)["nilai_perilaku"].dtype) == "float64"
    con.execute(f"insert into raw.penilaian_perilaku values ('{PERIODE}', '{NIP}', 5000000000.000001, null)")
    values = suite_frame(con, suite("penilaian_perilaku"), PERIODE)["nilai_perilaku"].tolist()
    assert sorted(values) == [Decimal("87.500000"), Decimal("5000000000.000001")]


def test_frame_has_only_the_columns_the_expectations_read_in_comparable_types(con):
    con.execute(
        f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', '07:30', '16:00')"
    )
    con.execute(f"insert into raw.penilaian_perilaku values ('{PERIODE}', '{NIP}', 87.5, null)")
    presensi = suite_frame(con, suite("presensi"), PERIODE)
    assert list(presensi.columns) == ["nip", "tanggal"]
    assert str(presensi["tanggal"].dtype) == "datetime64[ns]"
    perilaku = suite_frame(con, suite("penilaian_perilaku"), PERIODE)
    assert list(perilaku.columns) == ["nip", "nilai_perilaku"]
    assert perilaku["nilai_perilaku"].tolist() == [87.5]


@pytest.mark.parametrize(("tanggal", "passes"), [("2026-10-01", True), ("2026-10-31", True), ("2026-11-01", False)])
def test_a_day_outside_the_month_fails_the_presensi_suite(con, tmp_path, tanggal, passes):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '{tanggal}', null, null)")
    outcome = run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji")
    assert outcome.success is passes
    # the row by NIP only where personal data may be (audit.validasi), counts for the logs
    assert passes or outcome.examples == [
        f"expect_column_values_to_be_between on tanggal: 1 row(s), e.g. nip {NIP} (tanggal={tanggal})"
    ]
    assert passes or outcome.failed == ["expect_column_values_to_be_between on tanggal: 1 row(s)"]


@pytest.mark.parametrize(("nilai", "passes"), [("100", True), ("100.000001", False), ("0", True), ("-0.000001", False)])
def test_a_score_a_millionth_past_its_bound_fails(con, tmp_path, nilai, passes):
    con.execute(f"insert into raw.penilaian_perilaku values ('{PERIODE}', '{NIP}', {nilai}, null)")
    outcome = run_suite(suite("penilaian_perilaku"), con, PERIODE, tmp_path, "uji")
    assert outcome.success is passes
    assert passes or outcome.failed[0].startswith("expect_column_values_to_be_between on nilai_perilaku: 1 row(s)")


def test_data_docs_compile_their_templates_once_per_process(con, tmp_path, monkeypatch):
    import jinja2

    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(environment, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(environment, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', null, null)")
    # in this process, as Great Expectations' own process runs it (pipelines/checks/worker.py)
    check(suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji"))  # compiles what no earlier test did
    compiled.clear()
    outcome = check(suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji lagi"))
    assert compiled == []  # GE's views start a new Jinja environment for every page
    pages = list((tmp_path / "validasi" / "data_docs" / "validations" / "input_presensi").rglob("*.html"))
    assert outcome.success and len(pages) == 2 and all("input_presensi" in p.read_text() for p in pages)


# Great Expectations' own process (pipelines/checks/worker.py)


def test_an_error_inside_great_expectations_is_one_clear_error_and_the_next_suite_runs(con, tmp_path):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', null, null)")
    unknown = dataclasses.replace(suite("presensi"), name="input_tidak_ada")  # no such checkpoint
    with pytest.raises(worker.ValidationProcessError, match="^Great Expectations failed on input_tidak_ada: "):
        run_suite(unknown, con, PERIODE, tmp_path, "uji")
    assert run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji").success


def test_a_suite_interrupted_while_it_runs_leaves_no_answer_for_the_next(con, tmp_path, monkeypatch):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-11-01', null, null)")
    failing = suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji")
    answer = worker._Process.answer

    def interrupted(process, sent):
        assert process.connection.poll(60)  # its answer is ready, unread, when Ctrl-C comes
        raise KeyboardInterrupt

    monkeypatch.setattr(worker._Process, "answer", interrupted)
    with pytest.raises(KeyboardInterrupt):
        worker.validate(failing)
    monkeypatch.setattr(worker._Process, "answer", answer)
    con.execute("update raw.presensi set tanggal = '2026-10-01'")
    outcome = run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji lagi")
    assert outcome.success and outcome.failed == []  # its own answer, not the interrupted suite's


def test_the_process_is_out_of_reach_of_a_terminal_ctrl_c_and_a_killed_one_is_said(con, tmp_path):
    worker.start()
    pid = worker._process.popen.pid
    assert os.getpgid(pid) == pid != os.getpgid(0)  # its own process group: the run stops it
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', null, null)")
    task = suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji")
    os.kill(pid, signal.SIGKILL)  # as the kernel ends a process out of memory
    with pytest.raises(
        worker.ValidationProcessError, match=r"exit code -9 \(killed: out of memory\?\) .*input_presensi"
    ):
        worker._process.ask(task)
    assert run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji").success  # a new process


# Suites handed over at the end of an ingest (worker.submit), taken by the check (collect)


def test_suites_handed_over_ahead_each_get_their_own_outcome_in_any_order(con, tmp_path):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-11-01', null, null)")
    worker.submit("gagal", suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji"))
    con.execute("update raw.presensi set tanggal = '2026-10-01'")
    worker.submit("lulus", suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji"))
    assert worker.collect("lulus").success  # answered second, read past the first
    assert not worker.collect("gagal").success
    assert worker.collect("gagal") is None  # taken once


def test_a_check_asks_again_when_its_rows_were_loaded_again_after_they_were_handed_over(con, tmp_path):
    warehouse = types.SimpleNamespace(export_path=tmp_path)
    con.execute(AUDIT_DDL)
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-11-01', null, null)")
    con.execute(
        "insert into audit.ingest_counts (periode, source, loaded_at) values (?, 'presensi', '2026-11-02 08:00')",
        [PERIODE],
    )
    asset_checks.hand_over(suite("presensi"), con, PERIODE, warehouse, "run-1")  # a failing month
    con.execute("update raw.presensi set tanggal = '2026-10-01'")  # loaded again, corrected
    con.execute("update audit.ingest_counts set loaded_at = '2026-11-02 09:00'")
    outcome = asset_checks.validate(suite("presensi"), con, PERIODE, warehouse, "run-1")
    assert outcome.success  # the rows as they are now, not the outcome handed over
    assert con.execute("select lulus from audit.validasi").fetchall() == [(True,)]


def test_a_handed_over_suite_whose_process_is_killed_is_said_by_its_check(con, tmp_path):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', null, null)")
    worker.submit("mati", suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji"))
    os.kill(worker._process.popen.pid, signal.SIGKILL)
    with pytest.raises(
        worker.ValidationProcessError, match=r"exit code -9 \(killed: out of memory\?\) .*input_presensi"
    ):
        worker.collect("mati")
    assert run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji").success  # a new process


def test_a_run_that_ends_with_suites_still_handed_over_stops_ge(con, tmp_path):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', null, null)")
    worker.submit("ditinggal", suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji"))
    process = worker._process
    rows = process.unanswered[0].task.table
    assert rows.exists()
    worker._stop_unanswered()  # at the run's exit (atexit)
    assert process.popen.poll() is not None and not rows.exists()


def test_rows_that_cannot_be_written_for_ge_are_said_by_the_check_and_ge_stays(con, tmp_path, monkeypatch):
    con.execute(f"insert into raw.presensi values ('{PERIODE}', 'presensi.csv', '{NIP}', '2026-10-01', null, null)")
    worker.start()
    process = worker._process

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(worker.pa, "OSFile", full_disk)
    worker.submit("penuh", suite_task(suite("presensi"), con, PERIODE, tmp_path, "uji"))  # the ingest goes on
    assert worker.collect("penuh") is None  # nothing was handed over: the check asks itself
    with pytest.raises(worker.ValidationProcessError, match=r"rows of input_presensi could not be written .*No space"):
        run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji")
    monkeypatch.undo()
    assert worker._process is process and process.popen.poll() is None  # not stopped: not its fault
    assert run_suite(suite("presensi"), con, PERIODE, tmp_path, "uji").success
