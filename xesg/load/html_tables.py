"""HTML tables as lines: one line per row with its cells separated by tabs, ``rowspan`` and
``colspan`` expanded so that each cell keeps its column (a spanned cell's text is written only
in its first row and column: the index parser carries Chapter/Section/Standard down itself).
A cell of several lines makes its row several lines, its neighbours' columns empty, the way a
wrapped cell comes out of a PDF; the reader gives every line of a row the row's number
(``Page.line_numbers``), as a spreadsheet's rows are numbered. Rows are only read here: a
heading row inside the table is a line like any other, for the index parser to read.
:func:`xesg.load.rows.table_lines` writes the lines, for the Markdown reader and
spreadsheets too."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from lxml import etree

from xesg.load.html_tree import collapse, local
from xesg.load.rows import table_lines

_MAX_SPAN = 1000  # HTML caps colspan at 1000; rowspan is clamped to the rows of its group
# Cells that rowspan/colspan may fill in one document (an index table has a few thousand):
# spans could otherwise make a small page a grid of billions (rowspan 65534 × colspan 1000).
MAX_SPAN_CELLS = 200_000


class CellWalker(Protocol):
    """What a table asks of the walker reading the document around it."""

    span_cells: int  # cells filled by spans so far in the document (MAX_SPAN_CELLS)
    dropped: Counter[str]  # what was left out of the text, by kind

    def render_cell(self, cell: etree._Element) -> list[str]:
        """The lines of an element's text, read as the rest of the document is."""
        ...

    def skipped(self, element: etree._Element, name: str) -> bool:
        """Whether the element is left out of the text (and counted as left out)."""
        ...

    def remember_ids(self, element: etree._Element) -> None: ...


class TableReader:
    """Reads one ``<table>`` element into lines. Content where a table allows none (text or
    elements between rows or cells) is put before the table, as browsers do ("foster
    parenting")."""

    def __init__(self, walker: CellWalker) -> None:
        self.walker = walker
        self.fostered: list[str] = []

    def lines(self, table: etree._Element) -> list[list[str]]:
        """The table's lines by row: a row's lines (:func:`table_lines`), each line of the
        text put before the table or of its caption a row of its own."""
        head: list[list[etree._Element]] = []
        body: list[list[etree._Element]] = []
        foot: list[list[etree._Element]] = []
        caption: list[str] = []
        loose: list[etree._Element] = []
        self._stray_text(table.text)
        for child in table:
            name = local(child)
            if name == "tr":
                loose.append(child)
            else:
                if loose:
                    body.append(loose)
                    loose = []
                if name in ("thead", "tbody", "tfoot"):
                    {"thead": head, "tbody": body, "tfoot": foot}[name].append(self._group(child))
                elif name == "caption":
                    caption.extend(self.walker.render_cell(child))
                elif name not in ("colgroup", "col"):
                    self._foster(child)
            self._stray_text(child.tail)
        if loose:
            body.append(loose)
        grid: list[list[list[str]]] = []
        for group in [*head, *body, *foot]:
            grid.extend(self._group_grid(group))
        return [[line] for line in self.fostered + caption] + table_lines(grid)

    def _group(self, group: etree._Element) -> list[etree._Element]:
        """The rows of a ``<thead>``, ``<tbody>`` or ``<tfoot>``."""
        self._stray_text(group.text)
        rows = []
        for row in group:
            if local(row) == "tr":
                rows.append(row)
            else:
                self._foster(row)
            self._stray_text(row.tail)
        return rows

    def _foster(self, element: etree._Element) -> None:
        name = local(element)
        if not name:
            return
        if not self.walker.skipped(element, name):
            self.fostered.extend(self.walker.render_cell(element))

    def _stray_text(self, text: str | None) -> None:
        if text and text.strip():
            self.fostered.append(collapse(text).strip())

    def _group_grid(self, rows: list[etree._Element]) -> list[list[list[str]]]:
        """Rows of a row group, each a list of columns holding the cell's lines (or [])."""
        filled: dict[tuple[int, int], list[str]] = {}
        ends = [0] * len(rows)  # the column after each row's last cell
        for r, row in enumerate(rows):
            self.walker.remember_ids(row)
            self._stray_text(row.text)
            c = 0
            for cell in row:
                self._stray_text(cell.tail)
                name = local(cell)
                if name not in ("td", "th"):
                    self._foster(cell)
                    continue
                if self.walker.skipped(cell, name):
                    continue
                while (r, c) in filled:
                    c += 1
                rowspan, colspan = self._spans(cell, len(rows) - r)
                lines = self.walker.render_cell(cell)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        filled[(r + dr, c + dc)] = lines if dr == dc == 0 else []
                    ends[r + dr] = max(ends[r + dr], c + colspan)
                c += colspan
        # Each row as wide as its own cells: table_lines aligns them.
        return [[filled.get((r, c), []) for c in range(ends[r])] for r in range(len(rows))]

    def _spans(self, cell: etree._Element, rows_left: int) -> tuple[int, int]:
        """The cell's rowspan and colspan; (1, 1) once spans have filled MAX_SPAN_CELLS
        cells in the document (counted as dropped)."""
        colspan = _span(cell.get("colspan"), _MAX_SPAN)
        rowspan = _span(cell.get("rowspan"), rows_left)
        if rowspan * colspan > 1:
            if self.walker.span_cells + rowspan * colspan > MAX_SPAN_CELLS:
                self.walker.dropped["span"] += 1
                rowspan = colspan = 1
            self.walker.span_cells += rowspan * colspan
        return rowspan, colspan


def _span(value: str | None, limit: int) -> int:
    try:
        span = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    if span == 0:
        return max(1, limit)  # rowspan="0": to the end of the row group
    return max(1, min(span, limit))
