"""The report as a flat list of lines, each knowing its page, and split into table cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xesg.model.report import Report

_CELL_GAP = re.compile(r"\t| {2,}")
# Tab-separated cells get synthetic offsets far apart so offset logic treats them by position.
TAB_WIDTH = 1000


@dataclass(frozen=True)
class Line:
    text: str
    page: str | None
    number: int  # 1-based line number in the report text
    furniture: bool


@dataclass(frozen=True)
class Cell:
    start: int
    text: str


def report_lines(report: Report) -> list[Line]:
    lines: list[Line] = []
    number = 1
    for page in report.pages:
        for text in page.text.split("\n"):
            stripped = text.strip()
            furniture = stripped in page.furniture or (
                page.label is not None and stripped == page.label
            )
            lines.append(Line(text.rstrip(), page.label, number, furniture))
            number += 1
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
    for match in _CELL_GAP.finditer(text):
        if text[pos : match.start()].strip():
            found.append(Cell(pos, text[pos : match.start()].strip()))
        pos = match.end()
    if text[pos:].strip():
        found.append(Cell(pos, text[pos:].strip()))
    return found
