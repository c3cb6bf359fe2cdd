"""A progress bar on stderr while a long report's pages are read (rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import TaskID

MIN_PAGES = 20  # shorter reports are read too fast for a bar to help

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)


@contextmanager
def page_progress(enabled: bool) -> Iterator[PageProgress | None]:
    """A callback for the reader, or None when disabled (not a terminal, or ``--quiet``)."""
    if not enabled:
        yield None
        return
    # rich's progress machinery is imported only when a bar is shown (start-up time matters).
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    progress = Progress(
        TextColumn("Reading pages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task: list[TaskID] = []

    def update(done: int, total: int) -> None:
        if total < MIN_PAGES:
            return
        if not task:
            progress.start()
            task.append(progress.add_task("pages", total=total))
        progress.update(task[0], completed=done)

    try:
        yield update
    finally:
        if task:
            progress.stop()
