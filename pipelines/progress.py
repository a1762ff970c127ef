"""A Dagster logger for people at a terminal: one line per finished step or asset,
warnings and errors in full, everything else left to the Dagster UI/event log."""

from __future__ import annotations

import logging
import time

import dagster as dg
from rich.console import Console

console = Console(stderr=True, highlight=False)


class ProgressHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.started: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "dagster_meta", {}).get("dagster_event")
        if event is None:
            # Dagster's "dependencies … not executed" lines repeat a failure already shown
            if record.levelno >= logging.WARNING and "Not executing" not in record.getMessage():
                console.print(record.getMessage(), style="yellow", markup=False)
            return
        step = event.step_key or ""
        kind = event.event_type_value
        if kind == "STEP_START":
            self.started[step] = time.monotonic()
            console.print(f"[dim]…[/] {step}")
        elif kind == "ASSET_MATERIALIZATION":
            key = event.asset_key.to_user_string() if event.asset_key else step
            if key.replace("/", "__") != step:  # one line per asset of a multi-asset step (dbt)
                console.print(f"  [green]✓[/] {key}")
        elif kind == "STEP_SUCCESS":
            took = time.monotonic() - self.started.get(step, time.monotonic())
            console.print(f"[green]✓[/] {step} [dim]({took:.1f} s)[/]")
        elif kind == "STEP_FAILURE":
            console.print(f"[red]✗ {step} failed[/]")


@dg.logger(description="Concise progress lines on the terminal.")
def progress_logger(_init_context) -> logging.Logger:
    log = logging.getLogger("tpp.progress")
    log.setLevel(logging.DEBUG)  # step events are logged at DEBUG; the handler picks what to show
    log.propagate = False
    if not log.handlers:
        log.addHandler(ProgressHandler())
    return log
