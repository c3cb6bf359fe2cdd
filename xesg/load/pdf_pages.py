"""Read a PDF's pages with pypdfium2: each page's lines, its header/footer band lines and
whether its text layer can be trusted — plain functions over a run of pages.

Each page is read once and closed. Its text is pdfium's own plain text, except on pages that
look like a content index (several disclosure-code shapes in the plain text, or a page next
to one that has a code or two): there the text is rebuilt from character boxes as layout
text (:mod:`xesg.load.pdf_layout`).

The pages are what pdfium gives whatever runs they are read in (a run looks one page beyond
each end to decide layout text, as one pass would): :mod:`xesg.processes` reads runs in
bounded reader processes, started before the rest of xesg loads; this module imports
nothing those readers do not need: no data models.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from xesg.errors import InputError
from xesg.load.guard import MAX_PAGE_CHARS, MAX_PAGES, check_count
from xesg.load.pdf_geometry import (
    PageFrame,
    band_lines,
    in_band,
    plain_lines,
    read_rules,
    read_runs,
)
from xesg.load.pdf_layout import layout_lines
from xesg.load.pdf_quality import unreadable_reason
from xesg.load.pdf_text import PageText, Progress
from xesg.load.questions import TableQuestions

_TOO_MUCH_TEXT = f"more than {MAX_PAGE_CHARS:,} characters of text, the limit for a page"
_INDEX_CODES = 3  # distinct code cells on a page that make it look like an index
_IMAGE_SHARE = 0.3  # an image covering this share of a text-less page makes it a scan
# All the text a scanned page may have: its number ("12", "Page 12", "- 12 -", "p. 12").
_STAMP = re.compile(r"^\W*(?:p(?:age)?\.?\W*)?\d{1,4}\W*$", re.IGNORECASE)
_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "the PDF is encrypted and needs a password to open",
    pdfium_c.FPDF_ERR_SECURITY: "the PDF uses an unsupported encryption (security handler)",
    pdfium_c.FPDF_ERR_FORMAT: "not a readable PDF (corrupt or truncated)",
    pdfium_c.FPDF_ERR_FILE: "cannot open the file",
}

_NONE: Mapping[int, str] = MappingProxyType({})


def read_pages(
    path: str, tables: TableQuestions, progress: Progress | None = None
) -> list[PageText]:
    """Every page of the PDF at ``path``, read in this process."""
    document = open_pdf(path)
    try:
        return read_range(document, 0, len(document), tables, progress)
    finally:
        document.close()


def open_pdf(path: str) -> pdfium.PdfDocument:
    """Open with no password (owner-password-only PDFs open so); check there are pages, and
    not more than MAX_PAGES."""
    raw = pdfium_c.FPDF_LoadDocument((path + "\x00").encode("utf-8"), None)
    if not raw:
        reason = _ERRORS.get(pdfium_c.FPDF_GetLastError(), "not a readable PDF")
        raise InputError(f"{path}: {reason}")
    count = pdfium_c.FPDF_GetPageCount(raw)
    if count < 1 or count > MAX_PAGES:
        pdfium_c.FPDF_CloseDocument(raw)
        check_count(path, count, MAX_PAGES, "pages")  # too many: read none of them
        raise InputError(f"{path}: the PDF has no pages")
    return pdfium.PdfDocument(raw)


def _page_label(document: pdfium.PdfDocument, index: int) -> str:
    try:
        return str(document.get_page_label(index)).strip()
    except (pdfium.PdfiumError, UnicodeDecodeError):
        return ""


# --- one run of pages --------------------------------------------------------------------


class _Loaded(NamedTuple):
    """A page open in pdfium, its plain text extracted, waiting to be finished."""

    number: int  # its index in the document
    page: pdfium.PdfPage
    textpage: pdfium.PdfTextPage
    text: str
    chars: int  # pdfium's count of its characters
    codes: int


def read_range(
    document: pdfium.PdfDocument,
    start: int,
    stop: int,
    tables: TableQuestions,
    progress: Progress | None = None,
    skip: Mapping[int, str] = _NONE,
    starting: Callable[[int], None] | None = None,
) -> list[PageText]:
    """Pages [start, stop). A page with a code or two but not enough to look like an index
    stays open until the next page is read: layout text if that one is an index page.
    Pages in ``skip`` are not loaded: each is unreadable for the reason given.
    ``starting(i)`` is called before page ``i`` is loaded (also to look at a neighbour)."""
    texts: list[PageText | None] = [None] * (stop - start)
    held: _Loaded | None = None
    # Whether the page before is index-like matters only for a page with a code or two: the
    # page before the run is looked at only then.
    previous_index: bool | None = False if start == 0 else None
    for i in range(start, stop):
        loaded = _load(document, i, tables, skip, starting)
        if isinstance(loaded, PageText):
            if held is not None:
                texts[held.number - start] = _finish(held, False, tables)
                held = None
            texts[i - start] = loaded
            previous_index = False
        else:
            index_like = loaded.codes >= _INDEX_CODES
            if held is not None:
                texts[held.number - start] = _finish(held, index_like, tables)
                held = None
            if loaded.codes and not index_like and previous_index is None:
                previous_index = (
                    _codes_on(document, start - 1, tables, skip, starting) >= _INDEX_CODES
                )
            if index_like or (previous_index and loaded.codes):
                texts[i - start] = _finish(loaded, True, tables)
            elif loaded.codes:
                held = loaded
            else:
                texts[i - start] = _finish(loaded, False, tables)
            previous_index = index_like
        if progress is not None:
            progress(i + 1 - start, stop - start)
    if held is not None:
        # The page after the run decides, as it would in one pass over the whole document.
        after = (
            stop < len(document)
            and _codes_on(document, stop, tables, skip, starting) >= _INDEX_CODES
        )
        texts[held.number - start] = _finish(held, after, tables)
    # Each page's /PageLabels label too, read here: the process that reads a run labels it.
    return [
        (t if t is not None else PageText("", []))._replace(page_label=_page_label(document, i))
        for i, t in enumerate(texts, start)
    ]


def _codes_on(
    document: pdfium.PdfDocument,
    index: int,
    tables: TableQuestions,
    skip: Mapping[int, str],
    starting: Callable[[int], None] | None,
) -> int:
    loaded = _load(document, index, tables, skip, starting)
    if isinstance(loaded, PageText):
        return 0
    loaded.textpage.close()
    loaded.page.close()
    return loaded.codes


def _load(
    document: pdfium.PdfDocument,
    index: int,
    tables: TableQuestions,
    skip: Mapping[int, str],
    starting: Callable[[int], None] | None,
) -> _Loaded | PageText:
    if index in skip:
        return PageText("", [], skip[index])
    if starting is not None:
        starting(index)
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return PageText("", [], "a damaged page pdfium cannot load")
    try:
        textpage = page.get_textpage()
        count = textpage.count_chars()
        if count > MAX_PAGE_CHARS:  # no page holds so much: not extracted, not searched
            textpage.close()
            page.close()
            return PageText("", [], _TOO_MUCH_TEXT)
        text = textpage.get_text_range() if count > 0 else ""
    except pdfium.PdfiumError:
        page.close()
        return PageText("", [], "text that pdfium cannot extract")
    codes = tables.code_cells(text)
    return _Loaded(index, page, textpage, text, count, codes)


def _finish(loaded: _Loaded, layout: bool, tables: TableQuestions) -> PageText:
    page, textpage = loaded.page, loaded.textpage
    try:
        frame = PageFrame(page.get_bbox(), page.get_rotation())
        if not loaded.text.strip():
            return PageText("", [], _image_reason(page, frame))
        unreadable = unreadable_reason(loaded.text)
        if unreadable is None and _STAMP.match(loaded.text):
            # A scan with a page number stamped on it (a photo with a title is no scan).
            unreadable = _image_reason(page, frame)
        if layout and unreadable is None:
            runs = read_runs(textpage, loaded.text, loaded.chars, frame)
            lines = layout_lines(runs, frame, tables, read_rules(page, frame))
            band = [line.text for line in lines if line.text.strip() and in_band(line, frame)]
            return PageText("\n".join(line.text for line in lines), band)
        band = band_lines(textpage, frame, len(loaded.text))
        return PageText("\n".join(plain_lines(loaded.text)), band, unreadable)
    except pdfium.PdfiumError:
        # Geometry failed (a damaged page): keep pdfium's text, without its bands.
        return PageText("\n".join(plain_lines(loaded.text)), [], unreadable_reason(loaded.text))
    finally:
        textpage.close()
        page.close()


def _image_reason(page: pdfium.PdfPage, frame: PageFrame) -> str | None:
    """A page without text: a scan when an image covers much of it; blank otherwise."""
    area = max(frame.width * frame.height, 1.0)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        try:
            left, bottom, right, top = obj.get_bounds()
        except pdfium.PdfiumError:
            continue
        if (right - left) * (top - bottom) >= _IMAGE_SHARE * area:
            return "an image without a text layer (a scan?)"
    return None
