"""Readers: turn a file on disk into a :class:`~xesg.model.document.Report`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from xesg.load.guard import (
    MAX_PAGES,
    MAX_PDF_BYTES,
    MAX_TEXT_BYTES,
    check_count,
    read_head,
    regular_size,
    too_big,
)

if TYPE_CHECKING:
    from xesg.load.pdf_text import PageSource
    from xesg.load.questions import TableQuestions
    from xesg.model.document import Report

# Readers load inside load_report: the command line starts reading a PDF (xesg.processes)
# before anything heavier is loaded.

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_pdf(path: Path) -> bool:
    """Whether the file is a PDF, by its first bytes whatever its name (raises
    :class:`InputError` for anything but a readable regular file)."""
    return read_head(path, 5).startswith(b"%PDF")


def load_report(
    path: Path,
    tables: TableQuestions,
    first_page: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    reading: PageSource | None = None,
    encoding: str | None = None,
) -> Report:
    """Read ``path`` into a Report; raise :class:`InputError` with a one-line reason if we can't.
    ``tables`` answers what the readers ask about index tables (:mod:`xesg.load.questions`;
    :data:`xesg.index.answers.TABLE_ANSWERS` answers them). A PDF's pages may be being read
    elsewhere already (``reading``: :mod:`xesg.processes`); ``encoding`` overrides the detected
    encoding of a text, HTML or Markdown file."""
    size = regular_size(path)
    pdf = is_pdf(path)
    limit = MAX_PDF_BYTES if pdf else MAX_TEXT_BYTES
    if size > limit:
        raise too_big(path, size, limit, "a PDF report" if pdf else "a text report")
    if pdf:
        from xesg.load.pdf import read_pdf_report  # pypdfium2 loads only for PDFs

        return read_pdf_report(path, tables, first_page, progress, reading)
    suffix = path.suffix.lower()
    misnamed = suffix == ".pdf"  # no PDF header: an HTML page or text saved under a PDF's name
    html = suffix in HTML_SUFFIXES or (misnamed and _looks_html(read_head(path, 1024)))
    if html:
        from xesg.load.html import read_html_report  # lxml loads only for HTML and Markdown

        report = read_html_report(path, first_page, encoding)
    elif suffix in MARKDOWN_SUFFIXES:
        from xesg.load.markdown import read_markdown_report

        report = read_markdown_report(path, first_page, encoding)
    else:
        from xesg.load.text import read_text_report

        report = read_text_report(path, first_page, encoding)
    # Pages marked in Markdown or HTML (a PDF's and a text's are counted before reading).
    check_count(path, len(report.pages), MAX_PAGES, "pages")
    if misnamed:
        kind = "HTML" if html else "text"
        note = f"The file is named .pdf but is no PDF (no %PDF header): read as {kind}."
        report = report.model_copy(update={"notes": (note, *report.notes)})
    return report


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body"))
