"""The report as a flat list of lines, each knowing its page, and split into table cells."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the PDF page readers use this module without the data models
    from xesg.model.document import Report

_SPACE_GAP = re.compile(r" {2,}")  # between cells of a line without tabs
# Tab-separated cells get synthetic offsets far apart so offset logic treats them by position.
TAB_WIDTH = 1000


# Named tuples, not frozen dataclasses: one Line is built for every line of the report and one
# Cell for every cell looked at, and a named tuple is several times cheaper to build.
class Line(NamedTuple):
    text: str
    page: str | None
    number: int  # 1-based line number in the report text
    furniture: bool


class Cell(NamedTuple):
    start: int
    text: str


class ReportLines:
    """The lines of a report, numbered through it, each knowing its page.

    A page's Line objects are built when one of its lines is first asked for: locating the
    index reads the text of every page but the lines of only the few that may hold its rows.
    """

    def __init__(self, report: Report) -> None:
        self.pages = report.pages
        # Where each page's lines start among the report's lines, then where they end.
        self.page_starts = list(accumulate((p.text.count("\n") + 1 for p in self.pages), initial=0))
        from xesg.model.document import first_line_numbers  # loaded: a Report is here

        # The line of the file each page starts on.
        self._first_numbers = first_line_numbers(
            [p.text for p in self.pages], report.pagination == "form-feed"
        )
        self._built: list[list[Line] | None] = [None] * len(self.pages)
        # Whether the reader knew the rows of its tables (a spreadsheet's, an HTML or Markdown
        # table's): then lines with one number are one row, and a line with a number of its
        # own starts a row.
        self.rows_known = any(page.line_numbers for page in self.pages)

    def __len__(self) -> int:
        return self.page_starts[-1]

    def __getitem__(self, i: int) -> Line:
        if not 0 <= i < len(self):
            raise IndexError(i)
        p = self.page_of(i)
        return self.page_lines(p)[i - self.page_starts[p]]

    def page_of(self, i: int) -> int:
        """The position of the page that line ``i`` is on."""
        return bisect_right(self.page_starts, i) - 1

    def between(self, start: int, end: int) -> list[Line]:
        """The lines from ``start`` up to ``end`` (not included)."""
        return [self[i] for i in range(start, end)]

    def page_lines(self, p: int) -> list[Line]:
        """The lines of ``self.pages[p]``."""
        lines = self._built[p]
        if lines is None:
            page = self.pages[p]
            label = page.label
            # The printed page number on a line of its own is furniture too.
            furniture = page.furniture if label is None else page.furniture | {label}
            texts = page.text.split("\n")
            numbers = page.line_numbers or range(
                self._first_numbers[p], self._first_numbers[p] + len(texts)
            )
            # Where the reader knew the rows, a line whose only cell is its first
            # ("Environment" over a table's rows) keeps a tab: it is still a line of cells.
            strip = _rstrip if page.line_numbers else str.rstrip
            lines = self._built[p] = [
                Line(strip(text), label, number, text.strip() in furniture)
                for number, text in zip(numbers, texts, strict=True)
            ]
        return lines


def _rstrip(text: str) -> str:
    """``text`` without trailing space, but with one tab when it ended in empty cells."""
    stripped = text.rstrip()
    if stripped and len(stripped) < len(text) and "\t" in text[len(stripped) :]:
        return f"{stripped}\t"
    return stripped


_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def cells(text: str) -> list[Cell]:
    """Split a line into cells at tabs, Markdown pipes, or runs of two or more spaces."""
    if text.lstrip().startswith("|"):
        parts = [part.strip() for part in text.strip().strip("|").split("|")]
        if all(_RULE_CELL.match(part) or not part for part in parts):
            return []  # the |---|---| line under a Markdown header
        return [Cell(i * TAB_WIDTH, part) for i, part in enumerate(parts) if part]
    if "\t" in text:
        return [
            Cell(i * TAB_WIDTH, part.strip())
            for i, part in enumerate(text.split("\t"))
            if part.strip()
        ]
    found: list[Cell] = []
    pos = 0
    for match in _SPACE_GAP.finditer(text):
        cell = text[pos : match.start()].strip()
        if cell:
            found.append(Cell(pos, cell))
        pos = match.end()
    cell = text[pos:].strip()
    if cell:
        found.append(Cell(pos, cell))
    return found
