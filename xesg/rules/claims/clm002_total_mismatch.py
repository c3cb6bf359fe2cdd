"""CLM002 total-mismatch: a table's total is not the sum of its parts.

What it checks
    Table rows labelled "Total…" (not intensities, rates or averages) whose values differ,
    column by column, from the sum of their parts — beyond what rounding of the parts can
    explain. The parts are:

    - the rows its own label names, when it names them ("Total GHG emissions (Scope 1 and
      Scope 2)", "Total Scope 1 + 2"): one row naming each, anywhere in the same table (a
      blank line ends a table), above or below the total — a total printed before its parts
      is compared with them, and only with them;
    - otherwise the rows directly above it with the same number of columns, up to a row of
      another measure (energy, emissions, water, waste, read from the label and its unit
      cell), another unit, another total or a rate (headcount by gender or region = total
      headcount).

    A total whose named parts are not all found, once each, is not judged.

Severity
    Warning: on the corpus this rule gave three findings before totals were compared with
    the parts their labels name, all false (energy rows in MWh added into a GHG total printed
    above its Scope 1 and Scope 2 rows); it gives none now, so its precision is unmeasured,
    and an error needs at least 95% measured.

Why it matters
    Totals that do not add up are the first thing an assurance provider recomputes; they
    point to a missing row, a restated part or a typing error in the data table.

Example
    Fails: Scope 1 ``1,100``, Scope 2 ``3,000``, Total ``4,200``.
    Passes: Scope 1 ``1,100``, Scope 2 ``3,000``, Total ``4,100``; or ``1.2 + 3.4 = 4.5``
    shown rounded; "Total GHG emissions (Scope 1 and Scope 2) 4,100" printed below two
    energy rows in MWh and above its Scope 1 and Scope 2 rows, which add up to it.

Measured
    No error or warning on the corpus now; before a total was compared only with the parts its
    label names, 3 findings, all false. Too few to measure: a warning. Labels and how they were
    judged: docs/accuracy.md.

How to fix
    Recompute the total from its parts, or add the missing part to the table.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.analysis.figures import total_mismatches
from xesg.model.document import Page
from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule


def _show(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


MISMATCH = Message(
    "'{label}' (column {column}) on page {page} is {total}, but {parts} = {sum}.",
    expected="{sum}",
    found="{total}",
)


@rule(
    code="CLM002",
    name="total-mismatch",
    group="claims",
    severity=Severity.WARNING,
    summary="A table total is not the sum of its parts beyond rounding.",
    confidence=Confidence.MEDIUM,
    walks=Walk.TEXT_PAGE,
)
def total_mismatch(ctx: CheckContext, page: Page) -> Iterator[Finding]:
    for check in total_mismatches(page):
        yield total_mismatch.finding(
            MISMATCH(
                label=check.label,
                column=check.column + 1,
                page=check.page,
                total=_show(check.total),
                parts=" + ".join(f"{_show(v)} ({label})" for label, v in check.parts),
                sum=_show(sum(v for _, v in check.parts)),
            ),
            page=check.page,
            evidence=check.line,
        )
