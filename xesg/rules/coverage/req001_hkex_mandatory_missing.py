"""REQ001 hkex-mandatory-missing: an HKEx Mandatory Disclosure Requirement is not indexed.

What it checks
    That the index locates each of the HKEx Guide's Part B Mandatory Disclosure
    Requirements — Governance Structure (the board statement), Reporting Principles and
    Reporting Boundary — with a page or section.

Why it matters
    Listing Rule 13.91(2)(a) makes Part B mandatory: there is no "explain" alternative. An
    index that does not point to them leaves the reader (and the Exchange's review) unable to
    find the board statement, the application of the reporting principles (materiality,
    quantitative, consistency) or the boundary.

Example
    Fails: an index with rows for Governance Structure and Reporting Principles but no
    Reporting Boundary row.
    Passes: ``Reporting Boundary  About this Report  P31``.

A disclosure of another standard that the crosswalk (``standards/crosswalk.yaml``) links to
    it and that the index locates is named in the message; an *equivalent* twin turns the
    finding into information ("covered under its GRI twin on P34").

Measured
    On the corpus: 4 findings, 4 true (100 %): Part B items absent from one index, an empty
    Reporting Boundary cell in another. Labels and how they were judged: docs/accuracy.md.

How to fix
    Add a row for each Part B item pointing to where the report covers it; write the
    disclosure if the report lacks it.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.coverage._provisions import unaddressed
from xesg.rules.registry import Message, Need, Reading, Walk, rule

MISSING = Message(
    "Mandatory disclosure '{title}' ({catalogue}) {where}{level}{twins}.",
    expected="a row with a page, section or other location",
    found="{found}",
)
NO_ROW = "has no row in the index"
NO_LOCATION = "has no location in the index"


@rule(
    code="REQ001",
    name="hkex-mandatory-missing",
    group="coverage",
    severity=Severity.ERROR,
    summary="An HKEx Mandatory Disclosure Requirement has no location in the index.",
    standards=("hkex",),
    walks=Walk.DISCLOSURE,
    needs=(Need.INDEX,),
    rests_on=(Reading.COMPLETE_INDEX,),
)
def hkex_mandatory_missing(
    ctx: CheckContext, catalogue: Catalogue, disclosure: Disclosure
) -> Iterator[Finding]:
    gap = unaddressed(ctx, catalogue, disclosure, "mandatory")
    if gap is not None:
        where = NO_ROW if gap.entry is None else NO_LOCATION
        yield gap.finding(
            hkex_mandatory_missing,
            MISSING(title=disclosure.title, catalogue=catalogue.id, where=where, **gap.notes()),
        )
