"""Great Expectations in a process of its own, beside the run.

Importing GE costs about 2.5 s (scipy, SQLAlchemy, pandas and altair come with it), a
sixth of a Kota Serang run, spent on the one core the run's Python keeps busy while the
other idles. `tpp run` starts this process first (`start`): GE loads on the second core
while Dagster and dbt load on the first, and is ready by the first suite. Any other
process (a step launched from the Dagster UI) starts it at its first suite.

The run reads a suite's rows from the warehouse (it holds the DuckDB file) and hands them
over as an Arrow file, which this process maps; the task and the outcome go over a
socket. One suite at a time.

The process sits in a process group of its own, so a Ctrl-C in the terminal reaches only
the run, which then stops it (a suite left running would answer the next question). It
ends by itself when the run's end of the socket closes, whatever ended the run.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

import pyarrow as pa

from pipelines.checks.validate import SuiteTask, Validation

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds pipelines/


class ValidationProcessError(RuntimeError):
    """Great Expectations' process could not give an outcome."""


class _Process:
    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        # the same code as the run's, wherever the run was started from
        path = os.pathsep.join(p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")) if p)
        with theirs:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", __name__, str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path},
                process_group=0,
            )
        self.connection = Connection(ours.detach())

    def ask(self, task: SuiteTask) -> Validation:
        # the rows go as an Arrow file the process maps, not through the socket: pickled,
        # a month of attendance at 1,000,000 ASN took 3 s more to hand over. The file is in
        # the system's temporary folder (TMPDIR), in a folder only the run's user may read.
        with tempfile.TemporaryDirectory(prefix="tpp-suite-") as folder:
            rows = Path(folder) / "rows.arrow"
            with pa.OSFile(str(rows), "wb") as sink, pa.ipc.new_file(sink, task.table.schema) as writer:
                writer.write_table(task.table)
            return self._answer(dataclasses.replace(task, table=rows))

    def _answer(self, task: SuiteTask) -> Validation:
        try:
            self.connection.send(task)
            answer = self.connection.recv()
        except (EOFError, OSError):
            try:  # its end of the socket closed: it is ending, or has ended
                code = self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.stop()
                code = self.popen.returncode
            why = " (killed: out of memory?)" if code == -9 else ""
            raise ValidationProcessError(
                f"Great Expectations' process ended with exit code {code}{why} while it checked {task.suite}."
            ) from None
        if isinstance(answer, Validation):
            return answer
        message, trace = answer
        error = ValidationProcessError(f"Great Expectations failed on {task.suite}: {message}")
        error.add_note(trace)  # for the event log; the run's one-line message is the above
        raise error

    def stop(self) -> None:
        self.connection.close()
        self.popen.kill()
        self.popen.wait()


_lock = threading.Lock()
_process: _Process | None = None


def _running() -> _Process:
    global _process
    if _process is None or _process.popen.poll() is not None:
        _process = _Process()
    return _process


def start() -> None:
    """Start the process now, ahead of the first suite."""
    with _lock:
        _running()


def validate(task: SuiteTask) -> Validation:
    """The suite's outcome, from Great Expectations' process."""
    global _process
    with _lock:
        process = _running()
        try:
            return process.ask(task)
        except ValidationProcessError:
            raise
        except BaseException:  # interrupted while it checks: its answer belongs to no one now
            process.stop()
            _process = None
            raise


def serve(fd: int) -> None:
    """The process's side: load GE, then answer tasks until the run's end closes."""
    from pipelines.checks import validate as suites

    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations  # noqa: F401  now, not at the first suite

    # as the run's process does (pipelines/cli.py): GE's objects live to the end, out of
    # the collector's sweeps, and the youngest generation is swept less often
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    connection = Connection(fd)
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        rows = None
        try:
            rows = pa.ipc.open_file(pa.memory_map(str(task.table))).read_all()
            answer = suites.check(dataclasses.replace(task, table=rows))
        except Exception as e:  # the run says it; the process stays for the next suite
            answer = (f"{type(e).__name__}: {e}", traceback.format_exc())
        del task, rows  # the file is the run's to delete once answered
        connection.send(answer)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
