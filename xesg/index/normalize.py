"""Normalise disclosure codes: look-alike characters, dashes, full-width forms, prefixes.

Reports copy codes out of Word, PDFs and translations, so ``В6`` may hold a Cyrillic Ve and
``2–9`` an en dash. Folding is one character to one character, so a span found in the folded
text is the same span in the raw text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from xesg.catalogue.descriptors import Standards, bundled_descriptors, per_standards

# Cyrillic and Greek capitals and small letters that render like Latin ones in code fonts.
_HOMOGLYPHS = {
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "а": "a", "с": "c", "е": "e", "і": "i",
    "о": "o", "р": "p", "ѕ": "s", "х": "x", "у": "y",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
}  # fmt: skip
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u00ad"
_DOTS = "\u2024\uff0e\u3002"


def fold_char(ch: str) -> str:
    """The plain-ASCII character that ``ch`` imitates in a code, or ``ch`` itself."""
    if ch in _HOMOGLYPHS:
        return _HOMOGLYPHS[ch]
    if ch in _DASHES:
        return "-"
    if ch in _DOTS:
        return "."
    if "\uff01" <= ch <= "\uff5e":  # full-width ASCII block
        return chr(ord(ch) - 0xFEE0)
    if ch == "\u00a0" or ch == "\u3000":
        return " "
    return ch


@functools.cache
def _foldable() -> re.Pattern[str]:
    """The characters that :func:`fold_char` changes. Compiled on first use, not on import:
    a class of this many non-Latin characters is slow to compile, and most text is ASCII."""
    chars = "".join(_HOMOGLYPHS) + _DASHES + _DOTS + "\u00a0\u3000"
    return re.compile(f"[{re.escape(chars)}\uff01-\uff5e]")


def _fold_match(match: re.Match[str]) -> str:
    return fold_char(match.group())


def fold(text: str) -> str:
    """Fold every character; the result has the same length as ``text``."""
    if text.isascii():
        return text
    # Replace only the characters that fold: a page of prose may have a few en dashes among
    # thousands of other characters, and calling fold_char on each of them is slow.
    return _foldable().sub(_fold_match, text)


def lookalikes(raw: str) -> tuple[str, ...]:
    """Describe each character of ``raw`` that had to be folded (for IDX003's evidence)."""
    found: list[str] = []
    for ch in raw:
        plain = fold_char(ch)
        if plain != ch and not ch.isspace():
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            found.append(f"'{ch}' (U+{ord(ch):04X} {name}) for '{plain}'")
    return tuple(dict.fromkeys(found))


def _prefix(standards: Standards) -> re.Pattern[str]:
    """The words the standards' descriptors say are written before a code ("KPI", "GRI")."""
    return re.compile(rf"^(?:{'|'.join(standards.prefixes)})\s*[:.]?\s*", re.IGNORECASE)


_PREFIX = per_standards(_prefix)
_SASB = re.compile(
    rf"^({bundled_descriptors().fragment('sasb', 'industry')})[-\s]+"
    rf"({bundled_descriptors().fragment('sasb', 'metric')})$",
    re.IGNORECASE,
)


def normalise_code(raw: str) -> str:
    """The canonical form of a code as written in a report (idempotent)."""
    code = fold(raw)
    prefix = _PREFIX()
    previous = None
    while previous != code:  # until stable, so that normalising is idempotent
        previous = code
        code = prefix.sub("", code.strip()).strip(" .:;,")
    if code.split() != [code]:  # spaces left inside ("2 - 9", "A1. 2"); most codes have none
        code = re.sub(r"\s*-\s*", "-", code)
        code = re.sub(r"\s*\.\s*", ".", code)
    sasb = _SASB.match(code)
    if sasb:
        industry, metric = sasb.groups()
        # Accounting metrics have a lower-case topic letter (230a.1); activity metrics an
        # upper-case one after 000 (000.A).
        metric = metric.upper() if metric.startswith("000") else metric.lower()
        return f"{industry.upper()}-{metric}"
    if re.fullmatch(r"[A-Za-z]\d+(?:\.\d+)?", code):
        return code.upper()
    return code
