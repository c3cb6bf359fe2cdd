"""IDX005 duplicate-code: the same code listed twice with different locations.

What it checks
    Codes that appear in more than one index row of the same standard where the rows point
    to different places. Codes that standards repeat by design — GRI 3-3 and the 2016
    management-approach codes 103-1…103-3, once per material topic — are not flagged, nor is
    a code that an index organised by section cites once under each section it serves
    (2-22 under "Climate Strategy" and again under "Community").

Why it matters
    Two rows for one disclosure with different pages leave the reader unsure which one is
    right; usually one is stale (copied from last year) or one of the two codes is a typo.

Example
    Fails: ``B6.2 … P41`` and later ``B6.2 … P29``.
    Passes: ``3-3 … P34`` under Emissions and ``3-3 … P38`` under Health and Safety.

Measured
    On the corpus: 1 finding, true; before an index organised by section was told apart, 27 more
    were false. Labels and how they were judged: docs/accuracy.md.

How to fix
    Keep one row per disclosure, or correct the code of the row that meant another one.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import row_evidence
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, rule

REPEATED_BY_DESIGN = frozenset({"3-3", "103-1", "103-2", "103-3"})

DUPLICATE = Message(
    "{code} is listed {count} times with different locations: {places}.",
    expected="one row for {code}",
    found="{found}",
)


@rule(
    code="IDX005",
    name="duplicate-code",
    group="index",
    severity=Severity.WARNING,
    summary="The same code appears in several rows with different locations.",
)
def duplicate_code(ctx: CheckContext) -> Iterator[Finding]:
    for (standard, code), rows in ctx.entries_by_code.items():
        if len(rows) < 2 or code in REPEATED_BY_DESIGN or not code:
            continue
        if any(row.merged_codes for row in rows) and len({r.line for r in rows}) == 1:
            continue
        if len({(row.chapter, row.section) for row in rows}) == len(rows) and all(
            row.chapter or row.section for row in rows
        ):
            continue  # an index by section cites a disclosure under each section it serves
        places = [row.raw_location.replace("\n", " ").strip() for row in rows]
        if len(set(places)) < 2:
            continue
        first, later = rows[0], rows[1:]
        yield duplicate_code.finding(
            DUPLICATE(
                code=code,
                count=len(rows),
                places="; ".join(
                    f"{p or '(none)'} (page {r.page})" for p, r in zip(places, rows, strict=True)
                ),
                found=" | ".join(places),
            ),
            standard=standard,
            code=code,
            page=later[0].page,
            line=later[0].line,
            evidence=row_evidence(first),
        )
