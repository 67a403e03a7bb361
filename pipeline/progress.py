"""Terminal display of a batch: a bar per recording and stage (rich), then a summary table."""
from __future__ import annotations

from .batch import BatchResult, Event
from .stages import STAGES

STAGE_NAMES = {**{s.name: s.label or s.name for s in STAGES}, "done": "finished"}


class BatchProgress:
    """The batch hook: one bar per recording, advancing through its stages."""

    def __init__(self, console, total: int):
        from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn,
                                   TimeElapsedColumn)
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                                 TimeElapsedColumn(), console=console, transient=False)
        self.overall = self.progress.add_task(f"[bold]{total} recording(s)", total=max(total, 1))
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> "BatchProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, event: Event) -> None:
        task = self.tasks.get(event.recording)
        if task is None:
            task = self.tasks[event.recording] = self.progress.add_task(event.recording, total=1)
        if event.stage == "done":
            mark = {"done": "[green]done", "cached": "[cyan]up to date",
                    "partial": "[yellow]partial", "same": "[cyan]same audio as another"}.get(event.status, "[red]failed")
            self.progress.update(task, description=f"{event.recording} {mark}", completed=1, total=1)
            self.progress.advance(self.overall)
            return
        label = STAGE_NAMES.get(event.stage, event.stage)
        self.progress.update(task, description=f"{event.recording} · {label}",
                             completed=event.done, total=max(event.total, 1e-9))


def summary_table(batch: BatchResult):
    from rich.table import Table
    table = Table(title="Kikigaki batch")
    for col, justify in (("recording", "left"), ("duration", "right"), ("status", "left"),
                         ("wall time", "right"), ("real-time factor", "right")):
        table.add_column(col, justify=justify)
    style = {"done": "green", "cached": "cyan", "same": "cyan", "partial": "yellow", "failed": "red"}
    for r in batch.recordings:
        status = {"cached": "up to date"}.get(r.status, r.status)
        table.add_row(r.id, _duration(r.duration), f"[{style.get(r.status, '')}]{status}",
                      f"{r.wall:.1f} s", f"{r.rtf:.3f}" if r.rtf is not None else "-")
    return table


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m // 60}:{m % 60:02d}:{s:02d}"
