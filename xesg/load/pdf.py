"""Read a PDF report with pypdfium2: per-page text, printed page labels, unreadable pages.

The pages themselves are read by :mod:`xesg.load.pdf_pages` (by bounded reader processes,
:mod:`xesg.processes`, when the caller started them). Printed labels come from the PDF's
``/PageLabels`` when it has them (unless most printed numbers disagree with them), else from
the numbers printed in the header and footer bands (:mod:`xesg.load.pdf_labels`), else
physical numbering. Pages whose text layer is empty (a scan) or garbled are marked
``unreadable`` (:mod:`xesg.load.pdf_quality`); rule INP001 reports them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from xesg.errors import InputError
from xesg.load.pdf_labels import PrintedLabels, candidates, printed_labels, running_lines, shape
from xesg.load.pdf_text import PageSource, PageText, Progress
from xesg.load.questions import TableQuestions
from xesg.model.document import LabelSource, Page, Report

ENCODING = "pdfium text layer"
NO_TEXT_LAYER = "no text layer: OCR needed"


def read_pdf_report(
    path: Path,
    tables: TableQuestions,
    first_page: int | None = None,
    progress: Progress | None = None,
    reading: PageSource | None = None,
) -> Report:
    """Read the PDF at ``path``, its pages here unless ``reading`` has started on them
    elsewhere (``tables`` says what index rows and headers look like);
    raise :class:`InputError` (one line) when it cannot be.
    ``progress(pages_read, page_count)`` is called as pages are read."""
    digest = _sha256(path)
    if reading is not None:
        texts = reading.result(progress)
    else:
        from xesg.load.pdf_pages import read_pages  # pypdfium2: only where pages are read

        texts = read_pages(str(path), tables, progress)
    if not any(t.text.strip() for t in texts):
        # Not a word on any page: scanned pages, or drawn ones; nothing can be checked.
        texts = [t._replace(unreadable=t.unreadable or NO_TEXT_LAYER) for t in texts]
    bands = [t.band for t in texts]
    printed = printed_labels(bands)
    labels, method = _labels([t.page_label for t in texts], printed, first_page)
    running = running_lines(bands)
    pages = []
    for i, (text, (label, source)) in enumerate(zip(texts, labels, strict=True)):
        pages.append(
            Page(
                number=i + 1,
                label=label,
                label_source=source,
                second_label=_second(printed, i, label),
                text=text.text,
                furniture=frozenset(_furniture(text, label, running, tables)),
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


def _second(printed: PrintedLabels, i: int, label: str | None) -> str | None:
    """The right-hand folio of page ``i`` when it is a two-page spread labelled by its left."""
    if not printed.second or printed.labels[i][0] != label:
        return None
    return printed.second[i]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return digest.hexdigest()


# --- labels ------------------------------------------------------------------------------


def _labels(
    page_labels: list[str], printed: PrintedLabels, first_page: int | None
) -> tuple[list[tuple[str | None, LabelSource]], str]:
    """Each page's label and where it came from, and how the labels were chosen:
    ``--first-page``, else the numbers printed on the pages, else the PDF's /PageLabels
    (``page_labels``, "" for a page without one) where they agree with the printed ones."""
    count = len(page_labels)
    if first_page is not None:
        return [(str(first_page + i), "override") for i in range(count)], "override"
    if not any(page_labels):
        return printed.labels, "header/footer" if printed.found else "physical"
    pages = [
        (printed_label, source, pdf_label)
        for (printed_label, source), pdf_label in zip(printed.labels, page_labels, strict=True)
    ]
    agree = sum(
        1
        for printed_label, source, pdf_label in pages
        if source == "printed" and printed_label == pdf_label
    )
    disagree = sum(
        1
        for printed_label, source, pdf_label in pages
        if source == "printed" and pdf_label and printed_label != pdf_label
    )
    if disagree >= 2 and disagree > agree:
        # The printed numbers are what the index cites.
        return printed.labels, "header/footer (the PDF's /PageLabels disagree with them)"
    repeated = Counter(page_labels)
    labels: list[tuple[str | None, LabelSource]] = []
    for printed_label, source, pdf_label in pages:
        # A label that two pages share (a cover labelled like the page after it) or no
        # label at all: what the page prints, or its neighbours imply, decides.
        if not pdf_label or (
            repeated[pdf_label] > 1 and printed.found and printed_label != pdf_label
        ):
            labels.append((printed_label, source) if printed.found else (pdf_label or None, "none"))
        else:
            labels.append((pdf_label, "page-labels"))
    return labels, "/PageLabels"


def _furniture(
    text: PageText, label: str | None, running: set[str], tables: TableQuestions
) -> set[str]:
    """Page lines that are furniture: the printed number, running titles — found among the
    band lines, never a table header or an index row even close to the page edge."""
    number = int(label) if label is not None and label.isdigit() else None
    wanted = set()
    for line in text.band:
        if tables.is_header(line) or tables.is_row_start(line):
            continue
        if shape(line) in running or any(c.value == number for c in candidates(line)):
            wanted.add(line.strip())
    if not wanted:
        return set()
    lines = text.text.split("\n")
    found = {stripped for line in lines if (stripped := line.strip()) in wanted}
    if len(found) < len(wanted):  # pdfium spaced a band line differently in the page text
        spaced = {" ".join(w.split()) for w in wanted}
        found |= {line.strip() for line in lines if " ".join(line.split()) in spaced}
    return found
