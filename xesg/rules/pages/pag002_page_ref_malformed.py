"""PAG002 page-ref-malformed: a location that tries to be a page reference and is not one.

What it checks
    Page references that cannot be read as a page or range: ``P3?``, ``P3O`` (letter O for
    zero), ``TBC``, ``XX``, ``page ?``.

Why it matters
    Placeholders and typos left in a published index mean the row was never finished: the
    disclosure is effectively not located.

Example
    Fails: ``B1.2  Employee turnover rate by gender, age group and geographical region.  P3?``
    Passes: ``B1.2  Employee turnover rate …  P37``.

Measured
    No error or warning on the corpus now; before "P147:" was read as a page, 1 finding, false.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Replace the placeholder with the printed page number (or range, ``P37-38``).
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

MALFORMED = Message(
    "{code} cites {raw!r}: {reason}.",
    expected="a page number or range such as P37 or P37-38",
    found="{raw}",
)


@rule(
    code="PAG002",
    name="page-ref-malformed",
    group="pages",
    severity=Severity.WARNING,
    summary="A page reference cannot be read as a page or range.",
    walks=Walk.ROW,
)
def page_ref_malformed(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    for bad in entry.malformed:
        yield page_ref_malformed.row_finding(
            entry, MALFORMED(code=entry.code, raw=bad.raw, reason=bad.reason)
        )
