"""PAG007 page-offset-drift: many references off by the same number of pages.

What it checks
    Rows whose cited page lacks evidence (see PAG004) or does not exist, while the page N
    pages away is the report's best page for the disclosure — with the same N for many rows.
    One finding says what happened and how to fix it, instead of one per row.

Why it matters
    A cover inserted late, a section moved, or an index built from physical PDF page numbers
    instead of printed ones shifts every later reference by the same amount. Fixing the
    offset once fixes them all.

Example
    Fails: eight rows citing P36 … P43 whose topics are on P38 … P45 (all +2).
    Passes: rows whose cited pages discuss their topics.

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Add the offset to the affected references (or renumber the index from the printed page
    labels), then re-run xesg.

Options
    ``min_rows`` (4): fewest rows sharing one offset before it is reported;
    ``max_offset`` (12): largest offset looked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from xesg.model.finding import Confidence, Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.helpers import listed
from xesg.rules.registry import Message, Need, rule

WEAK = 0.2  # a cited page below this relative score has no evidence
STRONG = 0.8  # the shifted page must be (nearly) the best page


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_rows: int = Field(4, ge=2)
    max_offset: int = Field(12, ge=1)


DRIFT = Message(
    "{count} references appear shifted by {offset:+d} page(s): the page {offset:+d} away is "
    "where each topic is discussed ({codes}).",
    expected="references {offset:+d} pages from the cited ones",
    found="offset {offset:+d} on {count} rows",
)


@rule(
    code="PAG007",
    name="page-offset-drift",
    group="pages",
    severity=Severity.ERROR,
    summary="Many page references are off by the same number of pages.",
    confidence=Confidence.MEDIUM,
    options=Options,
    needs=(Need.PRINTED_PAGES,),
)
def page_offset_drift(ctx: CheckContext, options: Options) -> Iterator[Finding]:
    shifted: dict[int, list[str]] = {}
    for entry in ctx.catalogued_rows():
        cited = [c for c in ctx.cited(entry) if c.isdigit()]
        evidence = ctx.page_scores(entry) if cited else None
        if evidence is None:
            continue
        ranking = evidence[1]
        if max(ranking.score(c) for c in cited) >= WEAK:
            continue
        start = int(cited[0])
        for offset in range(-options.max_offset, options.max_offset + 1):
            if offset and ranking.score(str(start + offset)) >= STRONG:
                shifted.setdefault(offset, []).append(entry.code)
    if not shifted:
        return
    counts = Counter({offset: len(codes) for offset, codes in shifted.items()})
    offset, count = counts.most_common(1)[0]
    if count < options.min_rows:
        return
    codes = shifted[offset]
    yield page_offset_drift.finding(
        DRIFT(count=count, offset=offset, codes=listed(codes, 12)), evidence=", ".join(codes)
    )
