"""What a report claims about itself: GRI claim level, HKEx Guide or Code, SASB industries,
and the reporting period — read from its own text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from xesg.catalogue.data import sasb_industries
from xesg.model.document import Report
from xesg.model.index import IndexTable

_GRI_IN_ACCORDANCE = re.compile(
    r"in\s+accordance\s+with\s+(?:the\s+)?GRI\s+Standards(?!\s*:\s*(?:Core|Comprehensive))", re.I
)
_GRI_WITH_REFERENCE = re.compile(r"with\s+reference\s+to\s+(?:the\s+)?GRI\s+Standards", re.I)
_GRI_LEGACY = re.compile(
    r"GRI\s+Standards\s*:\s*(Core|Comprehensive)\s+options?|\b(Core|Comprehensive)\s+options?\b",
    re.I,
)
# The statement in other words: "in accordance with the GRI Universal Standards 2021", "with
# reference to the latest Global Reporting Initiative's (GRI) Sustainability Reporting
# Standard", or words of another column between its words (two columns read line by line).
# The nearest "accordance" or "reference" before the GRI decides; "GRI 305" is a disclosure.
_GRI_NEAR = re.compile(
    r"(?:(accordance)|with\s+reference)"
    r"(?:(?!accordance|reference)[\s\S]){0,160}?"
    r"\b(?:GRI|Global\s+Reporting\s+Initiative)\b(?![\s:]*\d)"
    r"(?:(?!accordance|reference)[\s\S]){0,120}?\bstandards?\b",
    re.I,
)
# A "Statement of use" table whose answer cell says only "In accordance with" / "With
# reference to" (the GRI Standards are in its heading).
_STATEMENT_OF_USE = re.compile(
    r"statement\s+of\s+use\b[\s\S]{0,200}?(?:(accordance)|with\s+reference)",
    re.I,
)
_HKEX_NAME = re.compile(
    r"(?:ESG|Environmental,?\s+Social\s+and\s+Governance)\s+Reporting\s+(Guide|Code)", re.I
)
_HKEX_APPENDIX = re.compile(r"Appendix\s+(27|C2)\b", re.I)
# The Chinese names: 《環境、社會及管治報告指引》 (Guide) / 《…報告守則》 (Code), Traditional or
# Simplified. A literal search: the text's Chinese is not in the ASCII copy.
_HKEX_CHINESE_NAME = re.compile(
    r"(?:環境、社會及管治|环境、社会及管治)(?:報告|报告)(指引|守則|守则)"
)
_HKEX_BY_CHINESE = {"指引": "guide", "守則": "code", "守则": "code"}
# The ISSB's climate standard cited as what the report follows, under its own name or its
# Hong Kong one (HKFRS S2, the HKICPA's, effective 1 August 2025): "prepared with reference
# to HKFRS S2", "in accordance with IFRS S2", "aligned with IFRS S1 and S2".
_S2_CLAIM = re.compile(
    r"(?:accordance|reference|prepared|aligned|alignment|complies|comply|compliance|adopt\w*|"
    r"follow\w*|in\s+line)\b[^.;\n]{0,80}?\b(HKFRS|IFRS)\s*(?:S1\s*(?:and|&|,)\s*)?S2\b",
    re.I,
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_PERIOD_END = re.compile(
    r"(?:year|period)\s+ended\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})"
    r"|to\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})",
    re.I,
)


# Non-ASCII letters that a case-insensitive pattern takes for ASCII ones (Kelvin sign for "k",
# dotless and dotted i for "i", long s for "s").
_CASE_TWINS = "\u212a\u0131\u0130\u017f"
# Where a pattern has \s+ or \d, the folded copy has an ASCII space or digit, or "?" (any
# non-ASCII character): "to 31 …" and "ESG Reporting …" are looked for in the copy so.
_SPACES = rb"[\t-\r\x1c-\x20?]+"
_TO_DAY = re.compile(rb"to" + _SPACES + rb"[0-9?]")
_ESG_REPORTING = re.compile(rb"esg" + _SPACES + rb"reporting")


class _Text:
    """A report's text and an ASCII lower-case copy of it, to find where a pattern can start:
    ``bytes.find`` on the copy is far faster than scanning the text with a case-insensitive
    regex, which tries every position. The patterns then run only at those places."""

    def __init__(self, text: str | list[str]) -> None:
        """``text``, or its parts (pages) to be joined with line breaks."""
        parts = [text] if isinstance(text, str) else text
        self.text = "\n".join(parts)
        # One byte per character, so that positions agree; other characters become "?".
        # Made part by part: most pages are ASCII, and encoding those is a plain copy.
        self.folded = b"\n".join(p.encode("ascii", "replace") for p in parts).lower()
        # A twin letter in the text may be part of a match that the copy does not show.
        self.exact = not any(c in self.text for c in _CASE_TWINS)

    def starts(self, pattern: re.Pattern[bytes]) -> Iterator[int]:
        """Where ``pattern`` matches the folded copy (its matches cannot overlap)."""
        return (match.start() for match in pattern.finditer(self.folded))

    def find_all(self, word: bytes) -> Iterator[int]:
        at = self.folded.find(word)
        while at != -1:
            yield at
            at = self.folded.find(word, at + 1)

    def word_before(self, end: int, words: tuple[bytes, ...], spaces: int = 1) -> int | None:
        """Where one of ``words`` (none ends another) starts when it stands before ``end``,
        separated by at least ``spaces`` whitespace characters (``\\s``, as in the patterns)."""
        at = end
        while at > 0 and self.text[at - 1].isspace():
            at -= 1
        if end - at < spaces:
            return None
        word = next((w for w in words if self.folded.endswith(w, 0, at)), None)
        return at - len(word) if word is not None else None

    def first(self, pattern: re.Pattern[str], starts: Iterable[int]) -> re.Match[str] | None:
        """``pattern.search(text)``, given every place where a match can start."""
        if not self.exact:
            return pattern.search(self.text)
        matches = (pattern.match(self.text, start) for start in sorted(set(starts)))
        return next((m for m in matches if m is not None), None)

    def every(self, pattern: re.Pattern[str], starts: Iterable[int]) -> list[re.Match[str]]:
        """``pattern.finditer(text)``, given every place where a match can start."""
        if not self.exact:
            return list(pattern.finditer(self.text))
        found: list[re.Match[str]] = []
        for start in sorted(set(starts)):
            if found and start < found[-1].end():
                continue  # inside the previous match, as finditer goes on after it
            match = pattern.match(self.text, start)
            if match is not None:
                found.append(match)
        return found


def gri_claim(text: str) -> str | None:
    """in-accordance | with-reference | core-2016 | comprehensive-2016 | None."""
    return _gri_claim(_Text(text))


def _gri_claim(text: _Text) -> str | None:
    legacy = text.first(_GRI_LEGACY, _legacy_starts(text))
    if legacy:
        return f"{(legacy.group(1) or legacy.group(2)).lower()}-2016"
    in_accordance = (text.word_before(at, (b"in",)) for at in text.find_all(b"accordance"))
    if text.first(_GRI_IN_ACCORDANCE, (s for s in in_accordance if s is not None)):
        return "in-accordance"
    with_reference = [text.word_before(at, (b"with",)) for at in text.find_all(b"reference")]
    if text.first(_GRI_WITH_REFERENCE, (s for s in with_reference if s is not None)):
        return "with-reference"
    near_starts = [*text.find_all(b"accordance"), *(s for s in with_reference if s is not None)]
    for pattern, starts in (
        (_GRI_NEAR, near_starts),
        (_STATEMENT_OF_USE, text.find_all(b"statement")),
    ):
        if found := text.first(pattern, starts):
            return "in-accordance" if found.group(1) else "with-reference"
    return None


def _legacy_starts(text: _Text) -> Iterator[int]:
    """Where "GRI Standards: Core option" or "Core option" can start: before an "option"."""
    for at in text.find_all(b"option"):
        level = text.word_before(at, (b"core", b"comprehensive"))
        if level is None:
            continue
        yield level
        colon = text.word_before(level, (b":",), spaces=0)
        standards = None if colon is None else text.word_before(colon, (b"standards",), 0)
        gri = None if standards is None else text.word_before(standards, (b"gri",))
        if gri is not None:
            yield gri


def hkex_claim(text: str) -> str | None:
    """code (2025 ESG Reporting Code) | guide (ESG Reporting Guide) | None.

    The name decides: the Guide was moved to Appendix C2 before it became the Code, so
    "the ESG Reporting Guide in Appendix C2" is still the Guide."""
    return _hkex_claim(_Text(text))


def _hkex_claim(text: _Text) -> str | None:
    names: set[str] = set()
    if b"reporting" in text.folded or not text.exact:
        starts = [*text.starts(_ESG_REPORTING), *text.find_all(b"environmental")]
        names = {m.group(1).lower() for m in text.every(_HKEX_NAME, starts)}
    if "報告" in text.text or "报告" in text.text:
        names |= {_HKEX_BY_CHINESE[m.group(1)] for m in _HKEX_CHINESE_NAME.finditer(text.text)}
    if "code" in names:
        return "code"
    if "guide" in names:
        return "guide"
    appendix = text.first(_HKEX_APPENDIX, text.find_all(b"appendix"))
    if appendix:
        return "guide" if appendix.group(1) == "27" else "code"
    return None


def s2_claim(text: str) -> str | None:
    """The name under which the report says it follows the ISSB's climate standard: "IFRS
    S2", or "HKFRS S2" (the same standard under its Hong Kong name), or None."""
    return _s2_claim(_Text(text))


def _s2_claim(text: _Text) -> str | None:
    if b"frs" not in text.folded:
        return None
    names: set[str] = set()
    for at in text.find_all(b"frs"):  # (in the lower-case copy: "ifrs", "hkfrs")
        window = text.text[max(0, at - 110) : at + 30]
        names.update(m.group(1).upper() for m in _S2_CLAIM.finditer(window))
    return " / ".join(f"{name} S2" for name in sorted(names)) or None


def cited_industries(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({"-".join(c.split("-")[:2]) for c in codes if c.count("-") >= 2}))


def _cited_selectively(text: _Text, industries: tuple[str, ...]) -> tuple[str, ...]:
    """The industries of the index's SASB codes that the report does not name when it names
    others ("our SASB index covers Investment Banking & Brokerage and Commercial Banks", with
    two Mortgage Finance metrics among the rows): it reports those industries' standards, and
    cites a few metrics of the rest. None when it names none of them."""
    names = sasb_industries()
    named = {i for i in industries if i in names and _names(text, names[i])}
    return tuple(i for i in industries if i not in named) if named else ()


def _names(text: _Text, name: str) -> bool:
    """Whether ``name`` ("Investment Banking & Brokerage") stands in the text, "&" or "and"."""
    words = name.lower().replace("&", " & ").split()
    pattern = rb"\s+".join(rb"(?:&|and)" if w == "&" else re.escape(w.encode()) for w in words)
    return re.search(rb"\b" + pattern + rb"\b", text.folded) is not None


def period_end(text: str) -> dt.date | None:
    """The latest 'year ended 31 December 2024' / '… to 31 December 2024' date in the text."""
    return _period_end(_Text(text))


def _period_end(text: _Text) -> dt.date | None:
    ended = (text.word_before(at, (b"year", b"period")) for at in text.find_all(b"ended"))
    starts = [*(s for s in ended if s is not None), *text.starts(_TO_DAY)]
    found = []
    for match in text.every(_PERIOD_END, starts):
        day, month, year = [g for g in match.groups() if g is not None]
        number = _MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            found.append(dt.date(int(year), number, int(day)))
        except ValueError:
            continue
    return max(found) if found else None


def detect_claims(report: Report, index: IndexTable) -> dict[str, str]:
    text = _Text([page.text for page in report.pages])
    claims: dict[str, str] = {}
    if gri := _gri_claim(text):
        claims["gri"] = gri
    if hkex := _hkex_claim(text):
        claims["hkex"] = hkex
    if s2 := _s2_claim(text):
        claims["ifrs-s2"] = s2
    industries = cited_industries(e.code for e in index.entries if e.standard == "sasb")
    if industries:
        claims["sasb"] = ", ".join(industries)
        if selective := _cited_selectively(text, industries):
            claims["sasb_selective"] = ", ".join(selective)
    if end := _period_end(text):
        claims["period_end"] = end.isoformat()
    return claims
