"""Printed page numbers of a PDF, read from the lines in each page's header and footer band.

A content index cites the numbers printed on the pages. On each page, the lines in the top
and bottom bands (by position) give candidate numbers: a lone number (``31``, ``Page 31``,
``- 31 -``, ``31 | Company``), a number at either end of a line, and — because a running title
is sometimes set flush against the number — the last digits of a longer run of digits
(``ESG Reporting Index 20244`` offers 4, 44 and 244). The offset between printed and physical
numbering that most pages agree on wins; a page whose own candidates agree on another offset
with its neighbours (numbering that restarts or skips) keeps that one. Pages without a
printed number (a cover) get the number their neighbours imply ("inferred"). A report laid
out as two-page spreads prints two folios on each page ("98" and "99", advancing by two per
page): when more pages agree on such a pair than on one offset, a page is labelled by its
left folio and carries the right one as its second label.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from xesg.model.document import LabelSource

_LONE = re.compile(
    r"^[-–—\s]*(?:p(?:age)?\.?\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE
)
_CELL_SPLIT = re.compile(r"\s{2,}|\s*\|\s*")
_LEADING = re.compile(r"^(\d{1,8})(?![\d.)\]:])(?=(\s?)\S)")  # not "2." or "2)": a footnote
_TRAILING = re.compile(r"(\d{1,8})$")
_MAX_LABEL = 9999
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_WINDOW = 4  # pages either side that may confirm a page's own offset


@dataclass(frozen=True)
class Candidate:
    value: int
    line: str
    strong: bool  # a number standing alone or set apart from the text beside it


# Band lines are looked at twice (labels, then furniture): each is worked out once.
@functools.lru_cache(maxsize=1 << 12)
def candidates(line: str) -> tuple[Candidate, ...]:
    """Numbers in a header or footer line that may be its page number."""
    text = line.strip()
    if not text:
        return ()
    found: list[Candidate] = []
    lone = _LONE.match(text)
    if lone:
        return (Candidate(int(lone.group(1)), line, True),)
    cells = [c for c in _CELL_SPLIT.split(text) if c]
    if len(cells) > 1:
        for cell in (cells[0], cells[-1]):
            match = _LONE.match(cell)
            if match:
                found.append(Candidate(int(match.group(1)), line, True))
    lead = _LEADING.match(text)
    if lead:
        found.extend(
            Candidate(v, line, strong)
            for v, strong in _parts(lead.group(1), not lead.group(2), prefix=True)
        )
    trail = _TRAILING.search(text)
    if trail and trail.start() > 0:
        before = text[trail.start() - 1]
        if before not in "-–—/.,:":  # not the end of a range or a decimal: "15-17", "12.5"
            found.extend(
                Candidate(v, line, strong)
                for v, strong in _parts(trail.group(1), not before.isspace(), prefix=False)
            )
    return tuple(found)


def _parts(digits: str, glued: bool, prefix: bool) -> list[tuple[int, bool]]:
    """The run itself, and when it is glued to text or too long to be one number, its
    shorter prefixes (leading run) or suffixes (trailing run). A part whose rest is a year
    (``2024`` + ``4``) is the likely split."""
    values = [(int(digits), False)] if len(digits) <= 4 else []
    if glued or len(digits) > 4:
        for size in range(1, min(4, len(digits) - 1) + 1):
            part, rest = (
                (digits[:size], digits[size:]) if prefix else (digits[-size:], digits[:-size])
            )
            if not part.startswith("0"):
                values.append((int(part), bool(_YEAR.match(rest))))
    return [(v, strong) for v, strong in values if 1 <= v <= _MAX_LABEL]


@dataclass(frozen=True)
class PrintedLabels:
    labels: list[tuple[str | None, LabelSource]]
    number_lines: list[set[str]]  # per page, the lines that carry its printed number
    found: bool  # whether printed numbers were found at all
    # Per page, the right-hand folio of a two-page spread laid out as one page; empty when
    # the report is not laid out in spreads.
    second: tuple[str | None, ...] = ()


def printed_labels(bands: list[list[str]]) -> PrintedLabels:
    """Labels of pages whose header/footer band lines are ``bands`` (one list per page)."""
    count = len(bands)
    per_page = [[c for line in lines for c in candidates(line)] for lines in bands]
    offsets = [{c.value - (i + 1) for c in cands} for i, cands in enumerate(per_page)]
    support = Counter(o for page in offsets for o in page)
    strong = Counter(
        c.value - (i + 1) for i, cands in enumerate(per_page) for c in cands if c.strong
    )
    if not support:
        return _physical(count)
    # Most pages first; then numbers standing alone; then the smallest offset (a glued
    # title offers longer suffixes too, which agree with each other on larger offsets).
    best = min(support, key=lambda o: (-support[o], -strong[o], abs(o)))
    spreads = _spreads(per_page, support[best])
    if spreads is not None:
        return spreads
    if support[best] < 2 and not (count == 1 and strong[best]):
        return _physical(count)
    chosen = [best if best in offsets[i] else _agreed_nearby(offsets, i) for i in range(count)]
    return _labelled(per_page, chosen, best)


def _agreed_nearby(offsets: list[set[int]], i: int) -> int | None:
    """The offset page ``i``'s numbers share with two or more pages near it (the most
    such pages, then the smallest), or None."""
    local = Counter(
        o
        for j in range(max(0, i - _WINDOW), min(len(offsets), i + _WINDOW + 1))
        if j != i
        for o in offsets[j] & offsets[i]
    )
    agreed = [o for o, n in local.items() if n >= 2]
    return min(agreed, key=lambda o: (-local[o], abs(o))) if agreed else None


def _labelled(
    per_page: list[list[Candidate]], chosen: list[int | None], best: int
) -> PrintedLabels:
    """Each page's label by its ``chosen`` offset (printed), else by the nearest page's (or
    ``best``) (inferred)."""
    labels: list[tuple[str | None, LabelSource]] = []
    lines: list[set[str]] = []
    for i, offset in enumerate(chosen):
        if offset is not None:
            value = i + 1 + offset
            labels.append((str(value), "printed"))
            lines.append({c.line for c in per_page[i] if c.value == value})
            continue
        lines.append(set())
        nearest = _nearest(chosen, i)
        value = i + 1 + (nearest if nearest is not None else best)
        labels.append((str(value), "inferred") if value >= 1 else (None, "none"))
    return PrintedLabels(labels, lines, True)


def _spreads(per_page: list[list[Candidate]], single: int) -> PrintedLabels | None:
    """Labels of a report laid out as two-page spreads, one PDF page each with two folios
    ("98" and "99"), the left one 2 × the physical number + an offset — when more pages agree
    on that than the ``single`` pages that agree on one folio per page."""
    offsets: Counter[int] = Counter()
    for i, cands in enumerate(per_page):
        values = {c.value for c in cands}
        offsets.update({v - 2 * (i + 1) for v in values if v + 1 in values})
    if not offsets:
        return None
    offset, support = offsets.most_common(1)[0]
    if support <= single or support < max(2, len(per_page) // 3):
        return None
    labels: list[tuple[str | None, LabelSource]] = []
    lines: list[set[str]] = []
    second: list[str | None] = []
    for i, cands in enumerate(per_page):
        left = 2 * (i + 1) + offset
        printed = {c.line for c in cands if c.value in (left, left + 1)}
        folios = [str(n) for n in (left, left + 1) if n >= 1]
        source: LabelSource = "printed" if printed else "inferred"
        labels.append((folios[0], source) if folios else (None, "none"))
        second.append(folios[1] if len(folios) > 1 else None)
        lines.append(printed)
    return PrintedLabels(labels, lines, True, tuple(second))


def _nearest(chosen: list[int | None], i: int) -> int | None:
    """The offset of the closest page with a printed number (the earlier one on a tie)."""
    for distance in range(1, len(chosen)):
        for j in (i - distance, i + distance):
            if 0 <= j < len(chosen) and chosen[j] is not None:
                return chosen[j]
    return None


def _physical(count: int) -> PrintedLabels:
    return PrintedLabels([(str(i + 1), "physical") for i in range(count)], [set()] * count, False)


def running_lines(bands: list[list[str]]) -> set[str]:
    """Shapes (digits as ``#``) of band lines repeated on many pages: running titles."""
    counts: Counter[str] = Counter()
    for lines in bands:
        counts.update({shape(line) for line in lines if line.strip()})
    threshold = max(2, int(0.3 * len(bands)))
    return {s for s, n in counts.items() if n >= threshold and re.search(r"[^\W\d_]", s)}


@functools.lru_cache(maxsize=1 << 12)  # like candidates(): running titles, then furniture
def shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))
