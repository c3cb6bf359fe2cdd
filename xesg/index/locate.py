"""Locate the content index: the runs of lines whose rows start with disclosure codes."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from xesg.index.codes import (
    DEFAULT_ITEMS,
    SASB_INDUSTRY,
    SASB_INDUSTRY_IN_TEXT,
    SASB_METRIC,
    CodeMatch,
    NamedItems,
    find_codes,
    maybe_code,
    named_item,
    plain_words,
    standard_of,
    without_row_prefix,
)
from xesg.index.lines import ReportLines, cells
from xesg.index.normalize import fold, normalise_code

_MAX_GAP = 40  # lines between two code rows of the same index (a long wrapped description)
_MIN_ROWS = 4
_MIN_CODES = 3
_TAIL = 15  # lines after the last code row that may still hold its location


# A list item numbered like a GRI code, then a full stop and a sentence ("3-1. We consider").
_NUMBERED_ITEM = re.compile(r"^\d{1,3}-\d{1,3}\.\s+[A-Z][a-z]+(?:\s+\S+){3,}")


def row_codes(text: str) -> list[CodeMatch]:
    """Codes that open a cell of ``text`` (a row of an index), not codes mentioned in prose."""
    found: list[CodeMatch] = []
    line_cells = cells(text)
    for cell in line_cells:
        body = without_row_prefix(cell.text)
        offset = len(cell.text) - len(body)
        matches = find_codes(body, leading=True)
        if matches and len(line_cells) == 1 and _NUMBERED_ITEM.match(body):
            continue  # "3-1. We consider …": an item of a numbered list, not a code cell
        if not matches and SASB_INDUSTRY.match(folded := fold(body)):
            # A SASB code broken over two lines ("TC-SC-" / "110a.1"): the row's code is
            # completed from the line below (:func:`complete_code`).
            start = cell.start + offset
            prefix = folded.upper().rstrip("-") + "-"
            found.append(CodeMatch(body, prefix, "sasb", start, start + len(body)))
            continue
        if matches and matches[0].start == 0:
            # Several codes in one cell ("2-9 2-12") are all row codes.
            run = [matches[0]]
            for match in matches[1:]:
                if body[run[-1].end : match.start].strip(" ,/&and") == "":
                    run.append(match)
            found.extend(
                CodeMatch(m.raw, m.code, m.standard, cell.start + offset + m.start,
                          cell.start + offset + m.end)
                for m in run
            )  # fmt: skip
    return found


def is_row_start(text: str, items: NamedItems | None = None) -> bool:
    return _row_start(text, items or DEFAULT_ITEMS) is not None


def _row_start(
    text: str, items: NamedItems, page: PageTests | None = None
) -> list[CodeMatch] | None:
    """The row codes of a line that starts an index row (empty for a named item such as
    "Reporting Boundary"), or None when the line starts no row. ``page``: the tests of the
    line's page, which rule out what the page holds none of."""
    if page is not None and not page.coded and not page.names:
        return None
    folded = fold(text)
    if (page is None or page.coded) and maybe_code(folded) and (codes := row_codes(text)):
        return None if is_data_row(text, codes) else codes
    if page is None:
        named = items.maybe_in(folded)
    else:
        lower = folded.lower()
        named = any(name in lower for name in page.names)
    if named and any(named_item(c.text, items) for c in cells(text)):
        return []
    return None


_FIGURE_CELL = re.compile(r"^[-–(]?[$€£¥]?\d[\d,.\s]*%?\)?$")


def is_data_row(text: str, codes: list[CodeMatch]) -> bool:
    """A row of a data table that carries disclosure codes, not an index row: three cells or
    more of bare figures (a value per year), or two before its first code (figures tagged
    with the disclosures they answer: "Methane | 40 | 55 | EM-EP-110a.1 | 305-1")."""
    figures = [c.start for c in cells(text) if _FIGURE_CELL.match(c.text)]
    return len(figures) >= 3 or sum(1 for x in figures if x < codes[0].start) >= 2


def may_hold_rows(text: str, items: NamedItems | None = None) -> bool:
    """Cheap test that some line of ``text`` (a page, say) may start an index row.

    Never False when one does: :func:`is_row_start` only accepts a line that passes these same
    substring tests, and folding and lower-casing work character by character, so what they
    find in a line they find in any text that holds the line.
    """
    folded = fold(text)
    return maybe_code(folded) or (items or DEFAULT_ITEMS).maybe_in(folded)


# A header row whose names text extraction joined with single spaces, so that no cell can be
# told from the next: "Topic Accounting Metrics Code … Disclosure Location".
_INLINE_HEADER = re.compile(r"\bCode\b.*\b(?:Location|Page|Reference)", re.IGNORECASE)


def is_inline_header(text: str) -> bool:
    """A header row of a table whose cells text extraction ran together (one cell)."""
    # Cheapest test first: few lines name a code column, and splitting cells is dear.
    return (
        _INLINE_HEADER.search(text) is not None
        and len(text.split()) <= 20
        and len(cells(text)) == 1
    )


def inline_codes(text: str) -> list[CodeMatch]:
    """SASB codes standing between the words of a line whose cells ran together: the code
    cell of a table row in the middle of its line ("Greenhouse Gas … TC-SC-110a.2 We …"),
    whole or broken ("TC-SC-" with its metric on a line below). SASB codes only: their shape
    is distinctive, where "2-3" or "A1" between words is as likely a range or a grid cell."""
    folded = fold(text)
    found = [c for c in find_codes(text) if c.standard == "sasb"]
    found += [
        CodeMatch(text[m.start() : m.end()], m.group(), "sasb", m.start(), m.end())
        for m in SASB_INDUSTRY_IN_TEXT.finditer(folded)
    ]
    return sorted(found, key=lambda c: c.start)


class PageTests(NamedTuple):
    """What a page (or any text holding a line) may hold, as the tests of its lines ask it:
    a line holds only what its page holds — each test looks for a substring, or a pattern
    that spans no line break, and folding and lower-casing work character by character."""

    coded: bool  # :func:`maybe_code` of the folded text
    names: list[str]  # the names :meth:`NamedItems.maybe_in` looks for that it holds
    lettered: bool  # a letter before a parenthesis ("a)"), where items have groups
    titles: list[str]  # the opening words of titles (:attr:`NamedItems.title_starts`) it holds


_LETTER_PAREN = re.compile(r"[a-h]\)")  # in every cell :data:`_LETTER_CELL` matches


def page_tests(text: str, items: NamedItems) -> PageTests | None:
    """The tests of ``text`` (a page) whose answers bound those of each of its lines; None
    when none of its lines may start a row."""
    folded = fold(text)
    coded = maybe_code(folded)
    names = items.names_in(folded)
    titles = [word for word in items.title_starts if word in text]
    # Rows known by group and letter ("Governance a)") or by title (:class:`_Unprinted`).
    if not (coded or names or titles or (items.groups and ") " in text)):
        return None
    return PageTests(
        coded, names, bool(items.groups) and _LETTER_PAREN.search(text) is not None, titles
    )


def row_starts(lines: ReportLines, items: NamedItems | None = None) -> dict[int, list[CodeMatch]]:
    """The lines that start an index row (not page furniture), by index, with their row codes
    (empty for a named item); the same lines as :func:`is_row_start` accepts, and on a page
    below an inline header (:func:`is_inline_header`), lines holding :func:`inline_codes`."""
    items = items or DEFAULT_ITEMS
    starts: dict[int, list[CodeMatch]] = {}
    unprinted = _Unprinted(lines, items)
    # Most pages are prose, figures or data tables: test each page's text as a whole first
    # (furniture included: more text only lets more pages through), and look at its lines one
    # by one only when the page may hold a row — then only for what the page may hold.
    for p, page in enumerate(lines.pages):
        tests = page_tests(page.text, items)
        if tests is None:
            continue
        inline = False
        for i, line in enumerate(lines.page_lines(p), start=lines.page_starts[p]):
            if not line.furniture:
                codes = _row_start(line.text, items, tests)
                if not codes and (tests.lettered or tests.titles):
                    # None, or a named item: one the report prints no code for?
                    codes = unprinted.row_codes(i, line.text, tests) or codes
                if codes is None and inline:
                    codes = inline_codes(line.text) or None
                if codes is not None:
                    starts[i] = codes
                elif is_inline_header(line.text):
                    inline = True
    return _without_other_frameworks(lines, starts)


# A cell that opens with a letter ("a) Describe …", "(b) Disclose …"), after the words of its
# group when the group shares the cell ("Governance a) Describe …").
_LETTER_CELL = re.compile(r"^(?P<group>.*?)\s*\(?(?P<letter>[a-h])\)(?:\s+\S|$)")
_GROUP_LINES = 3  # lines a group's name may wrap over, above or beside its first item


def unprinted_codes(codes: list[CodeMatch]) -> list[CodeMatch]:
    """The codes given to a row the report prints no code for (read by its group and letter,
    or by its title)."""
    return [c for c in codes if not c.printed]


# A letter opening a cell, after at most a few words of its group ("Governance a) …").
_LETTER = re.compile(r"^(?:.{0,40}?\s)?\(?[a-h]\)\s+")


def after_letter(text: str) -> str:
    """The text of a lettered row's cell after its letter ("a) Describe …" → "Describe …")."""
    found = _LETTER.search(text)
    return text[found.end() :] if found else text


class _Unprinted:
    """Rows of a table that prints no codes, known by group and letter or by title.

    By group and letter: TCFD's recommended disclosures, the pillar ("Governance") in a cell
    merged over its items ("a) Describe …", "b) Describe …"). A row's group is the name
    printed beside its letter, or alone on the lines just above it, or (neither printed) the
    group of the item before it when its letter is the next one. By title: a cell opening with
    enough words of one item's title. Groups, letters and titles are named items
    (:class:`NamedItems` ``groups`` and ``titles``), so a report's own lettered list or prose
    reads as no rows."""

    def __init__(self, lines: ReportLines, items: NamedItems) -> None:
        self.lines = lines
        self.groups = items.groups
        self.items = items
        self.title_starts = items.title_starts
        self.group: str | None = None
        self.letter = ""
        self.last = -1  # the line of the last lettered row
        self.one_cell = False  # whether that row's line was one cell

    def row_codes(self, i: int, text: str, page: PageTests | None = None) -> list[CodeMatch] | None:
        """The code of line ``i`` (``text``) when it opens a lettered row or a titled one, else
        None (``page``: the tests of its page, :func:`page_tests`)."""
        titles = self.title_starts if page is None else page.titles
        if (
            ")" not in text
            or not self.groups
            or (page is not None and not page.lettered)
            or _LETTER_PAREN.search(text) is None
        ):
            # No cell opens with a letter. (The group of the last lettered row is forgotten
            # below only for lines far from it, and so for every line after them too: a line
            # passed over here needs no forgetting.)
            return self._titled(i, text, titles)
        if i - self.last > _MAX_GAP:
            self.group = None
        line_cells = cells(text)
        # A line of one cell is a row when its group opens it ("Governance a) Describe …", a
        # table whose cells text extraction ran together), or follows such a row with the
        # next letter; otherwise it is lettered prose ("a) The board met …").
        one_cell = len(line_cells) == 1
        for n, cell in enumerate(line_cells[:2]):
            found = _LETTER_CELL.match(cell.text)
            if found is None:
                continue
            words = found.group("group")
            if n == 1:
                if words:
                    return None
                words = line_cells[0].text
            letter = found.group("letter")
            named = self._named(words, i) if words else self._above(i)
            group, printed = named or (None, "")
            if group is None and self.group is not None and ord(letter) == ord(self.letter) + 1:
                # The group printed once, over its items (beside this one, if anything: a
                # heading set inside the table, a note).
                group = self.group
            code = self.groups.get(group or "", {}).get(letter)
            if code is None or (one_cell and not (named if words else self.one_cell)):
                return None
            self.group, self.letter, self.last, self.one_cell = group, letter, i, one_cell
            # The code stands where its letter does: the letters' column is the code column.
            raw = f"{printed} {letter})".strip()
            end = cell.start + found.end("letter") + 1
            return [CodeMatch(raw, code, standard_of(code) or "", cell.start, end, False)]
        return self._titled(i, text, titles)

    def _titled(self, i: int, text: str, titles: Collection[str]) -> list[CodeMatch] | None:
        """The code of an item known by its title, when one of the first two cells of line
        ``i`` (a table's row) opens with enough of it to tell it from the others: that cell's
        words, and those of the lines below in its column while they are too few."""
        if not any(word in text for word in titles):
            return None
        line_cells = cells(text)
        if len(line_cells) < 2:
            return None
        for cell in line_cells[:2]:
            if cell.text.split(maxsplit=1)[0] not in self.title_starts:
                continue
            words = plain_words(cell.text)
            code = self.items.titled(words)
            for j in range(i + 1, min(i + _GROUP_LINES, len(self.lines))):
                if code is not None:
                    break
                below = [c for c in cells(self.lines[j].text) if abs(c.start - cell.start) <= 2]
                if not below:
                    break
                words += plain_words(below[0].text)
                code = self.items.titled(words)
            if code is not None:
                end = cell.start + len(cell.text)
                return [CodeMatch(code, code, standard_of(code) or "", cell.start, end, False)]
        return None

    def _named(self, words: str, i: int) -> tuple[str, str] | None:
        """The group named by ``words`` beside a letter, or by them and the first cells of
        the lines below when the name wraps in its cell ("Metrics and" / "Targets"): its key
        in ``groups`` and its words as printed."""
        printed = " ".join(words.split())
        for j in range(i + 1, min(i + _GROUP_LINES, len(self.lines))):
            name = printed.lower()
            if name in self.groups or not any(g.startswith(name) for g in self.groups):
                break
            below = cells(self.lines[j].text)
            if not below:
                break
            printed = f"{printed} {' '.join(below[0].text.split())}"
        return (printed.lower(), printed) if printed.lower() in self.groups else None

    def _above(self, i: int) -> tuple[str, str] | None:
        """A group whose name stands alone on the lines just above line ``i`` ("Risk" /
        "Management" over "a) Describe …")."""
        printed = ""
        for j in range(i - 1, max(i - _GROUP_LINES, 0) - 1, -1):
            line_cells = cells(self.lines[j].text)
            if len(line_cells) != 1:
                break
            printed = " ".join(f"{line_cells[0].text} {printed}".split())
            if printed.lower() in self.groups:
                return printed.lower(), printed
        return None


def find_regions(
    lines: ReportLines,
    items: NamedItems | None = None,
    starts: dict[int, list[CodeMatch]] | None = None,
) -> list[tuple[int, int]]:
    """``[start, end)`` spans of ``lines`` that hold a content index (``starts``: the
    :func:`row_starts` of ``lines``, when the caller has them)."""
    items = items or DEFAULT_ITEMS
    codes_of = row_starts(lines, items) if starts is None else starts
    clusters: list[list[int]] = []
    for i in codes_of:
        if clusters and i - clusters[-1][-1] <= _MAX_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    regions = []
    for cluster in clusters:
        codes = {c.code for i in cluster for c in codes_of[i]}
        for i in cluster:
            if named := named_item(lines[i].text.strip(), items):
                codes.update(named.codes)
        if len(cluster) < _MIN_ROWS or len(codes) < _MIN_CODES:
            continue
        start = max(0, cluster[0] - 8)
        end = cluster[-1] + 1
        last_page = lines[cluster[-1]].page
        while end < len(lines) and end - cluster[-1] <= _TAIL and lines[end].page == last_page:
            end += 1
        regions.append((start, end))
    return regions


# A lettered code of a framework other than HKEx's A and B aspects ("C6.5" of the UN Guiding
# Principles reporting framework, whose "A1.1" and "B2" read like HKEx codes).
_OTHER_LETTER = re.compile(r"^(?:[C-Z]\d{1,2}(?:\.\d{1,2})?)(?:\s|$)")


def _without_other_frameworks(
    lines: ReportLines, starts: dict[int, list[CodeMatch]]
) -> dict[int, list[CodeMatch]]:
    """``starts`` less the HKEx-coded lines of a table that codes its other rows alike with
    other letters (C1, D2.3): another framework's table, whose A and B codes are no HKEx
    codes. A table is a block of lines without a blank one between them."""
    dropped: set[int] = set()
    block: list[int] = []
    for i in [*sorted(starts), -1]:
        if block and (i < 0 or any(not lines[j].text.strip() for j in range(block[-1], i))):
            lo, hi = block[0], block[-1]
            while lo > 0 and lines[lo - 1].text.strip() and lines[lo - 1].page == lines[lo].page:
                lo -= 1
            while (
                hi + 1 < len(lines)
                and lines[hi + 1].text.strip()
                and lines[hi + 1].page == lines[hi].page
            ):
                hi += 1
            others = sum(
                1
                for j in range(lo, hi + 1)
                if j not in starts
                and any(_OTHER_LETTER.match(c.text) for c in cells(lines[j].text))
            )
            if others >= _MIN_CODES:
                dropped.update(j for j in block if all(c.standard == "hkex" for c in starts[j]))
            block = []
        block.append(i)
    return {i: codes for i, codes in starts.items() if i not in dropped}


def is_partial(code: CodeMatch) -> bool:
    """A code whose metric is on the next line ("TC-SC-")."""
    return code.code.endswith("-")


def complete_code(code: CodeMatch, text: str) -> tuple[CodeMatch, str] | None:
    """``code`` (partial) completed by the metric that starts ``text`` (the next line of its
    cell), and what follows the metric there; None when ``text`` starts with none."""
    metric = SASB_METRIC.match(fold(text.strip()))
    if metric is None:
        return None
    stripped = text.strip()
    raw = f"{code.raw}{stripped[: metric.end()]}"
    return (
        CodeMatch(raw, normalise_code(code.code + metric.group()), "sasb", code.start, code.end),
        stripped[metric.end() :].strip(),
    )
