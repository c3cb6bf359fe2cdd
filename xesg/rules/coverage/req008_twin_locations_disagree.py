"""REQ008 twin-locations-disagree: one disclosure cited to different places under two frameworks.

What it checks
    Pairs of rows whose codes the crosswalk (``standards/crosswalk.yaml``) links across
    standards — an HKEx KPI and its GRI or IFRS S2 twin — when both are in the index and
    either (a) both cite pages of this report and no page is shared (HKEx A1.2 on P157-158,
    GRI 305-1 on P111), or (b) one is located and the other is only explained ("Not
    applicable"). Each twin of a link to several (A1.2 → 305-1, 305-2, 305-4) is compared on
    its own; one finding names those that share no page. Rows that share a page, cite only
    sections or other documents, or links whose edition (``@catalogue``) is not the one
    checked, are not compared.

Measured
    On the corpus (12 reports): 4 findings, all on the one index that cites HKEx KPIs and
    their GRI twins side by side — A1.2, A1.3, A1.4 (KPI data tables) and A4.1 (climate
    section) against GRI 305-1/305-2, 306-2 and 201-2 (narrative pages). Read in the report:
    each disclosure is stated in both places (the Scope 1 and 2 figures agree), so all four
    are true as stated; none where the twins' rows share a page.

Why it matters
    The same figures (Scope 1 and 2 emissions, workforce, water) answer both frameworks. Two
    places for one disclosure mean either one of the rows is wrong, or the report states the
    figures twice and a reader may find two versions; an answer under one framework and
    "not applicable" under the other contradict each other. A reviewer checks both rows.

Example
    Fails: ``A1.2  Greenhouse gas emissions  P157-158`` and ``GRI 305-1  Direct (Scope 1)
    GHG emissions  P111``; ``B1.1  Total workforce  P40`` and ``2-7  Employees  Not
    applicable``.
    Passes: ``A1.2 … P111-112`` and ``305-1 … P111``.

How to fix
    Point both rows to where the disclosure is; if the report states it in two places,
    make the figures agree and cite both in each row; remove a "not applicable" that the
    other framework's row answers.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.crosswalk import crosswalk, split_ref
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, row_evidence
from xesg.rules.context import CheckContext
from xesg.rules.helpers import cited_labels, page_range
from xesg.rules.registry import Message, Reading, rule


def _rows(ctx: CheckContext, ref: str) -> list[IndexEntry]:
    """The index rows of a crosswalk reference, when its edition (if named) is checked."""
    standard, code, catalogue = split_ref(ref)
    if standard not in ctx.standards:
        return []
    if catalogue is not None and catalogue not in {c.id for c in ctx.current(standard)}:
        return []
    return list(ctx.entries_by_code.get((standard, code), []))


def _name(rows: list[IndexEntry]) -> str:
    standard = (rows[0].standard or "").upper()
    return f"{standard} {', '.join(dict.fromkeys(r.code for r in rows))}"


def _pages(rows: list[IndexEntry]) -> list[str]:
    return list(dict.fromkeys(label for row in rows for label in cited_labels(row)))


def _spans(labels: list[str]) -> str:
    """ "P108, P150-156" from the labels 108, 150, 151 … 156 (runs of numbers joined)."""
    numbers = sorted({int(label) for label in labels})
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(page_range(run[0], run[-1]) for run in runs)


def _explained_only(rows: list[IndexEntry]) -> IndexEntry | None:
    return next((r for r in rows if r.explanation and not r.locations), None)


def _disagreement(source: list[IndexEntry], twins: list[list[IndexEntry]]) -> str | None:
    """What is wrong between a disclosure's rows and its twins' (each twin's rows), or None
    when they agree. Each twin is compared on its own: a KPI whose Scope 1 twin is cited far
    away disagrees even where its intensity twin shares a page."""
    left = _pages(source)
    apart = [
        f"{_name(rows)} on {_spans(pages)}"
        for rows in twins
        if left and (pages := _pages(rows)) and not set(left) & set(pages)
    ]
    if apart:
        return (
            f"{_name(source)} is cited on {_spans(left)} but its twin "
            f"{' and '.join(apart)}: no page in common"
        )
    others = [row for rows in twins for row in rows]
    for answered, other in ((source, others), (others, source)):
        omitted = _explained_only(other)
        if any(r.locations for r in answered) and omitted is not None:
            return (
                f"{_name(answered)} is answered but its twin {_name([omitted])} is explained as "
                f"'{omitted.explanation}'"
            )
    return None


DISAGREE = Message(
    "{problem} ({relation} twins in the crosswalk).",
    expected="twin rows citing the same place",
    found="{problem}",
)


@rule(
    code="REQ008",
    name="twin-locations-disagree",
    group="coverage",
    severity=Severity.INFO,
    summary="Twin disclosures of two frameworks are cited to different pages, or one is 'N/A'.",
    rests_on=(Reading.COMPLETE_INDEX,),
)
def twin_locations_disagree(ctx: CheckContext) -> Iterator[Finding]:
    for link in crosswalk().links:
        source_standard = split_ref(link.source_code)[0]
        targets = [t for t in link.to if split_ref(t)[0] != source_standard]
        if not targets:
            continue  # links between editions of one standard are IDX002's business
        source = _rows(ctx, link.source_code)
        twins = [rows for target in targets if (rows := _rows(ctx, target))]
        if not source or not twins:
            continue
        problem = _disagreement(source, twins)
        if problem is None:
            continue
        first = source[0]
        yield twin_locations_disagree.finding(
            DISAGREE(problem=problem, relation=link.relation),
            standard=first.standard,
            code=first.code,
            page=first.page,
            line=first.line,
            evidence=" ‖ ".join(row_evidence(r) for r in [*source, *(r for t in twins for r in t)]),
        )
