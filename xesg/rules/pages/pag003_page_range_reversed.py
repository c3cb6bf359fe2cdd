"""PAG003 page-range-reversed: a page range that ends before it starts.

What it checks
    Ranges whose end page is lower than their start page (``P39 - 37``). Abbreviated ranges
    such as ``pp. 150-56`` (150 to 156) are read as their authors meant, not flagged.

Why it matters
    A reversed range is a typo that leaves the reader guessing which pages were meant, and it
    usually hides a wrong start or end page.

Example
    Fails: ``B3.2  The average training hours completed per employee …  P39 - 37``.
    Passes: ``B3.2  …  P37 - 39``.

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Write the range from its first to its last page.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, LocationKind
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

REVERSED = Message(
    "{code} cites the reversed range {raw!r}.", expected="P{end}-{start}", found="{raw}"
)


@rule(
    code="PAG003",
    name="page-range-reversed",
    group="pages",
    severity=Severity.ERROR,
    summary="A page range ends before it starts.",
    walks=Walk.ROW,
)
def page_range_reversed(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    for location in entry.locations:
        if location.kind not in (LocationKind.PAGE, LocationKind.DOCUMENT):
            continue
        if location.start is None or location.end is None or location.end >= location.start:
            continue
        yield page_range_reversed.row_finding(
            entry,
            REVERSED(code=entry.code, raw=location.raw, start=location.start, end=location.end),
        )
