"""PAG004 no-evidence-on-page: the cited pages do not discuss the disclosure.

What it checks
    For every row that cites pages of this report, how well each page of the report matches
    the disclosure (its title words and our keywords for it, BM25-scored; the index's own
    pages are left out). The finding fires when the best cited page scores below a fraction
    of the report's best page, and names the pages that do discuss the disclosure:
    "cited P120 scores 0.03; best P111 (1.00), P157 (0.88)".

Why it matters
    An index that points to pages saying nothing on the topic is the most common defect an
    assurance reviewer finds by hand: stale page numbers after a re-layout, or a row copied
    from another. HKEx and GRI both require the index to locate the information.

Example
    Fails: ``B2.2  Lost days due to work injury.  P41`` when P41 is about community
    investment and P38 reports lost days.
    Passes: ``B2.2  Lost days due to work injury.  P38``.

Measured
    No error or warning on the corpus (not measured there): low confidence, the fixture cases
    are its measure. Labels and how they were judged: docs/accuracy.md.

How to fix
    Point the row to the page that reports the disclosure (the finding lists the best
    candidates), or add the missing content to the cited page.

Options
    ``min_relative_score`` (0.2): a cited page must score at least this fraction of the best
    page's score.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from xesg.model.finding import Confidence, Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Need, Walk, rule


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_relative_score: float = Field(0.2, ge=0, le=1)


NO_EVIDENCE = Message(
    "{code}: cited P{cited} scores {score:.2f}; best {best}.",
    expected="pages that discuss {disclosure} ({title})",
    found="P{all_cited}",
)


@rule(
    code="PAG004",
    name="no-evidence-on-page",
    group="pages",
    severity=Severity.WARNING,
    summary="The cited pages do not discuss the disclosure; better pages are named.",
    confidence=Confidence.LOW,
    options=Options,
    walks=Walk.ROW,
    needs=(Need.CATALOGUE, Need.PRINTED_PAGES),
)
def no_evidence_on_page(
    ctx: CheckContext, entry: IndexEntry, options: Options
) -> Iterator[Finding]:
    available = ctx.ranked_labels
    cited = [label for label in ctx.cited(entry) if label in available]
    evidence = ctx.page_scores(entry) if cited else None
    if evidence is None:
        return
    disclosure, ranking = evidence
    best_cited = max(cited, key=ranking.score)
    if ranking.score(best_cited) >= options.min_relative_score:
        return
    # The pages that use the disclosure's words (the best has some: the ranking exists).
    yield no_evidence_on_page.row_finding(
        entry,
        NO_EVIDENCE(
            code=entry.code,
            cited=best_cited,
            score=ranking.score(best_cited),
            best=", ".join(f"P{s.label} ({s.score:.2f})" for s in ranking.top(3) if s.score > 0),
            disclosure=disclosure.code,
            title=disclosure.title,
            all_cited=", P".join(cited),
        ),
    )
