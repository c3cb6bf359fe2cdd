"""Recognise disclosure codes in text and tell which standard their shape belongs to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from xesg.index.normalize import fold, normalise_code

# Shapes, not facts: whether a code exists is the catalogue's business (IDX002).
_HKEX = r"[AB]\d{1,2}(?:\.\d{1,2})?"
_GRI = r"(?:[1-4]\d{2}|[23])-\d{1,3}"
_SASB_METRIC = r"(?:\d{3}[a-z]\.\d{1,2}|000\.[A-Z])"
_SASB_INDUSTRY = r"[A-Z]{2}-[A-Z]{2}"
# The metric may follow its industry after a space ("SV-ME 000.A"), as some reports write it.
_SASB = rf"{_SASB_INDUSTRY}(?:-\s?|\s)(?:{_SASB_METRIC})"
# A clause of a GRI disclosure ("305-1/a", "2-7-b", "405-1/b-i"): the code is the disclosure.
_CLAUSE = r"(?:[/-][a-z](?:-?[ivx]+)?(?![\w.]))?"
# The sector disclosures GRI G4 added for financial services ("FS6"), which banks' GRI
# indexes still list; xesg ships no catalogue for them, so their rows are read, not checked.
_GRI_SECTOR = r"FS\d{1,2}"
_CODE = re.compile(
    rf"(?<![\w.\-/])(?:(?P<sasb>{_SASB})|(?P<gri>{_GRI}){_CLAUSE}|(?P<hkex>{_HKEX})"
    rf"|(?P<gri_sector>{_GRI_SECTOR}))"
    # Then no more of a word, or a capitalised word glued on ("TC-IM-220a.1Description").
    r"(?:(?![\w\-/]|\.\d)|(?=(?-i:[A-Z][a-z])))",
    re.IGNORECASE,
)
# A SASB code broken over two lines of its cell: the industry ("TC-SC-") on one, the metric
# ("110a.1") on the next.
SASB_INDUSTRY = re.compile(rf"^{_SASB_INDUSTRY}-?$")  # a cell that holds only the industry
SASB_INDUSTRY_IN_TEXT = re.compile(rf"(?<![\w-]){_SASB_INDUSTRY}-(?=\s|$)")  # between words
SASB_METRIC = re.compile(rf"^{_SASB_METRIC}(?![\w\-/]|\.\d)", re.IGNORECASE)
SASB_METRIC_IN_TEXT = re.compile(rf"(?<![\w.]){_SASB_METRIC}(?![\w\-/]|\.\d)", re.IGNORECASE)
# "205-103": GRI 103 (2016 management approach) applied to topic standard 205.
GRI_HYBRID = re.compile(r"^([2-4]\d{2})-(10[1-3])$")
_SLASH_BETWEEN_CODES = re.compile(r"(?<=\w)/(?=(?:[AB]\d|\d{1,3}-\d|[A-Z]{2}-[A-Z]{2}-))")
_SHAPES = {
    "hkex": re.compile(rf"^{_HKEX}$"),
    "gri": re.compile(rf"^{_GRI}$"),
    "sasb": re.compile(rf"^{_SASB}$"),
    "gri-sector": re.compile(rf"^{_GRI_SECTOR}$"),
    # TCFD prints no codes; these are xesg's names of its recommended disclosures (GOV-a …
    # MT-c), given to rows read by their pillar and letter.
    "tcfd": re.compile(r"^(?:GOV|STR|RM|MT)-[a-e]$"),
}
_STANDARD_OF_GROUP = {"gri_sector": "gri-sector"}  # regex group names cannot hold dashes

# HKEx Part B items have names, not codes. Catalogues may add other names (aliases).
MANDATORY_NAMES = ("Governance Structure", "Reporting Principles", "Reporting Boundary")
DEFAULT_NAMES = {name.lower(): name for name in MANDATORY_NAMES}


# Code shapes, cheaply, for a page's plain text: HKEx "A1.2", GRI "305-1" / "2-9", SASB
# "FN-CB-410a.2" (any dash pdfium may return), counted to tell an index page from others.
_CODE_HINT = re.compile(
    r"(?<![\w.])(?:[AB]\d{1,2}(?:\.\d{1,2})?|[1-4]\d{2}[-‐‑–]\d{1,3}|[23][-‐‑–]\d{1,2}|"
    r"[A-Z]{2}[-‐‑–][A-Z]{2}[-‐‑–](?:\d{3}[a-z]\.\d{1,2}|000\.[A-Z]))(?![\w-])"
)
# What every code shape contains (an HKEx "A1"; a dash between digits; a SASB dash before
# "230a." or "000."); a page without it needs no closer look. The pattern starts with one set
# of characters, which the regex engine scans for in C (alternatives starting with different
# sets would be tried at every position: ~10 times slower); the lookbehinds tell them apart.
_MAYBE_CODE = re.compile(
    r"[-‐‑–AB](?:(?<=[AB])\d|(?<=\d[-‐‑–])\d|(?<=[A-Z][-‐‑–])(?:\d{3}[a-z]|000)\.)"
)
# A lettered item opening a line, after at most a few capitalised words of its group
# ("Governance a) Describe …", "b) Describe …"): the rows of a table that numbers its
# items within groups (TCFD's recommended disclosures), which print no code.
LETTERED = re.compile(
    r"^\s*(?P<group>(?:[A-Z][\w&-]*\s+)(?:[\w&-]+\s+){0,3}?)?\(?(?P<letter>[a-h])\)\s+(?=\S)",
    re.MULTILINE,
)


# A line opening with a disclosure requirement's verb, after at most a few words of its
# group ("Governance Describe the board's oversight …"): the rows of a table that names its
# items by their titles, which print no code.
_REQUIREMENT = re.compile(r"^(?:\S+[ \t]+){0,3}?(?:Describe|Disclose)\s", re.MULTILINE)


def count_code_cells(text: str) -> int:
    """How many distinct code cells ``text`` (a page's plain text) seems to hold: code shapes,
    lettered items when there are three or more starting with "a)" and "b)", and lines
    opening with a requirement's verb when there are three or more."""
    count = len(set(_CODE_HINT.findall(text))) if _MAYBE_CODE.search(text) else 0
    if ") " in text:
        letters = [m.group("letter") for m in LETTERED.finditer(text)]
        if len(letters) >= 3 and "a" in letters and "b" in letters:
            count += len(letters)
    if "Describe " in text or "Disclose " in text:
        requirements = len(_REQUIREMENT.findall(text))
        count += requirements if requirements >= 3 else 0
    return count


class CodeMatch(NamedTuple):  # a named tuple: cheap to build, and built for every code found
    raw: str  # as written, look-alikes included
    code: str  # normalised
    standard: str  # shape: hkex | gri | sasb
    start: int
    end: int
    # False for a code the report does not print: the row was known by its group and letter
    # ("Governance a)") or by the opening words of its title.
    printed: bool = True


def standard_of(code: str) -> str | None:
    """The standard whose code shape ``code`` (normalised) has."""
    if code in MANDATORY_NAMES:
        return "hkex"
    for standard, shape in _SHAPES.items():
        if shape.match(code):
            return standard
    return None


def find_codes(text: str, *, leading: bool = False) -> list[CodeMatch]:
    """Every code-shaped token in ``text``, with spans in the raw text.

    With ``leading``, none unless a code-shaped token starts ``text``: a quick answer for the
    cells of a row, most of which do not start with a code.
    """
    # "2-15/2-16": a slash between two codes separates them (same length, so spans hold).
    folded = fold(text)
    if "/" in folded:
        folded = _SLASH_BETWEEN_CODES.sub(" ", folded)
    if leading and not _CODE.match(folded):
        return []
    matches = []
    for match in _CODE.finditer(folded):
        group = match.lastgroup or ""
        standard = _STANDARD_OF_GROUP.get(group, group)
        raw = text[match.start() : match.end()]  # with a clause, if any ("305-1/a")
        if standard in ("hkex", "gri-sector") and not fold(raw[0]).isupper():
            continue  # "a1" in prose is not a code; codes are written in capitals
        code = normalise_code(text[match.start(group) : match.end(group)])
        matches.append(CodeMatch(raw, code, standard, match.start(), match.end()))
    return matches


_TITLE_WORDS = 6  # a name of this many words or more is a title
_TITLE_OPENING = 4  # words of a title that may tell it from the others


def title_words(text: str) -> list[str]:
    """The words of ``text`` for comparing titles: lower case, letters and digits only, the
    British spelling of "organisation" as the American."""
    return [w.replace("organis", "organiz") for w in re.findall(r"[a-z0-9]+", fold(text).lower())]


# A name that letters an item within its group: "governance a)", "risk management (b)".
_LETTERED_NAME = re.compile(r"^(?P<group>\w.*?)\s+\(?(?P<letter>[a-h])\)$")


class NamedItems:
    """Items named rather than coded (HKEx Part B), with their aliases.

    ``names`` maps lower-case names and aliases to codes; the longest name that matches wins.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        every = {" ".join(k.lower().split()): v for k, v in names.items()}
        # A name of many words is an item's title: a table cell wraps it over lines, so it is
        # known by its opening words (:meth:`titled`), not found whole at a line's start.
        self.names = {k: v for k, v in every.items() if len(k.split()) < _TITLE_WORDS}
        self.titles = {
            tuple(title_words(k)): v for k, v in every.items() if len(k.split()) >= _TITLE_WORDS
        }
        self.title_starts = {words[0] for words in self.titles}
        alternatives = sorted(self.names, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, n.split())) for n in alternatives)
        self._at_start = re.compile(rf"^\s*(?P<name>{pattern})(?![\w])", re.IGNORECASE)
        # A name that contains another ("reporting principles" and "reporting principle") is
        # found whenever the shorter one is: the pre-test needs only the shorter.
        self._needles = [
            n for n in alternatives if not any(o != n and o in n for o in alternatives)
        ]
        # Items lettered within a group ("Governance a)" → GOV-a): group name → letter → code.
        # A table may print the group once, over all its lettered rows (a merged cell).
        self.groups: dict[str, dict[str, str]] = {}
        for name, code in self.names.items():
            if (lettered := _LETTERED_NAME.match(name)) is not None:
                group = self.groups.setdefault(lettered.group("group"), {})
                group[lettered.group("letter")] = code

    def titled(self, words: list[str]) -> str | None:
        """The code of the one title that ``words`` (:func:`title_words`, four or more) open,
        or that opens them; None when none or several do."""
        if len(words) < _TITLE_OPENING:
            return None
        found = {
            code
            for title, code in self.titles.items()
            if tuple(words[: len(title)]) == title or title[: len(words)] == tuple(words)
        }
        return found.pop() if len(found) == 1 else None

    def maybe_in(self, text: str) -> bool:
        """Cheap pre-test: does ``text`` contain any of the names at all?"""
        lower = text.lower()  # names sit inside one cell, so single spaces suffice
        return any(name in lower for name in self._needles)

    def match(self, text: str) -> tuple[str, int] | None:
        """(code, end offset) of a name at the start of ``text``."""
        found = self._at_start.match(fold(text))
        if not found:
            return None
        return self.names[" ".join(found.group("name").lower().split())], found.end()


DEFAULT_ITEMS = NamedItems(DEFAULT_NAMES)


def named_item(text: str, items: NamedItems | None = None) -> tuple[str, int] | None:
    """A named item at the start of ``text``: (canonical code, end offset)."""
    return (items or DEFAULT_ITEMS).match(text)
