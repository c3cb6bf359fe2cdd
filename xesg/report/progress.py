"""Progress on stderr while a long report is checked (rich): a bar while its pages are read,
then the name of each stage that follows, so that a finished bar never sits there silent."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

MIN_PAGES = 20  # shorter reports are read too fast for a bar to help


class CheckProgress:
    """``pages(done, total)`` for the reader; ``phase(name)`` as each later stage starts.
    Nothing shows for a report under :data:`MIN_PAGES` pages (checked in a blink)."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def _start(self, description: str, total: int | None) -> None:
        # rich's progress machinery is imported only when a bar is shown (start-up time).
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
            # Findings printed meanwhile go to stdout, never through the bar's stderr.
            redirect_stdout=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(description, total=total, count="")

    def pages(self, done: int, total: int) -> None:
        if total < MIN_PAGES:
            return
        if self._progress is None:
            self._start("Reading pages", total)
        assert self._progress is not None and self._task is not None
        self._progress.update(self._task, completed=done, count=f"{done}/{total}")

    def phase(self, name: str) -> None:
        """A stage without a count (the bar pulses): shown once the pages had a bar."""
        if self._progress is not None and self._task is not None:
            # A task of its own: rich keeps a task's total once it has one.
            self._progress.remove_task(self._task)
            self._task = self._progress.add_task(name, total=None, count="")

    def stop(self) -> None:
        """Take the bar off the terminal (again: a no-op)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = self._task = None


@contextmanager
def check_progress(enabled: bool) -> Iterator[CheckProgress | None]:
    """The progress of a check, or None when disabled (not a terminal, or ``--quiet``)."""
    if not enabled:
        yield None
        return
    progress = CheckProgress()
    try:
        yield progress
    finally:
        progress.stop()
