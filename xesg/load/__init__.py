"""Readers: turn a file on disk into a :class:`~xesg.model.report.Report`."""

from __future__ import annotations

from pathlib import Path

from xesg.errors import InputError
from xesg.load.text import read_text_report
from xesg.model.report import Report


def load_report(path: Path, first_page: int | None = None) -> Report:
    """Read ``path`` into a Report; raise :class:`InputError` with a one-line reason if we can't."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a report file")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        raise InputError(
            f"{path}: PDF reports are not supported yet; "
            "convert it with `pdftotext` and check the text file"
        )
    return read_text_report(path, first_page=first_page)
