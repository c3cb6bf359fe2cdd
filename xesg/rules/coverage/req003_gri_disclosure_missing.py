"""REQ003 gri-disclosure-missing: a GRI 2 or GRI 3 disclosure the index does not address.

What it checks
    For a report that uses the 2021 GRI Standards: every disclosure of GRI 2: General
    Disclosures 2021 (2-1 … 2-30) and 3-1, 3-2 of GRI 3 must have an index row with a
    location or, where omission is allowed, a reason for omission. An error when the report
    claims to be "in accordance with" the GRI Standards; information only when it reports
    "with reference to" them (GRI 2 in full is then not required).

Why it matters
    GRI 1, Requirements 2 and 4: an organization reporting in accordance with the GRI
    Standards reports all disclosures in GRI 2 and 3-1, 3-2 (2-1 to 2-5, 3-1 and 3-2 may not
    be omitted at all). A missing row means the claim is not supported.

Example
    Fails: an "in accordance" report whose index jumps from 2-20 to 2-22.
    Passes: ``2-21  Annual total compensation ratio  Confidentiality constraints: …``.

Measured
    On the corpus: 1 finding (as an error), true: GRI 2-8 absent from an "in accordance" index.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Add the missing disclosures with their locations, or give a reason for omission with
    its explanation (only for disclosures that may be omitted).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Reading, rule

_REQUIRED = ("gri-2-2021", "gri-3-2021")


NOT_REQUIRED = Message(
    "{count} GRI 2/3 disclosures are not in the index ({codes}); not required for the report's "
    "claim ({claim}), required 'in accordance'.",
    expected="every GRI 2 disclosure and 3-1, 3-2 ('in accordance' only)",
    found="{codes}",
)
MISSING = Message(
    "{code} ({title}) is not addressed in the index; the report claims to be 'in accordance "
    "with' the GRI Standards.",
    expected="a location, or a reason for omission where allowed",
    found="{found}",
)


@rule(
    code="REQ003",
    name="gri-disclosure-missing",
    group="coverage",
    severity=Severity.ERROR,
    summary="A GRI 2 / GRI 3 disclosure required 'in accordance' is not addressed.",
    standards=("gri",),
    rests_on=(Reading.COMPLETE_INDEX,),
)
def gri_disclosure_missing(ctx: CheckContext) -> Iterator[Finding]:
    codes_2021 = any(
        e.standard == "gri" and re.match(r"^[23]-\d+$", e.code) for e in ctx.index.entries
    )
    if not codes_2021:
        return  # a 2016-based index is IDX006's business
    claim = ctx.claims.get("gri", "none")
    missing = [
        (disclosure, ctx.entries_by_code.get(("gri", disclosure.code), []))
        for catalogue in ctx.catalogues.for_standard("gri")
        if catalogue.id in _REQUIRED
        for disclosure in catalogue.disclosures
        if disclosure.code != "3-3"  # reported per material topic: REQ004
        and not any(row.addressed for row in ctx.entries_by_code.get(("gri", disclosure.code), []))
        # printed in the index, in a row the layout kept us from reading:
        and not (
            disclosure.code in ctx.codes_printed_in_index
            and not ctx.entries_by_code.get(("gri", disclosure.code))
        )
    ]
    if not missing:
        return
    if claim != "in-accordance":
        # "With reference" does not require GRI 2 in full: one informational summary.
        codes = ", ".join(d.code for d, _ in missing)
        yield gri_disclosure_missing.finding(
            NOT_REQUIRED(count=len(missing), codes=codes, claim=claim),
            standard="gri",
            severity=Severity.INFO,
        )
        return
    for disclosure, rows in missing:
        yield gri_disclosure_missing.finding(
            MISSING(
                code=disclosure.code,
                title=disclosure.title,
                found="no row" if not rows else "a row without location or reason",
            ),
            standard="gri",
            code=disclosure.code,
            page=rows[0].page if rows else None,
            line=rows[0].line if rows else None,
        )
