"""The report as a flat list of lines, each knowing its page, and split into table cells."""

from __future__ import annotations

import re
from typing import NamedTuple

from xesg.model.report import Report

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


def report_lines(report: Report) -> list[Line]:
    lines: list[Line] = []
    for page in report.pages:
        label = page.label
        # The printed page number on a line of its own is furniture too.
        furniture = page.furniture if label is None else page.furniture | {label}
        lines.extend(
            Line(text.rstrip(), label, number, text.strip() in furniture)
            for number, text in enumerate(page.text.split("\n"), start=len(lines) + 1)
        )
    return lines


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
