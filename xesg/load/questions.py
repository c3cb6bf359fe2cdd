"""What a reader asks about the text it lays out, answered by its caller.

Readers read: they know pages, lines, cells and positions, not disclosure codes or index
headers. Laying a table out well needs a few answers only the index parser has (does this line
start an index row? is it a table's header?), so the caller passes them in as plain functions
(:mod:`xesg.index.answers` answers them) and ``xesg.load`` imports nothing of ``xesg.index``.

A named tuple of functions, not a class with methods: the PDF page readers are forked with
it (the children inherit the functions, nothing is pickled), and building it loads nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class TableQuestions(NamedTuple):
    # How many distinct code cells a page's plain text seems to hold, cheaply (a page with
    # three or more looks like an index page and is laid out from its characters' positions).
    code_cells: Callable[[str], int]
    # Cheap test that some line of a text may start an index row: never False when one does.
    may_hold_rows: Callable[[str], bool]
    # Whether a line (cells joined by two spaces) starts with an index row's code.
    starts_row: Callable[[str], bool]
    # Whether a line starts an index row as the index parser reads rows (a KPI data row
    # tagged with codes does not): page-band lines that do are never page furniture.
    is_row_start: Callable[[str], bool]
    # Whether a line is an index table's header row.
    is_header: Callable[[str], bool]
