"""What the terminal wants: colour or not, and how wide to draw (as ruff and sqlfluff decide)."""

from __future__ import annotations

import os
from typing import Literal, TextIO

ColorChoice = Literal["auto", "always", "never"]
COLOR_CHOICES = ("auto", "always", "never")
# Width when there is no terminal to ask (a CI log, a pipe): as wide as most logs show
# without wrapping.
DEFAULT_WIDTH = 100
MIN_WIDTH = 40  # narrower than this no table is readable; draw this wide and let it wrap


def color_enabled(choice: ColorChoice, stream: TextIO) -> bool:
    """``always``/``never`` as given; ``auto``: colour on a terminal, unless ``NO_COLOR`` is
    set and not empty (https://no-color.org) or ``TERM`` is ``dumb``."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _isatty(stream)


def terminal_width(stream: TextIO) -> int:
    """``COLUMNS`` when set, else the terminal's width, else :data:`DEFAULT_WIDTH`."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    if _isatty(stream):
        try:
            columns_now = os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError):
            columns_now = 0
        if columns_now > 0:  # a pseudo-terminal nobody sized says 0
            return max(columns_now, MIN_WIDTH)
    return DEFAULT_WIDTH


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False
