"""Read a PDF's pages with pypdfium2: each page's lines, its header/footer band lines and
whether its text layer can be trusted — in one process, or split across several.

Each page is read once and closed. Its text is pdfium's own plain text, except on pages that
look like a content index (several disclosure-code shapes in the plain text, or a page next
to one that has a code or two): there the text is rebuilt from character boxes as layout
text (:mod:`xesg.load.pdf_layout`).

pdfium is not thread-safe, so a long PDF is read by forked processes, each opening the file
itself and reading a contiguous run of pages; the pages are what pdfium gives whatever the
split (a run looks one page beyond each end to decide layout text, as one pass would). A
worker that fails leaves its pages to this process. The command line starts the reading
before it loads the rest of xesg (:class:`PageReading`), so that start-up and reading
overlap; this module imports nothing the workers do not need: no data models.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
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
from xesg.load.questions import TableQuestions
from xesg.processes import Forked, can_fork

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
# Fewer pages than this per process and forking costs more than it saves.
MIN_PAGES_PER_PROCESS = 40
# Each run is 1 / (RUN_SHARE × processes) of the pages left, and at least this many pages.
RUN_SHARE = 2
MIN_PAGES_PER_RUN = 4

Progress = Callable[[int, int], None]  # (pages read, pages in all)


# Named tuples, not dataclasses: this module loads before the reading starts (see
# xesg.cli), and the dataclasses module alone takes ~4 ms to load.
class PageText(NamedTuple):
    text: str  # its lines, joined by line breaks (one string pickles far faster than many)
    band: list[str]  # lines in the header and footer bands
    unreadable: str | None = None
    page_label: str = ""  # the PDF's /PageLabels label, "" where it has none


Done = dict[int, list[PageText]]  # the pages of each run read, by run number


class PageReading:
    """A PDF whose pages are being read. Long enough, and ``jobs`` allowing, the pages are cut
    into runs that worker processes and this one take from a shared queue (a pipe of run
    numbers, as make's job server hands out tokens): the workers start at once, this process
    joins in when it asks for the result — after loading the rest of xesg, when the command
    line started the reading first — so whoever is free reads the next run. A PDF that
    cannot be opened raises its :class:`InputError` from :meth:`result`, so errors keep
    their order."""

    def __init__(self, path: str, jobs: int, tables: TableQuestions) -> None:
        self._tables = tables
        self._error: InputError | None = None
        self._children: list[Forked[Done]] = []  # readers taking runs from the queue
        self._queue: int | None = None  # read end of the pipe of run numbers
        try:
            self._document: pdfium.PdfDocument | None = open_pdf(path)
        except InputError as exc:
            self._document, self._error = None, exc
            return
        self.count = len(self._document)
        workers = _workers(jobs, self.count)
        self._runs = _runs(self.count, workers)
        if workers > 1:
            self._queue = _queue(len(self._runs))
            self._children = [
                _fork_reader(path, self._queue, self._runs, tables) for _ in range(workers - 1)
            ]

    def result(self, progress: Progress | None = None) -> list[PageText]:
        if self._document is None:
            assert self._error is not None
            raise self._error
        document, count = self._document, self.count
        try:
            done: Done = {}
            if self._queue is None:
                done[0] = read_range(document, 0, count, self._tables, progress)
            else:
                report = _counted(progress, count)
                done = _take_runs(document, self._queue, self._runs, self._tables, report)
                while self._children:
                    got = self._children.pop(0).result() or {}  # none from a failed reader
                    done.update(got)
                    report(sum(stop - start for start, stop in (self._runs[r] for r in got)))
                for number, (start, stop) in enumerate(self._runs):
                    if number not in done:  # a worker failed: read its runs here
                        done[number] = read_range(document, start, stop, self._tables)
                        report(stop - start)
            texts = [page for number in sorted(done) for page in done[number]]
        finally:
            document.close()
            self._document = None
            if self._queue is not None:
                os.close(self._queue)
                self._queue = None
        return texts

    def close(self) -> None:
        """Stop reading: the pages are not wanted (nothing to do after :meth:`result`)."""
        while self._children:
            self._children.pop().cancel()
        if self._queue is not None:
            os.close(self._queue)
            self._queue = None
        if self._document is not None:
            self._document.close()
            self._document = None


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


# --- several processes -------------------------------------------------------------------


def _workers(jobs: int, count: int) -> int:
    if jobs <= 1 or not can_fork():
        return 1
    return max(1, min(jobs, count // MIN_PAGES_PER_PROCESS))


def _runs(count: int, workers: int) -> list[tuple[int, int]]:
    """Runs of pages, shorter and shorter (guided self-scheduling): each is a share of the
    pages left, so that a process that starts late still gets a share, and the processes
    finish close together, even when the last pages (an index, read as layout text) cost
    several times the others."""
    if workers <= 1:
        return [(0, count)]
    runs = []
    start = 0
    while start < count:
        size = max(MIN_PAGES_PER_RUN, -(-(count - start) // (RUN_SHARE * workers)))
        runs.append((start, min(start + size, count)))
        start += size
    return runs


def _queue(runs: int) -> int:
    """A pipe holding every run number (two bytes each); reading one takes that run."""
    read_end, write_end = os.pipe()
    # All written before any reader starts: they fit in the pipe (runs are few), and then
    # each two-byte read, atomic under the pipe's lock, takes one whole number.
    os.write(write_end, b"".join(n.to_bytes(2, "big") for n in range(runs)))
    os.close(write_end)  # readers see the end of the queue once it is empty
    return read_end


def _take_runs(
    document: pdfium.PdfDocument,
    queue: int,
    runs: list[tuple[int, int]],
    tables: TableQuestions,
    progress: Callable[[int], None] | None = None,
) -> Done:
    done = {}
    while len(token := os.read(queue, 2)) == 2:
        number = int.from_bytes(token, "big")
        start, stop = runs[number]
        done[number] = read_range(document, start, stop, tables)
        if progress is not None:
            progress(stop - start)
    return done


def _counted(progress: Progress | None, count: int) -> Callable[[int], None]:
    """A callback adding pages read to a running total reported to ``progress``."""
    total = [0]

    def add(pages: int) -> None:
        total[0] += pages
        if progress is not None:
            progress(total[0], count)

    return add


def _fork_reader(
    path: str, queue: int, runs: list[tuple[int, int]], tables: TableQuestions
) -> Forked[Done]:
    """Start a process that takes runs from ``queue`` until it is empty; its result is what
    it read."""
    return Forked(lambda: _take_runs(open_pdf(path), queue, runs, tables))


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
) -> list[PageText]:
    """Pages [start, stop). A page with a code or two but not enough to look like an index
    stays open until the next page is read: layout text if that one is an index page."""
    texts: list[PageText | None] = [None] * (stop - start)
    held: _Loaded | None = None
    # Whether the page before is index-like matters only for a page with a code or two: the
    # page before the run is looked at only then.
    previous_index: bool | None = False if start == 0 else None
    for i in range(start, stop):
        loaded = _load(document, i, tables)
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
                previous_index = _codes_on(document, start - 1, tables) >= _INDEX_CODES
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
        after = stop < len(document) and _codes_on(document, stop, tables) >= _INDEX_CODES
        texts[held.number - start] = _finish(held, after, tables)
    # Each page's /PageLabels label too, read here: the process that reads a run labels it.
    return [
        (t if t is not None else PageText("", []))._replace(page_label=_page_label(document, i))
        for i, t in enumerate(texts, start)
    ]


def _codes_on(document: pdfium.PdfDocument, index: int, tables: TableQuestions) -> int:
    loaded = _load(document, index, tables)
    if isinstance(loaded, PageText):
        return 0
    loaded.textpage.close()
    loaded.page.close()
    return loaded.codes


def _load(document: pdfium.PdfDocument, index: int, tables: TableQuestions) -> _Loaded | PageText:
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
