"""Parse the location cell of an index row: pages, other documents, URLs, sections, reasons.

Handles ``P111``, ``P101 - 102``, ``p250``, ``pp. 12-14``, ``pp8-11``, ``P. 141``,
``P108 – 109; Annual Report, P150 – 156``, URLs, section names (``3. Our Environment``) and
explanation sentences, with or without pages in them. Page numbers are printed labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xesg.index.normalize import fold
from xesg.model.document import Report
from xesg.model.index import IndexTable, Location, LocationKind, MalformedRef

_PAGE_MARK = re.compile(r"(?<![A-Za-z])(?:pages?|pp|pg|p)\.?\s*(?=[0-9?#xX])", re.IGNORECASE)
_RANGE = re.compile(
    r"(\d{1,4})(?:\s*(?:-|to)\s*(?:(?:pp?|pages?)\.?\s*)?(\d{1,4}))?(?=$|[\s;,.:)\]])",
    re.IGNORECASE,
)
_MORE = re.compile(r"\s*(?:,|and|&)\s*(?P<ref>(?:(?:pp?|pages?)\.?\s*)?)(?=\d)", re.IGNORECASE)
_BARE_PAGES = re.compile(
    r"^\s*\d{1,4}(?:\s*-\s*\d{1,4})?(?:\s*(?:,|and|&)\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*\s*$"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s;,]+[^\s;,.)]", re.IGNORECASE)
# Chinese page references (Traditional 頁, Simplified 页): 第12頁, 第12-13頁, 第12至13頁, 頁12,
# with ASCII or full-width digits; rewritten as "P12-13" before the English grammar reads them.
_DIGITS = "[0-9０-９]{1,4}"
_CHINESE_PAGES = re.compile(
    rf"第\s*(?P<a>{_DIGITS})\s*(?:[-–－~～至到]\s*第?\s*(?P<b>{_DIGITS})\s*)?[頁页]"
    rf"|[頁页]\s*(?P<c>{_DIGITS})(?:\s*[-–－~～至到]\s*(?P<d>{_DIGITS}))?"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _chinese_pages(line: str) -> str:
    """ "第12至13頁、第20頁" → "P12-13, P20"."""

    def english(match: re.Match[str]) -> str:
        start, end = match["a"] or match["c"], match["b"] or match["d"]
        ref = f"P{start}" + (f"-{end}" if end else "")
        return ref.translate(_FULL_WIDTH_DIGITS)

    if "頁" not in line and "页" not in line:
        return line
    return _CHINESE_PAGES.sub(english, line).replace("、", ", ")


# Other documents, by their names: the annual report and its parts ("Directors' Report",
# "Chairman's Statement", "Corporate Information", "Financial Statements"), filings ("Form 10-K",
# "Proxy Statement"), separate reports ("Climate Change Report", "Modern Slavery Statement"),
# the website, and an edition of a sustainability report named by its year ("2023
# Sustainability Report": a report citing its own pages does not name its year).
_DOCUMENT = re.compile(
    r"\b(?:(?:\d{4}\s+)?(?:Annual|Interim|Integrated|Remuneration|Corporate\s+Governance|"
    r"Directors?['’]?s?|Climate(?:\s+Change)?|TCFD|Tax(?:\s+Transparency)?|Human\s+Rights|Modern\s+Slavery|"
    r"Strategic|Stewardship|Green\s+(?:Bond|Finance)|Impact|"
    r"Chair(?:man|woman|person)?['’]s|(?:CEO|Chief\s+Executive)['’]s)\s+"
    r"(?:Report|Statement|Review|Letter)(?:\s+and\s+Accounts|\s+on\s+Form\s+10-K)?(?:\s+\d{4})?|"
    r"CDP\b(?:\s+[\w-]+){0,3}?\s+(?:Survey|Questionnaire|Response)|"
    r"\d{4}\s+(?:ESG|Sustainability|Responsibility|Corporate\s+Responsibility)\s+Report|"
    r"(?:Consolidated\s+)?Financial\s+Statements?|Corporate\s+Information|Proxy\s+Statement|"
    r"(?:Form\s+)?10-K|Form\s+20-F|"
    r"(?:(?:company|corporate|group|our)\s+)?web\s?(?:site|stie|page)s?)\b",
    re.IGNORECASE,
)
_PART = re.compile(r"^\s*[-–—:]\s*$")  # between a document and its part
# Policies and charters are documents of their own ("Group Tax Policy", "Board Charter").
_POLICY = re.compile(
    r"\b(?:[A-Z][\w'’&-]*\s+){1,5}(?:Policy|Policies|Charter|Code\s+of\s+(?:Conduct|Ethics))\b"
)
# "SR – Page 97", "AR p 33", "CGS: p. 4": a document known by the abbreviation a legend gives
# it, then its pages.
_ABBREVIATED = re.compile(
    r"^(?i:see\s+)?(?!(?:PP|PG|PAGE|ESG)\b)(?P<doc>[A-Z]{2,5})\b(?=\s*[-–—:,]?\s*"
    r"(?i:pages?|pp|pg|p)\.?\s*\d)"
)
# "SR – Sustainability Report": a legend's line, the abbreviation and the document it stands for.
_LEGEND = re.compile(
    r"^(?!(?:PP|PG|PAGE)\b)[A-Z]{2,5}\s*[-–—:=]\s*(?P<doc>(?:[A-Z][\w'’&-]*\s+){0,5}"
    r"(?:Report|Statements?|Accounts|Review|Website|Form\s+10-K|Filing))(?:\s+\d{4})?$"
)
# "this report", "our ESG Report": this document named in a cell that also names another
# ("see page 26 of this report and page 51 of the Annual Report").
_THIS = re.compile(
    r"\b(?:this|our|the\s+present)\s+(?:(?:ESG|sustainability)\s+)?(?:report|document)\b",
    re.IGNORECASE,
)
# Between pages and the document they are in: "page 51 of the Annual Report", "pages 7-8 of
# our Annual Report", "page 60 of Kestrel's Annual Report".
_OF_DOCUMENT = re.compile(
    r"\s*,?\s*(?:of|in|from)\s+(?:the\s+|our\s+|[\w-]+['’]s\s+)?", re.IGNORECASE
)
_PLACEHOLDER = re.compile(r"^(?:TBC|TBD|TBA|XX+|\?+|#+|\[page\]|page\s*x+)$", re.IGNORECASE)
_EMPTY = re.compile(r"^[\s\-–—/]*$")
_EXPLAIN_START = re.compile(
    r"^(?:not\s+(?:applicable|disclosed|reported|material|relevant|available)|n/?a\b|"
    r"omitted|omission|none\b|nil\b|zero\b|yes\b|no\b|there\s+(?:is|are|was|were)|the\s+(?:group|company)\b|"
    r"we\s|our\s+\w+\s+(?:is|are|do|does|has|have)\b|information\s+unavailable|"
    r"confidentiality|legal\s+prohibition|explanation)",
    re.IGNORECASE,
)
# An answer written in the cell: a figure, with a currency or a unit ("$0", "0", "0%",
# "USD 1.2m", "12,345 tCO2e") — not a page number.
_ANSWER = re.compile(
    r"^(?:[$€£¥]|(?:USD|HKD|RMB|EUR|GBP|AUD|CAD|JPY)\s?)?[-–]?\d[\d,.]*\s*"
    r"(?:%|(?:[A-Za-z][\w/³²]*\.?)(?:\s+[A-Za-z][\w/³²]*)?)?$"
)
# A table's or figure's caption ("T able" as letter-spaced PDF text gives it).
_CAPTION = re.compile(r"^(?:T\s?able|F\s?igure|Fig\.|Chart|Exhibit)\s+\d+\b", re.IGNORECASE)
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-Z][a-z]")  # "3.2 Our people"
# A law's title: "… Act 2015", "… Ordinance", "(Cap. 57)", "… Law of the People's Republic".
_LAW = re.compile(
    r"\b(?:Act|Ordinance)\b|\(Cap\.?\s*\d|\bLaw\s+of\s+the\b|"
    r"\b(?:Law|Regulations?|Directive|Rules)\s+(?:\d{4}|No\.)",
)
_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
# A requirement's item label, as GRI indexes answer them: "a. See …", "a.ii., iii. …", "(b) …"
# (letters a–h only: "p. 12" is a page).
_ITEM_LABEL = re.compile(r"^(?:\([a-h]\)|[a-h](?:\.[ivx]+)?\.(?:,?\s*[ivx]+\.)*)\s+\S")
_ITEM_LABEL_START = re.compile(r"^\s*(?:(?:\([a-h]\)|[a-h]\.)\s*(?:(?:and|[-–,])\s*)?)+")
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
    for segment in split_segments([_chinese_pages(line) for line in lines]):
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


@dataclass(frozen=True)
class _Range:
    start: int
    end: int
    raw: str
    at: int  # where the reference starts in the text
    to: int  # and where it ends


def _page_refs(text: str) -> tuple[list[_Range], list[MalformedRef], str]:
    """Page ranges marked with P/p/pp/page in ``text``, malformed ones, and the rest of the text."""
    ranges: list[_Range] = []
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
            raw = text[raw_start : match.end()].strip()
            ranges.append(_Range(start, end, raw, raw_start, match.end()))
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
    for url in urls:
        parsed.locations.append(Location(kind=LocationKind.URL, raw=url, target=url))
    text_wo_urls = _URL.sub(" ", text)
    figure = text_wo_urls.strip()
    if (
        _ANSWER.match(figure)
        and not _NUMBERED_HEADING.match(figure)
        and not (page_column and _BARE_PAGES.match(figure) and figure.strip("0"))
    ):
        explanation.append(segment.strip())  # "$0", "0", "12.5 tCO2e": the answer itself
        return
    if page_column and _BARE_PAGES.match(text_wo_urls) and text_wo_urls.strip():
        text_wo_urls = "p" + text_wo_urls.strip()
    ranges, malformed, rest = _page_refs(text_wo_urls)
    parsed.malformed.extend(malformed)
    documents = _documents(text_wo_urls, ranges)
    owners = _owners(text_wo_urls, ranges, documents)
    for page_range, owner in zip(ranges, owners, strict=True):
        if owner is None:
            parsed.locations.append(
                Location(
                    kind=LocationKind.PAGE,
                    raw=page_range.raw,
                    start=page_range.start,
                    end=page_range.end,
                )
            )
        else:
            parsed.locations.append(_document(owner, page_range))
    # Documents named without pages: those the cell points to ("See our 2023 Annual Report:
    # Governance"), not those a sentence mentions in passing ("1. Strategy: our approach is
    # documented in our Group Tax Policy."), when the sentence is an explanation.
    unpaged = [
        (_document(name, None), _names_nothing(_ITEM_LABEL_START.sub("", text_wo_urls[:at])))
        for (at, _), name in documents.items()
        if name and name not in owners
    ]
    document = any(documents.values())
    if document:
        for pattern in (_DOCUMENT, _POLICY, _ABBREVIATED, _LEGEND):
            rest = pattern.sub(" ", rest)
    leftover = re.sub(r"^[\s,:;\-–()]+|[\s,:;\-–()]+$", "", rest)
    explained = len(explanation)
    _place_or_explanation(
        segment, leftover, bool(urls), bool(ranges), document, parsed, explanation
    )
    sentence = len(explanation) > explained and not ranges
    names = {loc.document for loc in parsed.locations}
    for location, pointed in unpaged:
        if (pointed or not sentence) and location.document not in names:
            parsed.locations.append(location)
            names.add(location.document)


def _place_or_explanation(
    segment: str,
    leftover: str,
    linked: bool,
    paged: bool,
    document: bool,
    parsed: ParsedLocation,
    explanation: list[str],
) -> None:
    """What the text left beside pages, URLs and documents is: a section of this report, an
    explanation, or words that point (at the pages, at the other document's part)."""
    if not re.search(r"[A-Za-z]", leftover):
        return
    if _names_nothing(leftover):
        if not (linked or paged or document):
            # "Throughout this report": an answer that gives no place to check.
            explanation.append(segment.strip())
        return
    if _CAPTION.match(leftover):
        return  # "Table 2. Activity Metrics": a table or figure, not a heading to look up
    if document and _PATH.search(leftover):
        return  # the path to a part of the other document ("Annual Report > Governance > Risk")
    if _is_explanation(leftover, segment):
        explanation.append(segment.strip())
    elif linked or document:
        # The title of the page or file linked ("Engagement policy (https://…)"), or a
        # section of the other document ("Directors' Report – Principal Risks"): not a
        # heading of this report.
        return
    elif not _reads_like_heading(leftover):
        explanation.append(segment.strip())  # "theft", "Employment Ordinance (Cap. 57)"
    else:
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


def _documents(text: str, ranges: list[_Range]) -> dict[tuple[int, int], str | None]:
    """Where ``text`` names a document: another one by its name, legend abbreviation or
    legend line (its name), or this report (None), by span. A document named after a path
    arrow, with no pages between, is a part of the one before it."""
    found: dict[tuple[int, int], str | None] = {}
    legend = _LEGEND.match(text)
    if legend:
        return {legend.span(): _name(legend.group("doc"))}
    abbreviated = _ABBREVIATED.match(text)
    if abbreviated:
        found[abbreviated.span("doc")] = abbreviated.group("doc")
    end = -1  # where the last document named ends
    for match in _DOCUMENT.finditer(text):
        between = text[end : match.start()] if end >= 0 else ""
        part = _PATH.search(between) or _PART.match(between)
        if part and not any(end <= r.at < match.start() for r in ranges):
            continue  # "Annual Report ---> Strategic report", "Annual Report – Directors' Report"
        found[match.span()] = _name(match.group(0))
        end = match.end()
    # "6.1 Supplier Code of Conduct" is a numbered heading of this report.
    for match in [] if _SECTION_NUMBER.match(text) else _POLICY.finditer(text):
        if not any(a <= match.start() < b for a, b in found):
            found[match.span()] = _name(match.group(0))
    for match in _THIS.finditer(text):
        if not any(a <= match.start() < b for a, b in found):
            found[match.span()] = None
    return dict(sorted(found.items()))


def _owners(
    text: str, ranges: list[_Range], documents: dict[tuple[int, int], str | None]
) -> list[str | None]:
    """The other document each page range is in (None: this report). Pages are in the
    document named right after them ("page 51 of the Annual Report"), else in the last one
    named before them that no pages before claimed that way ("Annual Report, P150"), else in
    the first named after them that has no pages of its own when nothing but pointing words
    comes before them ("Pages 7-8, Annual Report")."""
    # A document named before pages of its own ("…, p 71 2022 Annual Report, p 15") does not
    # also take the pages before it.
    paged = {
        span
        for span in documents
        if any(
            r.at >= span[1] and not any(span[1] <= s[0] < r.at for s in documents) for r in ranges
        )
    }
    claimed: set[tuple[int, int]] = set()
    following: list[tuple[int, int] | None] = []
    for page_range in ranges:
        link = _OF_DOCUMENT.match(text, page_range.to)
        at = link.end() if link else -1
        span = next((s for s in documents if s[0] == at), None)
        following.append(span)
        if span is not None:
            claimed.add(span)
    owners: list[str | None] = []
    for page_range, span in zip(ranges, following, strict=True):
        if span is None:
            before = [s for s in documents if s[1] <= page_range.at and s not in claimed]
            after = [s for s in documents if s[0] >= page_range.to and s not in paged]
            if not _names_nothing(text[: page_range.at]):
                after = []  # "Responsibility Report, p 13 … Kestrel website": pages of the name
            span = before[-1] if before else (after[0] if after else None)
        owners.append(documents[span] if span is not None else None)
    return owners


def _name(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _document(name: str, page_range: _Range | None) -> Location:
    return Location(
        kind=LocationKind.DOCUMENT,
        raw=f"{name} {page_range.raw}" if page_range else name,
        start=page_range.start if page_range else None,
        end=page_range.end if page_range else None,
        document=name,
    )


MAX_HEADING_WORDS = 12


def _reads_like_heading(text: str) -> bool:
    """A section name is written like a heading: short, starting with a capital or a number,
    not a law's title. An answer ("theft", "bullying", "1. Strategy: our approach to tax is
    …") or the law that applies ("Employment Ordinance (Cap. 57)") is an explanation, not a
    place to look up."""
    first = text.lstrip("\"'‘“([")[:1]
    return (
        (first.isupper() or first.isdigit())
        and len(text.split()) <= MAX_HEADING_WORDS
        and not _LAW.search(text)
    )


def _names_nothing(leftover: str) -> bool:
    return all(word in _POINTING_WORDS for word in re.findall(r"[^\W\d_]+", leftover.lower()))


def _is_explanation(leftover: str, segment: str) -> bool:
    words = leftover.split()
    if _EXPLAIN_START.match(leftover):
        return True
    if _SECTION_NUMBER.match(leftover) and len(words) <= MAX_HEADING_WORDS:
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


_WORD = re.compile(r"[^\W_]+")
_TITLE_SPAN = 200  # characters of the first page that hold the report's title
_FILLER = frozenset({"the", "of", "and", "our", "this", "plc", "ltd", "limited"})


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text).lower())) - _FILLER


def _report_titles(report: Report) -> list[frozenset[str]]:
    """The words of the report's own title as printed: on its cover (the first page's first
    lines) and in its running headers and footers."""
    if not report.pages:
        return []
    furniture = {line for page in report.pages for line in page.furniture}
    return [_words(report.pages[0].text[:_TITLE_SPAN]), *(_words(line) for line in furniture)]


def _legend(report: Report, pages: tuple[str, ...]) -> dict[str, str]:
    """The abbreviations a legend on the index's pages defines ("SR – Sustainability Report"),
    to the names of the documents they stand for."""
    found: dict[str, str] = {}
    for page in report.pages:
        if page.label not in pages:
            continue
        for line in page.text.split("\n"):
            for part in re.split(r"\s*[;|]\s*|\s{2,}|\t", fold(line).strip()):
                match = _LEGEND.match(part)
                if match:
                    found.setdefault(part.split()[0].rstrip(":-=–—"), _name(match.group("doc")))
    return found


def with_own_pages(index: IndexTable, report: Report) -> IndexTable:
    """Locations in a "document" that is this report, named by its title ("2022 Sustainability
    Report, p 12" in the report whose footer reads "Sustainability Report 2022") or by the
    abbreviation a legend gives that title ("SR – Page 97" under "SR – Sustainability Report"),
    are its pages; another abbreviated document gets the name its legend gives it."""
    titles = _report_titles(report)
    legend = _legend(report, index.pages)

    def named(location: Location) -> Location:
        if location.kind is not LocationKind.DOCUMENT or location.document not in legend:
            return location
        name = legend[location.document]
        return location.model_copy(update={"document": name, "raw": f"{name} ({location.raw})"})

    def own(location: Location) -> bool:
        if location.kind is not LocationKind.DOCUMENT or location.start is None:
            return False
        name = _words(location.document or "")
        return "report" in name and any(name <= title for title in titles)

    entries = []
    for entry in index.entries:
        spelled = [named(loc) for loc in entry.locations]
        if spelled != list(entry.locations) or any(own(loc) for loc in spelled):
            located = tuple(
                loc.model_copy(update={"kind": LocationKind.PAGE, "document": None})
                if own(loc)
                else loc
                for loc in spelled
            )
            entry = entry.model_copy(update={"locations": located})
        entries.append(entry)
    return index.model_copy(update={"entries": tuple(entries)})
