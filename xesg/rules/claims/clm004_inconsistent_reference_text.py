"""CLM004 inconsistent-reference-text: the same standard cited with different years.

What it checks
    References to external standards with their year — "ISO 14001:2015", "IWA 42:2022",
    "ISO 45001:2018" — that appear elsewhere in the report with another year for the same
    standard number.

Measured
    On the corpus (labels in tests/corpus/labels-claims.yaml): 1 finding, 1 true.

Why it matters
    "IWA 42:2022" on one page and "IWA 42:2002" on another is at best a typo and at worst a
    claim of certification to a version that does not exist; either way the reader cannot
    tell which was applied.

Example
    Fails: "certified to ISO 14001:2015" on P34 and "ISO 14001:2004 certificate" on P41.
    Passes: "ISO 14001:2015" on both pages.

How to fix
    Use the edition actually applied everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.analysis.figures import standard_references
from xesg.model.document import Page
from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext, short_place
from xesg.rules.registry import Message, rule

INCONSISTENT = Message(
    "{name} is cited as '{first}' on {before} but as '{written}' on {here}.",
    expected="{first}",
    found="{written}",
)


@rule(
    code="CLM004",
    name="inconsistent-reference-text",
    group="claims",
    severity=Severity.WARNING,
    summary="The same external standard is cited with two different years.",
)
def inconsistent_reference_text(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[str, tuple[str, str, Page]] = {}
    reported: set[tuple[str, str]] = set()
    for page in ctx.report.pages:
        for name, year, written in standard_references(page):
            seen = first.setdefault(name, (year, written, page))
            if seen[0] == year or (name, year) in reported:
                continue
            reported.add((name, year))
            before = ctx.place(seen[1], seen[2].label, seen[2])
            here = ctx.place(written, page.label, page)
            yield inconsistent_reference_text.finding(
                INCONSISTENT(name=name, first=seen[1], before=before, written=written, here=here),
                page=page.label,
                line=ctx.line_of(written, page.label, page),
                evidence=f"{short_place(before)}: {seen[1]} | {short_place(here)}: {written}",
            )
