"""The parser's check of itself: the code cells where the index lies, against the rows read.

A table whose layout the parser misreads loses rows without a sound; counting the codes that
open a cell on the index's pages (or, in an unpaginated report, on its lines) tells how much
of the index the rows account for, so that IDX009 can say when the index was read short and
coverage rules do not report as missing a code that is printed there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from xesg.index.codes import CodeMatch, find_codes
from xesg.index.lines import ReportLines
from xesg.index.locate import is_partial, may_hold_rows
from xesg.model.index import IndexEntry, UnreadCode


def where_the_index_lies(
    lines: ReportLines, regions: Sequence[tuple[int, int]], pages: Sequence[str]
) -> list[int]:
    """The indices of the lines where the index lies: every line of a page holding an index
    row, and the lines of each index region (the only measure in an unpaginated report)."""
    seen: set[int] = set()
    for start, end in regions:
        seen.update(range(start, end))
    labels = set(pages)
    for p, page in enumerate(lines.pages):
        if page.label is not None and page.label in labels:
            seen.update(range(lines.page_starts[p], lines.page_starts[p + 1]))
    return sorted(seen)


def unread_code_cells(
    lines: ReportLines,
    starts: dict[int, list[CodeMatch]],
    seen: Iterable[int],
    entries: Sequence[IndexEntry],
) -> tuple[int, list[UnreadCode]]:
    """How many code cells open a row where the index lies, and those no entry accounts for
    (entries and cells are matched by code, as many times as each is printed). A SASB code
    broken over lines ("TC-SC-") is accounted for by any entry of that industry."""
    left = Counter(e.code for e in entries)
    count = 0
    unread: list[UnreadCode] = []
    for i in seen:
        for match in starts.get(i, ()):
            count += 1
            code = match.code
            if is_partial(match):
                code = next((c for c in left if c.startswith(code) and left[c] > 0), code)
            if left[code] > 0:
                left[code] -= 1
            else:
                line = lines[i]
                unread.append(UnreadCode(code=match.code, line=line.number, page=line.page))
    return count, unread


def printed_codes(lines: ReportLines, seen: Iterable[int]) -> tuple[str, ...]:
    """Every code printed where the index lies, in a cell of its own or in running text."""
    return tuple(sorted({m.code for i in seen for m in find_codes(lines[i].text)}))


_FIGURE = re.compile(r"(?<![\w.])\d[\d,.]*(?![\w.])")


def tagged_data_rows(lines: ReportLines) -> int:
    """Lines of data tables that end in framework codes after their figures ("Direct GHG
    emissions … 51 60 63 CCE-4 EM-EP-110a.1 305-1"): a report tags its KPIs with the
    disclosures they answer, which is no content index (nothing says where each is)."""
    count = 0
    for p, page in enumerate(lines.pages):
        if not may_hold_rows(page.text):
            continue
        for line in lines.page_lines(p):
            codes = find_codes(line.text)
            if not codes or line.text[codes[-1].end :].strip():
                continue
            before = line.text[: codes[0].start]
            if len(before.split()) >= 2 and _FIGURE.search(before):
                count += 1
    return count
