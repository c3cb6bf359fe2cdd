"""CLM001 conflicting-figures: the same figure stated twice with two values.

What it checks
    The same figure — the same subject, unit and period — given twice with two values:

    - Narrative statements: the words before a number, its unit (tCO2e, tonnes, MWh, kWh,
      m3, megalitres, employees, hours; not percentages, which are rates and changes of too
      many different things to compare) and its year ("Scope 1 emissions were 1,234 tCO2e in
      2024"), stated again with a value that differs by more than 0.5%. A statement without a
      year is never compared (its period is unknown), nor is a qualified figure ("more than
      55,000", "approximately 1,200"), nor a number with another value among the words
      before it: the cells of a table row read as plain text ("Scope 1 emissions 1,000 1,100
      1,200 tCO2e") and figures listed after the subject they belong to ("Programme A: 3,839
      participants/438 courses/236,671 hours") — their words do not say what they measure.
    - Table cells: in tables whose columns are years (cells set apart by a tab or 2+
      spaces), a row's subject (its label's words) and unit (a unit cell, the label's
      bracketed unit, or the unit of the table's heading) with its column's year, given in
      another table with a value that differs by more than the rounding of the less precise
      one (78,620.0 is 78,620.01 rounded), or stated in words (the same words, unit and
      year) with a value that differs by more than that and by more than 0.5%. Rows without
      a unit, one-word labels, and rows a table gives twice (under two sub-headings) are
      left out. PDF pages are read as plain
      text, whose cells are set apart by single spaces: their tables are not read.

Severity
    Warning: on the corpus this rule gave one finding before the figures needed their
    subject, unit and period, and it was false (two programmes' course hours); it gives
    none now, so its precision is unmeasured, and an error needs at least 95% measured.

Why it matters
    Two values for one figure (narrative vs highlights page, or two chapters, or a chapter's
    table and the data summary) mean at least one is wrong; readers and assurance providers
    cannot tell which one was assured.

Example
    Fails: "Scope 1 emissions were 1,234 tCO2e in 2024" on P34 and "Scope 1 emissions
    were 1,243 tCO2e in 2024" on P30; "Direct GHG emissions (Scope 1) (tCO2e)  7,122.60
    9,096.95" under "2024  2023" on P34 and "… 7,122.60  9,069.95" on P90.
    Passes: "more than 55,000 employees" on P5 and "57,041 employees" on P20; a KPI table
    "Scope 1 emissions 1,000 1,100 1,200 tCO2e" (2024, 2023, 2022) on P40 and a regional one
    with other values on P41; two programmes' course hours in one sentence.

Measured
    No error or warning on the corpus now; before figures of different subjects were told apart,
    1 finding, false. Too few to measure: a warning. Labels and how they were judged:
    docs/accuracy.md.

How to fix
    Correct the wrong value so that every statement of the figure agrees with the data table.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.analysis.figures import Figure, figures, table_figures
from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext, short_place
from xesg.rules.registry import Message, rule

RELATIVE_TOLERANCE = 0.005  # rounding: 1,234 vs 1,235 is not a conflict


def _differ(a: float, b: float) -> bool:
    return abs(a - b) > max(abs(a), abs(b)) * RELATIVE_TOLERANCE


def _decimals(text: str) -> int:
    number = text.split()[0].rstrip("%)").lstrip("(")
    return len(number.split(".")[1]) if "." in number else 0


def _cells_differ(a: Figure, b: Figure) -> bool:
    """Two table cells differ by more than the rounding of the less precise one (78,620.0
    is 78,620.01 rounded; 9,096.95 and 9,069.95 differ)."""
    return abs(a.value - b.value) > 0.5 * 10.0 ** -min(_decimals(a.text), _decimals(b.text))


Key = tuple[tuple[str, ...], str, str | None]


CONFLICT = Message(
    "'{what}' ({unit}{year}) is {first} on {before} but {value} on {here}.",
    expected="{first}",
    found="{value}",
)


@rule(
    code="CLM001",
    name="conflicting-figures",
    group="claims",
    severity=Severity.WARNING,
    summary="The same figure (words, unit, year) is stated with different values.",
    confidence=Confidence.MEDIUM,
)
def conflicting_figures(ctx: CheckContext) -> Iterator[Finding]:
    pages = [page for page in ctx.report.pages if page.label not in ctx.index.pages]
    seen: dict[Key, Figure] = {}
    reported: set[Key] = set()
    for page in pages:
        for figure in figures(page):
            if figure.year is None:
                continue  # no period: two such statements may be about two years
            key: Key = (figure.phrase, figure.unit, figure.year)
            first = seen.setdefault(key, figure)
            if first is figure or key in reported or not _differ(first.value, figure.value):
                continue
            reported.add(key)
            yield _finding(ctx, first, figure)
    # Table cells are compared with the narrative statement of the same words, unit and
    # year, and with the cells of other tables (within one table a subject's row is given
    # once).
    in_tables: dict[Key, tuple[int, Figure]] = {}
    tables = (table for page in pages for table in table_figures(page))
    for number, table in enumerate(tables):
        for figure in table:
            key = (figure.phrase, figure.unit, figure.year)
            table_number, first = in_tables.setdefault(key, (number, seen.get(key, figure)))
            if table_number == number and first is figure:
                continue  # the first cell of its kind
            # A statement in words may round more than a table does (0.5%, as between two
            # statements); two tables differ beyond the rounding of their digits.
            in_words = first is seen.get(key)
            if key in reported or not _cells_differ(first, figure):
                continue
            if in_words and not _differ(first.value, figure.value):
                continue
            reported.add(key)
            yield _finding(ctx, first, figure)


def _finding(ctx: CheckContext, first: Figure, figure: Figure) -> Finding:
    before, here = (
        ctx.place(_anchor(ctx, first), first.page),
        ctx.place(_anchor(ctx, figure), figure.page),
    )
    return conflicting_figures.finding(
        CONFLICT(
            what=" ".join(figure.phrase),
            unit=figure.unit,
            year=f", {figure.year}" if figure.year else "",
            first=first.text,
            before=before,
            value=figure.text,
            here=here,
        ),
        page=figure.page,
        line=ctx.line_of(_anchor(ctx, figure), figure.page),
        evidence=" | ".join(
            f"{short_place(where)}: {f.sentence}" for where, f in ((before, first), (here, figure))
        ),
    )


def _anchor(ctx: CheckContext, figure: Figure) -> str:
    """Text that finds the figure's line: its table row or one-line sentence, which holds it
    where its value alone may stand on an earlier line too; else the value as written."""
    if ctx.line_of(figure.sentence, figure.page) is not None:
        return figure.sentence
    return figure.text
