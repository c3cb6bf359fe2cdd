"""Printed page labels of form-feed separated pages.

The number printed in a page's header or footer is what a content index cites. We take, on
each page, the numbers standing alone (or beside a running title) in its first and last lines,
find the offset between printed and physical numbering that most pages agree on, and use it.
Pages whose number is not printed (a cover) get the label the offset implies ("inferred");
with no printed numbers at all, physical numbering is used.
"""

from __future__ import annotations

import re
from collections import Counter

from xesg.model.report import LabelSource, Page

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


def _candidates(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for line in _edge_lines(text):
        match = _LONE.match(line)
        if match:
            found.append((int(match.group(1)), line))
            continue
        match = _BESIDE_TITLE.match(line)
        if match:
            found.append((int(match.group(1) or match.group(2)), line))
    return found


def _running_lines(chunks: list[str]) -> set[str]:
    """Edge lines repeated on most pages (running headers/footers), ignoring their digits."""
    counts: Counter[str] = Counter()
    for chunk in chunks:
        counts.update({re.sub(r"\d+", "#", line) for line in _edge_lines(chunk)})
    threshold = max(3, len(chunks) // 2)
    return {
        shape for shape, n in counts.items() if n >= threshold and re.search(r"[A-Za-z]", shape)
    }


def assign_labels(chunks: list[str], first_page: int | None = None) -> list[Page]:
    candidates = [_candidates(chunk) for chunk in chunks]
    running = _running_lines(chunks)
    offsets = Counter(
        offset
        for i, cands in enumerate(candidates)
        for offset in {value - (i + 1) for value, _ in cands}
    )
    offset: int | None = None
    if offsets:
        best, support = offsets.most_common(1)[0]
        if support >= max(2, len(chunks) // 3) or len(chunks) == 1:
            offset = best
    pages: list[Page] = []
    for i, chunk in enumerate(chunks):
        furniture = {line for line in _edge_lines(chunk) if re.sub(r"\d+", "#", line) in running}
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
