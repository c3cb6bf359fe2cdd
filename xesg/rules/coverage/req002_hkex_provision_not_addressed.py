"""REQ002 hkex-provision-not-addressed: a comply-or-explain provision with neither a location
nor an explanation.

What it checks
    Every "comply or explain" General Disclosure (A1–B8) and KPI (A1.1–B8.2) of the HKEx
    Guide: the index must give it a location (page, section, document) or an explanation of
    why it is not reported. Rows that are missing altogether are reported too.

Why it matters
    Listing Rule 13.91(3): where the issuer deviates from a comply-or-explain provision it
    must give considered reasons in its ESG report. HKEx's reviews of ESG practice found
    silent omissions to be the commonest failure.

Example
    Fails: ``B5.4  Description of practices used to promote environmentally preferable
    products …`` with an empty page cell; or no B7.3 row at all.
    Passes: ``B6.1  Percentage of total products sold … recalls …  Not applicable: the Group
    does not sell products.``

    A disclosure of another standard that the crosswalk (``standards/crosswalk.yaml``) links
    to it and that the index locates is named in the message; an *equivalent* twin turns the
    finding into information ("covered under its GRI twin on P34").

Measured
    On the corpus: one finding, labelled false (a comment cell merged over two rows serves
    the second); earlier, 48 false ones came from index rows the parser had not read, which
    IDX009 now reports instead. A warning, not an error, until its findings are right at
    least 95 % of the time. Labels and how they were judged: docs/accuracy.md.

How to fix
    Point the row to where the report covers the provision, or explain why it is not
    reported (not material, not applicable, information unavailable) and the considered
    reason for that.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.coverage._provisions import unaddressed
from xesg.rules.registry import Message, Need, Reading, Walk, rule

NOT_ADDRESSED = Message(
    "{kind} {code} ({title}) {where}{level}{twins}.",
    expected="a location or a considered reason for not reporting",
    found="{found}",
)
NO_ROW = "has no row in the index"
NO_ANSWER = "has neither a location nor an explanation"


@rule(
    code="REQ002",
    name="hkex-provision-not-addressed",
    group="coverage",
    severity=Severity.WARNING,
    summary="A comply-or-explain provision has neither a location nor an explanation.",
    standards=("hkex",),
    walks=Walk.DISCLOSURE,
    needs=(Need.INDEX,),
    rests_on=(Reading.COMPLETE_INDEX,),
)
def hkex_provision_not_addressed(
    ctx: CheckContext, catalogue: Catalogue, disclosure: Disclosure
) -> Iterator[Finding]:
    gap = unaddressed(ctx, catalogue, disclosure, "comply-or-explain")
    if gap is not None:
        # Part D climate items are provisions of their own kind, not Part C disclosures.
        kind = {"kpi": "KPI", "general": "General Disclosure"}.get(disclosure.kind, "Provision")
        where = NO_ROW if gap.entry is None else NO_ANSWER
        yield gap.finding(
            hkex_provision_not_addressed,
            NOT_ADDRESSED(
                kind=kind, code=disclosure.code, title=disclosure.title, where=where, **gap.notes()
            ),
        )
