"""The ``xesg`` command's entry point: start reading a PDF report before loading the rest.

Checking a long PDF is mostly pdfium's work, which starts only once the pages are being
read; loading the command line (click) takes ~30 ms and the data models, rules and
catalogues ~100 ms more. So when the arguments are ``check`` and one PDF report, the pages
are handed to reader processes first (:class:`~xesg.load.pdf_pages.PageReading`), and the
command line, when it has loaded, takes the reading over instead of starting its own.

The arguments are looked at without click, which is not loaded yet: options are told from
the report by :data:`CHECK_FLAGS`, the options of ``check`` that take no value (a test
keeps it equal to the command's). Anything unusual — no report, several, a directory, a
value that is no number — leaves the decision to the command line, which starts the
reading itself as before; this module only ever starts it earlier.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from xesg.load.pdf_pages import PageReading

CHECK_FLAGS = frozenset({"--quiet", "-q", "--no-waivers", "--help", "-h"})


# Python collects cyclic garbage every 700 new container objects; loading xesg makes ~10^5
# (classes, functions, pydantic's schemas), so ~80 collections ran during start-up alone,
# ~10 ms of a check. A run is short and makes little cyclic garbage: collect far less often.
GC_THRESHOLD = 50_000


def main() -> NoReturn:
    gc.set_threshold(GC_THRESHOLD)
    found = report_and_jobs(sys.argv[1:])
    reading = start_reading(Path(found[0]), found[1]) if found is not None else None
    from xesg.cli import main as command_line

    status: object = 0
    try:
        command_line(obj={"reading": reading} if reading is not None else None)
    except SystemExit as exc:  # how click ends every command
        status = exc.code
    finally:
        if reading is not None:
            reading.close()  # a usage error ended the command before it took the pages
    _exit_now(status)


def _exit_now(status: object) -> NoReturn:
    """Exit as ``sys.exit(status)`` would, without tearing the interpreter down first:
    freeing every object a check made takes a few milliseconds and serves nothing (mypy
    exits the same way). Output is flushed; files were closed when written."""
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:
        print(status, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away (`xesg check … | head`) takes no more output.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def report_and_jobs(args: Sequence[str]) -> tuple[str, int | None] | None:
    """The one report of ``xesg check`` and its ``--jobs`` (None: not given), or None when
    the arguments are anything else."""
    if not args or args[0] != "check":
        return None
    reports: list[str] = []
    jobs: str | None = None
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            reports += rest
        elif arg.startswith("-") and arg != "-":
            name, given, value = arg.partition("=")
            if name in CHECK_FLAGS:
                continue
            if not given:
                value = next(rest, "")
            if name == "--jobs":
                jobs = value
        else:
            reports.append(arg)
    if len(reports) != 1:
        return None
    if jobs is None:
        return reports[0], None
    return (reports[0], int(jobs)) if jobs.isdigit() and int(jobs) >= 1 else None


def start_reading(report: Path, jobs: int | None) -> PageReading | None:
    """Start reading the report's pages in worker processes if it is a PDF (None if not)."""
    from xesg.load import is_pdf

    try:
        if not is_pdf(report):
            return None
    except OSError:
        return None  # reported, with the other input errors, when the report is loaded
    from xesg.load.pdf_pages import PageReading
    from xesg.processes import available_cores

    return PageReading(str(report), jobs or available_cores())
