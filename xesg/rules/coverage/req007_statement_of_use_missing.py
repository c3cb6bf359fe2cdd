"""REQ007 statement-of-use-missing: no GRI statement of use, or an incomplete HKEx board
statement.

What it checks
    - GRI: a report with a GRI index must state how it uses the Standards: "… has reported
      in accordance with the GRI Standards for the period …" or "… with reference to the GRI
      Standards". Other wordings count: "in accordance with the GRI Universal Standards
      2021", "with reference to the … Global Reporting Initiative's (GRI) Sustainability
      Reporting Standard" (the nearest "accordance" or "with reference" before the GRI
      decides), a "Statement of use" table cell that says "In accordance with" or "With
      reference to", and a statement whose words another column's words interleave (a
      two-column page read line by line). A 2016-style claim ("Core option", "Core
      Options") beside 2021 codes is reported too. A note only (info) where the statement
      cannot be read: a standalone index of the 2016 Standards, whose claim was made in the
      report it indexes (102-54; a 2021 index must carry its statement of use itself), and
      an index table given alone (a spreadsheet or CSV, with no report text).
    - HKEx: the pages the Governance Structure row cites must cover the board statement's
      three elements: the board's oversight of ESG issues; its ESG management approach and
      strategy (how material issues are evaluated, prioritised and managed); and how it
      reviews progress against ESG goals and targets.

Measured
    On the corpus: no error or warning (2 notes: a standalone 2016 index, a CSV index);
    before the other wordings were read, 3 errors, all false (tests/corpus/labels.yaml).

Why it matters
    GRI 1, Requirement 8 (and 2 for "with reference"): without the statement of use the claim
    level is unknown. HKEx ESG Guide Part B (Mandatory Disclosure Requirement "Governance
    Structure"): all three elements are mandatory; HKEx's 2022 review found only ~40% of
    issuers explained how the board reviews progress.

Example
    Fails: a GRI index in a report that never says "in accordance with" or "with reference
    to"; a board statement page with no word on reviewing progress against targets.
    Passes: "Harbourline has reported the information cited in this GRI content index for the
    period 1 January 2024 to 31 December 2024 with reference to the GRI Standards."

How to fix
    Add the statement of use in GRI 1's wording; complete the board statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import LocationKind
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Reading, rule

BOARD_ELEMENTS = {
    "the board's oversight of ESG issues": re.compile(r"oversight|oversee|overseeing", re.I),
    "the board's ESG management approach and strategy": re.compile(
        r"management\s+approach|strategy|prioriti[sz]", re.I
    ),
    "how the board reviews progress against ESG goals and targets": re.compile(
        r"progress[^.]{0,80}(?:target|goal)|(?:target|goal)[^.]{0,80}(?:progress|review)", re.I
    ),
}

NOT_CHECKED = Message(
    "{unread}; the statement of use was not checked.",
    expected="a GRI statement of use",
    found="no text that could hold it",
)
NO_STATEMENT = Message(
    "The report has a GRI index but no statement of use ('in accordance with' or 'with "
    "reference to' the GRI Standards).",
    expected="a GRI 1 statement of use",
    found="no statement of use",
)
OLD_OPTION = Message(
    "The report claims the 2016 '{option} option' but its index uses the 2021 Standards.",
    expected="a GRI 1 statement of use",
    found="{claim}",
)
BOARD = Message(
    "The board statement on P{pages} does not cover: {missing}.",
    expected="{elements}",
    found="missing: {missing}",
)


def _gri(ctx: CheckContext) -> Iterator[Finding]:
    gri_rows = [e for e in ctx.index.entries if e.standard == "gri"]
    if not gri_rows:
        return
    claim = ctx.claims.get("gri")
    uses_2021 = any(re.match(r"^[23]-\d+$", e.code) for e in gri_rows)
    unread = ""
    if claim is None and not any(page.text.strip() for page in ctx.report.pages):
        # Only the index's table was read (a spreadsheet or CSV given alone): the statement
        # stands above the table in the document, and an export of the table leaves it out.
        unread = "Only the index table was read (no report text)"
    elif claim is None and ctx.standalone_index and not uses_2021:
        # A separate index of the 2016 Standards: the claim (disclosure 102-54) was made in
        # the report it indexes, which is not here; only the 2021 index carries its own.
        unread = (
            "A standalone GRI 2016 index: its claim ('in accordance with the GRI Standards: "
            "Core option') is made in the report it indexes"
        )
    if unread:
        yield statement_of_use_missing.finding(
            NOT_CHECKED(unread=unread),
            standard="gri",
            code="statement of use",
            severity=Severity.INFO,
        )
        return
    if claim is None:
        wording = NO_STATEMENT()
    elif claim.endswith("-2016") and uses_2021:
        wording = OLD_OPTION(option=claim.split("-")[0], claim=claim)
    else:
        return
    yield statement_of_use_missing.finding(wording, standard="gri", code="statement of use")


def _hkex(ctx: CheckContext) -> Iterator[Finding]:
    rows = ctx.entries_by_code.get(("hkex", "Governance Structure"), [])
    labels = {
        str(n)
        for row in rows
        for loc in row.locations
        if loc.kind is LocationKind.PAGE and loc.start is not None and loc.end is not None
        for n in range(loc.start, max(loc.start, loc.end) + 1)
    }
    pages = [p.text for p in ctx.report.pages if p.label in labels]
    if not pages:
        return  # no cited pages to read: REQ001 reports a missing location
    text = "\n".join(pages)
    missing = [name for name, pattern in BOARD_ELEMENTS.items() if not pattern.search(text)]
    if missing:
        yield statement_of_use_missing.finding(
            BOARD(
                pages=", P".join(sorted(labels, key=int)),
                missing="; ".join(missing),
                elements="; ".join(BOARD_ELEMENTS),
            ),
            standard="hkex",
            code="Governance Structure",
            page=rows[0].page,
            line=rows[0].line,
            severity=Severity.WARNING,
        )


@rule(
    code="REQ007",
    name="statement-of-use-missing",
    group="coverage",
    severity=Severity.ERROR,
    summary="No GRI statement of use, or the HKEx board statement lacks an element.",
    standards=("gri", "hkex"),
    rests_on=(Reading.COMPLETE_INDEX,),
)
def statement_of_use_missing(ctx: CheckContext) -> Iterator[Finding]:
    if "gri" in ctx.standards:
        yield from _gri(ctx)
    if "hkex" in ctx.standards:
        yield from _hkex(ctx)
