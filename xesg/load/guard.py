"""What xesg reads from users, it reads here: regular files only, and never more than a limit.

A named pipe, a device or a socket given as a report, an index, a baseline, a configuration
or a catalogue would block forever (a FIFO no one writes to) or stream without end
(``/dev/zero``): every input is checked to be a regular file before it is opened, opened
without blocking, checked again on the open descriptor (it cannot have been swapped
meanwhile), and read to its limit and no further. The limits are those of
``docs/limits.md``; past one, the input is refused with one line naming the limit.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from xesg.errors import InputError

MiB = 1 << 20
# Text, HTML and Markdown reports, CSV indexes: a 300-page report's text is ~2 MiB.
MAX_TEXT_BYTES = 16 * MiB
# PDF files are read by pdfium a page at a time; the page text has its own limit.
MAX_PDF_BYTES = 512 * MiB
MAX_PAGE_CHARS = 200_000  # a page of 6-point type holds ~20,000
# A line of a text, Markdown or CSV file (a paragraph of prose is a few thousand).
MAX_LINE_BYTES = 100_000
# A text or Markdown report's lines and any report's pages: the work per line and per page
# is small but adds up (2M lines of Markdown ran past 30 s and 4 GB). The longest report
# of the corpus has 5,438 lines; an annual report has a few hundred pages.
MAX_LINES = 100_000
MAX_PAGES = 10_000
# Index rows checked: the rules' work and findings grow with every row (38,400 rows held
# 450 MiB). An index has hundreds of rows; the rows past this are not checked, and a note
# says so.
MAX_INDEX_ENTRIES = 5_000
MAX_CONFIG_BYTES = 1 * MiB
MAX_BASELINE_BYTES = 16 * MiB  # ~400,000 fingerprints
MAX_RESULT_BYTES = 64 * MiB  # an `xesg check --format json` output, for `xesg diff`

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a file is when it is not a regular file (None when it is one)."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc)


def regular_size(path: Path) -> int:
    """The size of ``path``, a regular file (symbolic links followed); :class:`InputError`
    for anything else: missing, a dangling or looping link, a directory, a FIFO, a device."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        reason = "a symbolic link to nothing" if os.path.islink(path) else "no such file"
        raise InputError(f"{path}: {reason}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({_strerror(exc)})") from None
    kind = _not_regular(info.st_mode)
    if kind is not None:
        raise InputError(f"{path}: {kind}, not a regular file")
    return info.st_size


def too_big(path: Path, size: int, limit: int, what: str) -> InputError:
    """The error for ``path``, ``what`` ("a baseline"), of ``size`` bytes over ``limit``."""
    return InputError(
        f"{path}: {size:,} bytes, over the limit of {limit >> 20} MiB for {what} "
        "(see docs/limits.md)"
    )


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (see the module
    docstring); :class:`InputError` with one line otherwise."""
    regular_size(path)  # never open a FIFO: opening one blocks until a writer comes
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({_strerror(exc)})") from None
    try:
        info = os.fstat(descriptor)
        kind = _not_regular(info.st_mode)
        if kind is not None:
            raise InputError(f"{path}: {kind}, not a regular file")
        if info.st_size > limit:
            raise too_big(path, info.st_size, limit, what)
        chunks: list[bytes] = []
        left = limit + 1  # one byte more: a file that grew past the limit meanwhile
        while left > 0 and (chunk := os.read(descriptor, min(left, 4 * MiB))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({_strerror(exc)})") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_big(path, len(data), limit, what)
    return data


def check_count(path: Path | str, count: int, limit: int, what: str) -> None:
    """:class:`InputError` when a report has more than ``limit`` ``what`` ("pages")."""
    if count > limit:
        raise InputError(
            f"{path}: {count:,} {what}, over the limit of {limit:,} {what} for a report "
            "(see docs/limits.md)"
        )


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a regular file (to tell its type)."""
    regular_size(path)
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({_strerror(exc)})") from None


def long_line(data: bytes, limit: int = MAX_LINE_BYTES) -> int | None:
    """Where a line longer than ``limit`` bytes starts in ``data``; None when there is none.
    Linear and in C whatever the lines' lengths: such a line holds a whole aligned block of
    ``limit // 2`` bytes without a line break, and only those blocks are looked around."""
    block = max(1, limit // 2)
    for start in range(0, len(data) - block + 1, block):
        end = start + block
        if data.find(b"\n", start, end) >= 0 or data.find(b"\r", start, end) >= 0:
            continue
        first = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
        after = [i for i in (data.find(b"\n", end), data.find(b"\r", end)) if i >= 0]
        if min(after, default=len(data)) - first > limit:
            return first
    return None


def read_lines_bytes(path: Path, what: str, report: bool = True) -> bytes:
    """The bytes of a text file read line by line (a text or Markdown report, a CSV index):
    at most :data:`MAX_TEXT_BYTES`, no line longer than :data:`MAX_LINE_BYTES` bytes (the
    readers' regular expressions and page splitting work line by line; no report has such a
    line, and one of megabytes would cost them time and memory out of all proportion). A
    ``report`` has at most :data:`MAX_LINES` lines and :data:`MAX_PAGES` pages (form feeds);
    a CSV file's rows have their own bound (:data:`MAX_INDEX_ROWS`)."""
    data = read_bytes(path, MAX_TEXT_BYTES, what)
    if report:
        # Line breaks of any convention (\n, \r\n, \r), in any encoding of them (UTF-16 too).
        check_count(path, max(data.count(b"\n"), data.count(b"\r")) + 1, MAX_LINES, "lines")
        check_count(path, data.count(b"\f") + 1, MAX_PAGES, "pages")
    start = long_line(data)
    if start is not None:
        number = data.count(b"\n", 0, start) + 1
        raise InputError(
            f"{path}: line {number} is longer than {MAX_LINE_BYTES:,} bytes, the limit for a "
            "line of text (see docs/limits.md)"
        )
    return data


# --- XLSX workbooks: bounded before openpyxl reads them --------------------------------------

MAX_XLSX_BYTES = 64 * MiB  # the file
MAX_XLSX_INFLATED = 256 * MiB  # its parts inflated, all together (a zip bomb is far more)
MAX_XLSX_PART = 64 * MiB  # one part inflated (a sheet, the shared strings)
MAX_XLSX_SHARED_STRINGS = 200_000  # an index's workbook has a few thousand
MAX_XLSX_COLUMNS = 1_000  # the column a cell may be in (an index uses ten)
MAX_XLSX_CELLS = 500_000  # cells of a sheet's rows read, empty ones between included
# Rows of a sheet or CSV file read: an index has hundreds; 100,000 rows of index entries
# took 8.8 s of CPU and 385 MiB to read before all but the first MAX_INDEX_ENTRIES were let go.
MAX_INDEX_ROWS = 20_000

_CELL_COLUMN = re.compile(r"[A-Z]{1,3}")


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose reading would cost out of all proportion, before openpyxl
    reads it (it loads every shared string, and builds every cell of a row, up front):
    the zip's parts are checked by their inflated sizes (the zip module inflates no more
    than a part's declared size), then the shared strings and each sheet's first
    :data:`MAX_INDEX_ROWS` rows are counted in one streaming pass each."""
    import zipfile

    size = regular_size(path)
    if size > MAX_XLSX_BYTES:
        raise too_big(path, size, MAX_XLSX_BYTES, "an XLSX index")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            inflated = sum(p.file_size for p in parts)
            if inflated > MAX_XLSX_INFLATED:
                raise InputError(
                    f"{path}: the workbook inflates to {inflated:,} bytes, over the limit of "
                    f"{MAX_XLSX_INFLATED >> 20} MiB (see docs/limits.md)"
                )
            for part in parts:
                if part.file_size > MAX_XLSX_PART:
                    raise InputError(
                        f"{path}: {part.filename} inflates to {part.file_size:,} bytes, over "
                        f"the limit of {MAX_XLSX_PART >> 20} MiB for one part (see "
                        "docs/limits.md)"
                    )
                if part.filename == "xl/sharedStrings.xml":
                    with archive.open(part) as stream:
                        _count_shared_strings(stream, path)
                elif part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with archive.open(part) as stream:
                        _count_cells(stream, path, part.filename)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from None


def _count_shared_strings(stream: object, path: Path) -> None:
    from lxml import etree

    count = 0
    try:
        for _, element in etree.iterparse(stream, events=("end",), tag="{*}si"):
            count += 1
            if count > MAX_XLSX_SHARED_STRINGS:
                raise InputError(
                    f"{path}: more than {MAX_XLSX_SHARED_STRINGS:,} shared strings, the limit "
                    "for an XLSX index (see docs/limits.md)"
                )
            _free(element)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from None


def _count_cells(stream: object, path: Path, part: str) -> None:
    """Count the cells openpyxl would build for the sheet's first rows: each row up to its
    last cell's column (the cells between are built empty). Cells are seen as they start,
    so a row of millions is refused at its first cell past the limit, never held whole."""
    from lxml import etree

    rows = cells = position = last = 0
    try:
        for event, element in etree.iterparse(
            stream, events=("start", "end"), tag=("{*}row", "{*}c")
        ):
            if element.tag.endswith("row"):
                if event == "start":
                    rows += 1
                    if rows > MAX_INDEX_ROWS:
                        break  # the rows past it are not read
                    position = last = 0
                    continue
                cells += last
                if cells > MAX_XLSX_CELLS:
                    raise InputError(
                        f"{path}: {part}: more than {MAX_XLSX_CELLS:,} cells, the limit for "
                        "an XLSX index (see docs/limits.md)"
                    )
                _free(element)
            elif event == "start":
                reference = _CELL_COLUMN.match(element.get("r") or "")
                position = _column(reference.group()) if reference else position + 1
                last = max(last, position)
                if last > MAX_XLSX_COLUMNS:
                    raise InputError(
                        f"{path}: {part}: row {rows} has a cell in column {last:,}, past the "
                        f"limit of {MAX_XLSX_COLUMNS:,} columns for an XLSX index (see "
                        "docs/limits.md)"
                    )
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from None


def _column(letters: str) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _free(element: Any) -> None:
    """Drop a parsed element and the siblings before it: the pass keeps no tree."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
