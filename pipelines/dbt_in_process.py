"""`dbt build` in the run's own process: dbt's programmatic runner (dbtRunner) in a worker
thread, its events handed to dagster-dbt's own invocation object. The assets' outputs,
check results, dbt log lines and error messages are therefore dagster-dbt's, as with
the dbt CLI. What this saves is the dbt process: its start (Python, dbt and its adapter
imported again) and its memory; at 6,000 ASN the dbt step went from 6.7-6.9 s to 5.0-6.1
(README, "Performance"). Parse and docs keep the CLI.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource
from dagster_dbt.asset_utils import extract_runtime_selection_from_args, get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_invocation import DbtCliInvocation

from pipelines.resources import installed_dbt_version

_FINISHED = object()  # the worker's last item in its event queue


class DbtWorker:
    """One dbt invocation running in a thread, with the part of subprocess.Popen that
    DbtCliInvocation uses (args, wait, returncode, send_signal). Its events are the
    dicts of dbt's JSON log, at the levels dbt's console shows (info and above)."""

    def __init__(self, args: list[str]):
        self.args = ["dbt", *args]
        self.returncode: int | None = None
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._drained = self._saw_error = False
        # a stop (KeyboardInterrupt) is sent into the thread only while dbt runs, and once
        self._lock = threading.Lock()
        self._in_dbt = self._stop_sent = False
        self._thread = threading.Thread(target=self._invoke, args=(args,), name="dbt", daemon=True)
        self._thread.start()

    def _invoke(self, args: list[str]) -> None:
        from dbt.cli.main import dbtRunner

        error = None
        try:
            with self._lock:
                self._in_dbt = True
            result = dbtRunner(callbacks=[self._on_event]).invoke(args)
            self.returncode = 0 if result.success else 2 if result.exception is not None else 1
            error = result.exception
        except BaseException as raised:  # e.g. a stop that reached this thread as dbt ended
            self.returncode, error = 2, raised
        finally:
            with self._lock:
                self._in_dbt = False
            self._end(error if self.returncode == 2 else None)

    def _end(self, error: BaseException | None) -> None:
        from dbt_common.events.event_manager_client import cleanup_event_logger

        try:
            if error is not None and not self._saw_error:  # dbt said nothing of it itself
                self._events.put(_error_event(f"dbt stopped: {error!r}"))
            cleanup_event_logger()  # closes the run's dbt.log
        finally:
            self._events.put(_FINISHED)

    def _on_event(self, msg) -> None:
        if msg.info.level == "debug":  # the file log (dbt.log in the target folder) keeps these
            return
        from dbt_common.events.functions import env_scrubber, msg_to_dict

        event = msg_to_dict(msg)
        event["info"]["msg"] = env_scrubber(event["info"]["msg"])  # as dbt's console does
        self._saw_error |= event["info"]["level"] == "error"
        self._events.put(event)

    def events(self):
        """dbt's events as they come, once; empty when already read."""
        while not self._drained:
            event = self._events.get()
            if event is _FINISHED:
                self._drained = True
                return
            yield event

    def wait(self, timeout: float | None = None) -> int | None:
        self._thread.join(timeout)
        return self.returncode

    def send_signal(self, _signal=None) -> None:
        """Stop dbt as its own Ctrl-C does: KeyboardInterrupt in the thread that runs it
        (dbt then cancels its open queries, writes run_results.json and stops), and the
        open queries cancelled, so that a long one does not hold that up."""
        from dbt.adapters.factory import FACTORY

        with self._lock:
            if self._in_dbt and not self._stop_sent:
                self._stop_sent = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self._thread.ident), ctypes.py_object(KeyboardInterrupt)
                )
        for adapter in list(FACTORY.adapters.values()):
            try:
                adapter.cancel_open_connections()
            except Exception:  # the run is being stopped anyway
                pass

    def stop(self, timeout: float) -> None:
        """Before the step ends: dbt stopped if it still runs (the step was interrupted, or
        left the stream early), then the warehouse closed. The thread sees the
        KeyboardInterrupt only between dbt's nodes, so queries are cancelled until then."""
        deadline = time.monotonic() + timeout
        while self._thread.is_alive() and time.monotonic() < deadline:
            self.send_signal()
            self._thread.join(0.5)
        if not self._thread.is_alive():
            _close_warehouse()


def _error_event(text: str) -> dict:
    return {"info": {"level": "error", "msg": text, "name": "MainEncounteredError"}, "data": {}}


def _close_warehouse() -> None:
    """dbt-duckdb keeps its DuckDB database open after the invocation (a class-level
    environment). Close it, so the run's next step opens the warehouse with the
    project's own connection settings (DuckDB refuses a second configuration)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
        DuckDBConnectionManager.close_all_connections()


class InProcessInvocation(DbtCliInvocation):
    """dagster-dbt's invocation reading its events from a DbtWorker, not a process's stdout."""

    def _stream_stdout(self):
        for event in self.process.events():
            if event["info"]["level"] == "error":
                self._error_messages.append(event["info"]["msg"])
            yield event


@contextmanager
def dbt_in_process(
    dbt: DbtCliResource, args: list[str], *, context: dg.AssetExecutionContext, target_path: Path
) -> Iterator[DbtCliInvocation]:
    """What `dbt.cli(args, context=context, target_path=target_path)` starts, run in this
    process: the same selection of the context's assets and checks (dagster-dbt's own
    function), with the dbt settings dagster-dbt passes in environment variables given
    as flags. A context manager: leaving it stops dbt if it still runs. The caller sets
    the environment dbt reads (TPP_PERIODE) before entering it."""
    cleaned, selects, excludes = extract_runtime_selection_from_args(args)
    params = get_updated_cli_invocation_params_for_context(
        context=context,
        manifest={},
        dagster_dbt_translator=DagsterDbtTranslator(),
        runtime_selects=selects,
        runtime_excludes=excludes,
    )
    project_dir = Path(params.dbt_project.project_dir if params.dbt_project else dbt.project_dir)
    flags = [
        *dbt.global_config_flags,
        *cleaned,
        *(["--profile", dbt.profile] if dbt.profile else []),
        *(["--target", dbt.target] if dbt.target else []),
        *params.selection_args,
        *(["--indirect-selection", params.indirect_selection] if params.indirect_selection else []),
        *["--project-dir", str(project_dir), "--profiles-dir", str(dbt.profiles_dir or project_dir)],
        *["--target-path", str(target_path), "--log-path", str(target_path)],
        # dbt's console off (dagster-dbt writes its events, as from the CLI); its file log
        # (dbt.log in the target folder) keeps every event, as text: the CLI under
        # dagster-dbt wrote JSON there, ~0.3 s more per run at 6,000 ASN
        *["--log-level", "none", "--log-level-file", "debug", "--log-format-file", "debug", "--no-use-colors-file"],
        "--no-send-anonymous-usage-stats",
    ]
    worker = DbtWorker(flags)
    invocation = InProcessInvocation(
        process=worker,
        manifest=params.manifest,
        dagster_dbt_translator=params.dagster_dbt_translator,
        project_dir=project_dir,
        target_path=target_path,
        raise_on_error=False,
        context=context,
        adapter=None,
        cli_version=installed_dbt_version(),
        project=params.dbt_project,
    )
    try:
        yield invocation
    finally:  # whatever ended the block, dbt is not left running with the warehouse open
        worker.stop(timeout=invocation.termination_timeout_seconds)
