"""A table's rows as lines of tab-separated cells: what every reader of tables (HTML, Markdown,
spreadsheets) writes, and all it does with them. Which row is a header, a heading or an index
row is the index parser's to say (:mod:`xesg.index.parse`), for every format alike."""

from __future__ import annotations


def table_lines(grid: list[list[list[str]]], one_per_row: bool = False) -> list[list[str]]:
    """The lines of each row of ``grid`` (rows of cells, each cell a list of lines): its
    cells separated by tabs, one line per line of its tallest cell (line ``k`` of each cell,
    its neighbours' columns empty where they have fewer), none for an empty row.

    Nothing is merged or dropped: a row with text in its first cell only (``<td
    colspan="6">B. Social</td>``, a heading inside the table) is a line of its own, and what
    it means is the index parser's to say, for every format alike (the reader numbers every
    line of a row with the row's number: ``Page.line_numbers``).

    With ``one_per_row`` (Markdown, whose text keeps its line numbers) every row gives exactly
    one line: an empty row an empty line, a cell's lines joined.
    """
    width = max((len(row) for row in grid), default=0)
    # Rows padded to the widest, unless that is far more cells than the rows hold (one row
    # of a million cells over thousands of short rows): then each row is as wide as its own,
    # and the lines are never more than a few times the cells read.
    aligned = len(grid) * width <= 8 * sum(map(len, grid)) + 100_000
    rows: list[list[str]] = []
    for row in grid:
        cols = [list(cell) for cell in row]
        cols += [[] for _ in range(width - len(cols) if aligned else 0)]
        if one_per_row:
            rows.append(["\t".join(" ".join(cell) for cell in cols) if any(cols) else ""])
            continue
        height = max((len(cell) for cell in cols), default=0)
        rows.append(
            ["\t".join(cell[k] if k < len(cell) else "" for cell in cols) for k in range(height)]
        )
    return rows
