"""CLM001 conflicting-figures: the same figure stated twice with two values.

What it checks
    Narrative statements of a figure — the words before a number, its unit (tCO2e, tonnes,
    MWh, kWh, m3, megalitres, employees, hours; not percentages, which are rates and changes
    of too many different things to compare) and its year
    ("Scope 1 emissions were 1,234 tCO2e in 2024") — that appear more than once in the report
    with values that differ by more than rounding. Qualified figures ("more than 55,000",
    "approximately 1,200") are not exact and are never compared; nor are the cells of a table
    row read as plain text ("Scope 1 emissions 1,000 1,100 1,200 tCO2e": a number right after
    another value), whose words do not say which column — year, site — each value is for.

Why it matters
    Two values for one figure (narrative vs highlights page, or two chapters) mean at least
    one is wrong; readers and assurance providers cannot tell which one was assured.

Example
    Fails: "Scope 1 emissions were 1,234 tCO2e in 2024" on P34 and "Scope 1 emissions
    were 1,243 tCO2e in 2024" on P30.
    Passes: "more than 55,000 employees" on P5 and "57,041 employees" on P20; a KPI table
    "Scope 1 emissions 1,000 1,100 1,200 tCO2e" (2024, 2023, 2022) on P40 and a regional one
    with other values on P41.

How to fix
    Correct the wrong value so that every statement of the figure agrees with the data table.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.figures import Figure, figures
from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import rule

RELATIVE_TOLERANCE = 0.005  # rounding: 1,234 vs 1,235 is not a conflict


def _differ(a: float, b: float) -> bool:
    return abs(a - b) > max(abs(a), abs(b)) * RELATIVE_TOLERANCE


@rule(
    code="CLM001",
    name="conflicting-figures",
    group="claims",
    severity=Severity.ERROR,
    summary="The same figure (words, unit, year) is stated with different values.",
    confidence=Confidence.MEDIUM,
)
def conflicting_figures(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[tuple[tuple[str, ...], str, str | None], Figure] = {}
    reported: set[tuple[tuple[str, ...], str, str | None]] = set()
    for page in ctx.report.pages:
        if page.label in ctx.index.pages:
            continue
        for figure in figures(page):
            key = (figure.phrase, figure.unit, figure.year)
            first = seen.setdefault(key, figure)
            if first is figure or key in reported or not _differ(first.value, figure.value):
                continue
            reported.add(key)
            what = " ".join(figure.phrase)
            yield conflicting_figures.finding(
                page=figure.page,
                message=(
                    f"'{what}' ({figure.unit}{', ' + figure.year if figure.year else ''}) is "
                    f"{first.text} on page {first.page} but {figure.text} on page {figure.page}."
                ),
                expected=first.text,
                found=figure.text,
                evidence=f"P{first.page}: {first.sentence} | P{figure.page}: {figure.sentence}",
            )
