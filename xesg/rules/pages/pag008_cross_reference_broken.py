"""PAG008 cross-reference-broken: the report's text refers to a page or section that does not
exist.

What it checks
    Cross-references in the report's own text (outside the index): "see P106", "refer to
    page 58", "on page 12", and section names, quoted or in capitalised words — "refer to
    the “Our People” section", "see the Green Finance section" — against the report's
    printed pages and headings. A reference that names another document after it ("see
    page 60 of Kestrel's Annual Report") is not checked. A section name of three words or
    more that a heading words differently — the same words in another order, a plural, a
    letter for a word ("Circular Economy and E-waste" for the heading "Circular Economy and
    Electronic-waste") — is found there.

Why it matters
    Cross-references break when sections are renamed or pages move between drafts; a reader
    who follows one lands nowhere, which undermines the report's credibility just like a
    broken index row.

Example
    Fails: "For details, see P106." in a report printed as pages 30–44; "refer to the
    “Green Finance” section" when no such heading exists.
    Passes: "see P38"; "refer to the “Health and Safety” section" with that heading on P38.

Measured
    No error or warning on the corpus now; before two-page spreads, unpaginated reports'
    headings and section names worded differently from their headings were handled, 18 findings,
    all false. Too few right to be an error: a warning. Labels and how they were judged:
    docs/accuracy.md.

How to fix
    Update the page number or the section name in the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from xesg.model.document import Page
from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

_PAGE_REF = re.compile(r"\b(?:see|refer\s+to|on|at)\s+(?:page|p\.?|pp\.?|P)\s?(\d{1,4})\b", re.I)
# "on page 58 of the Annual Report", "see page 60 of Kestrel's Annual Report", "… section on
# page 65 of the Annual Report and Accounts" and "Note 28 on page 348" point into another
# document.
_OTHER_DOCUMENT = re.compile(
    r"^[^.]{0,40}?\b(?:of|in|on)\s+(?:the|our|\w+['’]s?)\s.{0,160}?"
    r"(?:report|accounts|statements|website)\b",
    re.I,
)
_NOTE_BEFORE = re.compile(r"\bnote\s+\d+\s*$", re.I)
_SECTION_REF = re.compile(
    r"\b(?:see|refer\s+to)\s+(?:the\s+)?[“\"‘']([^”\"’']{3,60})[”\"’']\s+(?:section|chapter)",
    re.IGNORECASE,
)

# "refer to the Green Finance section": a section named without quotes, in capitalised words.
_NAMED_SECTION_REF = re.compile(
    r"\b(?:[Ss]ee|[Rr]efer\s+to)\s+(?:the\s+)?"
    r"([A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|and|of|&)){0,6})\s+(?:section|chapter)\b"
)


@functools.cache
def _hints() -> tuple[tuple[re.Pattern[str], ...], tuple[tuple[str, re.Pattern[str]], ...]]:
    """What every page and section reference has, starting with a character the regex engine
    finds quickly (unlike the case-insensitive patterns above, which it tries everywhere):
    a "p" or "P" after a space, then a number ("page 12", "p. 12", "P12"); a closing quote
    and "section" or "chapter" in any case ("ſ" is an "s" to _SECTION_REF, "ı" and "İ" are
    "i"s). Most pages have neither and are not scanned further. Compiled on first use."""
    page = r"(?:[aA][gG][eE]|[pP]\.?|\.)?\s?\d"
    section = r"\s+(?:[sSſ][eE][cC][tT][iIıİ][oO][nN]|[cC][hH][aA][pP][tT][eE][rR])"
    return (
        tuple(re.compile(rf"{p}(?<=\s{p}){page}") for p in "pP"),
        tuple((quote, re.compile(rf"{quote}{section}")) for quote in "”\"’'"),
    )


NO_PAGE = Message(
    "The text on {place} says {says!r}, but the report's printed pages run {first}–{last}.",
    expected="an existing page",
    found="{says}",
)
NO_SECTION = Message(
    "The text on {place} refers to section '{title}', which is not found.",
    expected="an existing heading",
    found="{title}",
)


@rule(
    code="PAG008",
    name="cross-reference-broken",
    group="pages",
    severity=Severity.WARNING,
    summary="A cross-reference in the text points to a page or section that does not exist.",
    confidence=Confidence.MEDIUM,
    walks=Walk.TEXT_PAGE,
)
def cross_reference_broken(ctx: CheckContext, page: Page) -> Iterator[Finding]:
    report = ctx.report
    index_pages = ctx.index.pages
    page_hints, section_hints = _hints()
    if report.pagination != "none" and any(h.search(page.text) for h in page_hints):
        for match in _PAGE_REF.finditer(page.text):
            if _elsewhere(page.text, match):
                continue
            if not report.has_page(int(match.group(1))):
                yield cross_reference_broken.finding(
                    NO_PAGE(
                        place=ctx.place(match.group(0), page.label, page),
                        says=match.group(0),
                        first=report.first_label,
                        last=report.last_label,
                    ),
                    page=page.label,
                    line=ctx.line_of(match.group(0), page.label, page),
                    evidence=_around(page.text, match.start(), match.end()),
                )
    quoted = [h for q, h in section_hints if q in page.text]  # `in`: a quick memchr
    patterns = [_SECTION_REF] if any(h.search(page.text) for h in quoted) else []
    if "section" in page.text or "chapter" in page.text:
        patterns.append(_NAMED_SECTION_REF)
    for match in (m for pattern in patterns for m in _section_refs(pattern, page.text)):
        title = match.group(1)
        if _elsewhere(page.text, match) or ctx.headings.exists(title, index_pages):
            continue
        yield cross_reference_broken.finding(
            NO_SECTION(place=ctx.place(match.group(0), page.label, page), title=title),
            page=page.label,
            line=ctx.line_of(match.group(0), page.label, page),
            evidence=_around(page.text, match.start(), match.end()),
        )


def _section_refs(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for the section patterns, fast: each starts with "see" or
    "refer" (in any case), so it is tried only where those are (found in C), not at every
    character. Where lower-casing changes a length ("İ") or "ſ" may be an "s", finditer."""
    lower = text.lower()
    if len(lower) != len(text) or "ſ" in text:
        yield from pattern.finditer(text)
        return
    starts = []
    for word in ("see", "refer"):
        at = lower.find(word)
        while at != -1:
            starts.append(at)
            at = lower.find(word, at + 1)
    end = 0  # finditer's matches do not overlap: the next is looked for after the last
    for start in sorted(starts):
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = match.end()


def _elsewhere(text: str, match: re.Match[str]) -> bool:
    """The reference names another document right after it, or a note of the accounts."""
    after = " ".join(text[match.end() : match.end() + 240].split())
    return bool(
        _OTHER_DOCUMENT.match(after)
        or _NOTE_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    )


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())
