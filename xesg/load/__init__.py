"""Readers: turn a file on disk into a :class:`~xesg.model.report.Report`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from xesg.errors import InputError

if TYPE_CHECKING:
    from xesg.load.pdf_pages import PageReading
    from xesg.model.report import Report

# Readers load inside load_report: the command line imports xesg.load.pdf_pages (pdfium, no
# data models) to start reading a PDF before anything heavier is loaded.

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_pdf(path: Path) -> bool:
    """Whether the file is a PDF, by its first bytes whatever its name (raises OSError)."""
    with path.open("rb") as handle:
        return handle.read(5).startswith(b"%PDF")


def load_report(
    path: Path,
    first_page: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    reading: PageReading | None = None,
    encoding: str | None = None,
) -> Report:
    """Read ``path`` into a Report; raise :class:`InputError` with a one-line reason if we can't.
    A PDF's pages may be read by up to ``jobs`` processes, or be in ``reading`` already;
    ``encoding`` overrides the detected encoding of a text, HTML or Markdown file."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a report file")
    if is_pdf(path):
        from xesg.load.pdf import read_pdf_report  # pypdfium2 loads only for PDFs

        return read_pdf_report(path, first_page, progress, jobs, reading)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from xesg.load.html import read_html_report  # lxml loads only for HTML and Markdown

        return read_html_report(path, first_page, encoding)
    if suffix in MARKDOWN_SUFFIXES:
        from xesg.load.markdown import read_markdown_report

        return read_markdown_report(path, first_page, encoding)
    from xesg.load.text import read_text_report

    return read_text_report(path, first_page, encoding)
