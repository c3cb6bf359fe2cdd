"""What a report claims about itself: what it follows of each standard (GRI's claim level,
HKEx's Guide or Code, IFRS S2 …: the patterns are each descriptor's ``claims``), the SASB
industries it cites, and the reporting period — read from its own text."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from xesg.catalogue.data import sasb_industries
from xesg.catalogue.descriptors import ClaimPattern, Near, Standards, per_standards
from xesg.model.document import Report
from xesg.model.index import IndexTable

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
# non-ASCII character): "to 31 …" is looked for in the copy so.
_SPACES = rb"[\t-\r\x1c-\x20?]+"
_TO_DAY = re.compile(rb"to" + _SPACES + rb"[0-9?]")
_TOKEN = re.compile(r"[a-z0-9]+|[^a-z0-9 ]")  # a word or a punctuation mark of a start


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
        # Where each phrase a claim starts with stands (see phrase), what the text holds.
        self._holds: dict[str, bool] = {}
        self._phrases: dict[tuple[bytes, tuple[tuple[bytes, int], ...]], list[int]] = {}

    def starts(self, pattern: re.Pattern[bytes]) -> Iterator[int]:
        """Where ``pattern`` matches the folded copy (its matches cannot overlap)."""
        return (match.start() for match in pattern.finditer(self.folded))

    def find_all(self, word: bytes) -> Iterator[int]:
        at = self.folded.find(word)
        while at != -1:
            yield at
            at = self.folded.find(word, at + 1)

    def holds(self, part: str) -> bool:
        """Whether the text holds ``part`` (kept: claims share their pre-tests)."""
        if part not in self._holds:
            self._holds[part] = part in self.text
        return self._holds[part]

    def phrase(self, last: bytes, before: tuple[tuple[bytes, int], ...]) -> list[int]:
        """Where a phrase stands: its ``last`` word, found fast in the folded copy, then the
        words ``before`` it (nearest first, each with the whitespace it needs after it) walked
        back to. Kept: claims share phrases and their ends ("core option" and "gri
        standards:core option" are one search for "option")."""
        key = (last, before)
        if key not in self._phrases:
            if not before:
                found = list(self.find_all(last))
            else:
                word, spaces = before[-1]
                nearer = (
                    self.word_before(at, (word,), spaces) for at in self.phrase(last, before[:-1])
                )
                found = [at for at in nearer if at is not None]
            self._phrases[key] = found
        return self._phrases[key]

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


class _Claim(NamedTuple):
    """A descriptor's :class:`ClaimPattern`, compiled: its starts as (last word, the words
    before it with the whitespace each needs after it, last first)."""

    pattern: re.Pattern[str]
    claims: str | dict[str, str]
    starts: tuple[tuple[bytes, tuple[tuple[bytes, int], ...]], ...]
    contains: tuple[str, ...]
    near: Near | None
    every: bool


def _compiled_claim(found: ClaimPattern) -> _Claim:
    starts = []
    for start in found.starts:
        tokens = list(_TOKEN.finditer(start))
        before = tuple(
            (word.group().encode(), int(start[word.end() : after.start()] == " "))
            for word, after in itertools.pairwise(tokens)
        )
        starts.append((tokens[-1].group().encode(), before[::-1]))
    return _Claim(
        re.compile(found.pattern, re.I),
        found.claim if isinstance(found.claim, str) else dict(found.claim),
        tuple(starts),
        found.contains,
        found.near,
        found.every,
    )


def _build(standards: Standards) -> tuple[tuple[str, tuple[_Claim, ...]], ...]:
    return tuple(
        (d.standard, tuple(_compiled_claim(c) for c in d.claims))
        for d in standards.descriptors
        if d.claims
    )


_claims_by_standard = per_standards(_build)


def claim_of(standard: str, text: str) -> str | None:
    """What ``text`` claims to follow of ``standard`` (its descriptor's ``claims``), or None."""
    found = dict(_claims_by_standard()).get(standard, ())
    return _first_claim(_Text(text), found)


def hkex_claim(text: str) -> str | None:
    """code (2025 ESG Reporting Code) | guide (ESG Reporting Guide) | None."""
    return claim_of("hkex", text)


def _first_claim(text: _Text, claims: Iterable[_Claim]) -> str | None:
    """The claim of the first of ``claims`` that the text makes."""
    return next((c for c in (_claim(text, claim) for claim in claims) if c is not None), None)


def _claim(text: _Text, claim: _Claim) -> str | None:
    if claim.contains and not any(text.holds(c) for c in claim.contains):
        return None
    if claim.near is not None:
        matches = list(_near(text, claim.pattern, claim.near))
    elif claim.starts:
        starts = [s for last, before in claim.starts for s in text.phrase(last, before)]
        if claim.every:
            matches = text.every(claim.pattern, starts)
        else:
            matches = [m for m in [text.first(claim.pattern, starts)] if m is not None]
    elif claim.every:
        matches = list(claim.pattern.finditer(text.text))
    else:
        matches = [m for m in [claim.pattern.search(text.text)] if m is not None]
    said = [c for c in (_said(claim.claims, m) for m in matches) if c is not None]
    if not claim.every:
        return said[0] if said else None
    return " / ".join(sorted(set(said))) or None


def _said(claims: str | dict[str, str], match: re.Match[str]) -> str | None:
    """The claim ``match`` makes: the one claim, or that of its first group taking part."""
    if isinstance(claims, str):
        return claims
    group = next((g for g in match.groups() if g is not None), None)
    return None if group is None else claims.get(" ".join(group.lower().split()))


def _near(text: _Text, pattern: re.Pattern[str], near: Near) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in the stretches of the text around each ``near.word`` (a
    claim that must stand near a name: "prepared with reference to HKFRS S2")."""
    for at in text.find_all(near.word.encode()):
        window = text.text[max(0, at - near.before) : at + near.after]
        yield from pattern.finditer(window)


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
    for standard, patterns in _claims_by_standard():
        if said := _first_claim(text, patterns):
            claims[standard] = said
    industries = cited_industries(e.code for e in index.entries if e.standard == "sasb")
    if industries:
        claims["sasb"] = ", ".join(industries)
        if selective := _cited_selectively(text, industries):
            claims["sasb_selective"] = ", ".join(selective)
    if end := _period_end(text):
        claims["period_end"] = end.isoformat()
    return claims
