"""CLM003 malformed-number: a number whose digit grouping is broken.

What it checks
    Numbers with impossible thousands grouping ("9,096,95", "1,23,456" after the first
    group), a number with a point and three decimals among comma-grouped thousands on the same
    row ("7.075" beside "12,345" and "9,870"), and numbers grouped with a space ("14 605") on
    pages that otherwise group thousands with commas.

    Not judged: a last group of four or five digits ("10,940,9325"), which is a proper group
    followed by a footnote marker that lost its superscript; space grouping anywhere but in
    a table cell that holds one figure (perhaps with its share in brackets or a footnote
    mark) in a row whose cells are set apart by a tab or two spaces — elsewhere a space may
    separate two cells ("Power TWh 243 247 252") or be part of a name ("ETSI EN 303 645"),
    and lists of years are never numbers. So space grouping is not judged in PDFs either,
    whose plain text separates table cells by a single space.

Measured
    On the corpus (labels in tests/corpus/labels-claims.yaml): 5 findings, 5 true (100%);
    before footnote marks, standard numbers and single-space cells were told apart, 40
    findings, 5 true.

Why it matters
    A broken grouping hides which value was meant (909,695? 9,096.95?): the figure cannot be
    relied on or compared, and automated extraction of the data reads it wrongly.

Example
    Fails: "Water withdrawal 9,096,95 m3"; "14 605 (43.69%)" in a table of "12,345"-style
    figures; "Employees  12,345  7.075  9,870".
    Passes: "9,096.95 m3"; "14,605"; "10,940,932⁵" read as "10,940,9325"; "ETSI EN 303 645".

How to fix
    Write the number with consistent separators (commas for thousands, a point for decimals).
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.analysis.figures import malformed_numbers
from xesg.model.document import Page
from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

MALFORMED = Message(
    "'{number}' on {place}: {reason}.",
    expected="digits grouped by three with commas",
    found="{number}",
)


@rule(
    code="CLM003",
    name="malformed-number",
    group="claims",
    severity=Severity.WARNING,
    summary="A number with broken digit grouping.",
    confidence=Confidence.MEDIUM,
    walks=Walk.PAGE,
)
def malformed_number(ctx: CheckContext, page: Page) -> Iterator[Finding]:
    # PDF pages outside the index keep pdfium's plain text, where one space separates cells.
    spaced = ctx.report.pagination != "pdf"
    for number, reason, context in malformed_numbers(page, spaced):
        yield malformed_number.finding(
            MALFORMED(number=number, place=ctx.place(number, page.label, page), reason=reason),
            page=page.label,
            line=ctx.line_of(number, page.label, page),
            evidence=context,
        )
