"""Recognise disclosure codes in text and tell which standard their shape belongs to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from xesg.index.normalize import fold, normalise_code

# Shapes, not facts: whether a code exists is the catalogue's business (IDX002).
_HKEX = r"[AB]\d{1,2}(?:\.\d{1,2})?"
_GRI = r"(?:[1-4]\d{2}|[23])-\d{1,3}"
_SASB = r"[A-Z]{2}-[A-Z]{2}-(?:\d{3}[a-z]\.\d{1,2}|000\.[A-Z])"
_CODE = re.compile(
    rf"(?<![\w.\-/])(?:(?P<sasb>{_SASB})|(?P<gri>{_GRI})|(?P<hkex>{_HKEX}))(?![\w\-/]|\.\d)",
    re.IGNORECASE,
)
_SHAPES = {
    "hkex": re.compile(rf"^{_HKEX}$"),
    "gri": re.compile(rf"^{_GRI}$"),
    "sasb": re.compile(rf"^{_SASB}$"),
}

# HKEx Part B items have names, not codes. Catalogues may add other names (aliases).
MANDATORY_NAMES = ("Governance Structure", "Reporting Principles", "Reporting Boundary")
DEFAULT_NAMES = {name.lower(): name for name in MANDATORY_NAMES}


@dataclass(frozen=True)
class CodeMatch:
    raw: str  # as written, look-alikes included
    code: str  # normalised
    standard: str  # shape: hkex | gri | sasb
    start: int
    end: int


def standard_of(code: str) -> str | None:
    """The standard whose code shape ``code`` (normalised) has."""
    if code in MANDATORY_NAMES:
        return "hkex"
    for standard, shape in _SHAPES.items():
        if shape.match(code):
            return standard
    return None


def find_codes(text: str) -> list[CodeMatch]:
    """Every code-shaped token in ``text``, with spans in the raw text."""
    folded = fold(text)
    matches = []
    for match in _CODE.finditer(folded):
        standard = match.lastgroup or ""
        raw = text[match.start() : match.end()]
        if standard == "hkex" and not raw[0].isupper() and not fold(raw[0]).isupper():
            continue  # "a1" in prose is not a code; codes are written in capitals
        matches.append(CodeMatch(raw, normalise_code(raw), standard, match.start(), match.end()))
    return matches


def named_item(text: str, names: Mapping[str, str] | None = None) -> tuple[str, int] | None:
    """A named item (HKEx Part B) at the start of ``text``: (canonical code, end offset).

    ``names`` maps lower-case names and aliases to codes; the longest name that matches wins.
    """
    folded = re.sub(r"\s+", " ", fold(text).lstrip()).lower()
    lead = len(text) - len(text.lstrip())
    for name in sorted(names or DEFAULT_NAMES, key=len, reverse=True):
        if folded.startswith(name) and not folded[len(name) : len(name) + 1].isalnum():
            # Map the end back onto the raw text (whitespace runs may have been collapsed).
            words = len(name.split())
            match = re.match(r"\s*" + r"\s+".join([r"\S+"] * words), text)
            end = match.end() if match else lead + len(name)
            return (names or DEFAULT_NAMES)[name], end
    return None
