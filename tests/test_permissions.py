"""Personal data (issue: owner-only files, a named group, nothing personal in logs).

Each full run here is a small generated month plus the hand-made ASN (rejected rows
included), run as `tpp run` runs it, under a caller's umask that would otherwise leave
everything readable by every account."""

import grp
import os
import stat
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest
from dagster._serdes import serialize_value
from handmade import NIP_A, PERIODE, add_handmade_asn
from materialize import PUBLISH, materialize

from pipelines import permissions
from pipelines.generate import generate_month
from pipelines.pipeline import run_period
from pipelines.resources import run_target_path
from pipelines.settings import Settings


def shared_group() -> str:
    """A group this account may give files to, other than its own primary group where
    the machine has one (root: any)."""
    if os.geteuid() == 0:
        candidates = [g.gr_gid for g in grp.getgrall() if g.gr_gid != os.getegid()]
    else:
        candidates = [g for g in os.getgroups() if g != os.getegid()] or [os.getegid()]
    return grp.getgrgid(candidates[0]).gr_name


@pytest.fixture
def umask():
    before = os.umask(0)
    os.umask(before)
    yield lambda mask: os.umask(mask)
    os.umask(before)


def month(root: Path, seed: int = 3) -> Settings:
    settings = Settings.from_env(landing=root / "landing", warehouse=root / "wh" / "tpp.duckdb", exports=root / "ex")
    generate_month(PERIODE, settings.landing_dir, n_asn=40, seed=seed)
    add_handmade_asn(settings.landing_dir / PERIODE)
    return settings


@pytest.mark.parametrize(
    ("mask", "with_group", "landing_open"),
    [(0o000, False, True), (0o022, False, False), (0o000, True, False), (0o022, True, True)],
    ids=["umask000", "umask022", "umask000-group", "umask022-group"],
)
def test_every_path_a_run_creates_is_owner_only_or_for_the_group(
    tmp_path, monkeypatch, umask, dbt_manifest, mask, with_group, landing_open
):
    group = shared_group() if with_group else None
    if group:
        monkeypatch.setenv("TPP_GROUP", group)
    else:
        monkeypatch.delenv("TPP_GROUP", raising=False)
    umask(mask)
    settings = month(tmp_path)
    if not landing_open:  # delivered as it should be: nothing for other accounts
        for path in [settings.landing_dir, *settings.landing_dir.rglob("*")]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o007)
    outcome = run_period(settings, PERIODE)
    assert outcome.success, outcome.errors

    gid = grp.getgrnam(group).gr_gid if group else None
    want_file, want_dir = (0o640, 0o2750) if group else (0o600, 0o700)
    created = [p for p in tmp_path.rglob("*") if settings.landing_dir not in (p, *p.parents)] + [
        run_target_path(outcome.run_id),
        *run_target_path(outcome.run_id).rglob("*"),
    ]
    assert len(created) > 50  # warehouse, lock, log, exports, revisions, reports, validation, docs
    wrong = []
    for path in created:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            mode_ok = True  # a link has no mode of its own
        elif run_target_path(outcome.run_id) in (path, *path.parents):  # dbt's per-run folder: umask only
            mode_ok = not stat.S_IMODE(info.st_mode) & (0o007 if group else 0o077)
        else:
            mode_ok = stat.S_IMODE(info.st_mode) == (want_dir if path.is_dir() else want_file)
        group_ok = gid is None or info.st_gid == gid or run_target_path(outcome.run_id) in (path, *path.parents)
        if not (mode_ok and group_ok):
            wrong.append(f"{path.relative_to(tmp_path) if tmp_path in path.parents else path} {info.st_mode:o}")
    assert wrong == []
    for name in ("tpp.duckdb", "tpp.duckdb.lock", "logs/dbt-2026-10.log"):  # named, not only walked
        assert (settings.warehouse.parent / name).exists()
    for name in ("tpp.xlsx", "tpp.csv", "tpp.parquet", "manifest.json", "laporan.html", "laporan-publik.html"):
        assert (settings.export_dir / PERIODE / name).exists()

    # a landing folder open to every account: accepted, said once in the summary and audit.runs
    warning = outcome.summary["peringatan"]
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        recorded = con.execute("select peringatan from audit.runs where run_id = ?", [outcome.run_id]).fetchone()[0]
    assert recorded == warning
    landing = [line for line in (warning or "").splitlines() if line.startswith("Landing folder")]
    if landing_open:
        assert landing == [
            f"Landing folder {settings.landing_dir / PERIODE} is readable by every account on this machine "
            f"({len(list(settings.landing_dir.joinpath(PERIODE).rglob('*'))) + 1} of "
            f"{len(list(settings.landing_dir.joinpath(PERIODE).rglob('*'))) + 1} paths, e.g. 2026-10 mode "
            f"{0o777 & ~mask:04o}): it holds personal data; restrict it (chmod -R o-rwx {settings.landing_dir / PERIODE})."
        ]
    else:
        assert landing == []
    if not group:  # (with a group, a folder above tmp_path may be closed to it: the next test)
        assert warning == (landing[0] if landing else None)


def test_a_folder_the_group_cannot_pass_is_named(tmp_path, monkeypatch):
    group = shared_group()
    monkeypatch.setenv("TPP_GROUP", group)
    gid = grp.getgrnam(group).gr_gid
    real = permissions._passable  # the folders of this machine above tmp_path: taken as passable
    monkeypatch.setattr(permissions, "_passable", lambda folder, g: tmp_path not in folder.parents or real(folder, g))
    closed, open_ = tmp_path / "tertutup", tmp_path / "terbuka"
    landing = tmp_path / "landing"
    for folder, mode in ((closed, 0o700), (open_, 0o750), (landing, 0o750)):
        folder.mkdir()
        folder.chmod(mode)  # exactly: mkdir's mode passes through the process umask
    os.chown(open_, -1, gid)
    assert permissions.run_warnings(landing, open_ / "wh" / "tpp.duckdb", open_ / "ex") == []
    assert permissions.run_warnings(landing, closed / "wh" / "tpp.duckdb", open_ / "ex") == [
        f"TPP_GROUP={group} cannot reach {closed / 'wh' / 'tpp.duckdb'}: the folder {closed} is closed to it "
        f"(chgrp {group} {closed} && chmod g+x {closed})."
    ]


def test_a_group_that_does_not_exist_is_refused_before_anything_is_written(tmp_path, monkeypatch, dbt_manifest):
    monkeypatch.setenv("TPP_GROUP", "tidak-ada-grup-ini")
    settings = month(tmp_path)
    outcome = run_period(settings, PERIODE)
    assert not outcome.success
    assert outcome.errors == ["TPP_GROUP=tidak-ada-grup-ini: no such group on this machine (see `getent group`)."]
    assert not settings.warehouse.parent.exists() and not settings.export_dir.exists()


def test_logs_and_event_metadata_name_no_person(tmp_path, monkeypatch, capfd, dbt_manifest):
    """A run with rejected rows, then a publish whose validation fails on one ASN's line:
    every event Dagster recorded (messages, metadata, failures), the progress lines, the
    dbt logs and the run's messages carry no name and no NIP of the month."""
    monkeypatch.delenv("TPP_GROUP", raising=False)
    settings = month(tmp_path)
    pegawai = pl.read_csv(settings.landing_dir / PERIODE / "pegawai.csv", infer_schema=False)
    people = [*pegawai["nip"], *pegawai["nama"]]
    assert NIP_A in people and len(people) > 90

    instance = dg.DagsterInstance.ephemeral()
    first = run_period(settings, PERIODE, instance=instance)
    assert first.success, first.errors
    assert first.summary["rows_rejected"] > 0  # the hand-made rejected rows were quarantined
    with duckdb.connect(str(settings.warehouse)) as con:  # a broken candidate line: validation fails on it
        con.execute("update candidate.fct_tpp set tpp_bruto = -5 where periode = ? and nip = ?", [PERIODE, NIP_A])
    success, report = materialize(settings, PUBLISH, PERIODE, instance=instance)
    assert not success and "expect_column_values_to_be_between on tpp_bruto: 1 row(s)" in "\n".join(report.messages)

    texts = {
        f"event {i} ({record.dagster_event_type or 'log'}) of run {record.run_id[:8]}": serialize_value(record)
        for run in instance.get_runs()
        for i, record in enumerate(instance.all_logs(run.run_id))
    }
    assert len(texts) > 100
    texts["progress lines"] = "".join(capfd.readouterr())
    texts["run messages"] = "\n".join([*first.errors, *report.messages, str(first.summary)])
    for log in [*(settings.warehouse.parent / "logs").iterdir(), run_target_path(first.run_id) / "dbt.log"]:
        texts[log.name] = log.read_text(encoding="utf-8", errors="replace")
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        texts["audit.runs"] = str(con.execute("select * from audit.runs").fetchall())
        # the examples stay where personal data may be: inside the warehouse
        assert NIP_A in con.execute("select string_agg(gagal, ' ') from audit.validasi").fetchone()[0]
    found = {where: [p for p in people if p in text] for where, text in texts.items()}
    assert {where: hits for where, hits in found.items() if hits} == {}


@pytest.mark.parametrize(
    ("message", "logged"),
    [
        (  # the value DuckDB choked on may be a name with an apostrophe; its SQL excerpt too
            "Runtime Error in model fct_tpp (models/marts/fct_tpp.sql)\n"
            "  Conversion Error: Could not convert string 'Ma'ruf Amin' to INT32\n"
            "LINE 1: select 'Siti Nur'aini' as nama\n"
            "               ^",
            "Runtime Error in model fct_tpp (models/marts/fct_tpp.sql) "
            "Conversion Error: Could not convert string '…' to INT32",
        ),
        (  # names of columns are what an engineer needs, and no one's data
            'Binder Error: Referenced column "persen_potong" not found in FROM clause!',
            'Binder Error: Referenced column "persen_potong" not found in FROM clause!',
        ),
        (
            "nip 19650101 201001 1 001 / 196501012010011001, 17 digits 12345678901234567",
            "nip <NIP> / <NIP>, 17 digits 12345678901234567",
        ),
    ],
)
def test_error_messages_lose_the_values_they_quote(message, logged):
    assert permissions.without_values(message) == logged
