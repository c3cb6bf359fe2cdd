"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as a whole: into a temporary file beside it, synced
    to disk, then renamed over it. A full disk, an interrupted run or two runs writing the
    same file never leave a part-written or interleaved file: a reader finds the old file or
    the new one. A symbolic link is written through (its target is replaced); a path that
    is not a regular file (``/dev/stdout``, a FIFO) is written to directly, as a stream.
    Raises OSError."""
    import tempfile  # loaded when writing a file: not part of every run's start-up

    data = text.encode("utf-8")
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(_open_stream(path, mode), "wb") as stream:
            stream.write(data)
        return
    target = Path(os.path.realpath(path))
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain write would.
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _open_stream(path: Path, mode: int) -> int:
    """A descriptor writing to ``path``, not a regular file. Opening a named pipe for
    writing blocks until some process reads it — forever when none will: it is opened
    without blocking, which fails at once (ENXIO) when no process reads, then writes block
    as a pipe's do."""
    if not stat.S_ISFIFO(mode):
        return os.open(path, os.O_WRONLY)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(exc.errno, "a named pipe no process reads") from None
        raise
    os.set_blocking(descriptor, True)
    return descriptor


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
