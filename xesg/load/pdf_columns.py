"""Pages set in two text columns: a wide empty gutter down the middle of the text, told
apart from the gap between two columns of one table, makes the page read left column first."""

from __future__ import annotations

import itertools

from xesg.load.pdf_geometry import PageFrame, TextLine, Word, in_band, is_header, starts_row
from xesg.load.questions import TableQuestions


def reading_order(
    lines: list[TextLine], frame: PageFrame, size: float, tables: TableQuestions
) -> list[tuple[TextLine, float]]:
    """Lines top to bottom; with a text gutter, each band of two columns left then right.

    Returns each line with the x shift to apply (the right column moved under the left)."""
    body = [line for line in lines if not in_band(line, frame)]
    gutter = _find_gutter(body, size)
    if gutter is None or not _split_at(body, gutter, tables):
        return [(line, 0.0) for line in lines]
    g0, g1 = gutter
    left_x = min(line.x0 for line in body)
    right_x = min((w.x0 for line in body for w in line.words if w.x0 >= g1), default=g1)
    ordered: list[tuple[TextLine, float]] = []
    left: list[TextLine] = []
    right: list[TextLine] = []

    def flush() -> None:
        ordered.extend((line, 0.0) for line in left)
        ordered.extend((line, right_x - left_x) for line in right)
        left.clear()
        right.clear()

    for line in lines:
        if in_band(line, frame) or any(w.x0 < g0 < w.x1 or w.x0 < g1 < w.x1 for w in line.words):
            flush()  # a line across the gutter (a title, a footnote) separates column bands
            ordered.append((line, 0.0))
            continue
        words_left = [w for w in line.words if w.x1 <= g0 + 0.5]
        words_right = [w for w in line.words if w.x0 >= g1 - 0.5]
        if words_left:
            left.append(_part(line, words_left))
        if words_right:
            part = _part(line, words_right)
            part.words[0].cell_start = False
            right.append(part)
    flush()
    return ordered


def _part(line: TextLine, words: list[Word]) -> TextLine:
    return TextLine("", line.y0, line.y1, words[0].x0, words[-1].x1, line.size, words)


def _find_gutter(body: list[TextLine], size: float) -> tuple[float, float] | None:
    """The widest vertical strip, near the middle of the text, that (almost) no line
    crosses."""
    if len(body) < 10:
        return None
    x_min = min(line.x0 for line in body)
    x_max = max(line.x1 for line in body)
    span = x_max - x_min
    if span <= 0:
        return None
    bins = max(1, int(span) + 1)
    steps = [0] * (bins + 1)  # +1 where a word starts, -1 after it ends; summed: coverage
    for line in body:
        for word in line.words:
            steps[int(word.x0 - x_min)] += 1
            steps[min(bins, int(word.x1 - x_min) + 1)] -= 1
    cover = list(itertools.accumulate(steps[:bins]))
    allowed = max(1, len(body) // 20)
    best: tuple[float, float] | None = None
    start = None
    for b in range(bins + 1):
        free = b < bins and cover[b] <= allowed
        if free and start is None:
            start = b
        elif not free and start is not None:
            lo, hi = x_min + start, x_min + b
            middle = (lo + hi) / 2
            wide = hi - lo >= max(1.5 * size, 8.0)
            central = x_min + 0.25 * span <= middle <= x_min + 0.75 * span
            if wide and central and (best is None or hi - lo > best[1] - best[0]):
                best = (lo, hi)
            start = None
    return best


def _split_at(body: list[TextLine], gutter: tuple[float, float], tables: TableQuestions) -> bool:
    """Whether the gutter separates two columns of text (or two halves of an index), not
    two columns of one table.

    Text columns have no column gaps inside them; an index set in two columns has rows
    (lines starting with a code) on both sides; an index beside a text column has its own
    header on its side only."""
    g0, g1 = gutter
    sides = [_Side(tables), _Side(tables)]
    spanning_header = False
    for line in body:
        parts = (
            [w for w in line.words if w.x1 <= g0 + 0.5],
            [w for w in line.words if w.x0 >= g1 - 0.5],
        )
        for side, words in zip(sides, parts, strict=True):
            if words:
                side.add(words)
        if all(parts) and is_header(line.words, tables):
            spanning_header = True
    left, right = sides
    total = left.chars + right.chars
    if min(left.lines, right.lines) < 5 or min(left.chars, right.chars) < 0.2 * total:
        return False
    if left.rows >= 3 and right.rows >= 3:
        return True  # an index set in two columns
    if spanning_header:
        return False  # one table whose header runs across the gap
    if left.rows >= 3:
        return left.header and not right.header and right.prose
    if right.rows >= 3:
        return right.header and not left.header and left.prose
    return left.prose and right.prose  # two columns of text


class _Side:
    """What lies on one side of a gutter."""

    def __init__(self, tables: TableQuestions) -> None:
        self.tables = tables
        self.lines = 0
        self.chars = 0
        self.rows = 0  # lines that start with a disclosure code
        self.gapped = 0  # lines with a column gap inside this side
        self.header = False

    def add(self, words: list[Word]) -> None:
        self.lines += 1
        self.chars += sum(len(w.text) for w in words)
        self.rows += starts_row(words, self.tables)
        self.gapped += any(w.cell_start for w in words[1:])
        self.header = self.header or is_header(words, self.tables)

    @property
    def prose(self) -> bool:
        return self.gapped < 0.15 * self.lines
