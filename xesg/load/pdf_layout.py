"""Text of one PDF page, as lines, from pdfium's character boxes.

Two ways, chosen per page by :mod:`xesg.load.pdf`:

* **plain** — pdfium's own text (``FPDFText_GetText``), the speed floor; the lines in the
  header and footer bands are pdfium's text of those areas (``FPDFText_GetBoundedText``).
* **layout** — like ``pdftotext -layout``: pdfium's runs of characters between spaces,
  located by their first and last character, grouped into lines by their vertical position
  and into cells by the gaps between them; each cell is written at a column proportional to
  its x position, so that a table column gap becomes two or more spaces and the
  column-layout index parser (:mod:`xesg.index.parse`) reads the table. A page set in two
  text columns (a wide empty gutter down the middle) is written left column first. Used on
  pages that look like a content index only: each character located costs about a
  microsecond through ctypes, and two per word add up to about pdfium's whole extraction
  time for the page.

In a table ruled between its rows, each cell's text is moved to the top of its row (see
:func:`_top_align`): a table whose cells are centred vertically then reads as one whose
cells start level with the row's code, as the index parser expects.

Coordinates are *display* coordinates: points from the top-left corner of the page as it is
shown (crop box and ``/Rotate`` applied), y growing downwards.
"""

from __future__ import annotations

import ctypes
import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from xesg.load.questions import TableQuestions

BAND = 0.08  # header and footer bands: this share of the page height at the top and bottom
# pdfium marks a hyphen it joined across a line break with U+FFFE; U+0002 likewise.
_HYPHEN_MARKS = str.maketrans({"\ufffe": "-", "\x02": "-"})


class PageFrame:
    """Maps pdfium's page coordinates to display coordinates (crop box, rotation)."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.left, self.bottom, self.right, self.top = box
        self.rotation = rotation % 360
        wide = self.right - self.left
        tall = self.top - self.bottom
        self.width, self.height = (tall, wide) if self.rotation in (90, 270) else (wide, tall)

    def band_rects(self) -> list[tuple[float, float, float, float]]:
        """The header and footer bands as (left, bottom, right, top) in page coordinates."""
        band = BAND * self.height
        left, bottom, right, top = self.left, self.bottom, self.right, self.top
        if self.rotation == 90:
            return [(left, bottom, left + band, top), (right - band, bottom, right, top)]
        if self.rotation == 180:
            return [(left, bottom, right, bottom + band), (left, top - band, right, top)]
        if self.rotation == 270:
            return [(right - band, bottom, right, top), (left, bottom, left + band, top)]
        return [(left, top - band, right, top), (left, bottom, right, bottom + band)]

    def rect(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        """(x0, y0, x1, y1) on the displayed page, y0 above y1."""
        if self.rotation == 90:
            x0, x1, y0, y1 = (
                bottom - self.bottom,
                top - self.bottom,
                left - self.left,
                right - self.left,
            )
        elif self.rotation == 180:
            x0, x1, y0, y1 = (
                self.right - right,
                self.right - left,
                bottom - self.bottom,
                top - self.bottom,
            )
        elif self.rotation == 270:
            x0, x1, y0, y1 = (
                self.top - top,
                self.top - bottom,
                self.right - right,
                self.right - left,
            )
        else:
            x0, x1, y0, y1 = left - self.left, right - self.left, self.top - top, self.top - bottom
        return x0, y0, x1, y1  # fmt: skip


class Run:
    """Characters pdfium extracted without a space between them (a word, mostly), with the
    display box from their first and last character."""

    __slots__ = ("cy", "h", "order", "text", "x0", "x1", "y0", "y1")

    def __init__(self, x0: float, x1: float, y0: float, y1: float, text: str, order: int) -> None:
        self.x0, self.x1, self.y0, self.y1 = x0, x1, y0, y1
        self.cy = (y0 + y1) / 2
        self.h = y1 - y0
        self.text = text
        self.order = order  # position in the content stream


# Plain classes, not dataclasses: this module loads before the reading starts (see
# xesg.cli), and the dataclasses module and its decorator take ~6 ms there.
class Word:
    __slots__ = ("cell_start", "size", "text", "x0", "x1")

    def __init__(self, x0: float, x1: float, text: str, size: float) -> None:
        self.x0, self.x1 = x0, x1
        self.text = text
        self.size = size  # font size (points)
        self.cell_start = False  # first word of a table cell (a column gap before it)


class TextLine:
    """One line of a page: its text and where it sits."""

    __slots__ = ("size", "text", "words", "x0", "x1", "y0", "y1")

    def __init__(
        self,
        text: str,
        y0: float,
        y1: float,
        x0: float = 0.0,
        x1: float = 0.0,
        size: float = 0.0,
        words: list[Word] | None = None,
    ) -> None:
        self.text = text
        self.y0, self.y1, self.x0, self.x1 = y0, y1, x0, x1
        self.size = size
        self.words = words if words is not None else []

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def in_band(line: TextLine, frame: PageFrame) -> bool:
    return line.cy < BAND * frame.height or line.cy > (1 - BAND) * frame.height


# --- plain text --------------------------------------------------------------------------


def plain_lines(text: str) -> list[str]:
    """pdfium's own lines (it ends each with CR LF)."""
    return [line.rstrip() for line in text.translate(_HYPHEN_MARKS).split("\r\n")]


def band_lines(textpage: pdfium.PdfTextPage, frame: PageFrame, room: int) -> list[str]:
    """pdfium's lines of text in the header band, then in the footer band. ``room``: how
    many characters a band may hold (the page's text length), so that pdfium writes each
    band into a buffer at once instead of first counting its characters — each call goes
    through every character of the page."""
    raw = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    buffer = (ctypes.c_ushort * (room + 2))()
    address = ctypes.addressof(buffer)
    found: list[str] = []
    for left, bottom, right, top in frame.band_rects():
        written = _BOUNDED(raw, left, top, right, bottom, address, room + 2)
        if written > room:  # perhaps cut short (no room left for the closing NUL)
            text = textpage.get_text_bounded(left, bottom, right, top)
        else:  # the characters and a closing NUL
            text = ctypes.string_at(address, 2 * max(written - 1, 0)).decode("utf-16-le", "ignore")
        found.extend(plain_lines(text))
    return [line for line in found if line.strip()]


# --- layout text -------------------------------------------------------------------------


def _by_address(function: Any, *argtypes: type[Any]) -> Any:
    """The same C function (same calling convention) declared with ``argtypes`` in which
    every pointer is a plain address (``c_void_p``): ctypes then skips checking pointer
    types on every call (about 40 % less time a call, measured: it runs per character)."""
    if len(argtypes) != len(function.argtypes):
        raise TypeError(f"{function.__name__} takes {len(function.argtypes)} arguments")
    fast = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    fast.argtypes = argtypes
    fast.restype = function.restype
    return fast


_ADDRESS, _INT, _DOUBLE = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
# Arguments: textpage, character index, FS_RECTF pointer.
_LOOSE_BOX = _by_address(pdfium_c.FPDFText_GetLooseCharBox, _ADDRESS, _INT, _ADDRESS)
# Arguments: textpage, left, top, right, bottom, buffer of UTF-16 units, its length.
_BOUNDED = _by_address(
    pdfium_c.FPDFText_GetBoundedText, _ADDRESS, _DOUBLE, _DOUBLE, _DOUBLE, _DOUBLE, _ADDRESS, _INT
)
# A run ends at white space, or after a hyphen pdfium joined across a line break.
_RUN = re.compile("[^\\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")


def read_runs(textpage: pdfium.PdfTextPage, text: str, count: int, frame: PageFrame) -> list[Run]:
    """pdfium's runs of characters with their display boxes, in content order. Loose boxes
    (the font's height, the glyph's advance) keep one line's boxes level across glyphs."""
    raw = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    rect = pdfium_c.FS_RECTF()
    address = ctypes.addressof(rect)
    to_display = frame.rect
    if len(text) != count:  # pdfium's text does not map 1:1 to its characters: one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    runs: list[Run] = []
    for match in _RUN.finditer(text):
        first, last = match.start(), match.end() - 1
        # The two boxes are joined in page coordinates, then turned once: every display
        # coordinate grows or shrinks with one page coordinate, so the join is the same.
        box = None
        if _LOOSE_BOX(raw, first, address) and rect.right > rect.left:
            box = (rect.left, rect.bottom, rect.right, rect.top)
        if last > first and _LOOSE_BOX(raw, last, address) and rect.right > rect.left:
            left, bottom, right, top = box or (rect.left, rect.bottom, rect.right, rect.top)
            box = (
                min(left, rect.left),
                min(bottom, rect.bottom),
                max(right, rect.right),
                max(top, rect.top),
            )
        if box is None:
            continue
        x0, y0, x1, y1 = to_display(*box)
        runs.append(Run(x0, x1, y0, y1, match.group().translate(_HYPHEN_MARKS), first))
    return runs


class Rule(NamedTuple):  # a named tuple: cheap to build, and built for every path object
    """A horizontal line drawn on the page (display coordinates): a table's rule, or the top
    or bottom edge of a box (a cell's border or its fill)."""

    y: float
    x0: float
    x1: float

    def spans(self, x0: float, x1: float) -> bool:
        return self.x0 <= x0 + 1.0 and self.x1 >= x1 - 1.0


_THIN = 2.0  # points: a path no taller than this is a rule
_SHORTEST = 10.0  # points: a shorter path is no rule (a dash, a bullet)
_GAP = 6.0  # points: rules at one height this close are one rule (cells' borders)


# Page objects, by plain addresses (the page's, an object's; GetBounds: four float pointers).
_OBJECT = _by_address(pdfium_c.FPDFPage_GetObject, _ADDRESS, _INT)
_OBJECT.restype = _ADDRESS
_TYPE = _by_address(pdfium_c.FPDFPageObj_GetType, _ADDRESS)
_BOUNDS = _by_address(pdfium_c.FPDFPageObj_GetBounds, *[_ADDRESS] * 5)


def read_rules(page: pdfium.PdfPage, frame: PageFrame) -> list[Rule]:
    """The page's horizontal rules and the top and bottom edges of its boxes (a cell's
    border or fill, a header's band), from the bounds of its path objects: about a
    microsecond per object through ctypes."""
    raw = ctypes.cast(page.raw, ctypes.c_void_p).value
    box = (ctypes.c_float * 4)()
    at = [ctypes.addressof(box) + 4 * k for k in range(4)]
    path = pdfium_c.FPDF_PAGEOBJ_PATH
    across = 0 if frame.rotation in (0, 180) else 1  # the page's axis shown horizontally
    rules: list[Rule] = []
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = _OBJECT(raw, i)
        if _TYPE(obj) != path or not _BOUNDS(obj, *at):
            continue
        if box[2 + across] - box[across] < _SHORTEST:
            continue  # narrow on the page as shown: a vertical rule, a dot, a mark
        x0, y0, x1, y1 = frame.rect(*box)
        if x1 - x0 < _SHORTEST:
            continue
        if y1 - y0 <= _THIN:
            rules.append(Rule((y0 + y1) / 2, x0, x1))
        else:
            rules += (Rule(y0, x0, x1), Rule(y1, x0, x1))
    return rules


_by_cy = operator.attrgetter("cy")
_by_x0 = operator.attrgetter("x0")


def _group_lines(runs: list[Run]) -> list[list[Run]]:
    """Runs sharing a vertical position, top to bottom.

    A run joins the current line when its box overlaps the line's first run by half the
    smaller height: cells of one table row whose fonts differ (a bold 10 pt description
    beside a 7 pt code) share a line, consecutive lines of text do not. A few small
    characters left on a line of their own (footnote marks, subscripts) join the line they
    sit on.
    """
    rows: list[list[Run]] = []
    current: list[Run] = []
    ref_y0 = ref_y1 = ref_half = 0.0
    for run in sorted(runs, key=_by_cy):
        if current:
            top = ref_y0 if ref_y0 > run.y0 else run.y0
            bottom = ref_y1 if ref_y1 < run.y1 else run.y1
            half = run.h * 0.5
            if bottom - top >= (ref_half if ref_half < half else half):
                current.append(run)
                continue
        current = [run]
        rows.append(current)
        ref_y0, ref_y1, ref_half = run.y0, run.y1, run.h * 0.5
    merged: list[list[Run]] = []
    for row in rows:
        if merged and (_sits_on(row, merged[-1]) or _sits_on(merged[-1], row)):
            merged[-1].extend(row)
        else:
            merged.append(row)
    return merged


def _sits_on(marks: list[Run], line: list[Run]) -> bool:
    """``marks`` are a few small characters within the vertical span of ``line``."""
    if sum(len(r.text) for r in marks) > 4:
        return False
    top = min(r.y0 for r in line)
    bottom = max(r.y1 for r in line)
    tallest = max(r.h for r in line)
    return all(top <= r.cy <= bottom and r.h < 0.8 * tallest for r in marks)


_EM = 1.15  # a loose character box is about 1.15 em tall


def _words(row: list[Run]) -> list[Word]:
    """The line's words, left to right: runs next to each other in the content stream are
    separate words (pdfium put a space between them); runs from different places in the
    stream that touch are one word (a word drawn in pieces)."""
    row.sort(key=_by_x0)
    words: list[Word] = []
    previous: Run | None = None
    for run in row:
        size = run.h / _EM
        if previous is not None:
            if run.text == previous.text and abs(run.x0 - previous.x0) < 0.2 * size:
                continue  # the same text drawn twice (simulated bold)
            gap = run.x0 - previous.x1
            if (
                run.order != previous.order + len(previous.text) + 1
                and -0.5 * size < gap < 0.12 * size
            ):
                word = words[-1]
                word.text += run.text
                word.x1 = max(word.x1, run.x1)
                word.size = max(word.size, size)
                previous = run
                continue
        words.append(Word(run.x0, run.x1, run.text, size))
        previous = run
    return words


def _mark_cells(lines: list[TextLine], size: float) -> None:
    """Mark the words that start a table cell: after a gap of an em or more, or after a
    smaller gap (a cell filled to its edge) at an x where at least three lines start a
    cell or a line (a column's left edge)."""
    edges: dict[int, int] = {}
    for line in lines:
        starts = [line.words[0]]
        for prev, word in itertools.pairwise(line.words):
            if word.x0 - prev.x1 >= max(size, prev.size, word.size):
                word.cell_start = True
                starts.append(word)
        for word in starts:
            key = round(word.x0)
            edges[key] = edges.get(key, 0) + 1
    columns = {x for x, n in edges.items() if n >= 3}
    if not columns:
        return
    for line in lines:
        for prev, word in itertools.pairwise(line.words):
            if word.cell_start or word.x0 - prev.x1 < 0.45 * max(prev.size, word.size):
                continue
            key = round(word.x0)
            if key in columns or key - 1 in columns or key + 1 in columns:
                word.cell_start = True


def _render(words: list[Word], unit: float, shift: float = 0.0) -> str:
    out = ""
    for k, word in enumerate(words):
        column = max(0, round((word.x0 - shift) / unit))
        if k == 0:
            out = " " * column
        elif word.cell_start:
            out += " " * max(2, column - len(out))
        else:
            out += " "
        out += word.text
    return out


def layout_lines(
    runs: list[Run], frame: PageFrame, tables: TableQuestions, rules: Sequence[Rule] = ()
) -> list[TextLine]:
    """The page's lines, columns laid out with spaces, in reading order; ``tables`` tells
    index rows and headers apart, ``rules`` are the page's horizontal rules
    (:func:`read_rules`), which tell a table's rows apart."""
    if not runs:
        return []
    heights = sorted(r.h for r in runs)
    size = heights[len(heights) // 2] / _EM
    lines: list[TextLine] = []
    for row in _group_lines(runs):
        words = _words(row)
        y0 = min(r.y0 for r in row)
        y1 = max(r.y1 for r in row)
        row_size = sorted(r.h for r in row)[len(row) // 2] / _EM
        lines.append(TextLine("", y0, y1, words[0].x0, max(w.x1 for w in words), row_size, words))
    _mark_cells(lines, size)
    if rules:
        lines = _top_align(lines, rules, tables)
    advances = sorted((r.x1 - r.x0) / len(r.text) for r in runs if len(r.text) >= 3)
    unit = max(0.85 * advances[len(advances) // 2], 0.5) if advances else size / 2
    ordered = _reading_order(lines, frame, size, tables)
    out: list[TextLine] = []
    previous: TextLine | None = None
    for line, shift in ordered:
        if previous is not None and line.y0 - previous.y1 > 1.5 * max(line.size, 1.0):
            out.append(TextLine("", previous.y1, line.y0))
        line.text = _render(line.words, unit, shift).rstrip()
        out.append(line)
        previous = line
    return out


# --- tables ruled between their rows ----------------------------------------------------


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


def _row_rules(joined: list[Rule], codes: list[_Piece]) -> list[Rule]:
    """The rules that cross every code cell and are at least twice as long as the widest
    (an underline is no rule), top to bottom."""
    left, right = min(p.x0 for p in codes), max(p.x1 for p in codes)
    widest = max(p.x1 - p.x0 for p in codes)
    return [r for r in joined if r.spans(left, right) and r.x1 - r.x0 >= 2 * widest]


def _ruled_above(lines: list[TextLine], rules: list[Rule], pieces: list[_Piece]) -> bool:
    """Whether one of ``rules`` lies between each piece's line and the line above it."""
    heights = [r.y for r in rules]
    return bool(rules) and all(
        bisect_left(heights, lines[p.line].cy) > bisect_right(heights, lines[p.line - 1].cy)
        for p in pieces
        if p.line > 0
    )


def _top_align(
    lines: list[TextLine], rules: Sequence[Rule], tables: TableQuestions
) -> list[TextLine]:
    """Lines of a table ruled between its rows rebuilt so that each cell starts on its
    row's first line.

    A *row* is the space between two rules that cross the cells starting with a disclosure
    code (rules at least twice as long as the widest: an underline is no rule) and holds
    one code's line alone. A cell's text is the pieces of text between the rules above and below it
    that overlap one another across; its lines are set on the row's lines from the first.
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
    codes = [p for p in maybe if _starts_row(p.words, tables)]
    if len(codes) < 2:
        return lines
    row_rules = _row_rules(joined, codes)
    heights = [r.y for r in row_rules]
    if not row_rules or _ruled_above(lines, row_rules, codes):
        return lines
    code_lines: dict[tuple[float, float], set[int]] = {}
    for p in codes:
        bounds = _between(row_rules, heights, p)
        if bounds is not None:
            code_lines.setdefault(bounds, set()).add(p.line)
    rows: list[tuple[float, float]] = []
    for bounds in sorted(b for b, found in code_lines.items() if len(found) == 1):
        code_y = lines[min(code_lines[bounds])].cy
        if any(bounds[0] < line.cy < code_y and _is_header(line.words, tables) for line in lines):
            continue  # the space above the table's first rule holds its header: no row
        if not rows or bounds[0] >= rows[-1][1]:
            rows.append(bounds)
    tops = [top for top, _ in rows]

    def row_of(y: float) -> int | None:
        """The row at height ``y``; in the narrow gap between two rows drawn as boxes of
        their own (the bottom of one, the top of the next), the next."""
        r = bisect_right(tops, y) - 1
        if r >= 0 and y < rows[r][1]:
            return r
        return r + 1 if r + 1 < len(rows) and rows[r + 1][0] - y < _THIN else None

    cells: dict[int, list[_Piece]] = {}  # row → its pieces
    lifted = False  # some row's own cell has text above the row's code
    for piece in pieces:
        r = row_of(piece.cy)
        if r is None:
            continue
        bounds = _between(row_rules, heights, piece)
        if bounds == rows[r]:
            lifted = lifted or piece.cy < lines[min(code_lines[bounds])].cy
        elif bounds is not None and bounds[0] < rows[r][0]:
            first = row_of(bounds[0] + 0.01)  # a merged cell: the row its top rule opens
            if first is not None and rows[first][0] == bounds[0]:
                r = first
        cells.setdefault(r, []).append(piece)
    if not lifted:
        return lines
    out: list[TextLine] = []
    done: set[int] = set()
    for line in lines:
        r = row_of(line.cy)
        if r is None:
            out.append(line)
        elif r not in done:
            done.add(r)
            out += _stacked(cells.get(r, []), rows[r])
    return out


def _joined(rules: Sequence[Rule]) -> list[Rule]:
    """Rules at one height (to half a point) that meet or nearly meet, joined into one: a
    row's rule is often drawn as each cell's own border, with a small gap between
    columns."""
    joined: list[Rule] = []
    level = -1
    for rule in sorted(rules, key=lambda r: (round(2 * r.y), r.x0)):
        last = joined[-1] if joined else None
        if last is not None and round(2 * rule.y) == level and rule.x0 <= last.x1 + _GAP:
            if rule.x1 > last.x1:
                joined[-1] = Rule(last.y, last.x0, rule.x1)
        else:
            joined.append(rule)
            level = round(2 * rule.y)
    return joined


def _between(rules: list[Rule], heights: list[float], piece: _Piece) -> tuple[float, float] | None:
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
                y0 + min(step, size * _EM),
                words[0].x0,
                max(w.x1 for w in words),
                size,
                words,
            )
        )
    return out


# --- two-column pages --------------------------------------------------------------------


def _reading_order(
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
        if all(parts) and _is_header(line.words, tables):
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
        self.rows += _starts_row(words, self.tables)
        self.gapped += any(w.cell_start for w in words[1:])
        self.header = self.header or _is_header(words, self.tables)

    @property
    def prose(self) -> bool:
        return self.gapped < 0.15 * self.lines


def _cells_text(words: list[Word]) -> str:
    out = ""
    for k, word in enumerate(words):
        out += ("  " if k and word.cell_start else " " if k else "") + word.text
    return out


def _starts_row(words: list[Word], tables: TableQuestions) -> bool:
    return tables.starts_row(_cells_text(words))


def _is_header(words: list[Word], tables: TableQuestions) -> bool:
    return tables.is_header(_cells_text(words))
