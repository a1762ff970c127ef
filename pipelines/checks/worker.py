"""Great Expectations in a process of its own, beside the run.

Importing GE costs about 2.5 s (scipy, SQLAlchemy, pandas and altair come with it), a
sixth of a Kota Serang run, spent on the one core the run's Python keeps busy while the
other idles. `tpp run` starts this process first (`start`): GE loads on the second core
while Dagster and dbt load on the first, and is ready by the first suite. Any other
process (a step launched from the Dagster UI) starts it at its first suite.

The run reads a suite's rows from the warehouse (it holds the DuckDB file) and hands them
over as an Arrow file, which this process maps; the task and the outcome go over a
socket. It checks one suite at a time, in the order they came. An input's rows are
handed over as soon as they are loaded (`submit`), so that GE checks them while the run
loads the next source; the check step then takes the outcome (`collect`).

The process sits in a process group of its own, so a Ctrl-C in the terminal reaches only
the run, which then stops it (a suite left running would answer the next question). It
ends by itself when the run's end of the socket closes, whatever ended the run.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import ctypes
import dataclasses
import gc
import os
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Hashable
from multiprocessing.connection import Connection
from pathlib import Path

import pyarrow as pa

from pipelines.checks.validate import SuiteTask, Validation

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds pipelines/


class ValidationProcessError(RuntimeError):
    """Great Expectations' process could not give an outcome."""


@dataclasses.dataclass(eq=False)
class _Sent:
    """A task on its way through GE's process: its rows file lives until it is answered."""

    task: SuiteTask  # table: the Arrow file's path
    folder: tempfile.TemporaryDirectory
    answer: object = None  # once read: a Validation, or (message, traceback) of an error in GE


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
        self.unanswered: collections.deque[_Sent] = collections.deque()  # oldest first: answers come in order

    def ask(self, task: SuiteTask) -> Validation:
        return self.answer(self.send(task))

    def send(self, task: SuiteTask) -> _Sent:
        # the rows go as an Arrow file the process maps, not through the socket: pickled,
        # a month of attendance at 1,000,000 ASN took 3 s more to hand over. The file is in
        # the system's temporary folder (TMPDIR), in a folder only the run's user may read.
        folder = None
        try:
            folder = tempfile.TemporaryDirectory(prefix="tpp-suite-")
            rows = Path(folder.name) / "rows.arrow"
            with pa.OSFile(str(rows), "wb") as sink, pa.ipc.new_file(sink, task.table.schema) as writer:
                for batch in task.table:  # as the warehouse streams them: never all in the run's memory
                    writer.write_batch(batch)
        except OSError as e:  # e.g. a full disk; GE's process is not at fault and stays
            if folder:
                folder.cleanup()
            raise ValidationProcessError(
                f"The rows of {task.suite} could not be written for Great Expectations ({e})."
            ) from None
        sent = _Sent(dataclasses.replace(task, table=rows), folder)
        try:
            self.connection.send(sent.task)
        except OSError:
            folder.cleanup()
            raise self._ended(task.suite) from None
        self.unanswered.append(sent)
        return sent

    def answer(self, sent: _Sent) -> Validation:
        """`sent`'s outcome, reading the answers to the tasks sent before it on the way."""
        while sent.answer is None:
            oldest = self.unanswered[0]
            try:
                oldest.answer = self.connection.recv()
            except (EOFError, OSError):
                raise self._ended(oldest.task.suite) from None
            self.unanswered.popleft()
            oldest.folder.cleanup()
        if isinstance(sent.answer, Validation):
            return sent.answer
        message, trace = sent.answer
        error = ValidationProcessError(f"Great Expectations failed on {sent.task.suite}: {message}")
        error.add_note(trace)  # for the event log; the run's one-line message is the above
        raise error

    def _ended(self, suite: str) -> ValidationProcessError:
        """Its end of the socket closed: it is ending, or has ended."""
        try:
            code = self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        self.stop()
        code = self.popen.returncode if code is None else code
        why = " (killed: out of memory?)" if code == -9 else ""
        return ValidationProcessError(
            f"Great Expectations' process ended with exit code {code}{why} while it checked {suite}."
        )

    def stop(self) -> None:
        self.connection.close()
        self.popen.kill()
        self.popen.wait()
        for sent in self.unanswered:
            sent.folder.cleanup()
        self.unanswered.clear()


_lock = threading.Lock()
_process: _Process | None = None
# suites handed over ahead of their check (`submit`), by what identifies their rows
_submitted: dict[Hashable, tuple[_Process, _Sent]] = {}


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
    with _lock:
        process = _running()
        with _forgotten_if_stopped(process):
            return process.ask(task)


def submit(rows: Hashable, task: SuiteTask) -> None:
    """Hand the suite over now, without waiting: GE checks the rows while the run goes on,
    and `collect(rows)` takes the outcome. `rows` names what was read (the suite, the
    period, the run, when the rows were loaded). If the process cannot take the task,
    nothing is kept: the check then asks itself, and says what went wrong."""
    with _lock:
        process = _running()
        with contextlib.suppress(ValidationProcessError), _forgotten_if_stopped(process):
            _submitted[rows] = (process, process.send(task))


def collect(rows: Hashable) -> Validation | None:
    """The outcome of the suite handed over for `rows`; None if none was, or the process
    it went to is gone unanswered (the check then asks for it)."""
    with _lock:
        process, sent = _submitted.pop(rows, (None, None))
        if sent is None or (sent.answer is None and process is not _process):
            return None
        with _forgotten_if_stopped(process):
            return process.answer(sent)


@contextlib.contextmanager
def _forgotten_if_stopped(process: _Process):
    """Stop the process if the run is interrupted while it talks to it (an answer on its
    way would belong to no one), and start a new one next time if it has ended."""
    global _process
    try:
        yield
    except BaseException as e:
        if not isinstance(e, ValidationProcessError):
            process.stop()
        if process is _process and process.popen.poll() is not None:
            _process = None
        raise


@atexit.register
def _stop_unanswered() -> None:
    """A run that ends (e.g. on a failed step) with suites still handed over does not leave
    GE checking them after it."""
    if _process is not None and _process.unanswered:
        _process.stop()


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
        _give_back_memory()


def _give_back_memory() -> None:
    """Between suites, return what the last one freed to the system: pandas' work on a
    month of attendance leaves gigabytes in the C allocator's free lists (2.1 GB at
    1,000,000 ASN), held beside dbt's memory through the rest of the run otherwise."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc's; elsewhere nothing to do
        ctypes.CDLL(None).malloc_trim(0)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
