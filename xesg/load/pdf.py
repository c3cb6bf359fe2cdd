"""Read a PDF report with pypdfium2: per-page text, printed page labels, unreadable pages.

Each page is read once and closed. Its text is pdfium's own plain text, except on pages that
look like a content index (several disclosure-code shapes in the plain text, or a page next
to one that has a code or two): there the text is rebuilt from character boxes as layout
text, columns separated by runs of spaces, which the column-layout index parser reads
(:mod:`xesg.load.pdf_layout`).

Printed labels come from the PDF's ``/PageLabels`` when it has them (unless most printed
numbers disagree with them), else from the numbers printed in the header and footer bands
(:mod:`xesg.load.pdf_labels`), else physical numbering. Pages whose text layer is empty (a
scan) or garbled are marked ``unreadable`` (:mod:`xesg.load.pdf_quality`); rule INP001
reports them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from xesg.errors import InputError
from xesg.index.columns import header_roles
from xesg.index.locate import is_row_start
from xesg.load.pdf_labels import PrintedLabels, candidates, printed_labels, running_lines, shape
from xesg.load.pdf_layout import (
    PageFrame,
    band_lines,
    in_band,
    layout_lines,
    plain_lines,
    read_runs,
)
from xesg.load.pdf_quality import unreadable_reason
from xesg.model.report import LabelSource, Page, Report

ENCODING = "pdfium text layer"
# Disclosure-code shapes, cheaply: HKEx "A1.2", GRI "305-1" / "2-9", SASB "FN-CB-410a.2".
_CODE_HINT = re.compile(
    r"(?<![\w.])(?:[AB]\d{1,2}(?:\.\d{1,2})?|[1-4]\d{2}[-‐‑–]\d{1,3}|[23][-‐‑–]\d{1,2}|"
    r"[A-Z]{2}[-‐‑–][A-Z]{2}[-‐‑–](?:\d{3}[a-z]\.\d{1,2}|000\.[A-Z]))(?![\w-])"
)
# What every code shape contains; a page without it needs no closer look.
_MAYBE_CODE = re.compile(r"[AB]\d|\d[-‐‑–]\d")
_INDEX_CODES = 3  # distinct code shapes on a page that make it look like an index
_IMAGE_SHARE = 0.3  # an image covering this share of a text-less page makes it a scan
# All the text a scanned page may have: its number ("12", "Page 12", "- 12 -", "p. 12").
_STAMP = re.compile(r"^\W*(?:p(?:age)?\.?\W*)?\d{1,4}\W*$", re.IGNORECASE)
_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "the PDF is encrypted and needs a password to open",
    pdfium_c.FPDF_ERR_SECURITY: "the PDF uses an unsupported encryption (security handler)",
    pdfium_c.FPDF_ERR_FORMAT: "not a readable PDF (corrupt or truncated)",
    pdfium_c.FPDF_ERR_FILE: "cannot open the file",
}


@dataclass
class _PageText:
    lines: list[str]
    band: list[str]  # lines in the header and footer bands
    unreadable: str | None = None


def read_pdf_report(
    path: Path,
    first_page: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Read the PDF at ``path``; raise :class:`InputError` (one line) when it cannot be.
    ``progress(pages_read, page_count)`` is called after each page."""
    digest = _sha256(path)
    document = _open(path)
    try:
        count = len(document)
        texts = _read_pages(document, count, progress)
        page_labels = [_page_label(document, i) for i in range(count)]
    finally:
        document.close()
    bands = [t.band for t in texts]
    printed = printed_labels(bands)
    labels, method = _labels(page_labels, printed, first_page)
    running = running_lines(bands)
    pages = []
    for i, (text, (label, source)) in enumerate(zip(texts, labels, strict=True)):
        pages.append(
            Page(
                number=i + 1,
                label=label,
                label_source=source,
                text="\n".join(text.lines),
                furniture=frozenset(_furniture(text, label, running)),
                unreadable=text.unreadable,
            )
        )
    return Report(
        path=str(path),
        encoding=ENCODING,
        pagination="pdf",
        pages=tuple(pages),
        label_method=method,
        sha256=digest,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return digest.hexdigest()


def _open(path: Path) -> pdfium.PdfDocument:
    """Open with no password (owner-password-only PDFs open so); check there are pages."""
    raw = pdfium_c.FPDF_LoadDocument((str(path) + "\x00").encode("utf-8"), None)
    if not raw:
        reason = _ERRORS.get(pdfium_c.FPDF_GetLastError(), "not a readable PDF")
        raise InputError(f"{path}: {reason}")
    if pdfium_c.FPDF_GetPageCount(raw) < 1:
        pdfium_c.FPDF_CloseDocument(raw)
        raise InputError(f"{path}: the PDF has no pages")
    return pdfium.PdfDocument(raw)


def _page_label(document: pdfium.PdfDocument, index: int) -> str:
    try:
        return str(document.get_page_label(index)).strip()
    except (pdfium.PdfiumError, UnicodeDecodeError):
        return ""


# --- pages -------------------------------------------------------------------------------


@dataclass
class _Loaded:
    """A page open in pdfium, its plain text extracted, waiting to be finished."""

    index: int
    page: pdfium.PdfPage
    textpage: pdfium.PdfTextPage
    text: str
    count: int
    codes: int


def _read_pages(
    document: pdfium.PdfDocument, count: int, progress: Callable[[int, int], None] | None
) -> list[_PageText]:
    """Every page's text. A page with a code or two but not enough to look like an index
    stays open until the next page is read: layout text if that one is an index page."""
    texts: list[_PageText | None] = [None] * count
    held: _Loaded | None = None
    previous_index = False
    for i in range(count):
        loaded = _load(document, i)
        if isinstance(loaded, _PageText):
            if held is not None:
                texts[held.index] = _finish(held, layout=False)
                held = None
            texts[i] = loaded
            previous_index = False
            if progress is not None:
                progress(i + 1, count)
            continue
        index_like = loaded.codes >= _INDEX_CODES
        if held is not None:
            texts[held.index] = _finish(held, layout=index_like)
            held = None
        if index_like or (previous_index and loaded.codes):
            texts[i] = _finish(loaded, layout=True)
        elif loaded.codes:
            held = loaded
        else:
            texts[i] = _finish(loaded, layout=False)
        previous_index = index_like
        if progress is not None:
            progress(i + 1, count)
    if held is not None:
        texts[held.index] = _finish(held, layout=False)
    return [t if t is not None else _PageText([], []) for t in texts]


def _load(document: pdfium.PdfDocument, index: int) -> _Loaded | _PageText:
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return _PageText([], [], "a damaged page pdfium cannot load")
    try:
        textpage = page.get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
    except pdfium.PdfiumError:
        page.close()
        return _PageText([], [], "text that pdfium cannot extract")
    codes = len(set(_CODE_HINT.findall(text))) if _MAYBE_CODE.search(text) else 0
    return _Loaded(index, page, textpage, text, count, codes)


def _finish(loaded: _Loaded, layout: bool) -> _PageText:
    page, textpage = loaded.page, loaded.textpage
    try:
        frame = PageFrame(page.get_bbox(), page.get_rotation())
        if not loaded.text.strip():
            return _PageText([], [], _image_reason(page, frame))
        unreadable = unreadable_reason(loaded.text)
        if unreadable is None and _STAMP.match(loaded.text):
            # A scan with a page number stamped on it (a photo with a title is no scan).
            unreadable = _image_reason(page, frame)
        if layout and unreadable is None:
            runs = read_runs(textpage, loaded.text, loaded.count, frame)
            lines = layout_lines(runs, frame)
            band = [line.text for line in lines if line.text.strip() and in_band(line, frame)]
            return _PageText([line.text for line in lines], band)
        return _PageText(plain_lines(loaded.text), band_lines(textpage, frame), unreadable)
    except pdfium.PdfiumError:
        # Geometry failed (a damaged page): keep pdfium's text, without its bands.
        return _PageText(plain_lines(loaded.text), [], unreadable_reason(loaded.text))
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


# --- labels ------------------------------------------------------------------------------


def _labels(
    page_labels: list[str], printed: PrintedLabels, first_page: int | None
) -> tuple[list[tuple[str | None, LabelSource]], str]:
    count = len(page_labels)
    if first_page is not None:
        return [(str(first_page + i), "override") for i in range(count)], "override"
    if not any(page_labels):
        return printed.labels, "header/footer" if printed.found else "physical"
    seen = [(lab, src, pl) for (lab, src), pl in zip(printed.labels, page_labels, strict=True)]
    agree = sum(1 for lab, src, pl in seen if src == "printed" and lab == pl)
    disagree = sum(1 for lab, src, pl in seen if src == "printed" and pl and lab != pl)
    if disagree >= 2 and disagree > agree:
        # The printed numbers are what the index cites.
        return printed.labels, "header/footer (the PDF's /PageLabels disagree with them)"
    repeated = Counter(page_labels)
    labels: list[tuple[str | None, LabelSource]] = []
    for lab, src, pl in seen:
        # A label that two pages share (a cover labelled like the page after it) or no
        # label at all: what the page prints, or its neighbours imply, decides.
        if not pl or (repeated[pl] > 1 and printed.found and lab != pl):
            labels.append((lab, src) if printed.found else (pl or None, "none"))
        else:
            labels.append((pl, "page-labels"))
    return labels, "/PageLabels"


def _furniture(text: _PageText, label: str | None, running: set[str]) -> set[str]:
    """Page lines that are furniture: the printed number, running titles — found among the
    band lines, never a table header or an index row even close to the page edge."""
    number = int(label) if label is not None and label.isdigit() else None
    wanted = set()
    for line in text.band:
        if header_roles(line) is not None or is_row_start(line):
            continue
        if shape(line) in running or any(c.value == number for c in candidates(line)):
            wanted.add(line.strip())
    if not wanted:
        return set()
    found = {stripped for line in text.lines if (stripped := line.strip()) in wanted}
    if len(found) < len(wanted):  # pdfium spaced a band line differently in the page text
        spaced = {" ".join(w.split()) for w in wanted}
        found |= {line.strip() for line in text.lines if " ".join(line.split()) in spaced}
    return found
