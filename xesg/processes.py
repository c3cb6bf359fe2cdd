"""How many worker processes a run may use (pdfium is not thread-safe: parallel work is
processes, never threads)."""

from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may use (fewer than the machine's in a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
