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
import stat
from pathlib import Path

from xesg.errors import InputError

MiB = 1 << 20
# Text, HTML and Markdown reports, CSV indexes: a 300-page report's text is ~2 MiB.
MAX_TEXT_BYTES = 16 * MiB
# PDF files are read by pdfium a page at a time; the page text has its own limit.
MAX_PDF_BYTES = 512 * MiB
MAX_PAGE_CHARS = 200_000  # a page of 6-point type holds ~20,000
# A line of a text, Markdown or CSV file (a paragraph of prose is a few thousand).
MAX_LINE_BYTES = 100_000
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


def read_lines_bytes(path: Path, what: str) -> bytes:
    """The bytes of a text file read line by line (a text or Markdown report, a CSV index):
    at most :data:`MAX_TEXT_BYTES`, no line longer than :data:`MAX_LINE_BYTES` bytes (the
    readers' regular expressions and page splitting work line by line; no report has such a
    line, and one of megabytes would cost them time and memory out of all proportion)."""
    data = read_bytes(path, MAX_TEXT_BYTES, what)
    start = long_line(data)
    if start is not None:
        number = data.count(b"\n", 0, start) + 1
        raise InputError(
            f"{path}: line {number} is longer than {MAX_LINE_BYTES:,} bytes, the limit for a "
            "line of text (see docs/limits.md)"
        )
    return data
