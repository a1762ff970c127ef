"""Wall-time benchmark of `tpp generate` and `tpp run` (not a test: machines are noisy).

    .venv/bin/python tests/benchmark.py --asn 6000 --runs 3

Each run is a fresh process (as an operator runs it) on a fresh warehouse; the
median and the spread are printed. The figures in README.md come from this script.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TPP = str(Path(sys.executable).parent / "tpp")


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([TPP, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asn", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", default="2026-10")
    opts = parser.parse_args()
    generate, run = [], []
    for _ in range(opts.runs):
        with tempfile.TemporaryDirectory() as tmp:
            paths = ["--landing", f"{tmp}/landing"]
            generate.append(timed(["generate", "--period", opts.period, "--asn", str(opts.asn), *paths]))
            run.append(
                timed(
                    [
                        "run",
                        "--period",
                        opts.period,
                        *paths,
                        "--warehouse",
                        f"{tmp}/wh.duckdb",
                        "--exports",
                        f"{tmp}/exports",
                    ]
                )
            )
    for name, times in (("tpp generate", generate), ("tpp run", run)):
        print(
            f"{name:13} {opts.asn:>7,} ASN: median {statistics.median(times):6.1f} s "
            f"(min {min(times):.1f}, max {max(times):.1f}, {len(times)} runs)"
        )


if __name__ == "__main__":
    main()
