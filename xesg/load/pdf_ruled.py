"""Tables ruled between their rows: each cell's text moved to the top of its row, so that a
table whose cells are centred vertically (or set at the bottom) reads as one whose cells start
level with the row's code, as the index parser expects."""

from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from xesg.load.pdf_geometry import EM, THIN, HRule, TextLine, Word, is_header, starts_row
from xesg.load.questions import TableQuestions

_GAP = 6.0  # points: rules at one height this close are one rule (cells' borders)
_by_x0 = operator.attrgetter("x0")


class _Piece(NamedTuple):
    """The words of one table cell on one line."""

    line: int  # index in the page's lines
    words: list[Word]
    cy: float
    x0: float
    x1: float


# A list mark set apart from its text ("›", "•", "a)"): one piece with the text after it.
_MARK = re.compile(r"^(?:[^\w\s]{1,2}|\(?[a-z0-9]{1,2}[.)])$")


def _pieces(lines: list[TextLine]) -> list[_Piece]:
    """The table cells' pieces of each line: words between column gaps."""
    pieces: list[_Piece] = []
    for k, line in enumerate(lines):
        start = 0
        words = line.words
        for end in range(1, len(words) + 1):
            if end < len(words) and not words[end].cell_start:
                continue
            if end < len(words) and end - start == 1 and _MARK.match(words[start].text):
                continue
            part = words[start:end]
            pieces.append(_Piece(k, part, line.cy, part[0].x0, max(w.x1 for w in part)))
            start = end
    return pieces


def _row_rules(joined: list[HRule], codes: list[_Piece]) -> list[HRule]:
    """The rules that cross every code cell and are at least twice as long as the widest
    (an underline is no rule), top to bottom."""
    left, right = min(p.x0 for p in codes), max(p.x1 for p in codes)
    widest = max(p.x1 - p.x0 for p in codes)
    return [r for r in joined if r.spans(left, right) and r.x1 - r.x0 >= 2 * widest]


def _ruled_above(lines: list[TextLine], rules: list[HRule], pieces: list[_Piece]) -> bool:
    """Whether one of ``rules`` lies between each piece's line and the line above it."""
    heights = [r.y for r in rules]
    return bool(rules) and all(
        bisect_left(heights, lines[p.line].cy) > bisect_right(heights, lines[p.line - 1].cy)
        for p in pieces
        if p.line > 0
    )


def top_align(
    lines: list[TextLine], rules: Sequence[HRule], tables: TableQuestions
) -> list[TextLine]:
    """Lines of a table ruled between its rows rebuilt so that each cell starts on its
    row's first line.

    A *row* is the space between two rules that cross the cells starting with a disclosure
    code (rules at least twice as long as the widest: an underline is no rule) and holds
    one code's line alone. A cell's text is the pieces of text between the rules above and
    below it that overlap one another across; its lines are set on the row's lines from the first.
    A cell merged over several rows (a topic beside its metrics: the rules between those
    rows stop at its edge) goes to the top of the first. Nothing changes unless some row
    has a cell of its own with text above its code's line: cells centred or set at the
    bottom of their row."""
    pieces = _pieces(lines)
    joined = _joined(rules)
    # Cheaply first: the pieces that may start with a code (all that do, and some more). A
    # rule right above each one's line, and the rows start with their codes: no change.
    maybe = [p for p in pieces if tables.may_hold_rows(" ".join(w.text for w in p.words[:3]))]
    if len(maybe) < 2 or _ruled_above(lines, _row_rules(joined, maybe), maybe):
        return lines
    codes = [p for p in maybe if starts_row(p.words, tables)]
    if len(codes) < 2:
        return lines
    row_rules = _row_rules(joined, codes)
    if not row_rules or _ruled_above(lines, row_rules, codes):
        return lines
    table = _RuledRows(lines, row_rules, codes, tables)
    cells, lifted = table.cells(pieces)
    if not lifted:
        return lines
    out: list[TextLine] = []
    done: set[int] = set()
    for line in lines:
        r = table.row_of(line.cy)
        if r is None:
            out.append(line)
        elif r not in done:
            done.add(r)
            out += _stacked(cells.get(r, []), table.rows[r])
    return out


class _RuledRows:
    """The rows of a table ruled between them: each the space between two of ``rules`` (top
    to bottom) that holds the line of one code alone (``codes``: the pieces that start a
    row), as (top, bottom)."""

    def __init__(
        self,
        lines: list[TextLine],
        rules: list[HRule],
        codes: list[_Piece],
        tables: TableQuestions,
    ) -> None:
        self.lines = lines
        self.rules = rules
        self.heights = [r.y for r in rules]
        self.code_lines: dict[tuple[float, float], set[int]] = {}  # the lines of codes between
        for p in codes:
            bounds = _between(rules, self.heights, p)
            if bounds is not None:
                self.code_lines.setdefault(bounds, set()).add(p.line)
        self.rows: list[tuple[float, float]] = []
        for bounds in sorted(b for b, found in self.code_lines.items() if len(found) == 1):
            code_y = self._code_y(bounds)
            if any(
                bounds[0] < line.cy < code_y and is_header(line.words, tables) for line in lines
            ):
                continue  # the space above the table's first rule holds its header: no row
            if not self.rows or bounds[0] >= self.rows[-1][1]:
                self.rows.append(bounds)
        self.tops = [top for top, _ in self.rows]

    def _code_y(self, bounds: tuple[float, float]) -> float:
        """The height of the code's line between the rules at ``bounds``."""
        return self.lines[min(self.code_lines[bounds])].cy

    def row_of(self, y: float) -> int | None:
        """The row at height ``y``; in the narrow gap between two rows drawn as boxes of
        their own (the bottom of one, the top of the next), the next."""
        rows = self.rows
        r = bisect_right(self.tops, y) - 1
        if r >= 0 and y < rows[r][1]:
            return r
        return r + 1 if r + 1 < len(rows) and rows[r + 1][0] - y < THIN else None

    def cells(self, pieces: list[_Piece]) -> tuple[dict[int, list[_Piece]], bool]:
        """Each row's pieces, a piece of a cell merged over several rows in the first; and
        whether some row's own cell has text above the row's code (``lifted``)."""
        cells: dict[int, list[_Piece]] = {}
        lifted = False
        for piece in pieces:
            r = self.row_of(piece.cy)
            if r is None:
                continue
            bounds = _between(self.rules, self.heights, piece)
            if bounds == self.rows[r]:
                lifted = lifted or piece.cy < self._code_y(bounds)
            elif bounds is not None and bounds[0] < self.rows[r][0]:
                first = self.row_of(bounds[0] + 0.01)  # a merged cell: the row its top rule opens
                if first is not None and self.rows[first][0] == bounds[0]:
                    r = first
            cells.setdefault(r, []).append(piece)
        return cells, lifted


def _joined(rules: Sequence[HRule]) -> list[HRule]:
    """Rules at one height (to half a point) that meet or nearly meet, joined into one: a
    row's rule is often drawn as each cell's own border, with a small gap between
    columns."""
    joined: list[HRule] = []
    level = -1
    for rule in sorted(rules, key=lambda r: (round(2 * r.y), r.x0)):
        last = joined[-1] if joined else None
        if last is not None and round(2 * rule.y) == level and rule.x0 <= last.x1 + _GAP:
            if rule.x1 > last.x1:
                joined[-1] = HRule(last.y, last.x0, rule.x1)
        else:
            joined.append(rule)
            level = round(2 * rule.y)
    return joined


def _between(rules: list[HRule], heights: list[float], piece: _Piece) -> tuple[float, float] | None:
    """The nearest of ``rules`` (sorted by ``heights``) above and below ``piece`` that
    cross it."""
    i = bisect_left(heights, piece.cy)
    above = next((r.y for r in reversed(rules[:i]) if r.spans(piece.x0, piece.x1)), None)
    below = next((r.y for r in rules[i:] if r.spans(piece.x0, piece.x1)), None)
    return None if above is None or below is None else (above, below)


def _stacked(pieces: list[_Piece], bounds: tuple[float, float]) -> list[TextLine]:
    """One row's lines: each cell's pieces (pieces overlapping across, in line order) set
    from the row's first line down."""
    columns: list[list[_Piece]] = []
    right = float("-inf")
    for piece in sorted(pieces, key=operator.attrgetter("x0")):
        if columns and piece.x0 < right:
            columns[-1].append(piece)
            right = max(right, piece.x1)
        else:
            columns.append([piece])
            right = piece.x1
    stacked: list[list[Word]] = []
    for column in columns:
        order = sorted({p.line for p in column})
        for p in column:
            j = order.index(p.line)
            while len(stacked) <= j:
                stacked.append([])
            p.words[0].cell_start = True
            stacked[j].extend(p.words)
    top, bottom = bounds
    step = (bottom - top) / (len(stacked) + 1)
    out = []
    for j, words in enumerate(stacked):
        words.sort(key=_by_x0)
        size = max(w.size for w in words)
        y0 = top + (j + 0.5) * step
        out.append(
            TextLine(
                "",
                y0,
                y0 + min(step, size * EM),
                words[0].x0,
                max(w.x1 for w in words),
                size,
                words,
            )
        )
    return out
