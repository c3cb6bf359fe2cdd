"""Parse the location cell of an index row: pages, other documents, URLs, sections, reasons.

Handles ``P111``, ``P101 - 102``, ``p250``, ``pp. 12-14``, ``pp8-11``, ``P. 141``,
``P108 – 109; Annual Report, P150 – 156``, URLs, section names (``3. Our Environment``) and
explanation sentences, with or without pages in them. Page numbers are printed labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xesg.index.normalize import fold
from xesg.model.index import Location, LocationKind, MalformedRef

_PAGE_MARK = re.compile(r"(?<![A-Za-z])(?:pages?|pp|pg|p)\.?\s*(?=[0-9?#xX])", re.IGNORECASE)
_RANGE = re.compile(
    r"(\d{1,4})(?:\s*(?:-|to)\s*(?:(?:pp?|pages?)\.?\s*)?(\d{1,4}))?(?=$|[\s;,.)\]])",
    re.IGNORECASE,
)
_MORE = re.compile(r"\s*(?:,|and|&)\s*(?P<ref>(?:(?:pp?|pages?)\.?\s*)?)(?=\d)", re.IGNORECASE)
_BARE_PAGES = re.compile(
    r"^\s*\d{1,4}(?:\s*-\s*\d{1,4})?(?:\s*(?:,|and|&)\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*\s*$"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s;,]+[^\s;,.)]", re.IGNORECASE)
_DOCUMENT = re.compile(
    r"\b(?:(?:\d{4}\s+)?(?:Annual|Interim|Integrated|Remuneration|Corporate\s+Governance|"
    r"Directors'?|Climate|TCFD|Tax|Human\s+Rights|Modern\s+Slavery)\s+(?:Report|Statement)"
    r"(?:\s+\d{4})?|Financial\s+Statements|Proxy\s+Statement|Form\s+10-K|"
    r"(?:(?:company|corporate|group|our)\s+)?web\s?site)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"^(?:TBC|TBD|TBA|XX+|\?+|#+|\[page\]|page\s*x+)$", re.IGNORECASE)
_EMPTY = re.compile(r"^[\s\-–—/]*$")
_EXPLAIN_START = re.compile(
    r"^(?:not\s+(?:applicable|disclosed|reported|material|relevant|available)|n/?a\b|"
    r"omitted|omission|none\b|no\s|there\s+(?:is|are|was|were)|the\s+(?:group|company)\b|"
    r"we\s|our\s+\w+\s+(?:is|are|do|does|has|have)\b|information\s+unavailable|"
    r"confidentiality|legal\s+prohibition|explanation)",
    re.IGNORECASE,
)
_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
# A requirement's item label, as GRI indexes answer them: "a. See …", "a.ii., iii. …", "(b) …"
# (letters a–h only: "p. 12" is a page).
_ITEM_LABEL = re.compile(r"^(?:\([a-h]\)|[a-h](?:\.[ivx]+)?\.(?:,?\s*[ivx]+\.)*)\s+\S")
# A line that ends "… on pages" or "P101 -" is continued by the next one ("392 of our …").
_OPEN_END = re.compile(r"(?:\bpages?|\bpp?\.?|[-–—,&]|\bto|\band)\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•●▪◦·\-–*]\s*")
# A URL that a line break cut after a hyphen or a slash: the next line goes on with it.
_URL_BROKEN = re.compile(r"(?:https?://|www\.)\S*[-‐/]$", re.IGNORECASE)
_PAGE_OPEN = re.compile(
    r"^\s*(?:pages?|pp|pg|p)\.?\s*$", re.IGNORECASE
)  # its number on the next line
_ENDS_WITH_PAGE = re.compile(
    r"(?<![A-Za-z])(?:pages?|pp|pg|p)\.?\s*\d{1,4}(?:\s*[-–‐,]\s*\d{1,4})*\.?$", re.IGNORECASE
)
# "ESG Datapack 2024 ---> Complaints": a path to a section, the section last.
_PATH = re.compile(r"\s*(?:-+>|→|»)\s*")
_THIS_REPORT = (
    r"(?:(?:this|the|our)\s+)?(?:\d{4}\s+)?"
    r"(?:ESG|sustainability|environmental,?\s+social\s+and\s+governance(?:\s+\(ESG\))?)"
    r"\s+report(?:\s+\d{4})?"
)
_SELF = re.compile(rf"^{_THIS_REPORT}$", re.IGNORECASE)
# "ESG Report section 4.2", "Environmental, Social and Governance Report – Environment":
# the section of this report that follows its name.
_IN_THIS_REPORT = re.compile(rf"^{_THIS_REPORT}\s*(?:[-–:,>]+|\s(?:section|chapter)\b)\s*", re.I)


@dataclass
class ParsedLocation:
    locations: list[Location] = field(default_factory=list)
    explanation: str | None = None
    malformed: list[MalformedRef] = field(default_factory=list)


def split_segments(lines: list[str]) -> list[str]:
    """Group the physical lines of a location cell into segments.

    A new segment starts at a bullet, a numbered section (``3.1 Climate…``), an item label
    (``a.ii. 2023 Annual Report…``), a ``;``, after a line that ends a sentence, or at a
    capital after a page reference (``…; P. 45`` / ``ESG Datapack > Complaints``); other
    lines continue the wrapped text above them, a URL broken after a hyphen or a slash
    without a space. Pages alone after a ``;`` are those of the document named before it
    (``Annual Report > Governance; P. 83``).
    """
    segments: list[str] = []
    for raw_line in lines:
        for k, part in enumerate(raw_line.split(";")):
            line = part.strip()
            if not line:
                continue
            if (
                k == 0
                and segments
                and segments[-1].endswith(("-", "‐", "/"))
                and _URL_BROKEN.search(segments[-1])
            ):
                segments[-1] += line
                continue
            if k > 0 and segments and _pages_of_document(segments[-1], line):
                segments[-1] = f"{segments[-1]} {line}"
                continue
            continues = bool(segments) and bool(_OPEN_END.search(segments[-1]))
            starts_new = (
                not segments
                or bool(_BULLET.match(part))
                or k > 0  # after a ";"
                or (
                    not continues
                    and bool(
                        _SECTION_NUMBER.match(line)
                        or _ITEM_LABEL.match(line)
                        or segments[-1].endswith((".", ":", ";"))
                        or (line[:1].isupper() and _ENDS_WITH_PAGE.search(segments[-1]))
                    )
                )
            )
            if starts_new:
                segments.append(_BULLET.sub("", line))
            else:
                segments[-1] = f"{segments[-1]} {line}"
    return segments


def _pages_of_document(before: str, part: str) -> bool:
    """``part`` is page references alone (or a page mark whose number is on the next line)
    and ``before`` names another document without giving its pages."""
    ranges, malformed, rest = _page_refs(fold(part))
    if not _PAGE_OPEN.match(part) and (not ranges or malformed or re.search(r"[A-Za-z]", rest)):
        return False
    text = _URL.sub(" ", fold(before))
    return bool(_DOCUMENT.search(text)) and not _page_refs(text)[0]


def parse_location(lines: list[str], page_column: bool = True) -> ParsedLocation:
    """Parse the location text of one index row (its physical lines)."""
    parsed = ParsedLocation()
    explanation: list[str] = []
    section: Location | None = None  # the one location the segment before added, a section
    for segment in split_segments(lines):
        count = len(parsed.locations)
        _parse_segment(segment, page_column, parsed, explanation)
        added = parsed.locations[count:]
        if (
            section is not None
            and added
            and all(loc.kind is LocationKind.URL for loc in added)
            and not _URL.sub("", fold(segment)).strip(" ()[]<>.,:")
        ):
            # "Indicators Disclosure 2023; https://…": the name of the linked document.
            parsed.locations.remove(section)
        single = len(added) == 1 and added[0].kind is LocationKind.SECTION
        section = added[0] if single else None
    if explanation:
        parsed.explanation = " ".join(explanation)
    return parsed


def _page_refs(text: str) -> tuple[list[tuple[int, int, str]], list[MalformedRef], str]:
    """Page ranges marked with P/p/pp/page in ``text``, malformed ones, and the rest of the text."""
    ranges: list[tuple[int, int, str]] = []
    malformed: list[MalformedRef] = []
    rest = []
    pos = 0
    for mark in _PAGE_MARK.finditer(text):
        if mark.start() < pos:
            continue
        rest.append(text[pos : mark.start()])
        at = mark.end()
        match = _RANGE.match(text, at)
        if not match:
            token = re.match(r"[^\s;,]*", text[mark.start() :])
            raw = token.group(0) if token else text[mark.start() :]
            malformed.append(MalformedRef(raw=raw, reason="not a page number or range"))
            pos = mark.start() + len(raw)
            continue
        raw_start = mark.start()
        while match:
            start = int(match.group(1))
            end = _expand_end(start, match.group(2))
            ranges.append((start, end, text[raw_start : match.end()].strip()))
            at = match.end()
            more = _MORE.match(text, at)
            raw_start = more.start("ref") if more else at
            match = _RANGE.match(text, more.end()) if more else None
        pos = at
    rest.append(text[pos:])
    return ranges, malformed, "".join(rest)


def _expand_end(start: int, end_text: str | None) -> int:
    if end_text is None:
        return start
    end = int(end_text)
    # "pp. 150-56" abbreviates 150-156; "P39 - 37" (same digit count) is a reversed range.
    if end < start and len(end_text) < len(str(start)):
        scale: int = 10 ** len(end_text)
        expanded = start - start % scale + end
        if expanded >= start:
            return expanded
    return end


def _parse_segment(
    segment: str, page_column: bool, parsed: ParsedLocation, explanation: list[str]
) -> None:
    text = fold(segment).strip()
    if _EMPTY.match(text):
        return
    if _PLACEHOLDER.match(text):
        parsed.malformed.append(MalformedRef(raw=segment.strip(), reason="placeholder, not a page"))
        return
    urls = _URL.findall(text)
    has_url = bool(urls)
    for url in urls:
        parsed.locations.append(Location(kind=LocationKind.URL, raw=url, target=url))
    text_wo_urls = _URL.sub(" ", text)
    document = _DOCUMENT.search(text_wo_urls)
    if page_column and _BARE_PAGES.match(text_wo_urls) and text_wo_urls.strip():
        text_wo_urls = "p" + text_wo_urls.strip()
    ranges, malformed, rest = _page_refs(text_wo_urls)
    parsed.malformed.extend(malformed)
    if document:
        name = re.sub(r"\s+", " ", document.group(0)).strip()
        for start, end, raw in ranges or [(0, 0, "")]:
            parsed.locations.append(
                Location(
                    kind=LocationKind.DOCUMENT,
                    raw=f"{name} {raw}".strip(),
                    start=start or None,
                    end=end or None,
                    document=name,
                )
            )
        rest = _DOCUMENT.sub(" ", rest)
    else:
        for start, end, raw in ranges:
            parsed.locations.append(Location(kind=LocationKind.PAGE, raw=raw, start=start, end=end))
    leftover = re.sub(r"^[\s,:;\-–()]+|[\s,:;\-–()]+$", "", rest)
    if not re.search(r"[A-Za-z]", leftover):
        return
    if _names_nothing(leftover):
        if not (urls or ranges or document):
            # "Throughout this report": an answer that gives no place to check.
            explanation.append(segment.strip())
        return
    if _is_explanation(leftover, segment):
        explanation.append(segment.strip())
    elif has_url or (document and _PATH.search(leftover)):
        # The title of the page or file linked ("Engagement policy (https://…)"), or the
        # path to a section of the other document ("Annual Report > Governance > Risk").
        return
    elif not (document and len(leftover.split()) <= 2):
        named = _IN_THIS_REPORT.sub("", _POINTING_START.sub("", leftover))
        named = _POINTING_END.sub("", named)
        if _SELF.match(leftover) or _SELF.match(named):
            return  # the report itself
        target = _PATH.split(named)[-1].strip() or leftover
        parsed.locations.append(
            Location(kind=LocationKind.SECTION, raw=segment.strip(), target=target)
        )


# What is left of "See page 12", "Refer to pages 5-6", "See pages 7-8 of our Annual Report",
# "Page 12 of this report" or "P12 (table)" once the pages and the document are out: words that
# point to a place, at the report itself ("throughout this report", "above") or at a part of a
# page ("Figure 4", "footnote 3", "p. 12 f."), and name no section.
_POINTING = """
see refer to please also read more details in on at of the our and for page pages p pp this
report document above below throughout whole entire all f ff table tables figure figures fig
chart charts graph graphs footnote footnotes note notes box
"""
_POINTING_WORDS = frozenset(_POINTING.split())
# "See Climate Action", "Please refer to the section 'Our People' on [P9]": the section is what
# is between (quotes around it taken off too). "of", "in" … in lower case are left where pages
# were taken out ("See [page 12] of the ESG Report"); "In Focus: Climate" is a heading.
_POINTING_START = re.compile(
    r"^(?:please\s+)?(?:also\s+)?(?:(?:see|refer\s+to|read\s+more\s+(?:in|on|at|about))\s+(?-i:the\s+)?)?"
    r"(?-i:(?:of|in|on|at)\s+)?(?:(?:the\s+)?(?:section|chapter)\s+(?=[\"'‘“]))?[\"'‘“]?",
    re.IGNORECASE,
)
_POINTING_END = re.compile(
    r"[\"'’”]?(?:\s+(?:on|in|at|of|the|our|and|for|pages?|section|chapter))*\s*$",
    re.IGNORECASE,
)


def _names_nothing(leftover: str) -> bool:
    return all(word in _POINTING_WORDS for word in re.findall(r"[^\W\d_]+", leftover.lower()))


def _is_explanation(leftover: str, segment: str) -> bool:
    words = leftover.split()
    if _EXPLAIN_START.match(leftover):
        return True
    if _SECTION_NUMBER.match(leftover):
        return False
    if segment.rstrip().endswith(".") and len(words) >= 5:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 8 and capitalised < len(words) / 2


_TRAILING_DOCUMENT = re.compile(
    rf"\s+(?P<doc>{_DOCUMENT.pattern}|(?:(?:this|the|our)\s+)?(?:ESG|Sustainability)\s+Report)$",
    re.IGNORECASE,
)


def split_trailing_document(description: str) -> tuple[str, str | None]:
    """``"Markets served Annual Report"`` → ``("Markets served", "Annual Report")``: a document
    name that a narrow Page column pushed to the end of the description cell."""
    match = _TRAILING_DOCUMENT.search(description)
    if match is None or match.start() == 0:
        return description, None
    return description[: match.start()], match.group("doc")
