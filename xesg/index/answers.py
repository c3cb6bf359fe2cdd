"""The index parser's answers to the questions readers ask (:mod:`xesg.load.questions`).

Each function imports the parser when first called, not when this module loads: ``xesg
check`` hands these to the PDF page readers it forks before the rest of xesg loads
(docs/performance.md), and most pages never ask.
"""

from __future__ import annotations

from xesg.load.questions import TableQuestions


def code_cells(text: str) -> int:
    from xesg.index.codes import count_code_cells

    return count_code_cells(text)


def may_hold_rows(text: str) -> bool:
    from xesg.index.locate import may_hold_rows

    return may_hold_rows(text)


def starts_row(text: str) -> bool:
    from xesg.index.locate import row_codes

    codes = row_codes(text)
    return bool(codes) and codes[0].start == 0


def is_row_start(text: str) -> bool:
    from xesg.index.locate import is_row_start

    return is_row_start(text)


def is_header(text: str) -> bool:
    from xesg.index.columns import header_roles

    return header_roles(text) is not None


TABLE_ANSWERS = TableQuestions(code_cells, may_hold_rows, starts_row, is_row_start, is_header)
