"""What pdfium gives of one PDF page, in display coordinates (points from the top-left
corner of the page as it is shown: crop box and ``/Rotate`` applied, y growing downwards):
pdfium's own lines of text, its runs of characters with their boxes, and the horizontal rules
drawn on the page; and the words and lines that :mod:`xesg.load.pdf_layout` builds from them.
"""

from __future__ import annotations

import ctypes
import re
from typing import TYPE_CHECKING, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

if TYPE_CHECKING:
    from xesg.load.questions import TableQuestions

BAND = 0.08  # header and footer bands: this share of the page height at the top and bottom


def _hyphens(text: str) -> str:
    """pdfium marks a hyphen it joined across a line break with U+FFFE; U+0002 likewise: each
    becomes "-". (``str.replace`` finds them in C; ``str.translate`` with a table looks up every
    character: about a fifth of the time pdfium takes to extract the page's text.)"""
    return text.replace("\ufffe", "-").replace("\x02", "-")


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


EM = 1.15  # a loose character box is about 1.15 em tall


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
    return [line.rstrip() for line in _hyphens(text).split("\r\n")]


def band_lines(textpage: pdfium.PdfTextPage, frame: PageFrame, room: int) -> list[str]:
    """pdfium's lines of text in the header band, then in the footer band. ``room``: how
    many characters a band may hold (the page's text length), so that pdfium writes each
    band into a buffer at once instead of first counting its characters — each call goes
    through every character of the page."""
    buffer = (ctypes.c_ushort * (room + 2))()
    address = ctypes.addressof(buffer)
    found: list[str] = []
    for left, bottom, right, top in frame.band_rects():
        bounded = pdfium_c.FPDFText_GetBoundedText
        written = bounded(textpage.raw, left, top, right, bottom, buffer, room + 2)
        if written > room:  # perhaps cut short (no room left for the closing NUL)
            text = textpage.get_text_bounded(left, bottom, right, top)
        else:  # the characters and a closing NUL
            text = ctypes.string_at(address, 2 * max(written - 1, 0)).decode("utf-16-le", "ignore")
        found.extend(plain_lines(text))
    return [line for line in found if line.strip()]


# --- runs of characters and rules ----------------------------------------------------------


# A run ends at white space, or after a hyphen pdfium joined across a line break.
_RUN = re.compile("[^\\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")


def read_runs(textpage: pdfium.PdfTextPage, text: str, count: int, frame: PageFrame) -> list[Run]:
    """pdfium's runs of characters with their display boxes, in content order. Loose boxes
    (the font's height, the glyph's advance) keep one line's boxes level across glyphs."""
    raw, loose_box = textpage.raw, pdfium_c.FPDFText_GetLooseCharBox
    rect = pdfium_c.FS_RECTF()
    at = ctypes.byref(rect)
    to_display = frame.rect
    if len(text) != count:  # pdfium's text does not map 1:1 to its characters: one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    runs: list[Run] = []
    for match in _RUN.finditer(text):
        first, last = match.start(), match.end() - 1
        # The two boxes are joined in page coordinates, then turned once: every display
        # coordinate grows or shrinks with one page coordinate, so the join is the same.
        box = None
        if loose_box(raw, first, at) and rect.right > rect.left:
            box = (rect.left, rect.bottom, rect.right, rect.top)
        if last > first and loose_box(raw, last, at) and rect.right > rect.left:
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
        runs.append(Run(x0, x1, y0, y1, _hyphens(match.group()), first))
    return runs


class HRule(NamedTuple):  # a named tuple: cheap to build, and built for every path object
    """A horizontal line drawn on the page (display coordinates): a table's rule, or the top
    or bottom edge of a box (a cell's border or its fill)."""

    y: float
    x0: float
    x1: float

    def spans(self, x0: float, x1: float) -> bool:
        return self.x0 <= x0 + 1.0 and self.x1 >= x1 - 1.0


THIN = 2.0  # points: a path no taller than this is a rule
_SHORTEST = 10.0  # points: a shorter path is no rule (a dash, a bullet)


def read_rules(page: pdfium.PdfPage, frame: PageFrame) -> list[HRule]:
    """The page's horizontal rules and the top and bottom edges of its boxes (a cell's
    border or fill, a header's band), from the bounds of its path objects (through
    pdfium's functions, not pypdfium2's page objects: about a microsecond per object)."""
    raw = page.raw
    edges = [ctypes.c_float() for _ in range(4)]
    at = [ctypes.byref(edge) for edge in edges]
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    path = pdfium_c.FPDF_PAGEOBJ_PATH
    across = 0 if frame.rotation in (0, 180) else 1  # the page's axis shown horizontally
    rules: list[HRule] = []
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = get_object(raw, i)
        if get_type(obj) != path or not get_bounds(obj, *at):
            continue
        box = [edge.value for edge in edges]
        if box[2 + across] - box[across] < _SHORTEST:
            continue  # narrow on the page as shown: a vertical rule, a dot, a mark
        x0, y0, x1, y1 = frame.rect(*box)
        if x1 - x0 < _SHORTEST:
            continue
        if y1 - y0 <= THIN:
            rules.append(HRule((y0 + y1) / 2, x0, x1))
        else:
            rules += (HRule(y0, x0, x1), HRule(y1, x0, x1))
    return rules


def cells_text(words: list[Word]) -> str:
    """The words as the index parser reads a line: two spaces before a cell's first word."""
    out = ""
    for k, word in enumerate(words):
        out += ("  " if k and word.cell_start else " " if k else "") + word.text
    return out


def starts_row(words: list[Word], tables: TableQuestions) -> bool:
    return tables.starts_row(cells_text(words))


def is_header(words: list[Word], tables: TableQuestions) -> bool:
    return tables.is_header(cells_text(words))
