"""Printed page labels of form-feed separated pages.

The number printed in a page's header or footer is what a content index cites. We take, on
each page, the numbers standing alone (or beside a running title) in its first and last lines,
find the offset between printed and physical numbering that most pages agree on, and use it.
Pages whose number is not printed (a cover) get the label the offset implies ("inferred");
with no printed numbers at all, physical numbering is used.

A report laid out as two-page spreads carries two folios per page, one at each end of a line
("98 Kestrel Sustainability Report … Sustainability Report 99"), and its printed numbers advance by
two per page: when more pages agree on such a pair than on one offset, each page gets the left
folio as its label and the right one as its ``second_label``.
"""

from __future__ import annotations

import re
from collections import Counter

from xesg.model.document import LabelSource, Page

_EDGE_LINES = 3
# "31", "P31", "Page 31", "- 31 -", or a running title and the number set apart by spaces.
_LONE = re.compile(r"^[-–—\s]*(?:p(?:age)?\.?\s*)?(\d{1,4})[-–—\s]*$", re.IGNORECASE)
_BESIDE_TITLE = re.compile(
    r"^(?:(\d{1,4})(?:\s{2,}|\s*\|\s*)\S.*|.*\S(?:\s{2,}|\s*\|\s*)(\d{1,4}))$"
)


def _edge_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) <= 2 * _EDGE_LINES:
        return lines
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


_DIGITS = re.compile(r"\d+")


def _shape(line: str) -> str:
    """An edge line with its numbers as "#": a running title's shape on every page."""
    return _DIGITS.sub("#", line)


def _candidates(edges: list[str]) -> list[tuple[int, str]]:
    """The page numbers printed among a page's edge lines, with their lines."""
    found: list[tuple[int, str]] = []
    for line in edges:
        match = _LONE.match(line)
        if match:
            found.append((int(match.group(1)), line))
            continue
        # The number beside a title starts or ends the line (a stripped one): most lines of
        # prose are not tried with the pattern, which backtracks through them.
        if line[0].isdecimal() or line[-1].isdecimal():
            match = _BESIDE_TITLE.match(line)
            if match:
                found.append((int(match.group(1) or match.group(2)), line))
    return found


# "98 Running title … Running title 99": both folios of a spread on one line.
_SPREAD = re.compile(r"^(\d{1,4})\s+\S.*\S\s+(\d{1,4})$")


def _spread_pairs(edges: list[str]) -> list[tuple[int, str]]:
    """Left folios of the spreads printed in the page's edge lines (the right one follows)."""
    found = []
    for line in edges:
        match = _SPREAD.match(line)
        if match and int(match.group(2)) == int(match.group(1)) + 1:
            found.append((int(match.group(1)), line))
    return found


def _spread_pages(
    chunks: list[str], edges: list[list[str]], running: set[str]
) -> list[Page] | None:
    """Labels of a report laid out in two-page spreads (left folio = 2 × physical + offset),
    or None when fewer pages agree on that than a one-folio offset would need."""
    pairs = [_spread_pairs(lines) for lines in edges]
    offsets = Counter(
        offset for i, found in enumerate(pairs) for offset in {v - 2 * (i + 1) for v, _ in found}
    )
    if not offsets:
        return None
    offset, support = offsets.most_common(1)[0]
    if support < max(2, len(chunks) // 3):
        return None
    pages = []
    for i, chunk in enumerate(chunks):
        left = 2 * (i + 1) + offset
        printed = [line for value, line in pairs[i] if value == left]
        source: LabelSource = "printed" if printed else "inferred"
        labels = [str(n) for n in (left, left + 1) if n >= 1]
        furniture = {line for line in edges[i] if _shape(line) in running}
        pages.append(
            Page(
                number=i + 1,
                label=labels[0] if labels else None,
                label_source=source if labels else "none",
                second_label=labels[1] if len(labels) > 1 else None,
                text=chunk,
                furniture=frozenset(furniture | set(printed)),
            )
        )
    return pages


def _running_lines(edges: list[list[str]]) -> set[str]:
    """Edge lines repeated on most pages (running headers/footers), ignoring their digits."""
    counts: Counter[str] = Counter()
    for lines in edges:
        counts.update({_shape(line) for line in lines})
    threshold = max(3, len(edges) // 2)
    return {
        shape for shape, n in counts.items() if n >= threshold and re.search(r"[A-Za-z]", shape)
    }


def assign_labels(chunks: list[str], first_page: int | None = None) -> list[Page]:
    edges = [_edge_lines(chunk) for chunk in chunks]  # each page's first and last lines
    candidates = [_candidates(lines) for lines in edges]
    running = _running_lines(edges)
    offsets = Counter(
        offset
        for i, cands in enumerate(candidates)
        for offset in {value - (i + 1) for value, _ in cands}
    )
    offset: int | None = None
    support = 0
    if offsets:
        best, support = offsets.most_common(1)[0]
        if support >= max(2, len(chunks) // 3) or len(chunks) == 1:
            offset = best
    if first_page is None and support < len(chunks) // 2:
        spread = _spread_pages(chunks, edges, running)
        if spread is not None:
            return spread
    pages: list[Page] = []
    for i, chunk in enumerate(chunks):
        furniture = {line for line in edges[i] if _shape(line) in running}
        label: str | None
        source: LabelSource
        if first_page is not None:
            label, source = str(first_page + i), "override"
        elif offset is None:
            label, source = str(i + 1), "physical"
        else:
            expected = i + 1 + offset
            printed = [line for value, line in candidates[i] if value == expected]
            if printed:
                label, source = str(expected), "printed"
                furniture.update(printed)
            elif expected >= 1:
                label, source = str(expected), "inferred"
            else:
                label, source = None, "none"
        if first_page is not None:
            furniture.update(line for _, line in candidates[i] if _LONE.match(line))
        pages.append(
            Page(
                number=i + 1,
                label=label,
                label_source=source,
                text=chunk,
                furniture=frozenset(furniture),
            )
        )
    return pages
