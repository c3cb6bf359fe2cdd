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

What pdfium gives (runs, rules, the page frame) is read by :mod:`xesg.load.pdf_geometry`. In
a table ruled between its rows, each cell's text is moved to the top of its row
(:mod:`xesg.load.pdf_ruled`): a table whose cells are centred vertically then reads as one
whose cells start level with the row's code, as the index parser expects. Two text columns
are told from a table's by :mod:`xesg.load.pdf_columns`.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence

from xesg.load.pdf_columns import reading_order
from xesg.load.pdf_geometry import EM, HRule, PageFrame, Run, TextLine, Word
from xesg.load.pdf_ruled import top_align
from xesg.load.questions import TableQuestions

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


def _words(row: list[Run]) -> list[Word]:
    """The line's words, left to right: runs next to each other in the content stream are
    separate words (pdfium put a space between them); runs from different places in the
    stream that touch are one word (a word drawn in pieces)."""
    row.sort(key=_by_x0)
    words: list[Word] = []
    previous: Run | None = None
    for run in row:
        size = run.h / EM
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
    runs: list[Run], frame: PageFrame, tables: TableQuestions, rules: Sequence[HRule] = ()
) -> list[TextLine]:
    """The page's lines, columns laid out with spaces, in reading order; ``tables`` tells
    index rows and headers apart, ``rules`` are the page's horizontal rules
    (:func:`read_rules`), which tell a table's rows apart."""
    if not runs:
        return []
    heights = sorted(r.h for r in runs)
    size = heights[len(heights) // 2] / EM
    lines: list[TextLine] = []
    for row in _group_lines(runs):
        words = _words(row)
        y0 = min(r.y0 for r in row)
        y1 = max(r.y1 for r in row)
        row_size = sorted(r.h for r in row)[len(row) // 2] / EM
        lines.append(TextLine("", y0, y1, words[0].x0, max(w.x1 for w in words), row_size, words))
    _mark_cells(lines, size)
    if rules:
        lines = top_align(lines, rules, tables)
    advances = sorted((r.x1 - r.x0) / len(r.text) for r in runs if len(r.text) >= 3)
    unit = max(0.85 * advances[len(advances) // 2], 0.5) if advances else size / 2
    ordered = reading_order(lines, frame, size, tables)
    out: list[TextLine] = []
    previous: TextLine | None = None
    for line, shift in ordered:
        if previous is not None and line.y0 - previous.y1 > 1.5 * max(line.size, 1.0):
            out.append(TextLine("", previous.y1, line.y0))
        line.text = _render(line.words, unit, shift).rstrip()
        out.append(line)
        previous = line
    return out
