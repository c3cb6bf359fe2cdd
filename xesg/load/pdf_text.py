"""A PDF page's text as its reader hands it over — importable without pdfium: the command
line's process takes the pages its reader processes read (:mod:`xesg.processes`) and never
loads pdfium itself when it can fork them (~45 ms of its start-up)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol

Progress = Callable[[int, int], None]  # (pages read, pages in all)


# Named tuples, not dataclasses: this module loads before the reading starts (see
# xesg.cli), and the dataclasses module alone takes ~4 ms to load.
class PageText(NamedTuple):
    text: str  # its lines, joined by line breaks (one string pickles far faster than many)
    band: list[str]  # lines in the header and footer bands
    unreadable: str | None = None
    page_label: str = ""  # the PDF's /PageLabels label, "" where it has none


class PageSource(Protocol):
    """Pages being read elsewhere (:class:`xesg.processes.PageReading`)."""

    def result(self, progress: Progress | None = None) -> list[PageText]: ...
