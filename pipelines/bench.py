"""`tpp bench`: wall time and peak memory of `tpp run` per stage and per size, against
the floor of what DuckDB needs for the same month (not a test: machines are noisy).

For each size a month is generated into a scratch folder and `tpp run` is started as a
separate process on a fresh warehouse — the code path of every run; the dbt project is
parsed for that warehouse first, as a production warehouse's is after its first run
(`prepare_dbt_manifest`), outside the clock. Its progress lines (one when a step starts,
one when it ends) are time-stamped as they arrive, and the memory of the whole process
tree (the run, dbt inside it, Great Expectations' process beside it, any other process
it starts) is sampled from /proc every 50 ms: a stage's peak is the largest sample
inside its window. The floor is one hand-written DuckDB query over the same presensi.csv
and pegawai.csv that sums every ASN's TL/PSW/TK points, timed in the same benchmark run;
each stage is reported as a ratio to it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from pipelines.settings import Settings

TPP = str(Path(sys.executable).parent / "tpp")
SAMPLE_SECONDS = 0.05
STEP = re.compile(r"^(?P<mark>…|✓|✗) (?P<step>\S+)")

# The floor: read both files once, every ASN's lateness/early-leaving points on the
# 5HK default hours and 3 points per working day without a row (the rulebook's bands)
FLOOR_SQL = """
with presensi as (
    select nip, tanggal, jam_masuk, jam_pulang from read_csv(?, header = true, all_varchar = true)
),
pegawai as (select nip from read_csv(?, header = true, all_varchar = true)),
menit as (
    select
        nip,
        ceil(date_diff('second', time '07:30', try_cast(jam_masuk as time)) / 60) as telat,
        ceil(date_diff('second', try_cast(jam_pulang as time), time '16:00') / 60) as cepat
    from presensi
),
poin as (
    select
        nip,
        count(*) as hadir,
        sum(case when telat <= 0 then 0 when telat <= 30 then 0.5 when telat <= 60 then 1
                 when telat <= 90 then 1.25 else 1.5 end
            + case when cepat <= 0 then 0 when cepat <= 30 then 0.5 when cepat <= 60 then 1
                   when cepat <= 90 then 1.25 else 1.5 end) as poin
        from menit group by nip
)
select count(*), sum(coalesce(poin, 0) + 3 * greatest(0, 22 - coalesce(hadir, 0)))
from pegawai left join poin using (nip)
"""


@dataclass
class Stage:
    name: str
    seconds: float
    peak_mib: float


@dataclass
class SizeResult:
    asn: int
    presensi_rows: int
    landing_mib: float
    generate_seconds: float
    floor_seconds: float
    run_seconds: float
    run_peak_mib: float
    exit_code: int
    stages: list[Stage] = field(default_factory=list)


def _tree_rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)  # ppid
        rss[pid] = int(fields[21])  # resident pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def _run_with_stages(args: list[str]) -> tuple[int, float, float, list[Stage]]:
    """Run `tpp` with `args`; (exit code, wall seconds, peak MiB, stages)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [TPP, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1
    )
    samples: list[tuple[float, float]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append((time.perf_counter(), _tree_rss_mib(process.pid)))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    events: list[tuple[float, str, str]] = []
    for line in process.stderr:
        match = STEP.match(line.strip())
        if match:
            events.append((time.perf_counter(), match["mark"], match["step"]))
    code = process.wait()
    ended = time.perf_counter()
    done.set()
    sampler.join()

    def peak(start: float, end: float) -> float:
        return max((mib for t, mib in samples if start <= t <= end), default=0.0)

    stages, opened = [], {}
    first = events[0][0] if events else ended
    stages.append(Stage("start-up", first - started, peak(started, first)))
    for at, mark, step in events:
        if mark == "…":
            opened[step] = at
        elif step in opened:
            began = opened.pop(step)
            stages.append(Stage(step, at - began, peak(began, at)))
    last = max((at for at, _, _ in events), default=ended)
    stages.append(Stage("finish (audit, summary)", ended - last, peak(last, ended)))
    return code, ended - started, peak(started, ended), stages


def _floor(folder: Path, runs: int = 3) -> float:
    """Median seconds of the floor query over the month's files (a fresh DuckDB each time)."""
    times = []
    for _ in range(runs):
        con = duckdb.connect()
        con.execute("set enable_progress_bar = false")  # its bar would cross the bench's lines
        started = time.perf_counter()
        con.execute(FLOOR_SQL, [str(folder / "presensi.csv"), str(folder / "pegawai.csv")]).fetchall()
        times.append(time.perf_counter() - started)
        con.close()
    return statistics.median(times)


def measure(asn: int, periode: str, progress) -> SizeResult:
    from pipelines.generate import generate_month
    from pipelines.resources import prepare_dbt_manifest

    with tempfile.TemporaryDirectory(prefix=f"tpp-bench-{asn}-") as tmp:
        root = Path(tmp).resolve()  # as `tpp run` names its paths: dbt's parse state names them
        settings = Settings(root / "landing", root / "wh" / "tpp.duckdb", root / "exports")
        # parsed for this warehouse before the clock starts, as a production warehouse's
        # project is after its first run: dbt parses the whole project again (about 3 s)
        # for a warehouse its parse state was not made for, and each size's is new
        progress(f"{asn:,} ASN: parsing the dbt project for its warehouse …")
        settings.export_to_env()
        prepare_dbt_manifest(force=True)
        progress(f"{asn:,} ASN: generating …")
        started = time.perf_counter()
        counts = generate_month(periode, settings.landing_dir, n_asn=asn)
        generated = time.perf_counter() - started
        folder = settings.landing_dir / periode
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        progress(f"{asn:,} ASN: floor query …")
        floor = _floor(folder)
        progress(f"{asn:,} ASN: tpp run …")
        code, wall, peak, stages = _run_with_stages(
            [
                "run",
                "--period",
                periode,
                "--landing",
                str(settings.landing_dir),
                "--warehouse",
                str(settings.warehouse),
                "--exports",
                str(settings.export_dir),
            ]
        )
    return SizeResult(asn, counts.get("presensi", 0), size, generated, floor, wall, peak, code, stages)


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    mem_kib = int(
        next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 2**20, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "os": platform.platform(),
    }


def write_results(results: list[SizeResult], out: Path, code_version: str) -> tuple[Path, Path, Path]:
    """results.json, a Markdown table (stage seconds, ratio to the floor, peak memory)
    and a plot (SVG) of each stage's ratio to the floor per size."""
    import pygal

    from pipelines.report import GAYA, svg_text

    out.mkdir(parents=True, exist_ok=True)
    data = {
        "tanggal": time.strftime("%Y-%m-%d"),
        "code_version": code_version,
        "machine": machine(),
        "sizes": [asdict(r) for r in results],
    }
    (out / "results.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m = data["machine"]
    lines = [
        f"Measured {data['tanggal']} on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, "
        f"Python {m['python']}, DuckDB {m['duckdb']} (code {code_version}).",
        "",
        "| stage | " + " | ".join(f"{r.asn:,} ASN: s (× floor), peak MiB" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    names = list(dict.fromkeys(s.name for r in results for s in r.stages))
    for name in ["whole run", *names]:
        cells = []
        for r in results:
            if name == "whole run":
                seconds, peak = r.run_seconds, r.run_peak_mib
            else:
                stage = next((s for s in r.stages if s.name == name), None)
                if stage is None:
                    cells.append("")
                    continue
                seconds, peak = stage.seconds, stage.peak_mib
            cells.append(f"{seconds:.1f} ({seconds / r.floor_seconds:.0f}×), {peak:,.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| floor query | " + " | ".join(f"{r.floor_seconds:.2f}" for r in results) + " |")
    (out / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    chart = pygal.HorizontalBar(
        title="tpp run per stage, seconds ÷ floor query (same files, same run)",
        style=GAYA,
        js=[],
        width=900,
        height=max(400, 22 * len(names) * max(1, len(results)) // 2 + 160),
        legend_at_bottom=True,
        logarithmic=True,
        truncate_label=-1,
    )
    chart.x_labels = names[::-1]
    for r in results:
        chart.add(
            f"{r.asn:,} ASN",
            [
                next((max(s.seconds, 0.01) / r.floor_seconds for s in r.stages if s.name == n), None)
                for n in names[::-1]
            ],
        )
    chart.uuid = "bench"
    (out / "stages.svg").write_text(svg_text(chart) + "\n", encoding="utf-8")
    return out / "results.json", out / "results.md", out / "stages.svg"
