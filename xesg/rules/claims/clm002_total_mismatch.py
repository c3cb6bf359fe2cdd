"""CLM002 total-mismatch: a table's total is not the sum of its parts.

What it checks
    Table rows labelled "Total…" (not intensities, rates or averages) whose values differ,
    column by column, from the sum of the rows directly above them with the same number of
    columns — beyond what rounding of the parts can explain (Scope 1 + Scope 2 = total;
    headcount by gender or region = total headcount).

Why it matters
    Totals that do not add up are the first thing an assurance provider recomputes; they
    point to a missing row, a restated part or a typing error in the data table.

Example
    Fails: Scope 1 ``1,100``, Scope 2 ``3,000``, Total ``4,200``.
    Passes: Scope 1 ``1,100``, Scope 2 ``3,000``, Total ``4,100``; or ``1.2 + 3.4 = 4.5``
    shown rounded.

How to fix
    Recompute the total from its parts, or add the missing part to the table.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.figures import total_mismatches
from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import rule


def _show(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@rule(
    code="CLM002",
    name="total-mismatch",
    group="claims",
    severity=Severity.ERROR,
    summary="A table total is not the sum of its parts beyond rounding.",
    confidence=Confidence.MEDIUM,
)
def total_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.report.pages:
        if page.label in ctx.index.pages:
            continue
        for check in total_mismatches(page):
            parts = " + ".join(_show(v) for v in check.parts)
            yield total_mismatch.finding(
                page=check.page,
                message=(
                    f"'{check.label}' (column {check.column + 1}) on page {check.page} is "
                    f"{_show(check.total)}, but {parts} = {_show(sum(check.parts))}."
                ),
                expected=_show(sum(check.parts)),
                found=_show(check.total),
                evidence=check.line,
            )
