"""Small helpers shared by rules: page wording and the pages a row cites."""

from __future__ import annotations

from xesg.model.index import IndexEntry, LocationKind


def listed(items: list[str], limit: int) -> str:
    """The first ``limit`` items, comma-separated, "…" after them when there are more."""
    return ", ".join(items[:limit]) + (" …" if len(items) > limit else "")


def page_range(start: int, end: int) -> str:
    return f"P{start}" if start == end else f"P{start}-{end}"


MAX_RANGE = 30  # longer ranges are summaries ("pp. 7-30"), not evidence of one page


def cited_labels(entry: IndexEntry) -> list[str]:
    """Printed labels of the pages of this report that the entry cites, in order."""
    labels: list[str] = []
    for location in entry.locations:
        if location.kind is not LocationKind.PAGE or location.start is None:
            continue
        end = location.end if location.end is not None else location.start
        if end < location.start or end - location.start > MAX_RANGE:
            end = location.start
        labels.extend(str(n) for n in range(location.start, end + 1))
    return list(dict.fromkeys(labels))
