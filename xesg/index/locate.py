"""Locate the content index: the runs of lines whose rows start with disclosure codes."""

from __future__ import annotations

import re

from xesg.index.codes import DEFAULT_ITEMS, CodeMatch, NamedItems, find_codes, named_item
from xesg.index.lines import Line, cells
from xesg.index.normalize import fold

# Words that introduce a code at the start of a row or cell ("KPI A1.1", "GRI 305-1").
ROW_PREFIX = re.compile(
    r"^(?:(?:KPI|Aspect|GRI|Disclosure|SASB|General\s+Disclosure)\b\s*[:.]?\s*)+", re.IGNORECASE
)
_MAX_GAP = 40  # lines between two code rows of the same index (a long wrapped description)
_MIN_ROWS = 4
_MIN_CODES = 3
_TAIL = 15  # lines after the last code row that may still hold its location


def row_codes(text: str) -> list[CodeMatch]:
    """Codes that open a cell of ``text`` (a row of an index), not codes mentioned in prose."""
    found: list[CodeMatch] = []
    for cell in cells(text):
        body = ROW_PREFIX.sub("", cell.text)
        offset = len(cell.text) - len(body)
        matches = find_codes(body)
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


# Cheap test that a line may hold a code at all; most report lines are prose without one.
# (Simple patterns tried one by one: an alternation is several times slower in Python's re.)
_MAYBE_HKEX = re.compile(r"[ABab]\d")
_MAYBE_DASHED = re.compile(r"\d-\d|[A-Za-z]{2}-[A-Za-z]{2}-")


def _maybe_code(folded: str) -> bool:
    return bool(_MAYBE_HKEX.search(folded) or ("-" in folded and _MAYBE_DASHED.search(folded)))


def is_row_start(text: str, items: NamedItems | None = None) -> bool:
    items = items or DEFAULT_ITEMS
    folded = fold(text)
    if _maybe_code(folded) and row_codes(text):
        return True
    return items.maybe_in(folded) and any(named_item(c.text, items) for c in cells(text))


def find_regions(lines: list[Line], items: NamedItems | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of ``lines`` that hold a content index."""
    rows = [
        i for i, line in enumerate(lines) if not line.furniture and is_row_start(line.text, items)
    ]
    clusters: list[list[int]] = []
    for i in rows:
        if clusters and i - clusters[-1][-1] <= _MAX_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    regions = []
    for cluster in clusters:
        codes = {c.code for i in cluster for c in row_codes(lines[i].text)}
        codes.update(n[0] for i in cluster if (n := named_item(lines[i].text.strip(), items)))
        if len(cluster) < _MIN_ROWS or len(codes) < _MIN_CODES:
            continue
        start = max(0, cluster[0] - 8)
        end = cluster[-1] + 1
        last_page = lines[cluster[-1]].page
        while end < len(lines) and end - cluster[-1] <= _TAIL and lines[end].page == last_page:
            end += 1
        regions.append((start, end))
    return regions
