"""IDX001 index-not-found: the report has no content index.

What it checks
    Whether any table pairing disclosure codes (HKEx ``A1.2``, GRI ``305-1``, SASB
    ``TC-HW-230a.1``) or named HKEx items with locations could be found in the report.

    A report whose data tables tag each KPI row with framework codes (``… 51 60 63 CCE-4
    EM-EP-110a.1 305-1``) but says nowhere where each disclosure is has no content index
    either: those rows are counted and named in the message, never read as index rows.

Why it matters
    HKEx Listing Rule 13.91 and the ESG Reporting Guide expect issuers to make clear which
    provisions they report on (HKEx FAQ Series 18), and GRI 1 (Requirement 7) requires a GRI
    content index. Without one, a reader cannot check coverage at all.

Example
    Fails: a report whose pages hold only narrative sections and a table of contents.
    Passes: a report with a "HKEX ESG Reporting Guide Content Index" table listing
    ``KPI A1.1 … P34``.

Measured
    On the corpus: 4 findings, 4 true (100 %): three documents without an index and one whose
    data tables only tag KPIs with codes. Labels and how they were judged: docs/accuracy.md.

How to fix
    Add a content index that lists every disclosure with its page or an explanation. If the
    index is a separate document, check that document instead (or its spreadsheet with
    ``--index`` once supported).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, rule

_TAGGED = 5  # tagged data rows from which the message mentions them

NOT_FOUND = Message(
    "No content index found in {pages} page(s): no table pairs disclosure codes with page "
    "references or explanations.",
    expected="a content index listing disclosure codes with locations",
    found="no rows that start with a disclosure code",
)
NOT_FOUND_TAGGED = replace(
    NOT_FOUND,
    text=NOT_FOUND.text.removesuffix(".")
    + "; {tagged} data-table rows end in framework codes after their figures (KPIs tagged with "
    "the disclosures they answer, with no location).",
)


@rule(
    code="IDX001",
    name="index-not-found",
    group="index",
    severity=Severity.ERROR,
    summary="No content index was found in the report.",
)
def index_not_found(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.index.found:
        return
    tagged = ctx.index.tagged_rows
    message = NOT_FOUND_TAGGED if tagged >= _TAGGED else NOT_FOUND
    yield index_not_found.finding(message(pages=len(ctx.report.pages), tagged=tagged))
