"""`tpp`: the operator's command (contracts.md §4).

    tpp generate --period YYYY-MM [--asn N] [--seed S]   synthetic landing data only
    tpp run --period YYYY-MM                              materialize one period via Dagster
    tpp run --from YYYY-MM --to YYYY-MM                   every period of a range, oldest first
    tpp demo [--asn N] [--period YYYY-MM]                 generate, then run
    tpp rules --period YYYY-MM                            the rule rows in force, and since when
    tpp explain --period YYYY-MM --nip NIP [--json]       the derivation of one pay line
    tpp report --period YYYY-MM                           (re)write the period report pages
    tpp simulate --from YYYY-MM --to YYYY-MM --aturan FILE [--nama NAME]
                                                          published months under other rule rows
    tpp bench [--asn N ...]                               stage timings and memory per size

Exit status is 0 only when the period was computed, validated and exported.
"""

from __future__ import annotations

import atexit
import functools
import gc
import os
import re
import time
import warnings
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from pipelines.settings import Settings

# Operators get progress and results; Dagster's API-stability notices are for developers.
warnings.filterwarnings("ignore", module=r"dagster(_dbt)?(\.|$)")
warnings.filterwarnings("ignore", message=r".*(Beta|Preview)Warning|.*backfill polic", category=UserWarning)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "1")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="TPP Kota Serang: monthly performance pay pipeline.",
)
# no highlighting, no :emoji: codes: paths and messages are printed as they are
console = Console(highlight=False, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)  # messages unbroken, greppable

Period = Annotated[str | None, typer.Option("--period", help="Period YYYY-MM.")]
Landing = Annotated[Path | None, typer.Option("--landing", help="Landing root (TPP_LANDING_DIR).")]
Warehouse = Annotated[Path | None, typer.Option("--warehouse", help="DuckDB file (TPP_WAREHOUSE).")]
Exports = Annotated[Path | None, typer.Option("--exports", help="Export root (TPP_EXPORT_DIR).")]
Asn = Annotated[int, typer.Option("--asn", min=1, help="Number of ASN to generate.")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed (same seed, same files).")]


def _fail(message: str, code: int = 1) -> NoReturn:
    """One line for a person, printed as it is (never read as Rich markup), and the exit
    status: 2 for a usage error, 1 for a failure."""
    err.print(message, style="red", markup=False)
    raise typer.Exit(code)


@app.callback()
def _personal_data() -> None:
    """Every command writes personal data at most owner-only (or for TPP_GROUP): the
    umask is set before anything is created (pipelines/permissions.py)."""
    from pipelines.permissions import AccessError, restrict

    try:
        restrict()
    except AccessError as e:
        _fail(str(e))


def _previous_month() -> str:
    today = date.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def _check_period(periode: str | None, option: str = "--period") -> str:
    periode = periode or _previous_month()
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", periode):
        _fail(f"{option} must be YYYY-MM (got {periode!r}).", 2)
    from pipelines.partitions import FIRST_PERIOD

    if periode < FIRST_PERIOD:
        _fail(f"{periode} is before the first period: periods start at {FIRST_PERIOD}.", 2)
    return periode


def _generate(settings: Settings, periode: str, asn: int, seed: int) -> None:
    from pipelines.generate import generate_month

    started = time.monotonic()
    with console.status(f"Generating {asn:,} ASN for {periode} …"):
        counts = generate_month(periode, settings.landing_dir, n_asn=asn, seed=seed)
    console.print(
        f"Generated {periode} into {escape(str(settings.landing_dir / periode))} "
        f"({sum(counts.values()):,} rows, {time.monotonic() - started:.1f} s)"
    )


@app.command()
def generate(period: Period = None, asn: Asn = 6000, seed: Seed = 42, landing: Landing = None) -> None:
    """Write synthetic, realistic Kota Serang landing files for one period."""
    periode = _check_period(period)
    _generate(Settings.from_env(landing=landing), periode, asn, seed)


@app.command()
def run(
    period: Period = None,
    first: Annotated[str | None, typer.Option("--from", help="First period of a range (backfill).")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Last period of a range (backfill).")] = None,
    landing: Landing = None,
    warehouse: Warehouse = None,
    exports: Exports = None,
) -> None:
    """Materialize every asset of one period through Dagster (ingest, dbt, validation,
    publish, export), then summarise; with --from/--to, every period of the range."""
    periods = _periods(period, first, last)
    settings = Settings.from_env(landing=landing, warehouse=warehouse, exports=exports)
    if len(periods) == 1:
        raise typer.Exit(_run(settings, periods[0]))
    outcomes = []
    for i, periode in enumerate(periods, start=1):
        console.rule(f"[{i}/{len(periods)}] {periode}")
        outcomes.append((periode, _run(settings, periode)))
    table = Table(title=f"TPP {periods[0]} … {periods[-1]}", title_justify="left")
    table.add_column("Periode")
    table.add_column("Result")
    for periode, code in outcomes:
        table.add_row(periode, "[green]computed, validated, exported[/]" if code == 0 else "[red]not computed[/]")
    console.print(table)
    raise typer.Exit(0 if all(code == 0 for _, code in outcomes) else 1)


def _periods(period: str | None, first: str | None, last: str | None) -> list[str]:
    """One period, or every month from --from to --to inclusive; each must have ended."""
    if period and (first or last) or not period and not (first and last):
        _fail("Give either --period YYYY-MM, or both --from YYYY-MM and --to YYYY-MM.", 2)
    if period:
        return [_check_ended(_check_period(period))]
    start, end = _check_period(first, "--from"), _check_period(last, "--to")
    if start > end:
        _fail(f"--from {start} is after --to {end}.", 2)
    year, month = (int(x) for x in start.split("-"))
    periods = []
    while f"{year:04d}-{month:02d}" <= end:
        periods.append(_check_ended(f"{year:04d}-{month:02d}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def _check_ended(periode: str) -> str:
    from pipelines.partitions import monthly_partitions

    ended = monthly_partitions.get_partition_keys()
    if periode not in ended:
        _fail(f"{periode} has not ended yet: the last period that can be computed is {ended[-1]}.", 2)
    return periode


@app.command()
def rules(period: Period = None) -> None:
    """The rule rows in force for a period (dbt seeds), each with its berlaku_mulai."""
    from pipelines import rules as rulebook

    periode = _check_period(period)
    console.print(
        f"Rules in force for {periode} (rows with the latest berlaku_mulai on or before {periode}-01; "
        f"version {rulebook.rule_version(periode)})"
    )
    for seed in sorted(rulebook.keys()):
        rows = rulebook.in_force(seed, periode)
        table = Table(title=f"{seed} (key: {', '.join(rulebook.keys()[seed])})", title_justify="left")
        for column in rows.columns:
            table.add_column(column, overflow="fold", style="bold" if column == "berlaku_mulai" else None)
        for row in rows.iter_rows():
            table.add_row(*(Text("" if v is None else v) for v in row))
        console.print(table)


@app.command()
def explain(
    nip: Annotated[str, typer.Option("--nip", help="NIP of the ASN (18 digits).")],
    period: Period = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same derivation as a JSON document.")] = False,
    warehouse: Warehouse = None,
) -> None:
    """The whole derivation of one ASN's pay line, in Indonesian (or JSON): days, every
    point-bearing event, each score with its inputs, weights and rule rows in force, each
    rupiah amount with its formula, hold reasons. Read-only; any month in the warehouse."""
    import json

    from pipelines import explain as penjelasan

    periode = _check_period(period)
    if not re.fullmatch(r"\d{18}", nip):
        _fail(f"--nip must be an NIP of 18 digits (got {nip!r}).", 2)
    with _reading(Settings.from_env(warehouse=warehouse)) as con:
        try:
            doc = penjelasan.explain(con, periode, nip)
        except penjelasan.NoLine as no_line:
            _fail(str(no_line))
    if as_json:
        console.out(json.dumps(penjelasan.to_json(doc), ensure_ascii=False, indent=2), highlight=False)
    else:
        console.out(penjelasan.render_text(doc), highlight=False, end="")


@app.command()
def report(period: Period = None, warehouse: Warehouse = None, exports: Exports = None) -> None:
    """(Re)write <exports>/<YYYY-MM>/laporan.html, the period report with charts, and
    laporan-publik.html (per OPD, no personal data). Read-only on the warehouse."""
    from pipelines import report as laporan

    periode = _check_period(period)
    settings = Settings.from_env(warehouse=warehouse, exports=exports)
    with _reading(settings) as con:
        try:
            written = laporan.write(con, periode, settings.export_dir / periode)
        except LookupError as nothing:
            _fail(str(nothing))
    console.print(Text(f"Laporan {periode}: {written.laporan}\nPublik: {written.publik}"))


@app.command()
def simulate(
    first: Annotated[str, typer.Option("--from", help="First published month to recompute.")],
    last: Annotated[str, typer.Option("--to", help="Last published month to recompute.")],
    aturan: Annotated[Path, typer.Option("--aturan", help="CSV of rule rows: column `seed`, then the seed's columns.")],
    nama: Annotated[
        str | None, typer.Option("--nama", help="Name of the simulation (default: the file's name).")
    ] = None,
    warehouse: Warehouse = None,
    exports: Exports = None,
) -> None:
    """Recompute published months with the rule rows of FILE laid over the rules in force
    and compare with what was published: <exports>/simulasi/<NAME>/ (per-ASN lines, per
    OPD and month, simulasi.html). Never touches marts, audit.runs or the exports."""
    import duckdb

    from pipelines import simulate as simulasi
    from pipelines.explain import angka as _angka
    from pipelines.explain import rupiah as _rupiah
    from pipelines.permissions import without_values
    from pipelines.warehouse import WarehouseBusy

    periods = _periods(None, first, last)
    settings = Settings.from_env(warehouse=warehouse, exports=exports)
    started = time.monotonic()
    try:
        with console.status("Simulating …") as status:
            result = simulasi.simulate(settings, periods, aturan, nama, lambda text: status.update(Text(text)))
    except (simulasi.SimulationError, WarehouseBusy) as problem:
        _fail(str(problem))
    except OSError as problem:  # e.g. the export root not writable, a full disk
        _fail(f"The simulation stopped, nothing was written: {problem}")
    except duckdb.Error as problem:
        _fail(f"The simulation stopped, nothing was written: {without_values(str(problem))}")
    table = Table(title=f"Simulasi {result.folder.name}", title_justify="left", show_edge=False)
    for column in ("Periode", "Terbit", "Simulasi", "Selisih", "Naik", "Turun"):  # the rest: simulasi.html
        # whole amounts in 80 columns; in a narrower terminal folded, never cut to "Rp21.6…"
        table.add_column(column, justify="left" if column == "Periode" else "right", overflow="fold")
    for b in result.bulan:
        table.add_row(
            b["periode"],
            _rupiah(b["biaya_lama"]),
            _rupiah(b["biaya_baru"]),
            _rupiah(b["selisih_biaya"]),
            _angka(b["jumlah_naik"]),
            _angka(b["jumlah_turun"]),
        )
    console.print(table)
    for warning in result.peringatan:
        console.print(Text(f"Warning: {warning}.", style="yellow"))
    console.print(Text(f"Written: {result.folder} (simulasi.html), {time.monotonic() - started:.1f} s"))


@app.command()
def bench(
    asn: Annotated[
        list[int] | None,
        typer.Option("--asn", min=1, help="A size to measure (repeat; default 6000, 100000, 1000000)."),
    ] = None,
    period: Annotated[str, typer.Option("--period", help="The synthetic month.")] = "2026-10",
    out: Annotated[Path, typer.Option("--out", help="Folder for results.json, results.md, stages.svg.")] = Path(
        "docs/bench"
    ),
) -> None:
    """Benchmark `tpp run` per stage and size (wall time, peak memory) against the floor
    query on the same files; each size on a fresh warehouse in a scratch folder."""
    from pipelines import bench as benchmark
    from pipelines.versions import code_version

    sizes = asn or [6000, 100_000, 1_000_000]
    periode = _check_ended(_check_period(period))
    results = []
    for n in sizes:
        result = benchmark.measure(n, periode, lambda text: console.print(Text(text)))
        if result.exit_code != 0:
            _fail(f"tpp run failed at {n:,} ASN (exit {result.exit_code}): nothing written.")
        console.print(
            Text(
                f"{n:,} ASN: tpp run {result.run_seconds:.1f} s, peak {result.run_peak_mib:,.0f} MiB; "
                f"floor {result.floor_seconds:.2f} s ({result.run_seconds / result.floor_seconds:.0f}×)"
            )
        )
        results.append(result)
    written = benchmark.write_results(results, out, code_version())
    console.print(Text("Written: " + ", ".join(str(p) for p in written)))


@contextmanager
def _reading(settings: Settings):
    """A read-only connection, or one line saying why there is none."""
    from pipelines.warehouse import WarehouseBusy, WarehouseUnavailable, connect

    if not settings.warehouse.is_file():
        _fail(f"No warehouse at {settings.warehouse}: run a period first (tpp run), or give --warehouse.")
    try:
        with connect(settings.warehouse, read_only=True) as con:
            yield con
    except (WarehouseBusy, WarehouseUnavailable) as problem:
        _fail(str(problem))


@app.command()
def demo(
    asn: Asn = 6000,
    period: Period = None,
    seed: Seed = 42,
    landing: Landing = None,
    warehouse: Warehouse = None,
    exports: Exports = None,
) -> None:
    """Generate synthetic data for a period and run the full pipeline on it."""
    periode = _check_ended(_check_period(period))
    settings = Settings.from_env(landing=landing, warehouse=warehouse, exports=exports)
    _generate(settings, periode, asn, seed)
    raise typer.Exit(_run(settings, periode))


def _run(settings: Settings, periode: str) -> int:
    problem = _path_problem(settings, periode)
    if problem:
        err.print(f"Period {periode} was not computed: {problem}", style="red", markup=False)
        return 1
    from pipelines.checks import worker

    worker.start()  # every run validates: Great Expectations loads on the other core meanwhile
    from pipelines.pipeline import run_period

    started = time.monotonic()
    _settle_garbage_collector()
    outcome = run_period(settings, periode)
    took = time.monotonic() - started
    if not outcome.success:
        first, *more = outcome.errors or ["the run failed (see the Dagster event log)"]
        err.print(f"Period {periode} was not computed: {first}", style="red", markup=False)
        for message in more:
            err.print(f"  {message}", style="red", markup=False)
        return 1
    _print_summary(settings, periode, outcome.summary, took)
    return 0


@functools.cache
def _settle_garbage_collector() -> None:
    """A run's process loads about half a million Python objects (Dagster, dbt) and keeps
    them to its end; Python's collector swept them again and again (1.4 s of a run at
    6,000 ASN, Great Expectations then included) and again at exit (1.7 s after the
    summary). So the loaded modules are moved out of its sweeps (gc.freeze), the youngest
    generation is swept every 10,000 new objects instead of 700, and at exit the garbage
    is collected once and what is still alive is left to the process's end (Python
    promises no finalizer for it). Once per process: one that goes on after the run (a
    test calling the CLI in-process) keeps what it froze, memory only."""
    # the libraries only: the definitions parse the dbt project, which waits for the run's lock
    import dagster  # noqa: F401
    import dagster_dbt  # noqa: F401

    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    atexit.register(_collect_once_at_exit)


def _collect_once_at_exit() -> None:
    gc.collect()
    gc.freeze()


def _path_problem(settings: Settings, periode: str) -> str | None:
    """A folder that is a file (or missing), said before anything starts."""
    folder = settings.landing_dir / periode
    for label, path in (("the landing root", settings.landing_dir), ("the landing folder", folder)):
        if path.exists() and not path.is_dir():
            return f"{label} {path} is a file, not a folder."
    if not folder.exists():
        return f"no landing folder: {folder} does not exist."
    if settings.warehouse.is_dir():
        return f"the warehouse {settings.warehouse} is a folder; TPP_WAREHOUSE names the DuckDB file."
    for label, path in (
        ("the warehouse's folder", settings.warehouse.parent),
        ("the export root", settings.export_dir),
    ):
        existing = next((p for p in (path, *path.parents) if p.exists()), None)
        if existing is not None and not existing.is_dir():
            return f"{label} {path} cannot be made: {existing} is a file."
    return None


def _print_summary(settings: Settings, periode: str, s: dict, took: float) -> None:
    from pipelines.explain import angka as _angka
    from pipelines.explain import rupiah as _rupiah

    table = Table(title=f"TPP {periode}", show_header=False, title_justify="left")
    s = {k: escape(v) if isinstance(v, str) else v for k, v in s.items()}  # paths are not markup
    table.add_row("ASN", _angka(s["jumlah_asn"]))
    table.add_row("Payable (BAYAR)", f"{_angka(s['jumlah_bayar'])} lines, {_rupiah(s['total_bayar'])}")
    table.add_row("Held (TAHAN)", f"{_angka(s['jumlah_tahan'])} lines, {_rupiah(s['total_tahan'])}")
    table.add_row("Rejected input rows", f"{_angka(s['rows_rejected'])} (audit.quarantine)")
    table.add_row(
        "Validation",
        f"{s['validation']} (Data Docs: {escape(str(settings.export_dir / 'validasi' / 'data_docs' / 'index.html'))})",
    )
    table.add_row("Exports", f"{s['export_dir']} (revisi {s['revisi']})")
    table.add_row(
        "Warehouse",
        f"{escape(str(settings.warehouse))}\n(marts.fct_tpp, marts.fct_tpp_rincian, marts.fct_kinerja_asn, marts.fct_distribusi_predikat, marts.fct_insentif_opd, audit.*)",
    )
    table.add_row("dbt log", s["log"])
    table.add_row("Took", f"{took:.1f} s")
    if s["peringatan"]:
        table.add_row("Warning", Text(s["peringatan"], style="yellow"))
    console.print(table)
