"""IDX008 ambiguous-code: a code defined by two editions, and the row does not say which.

What it checks
    Codes that mean different things in different editions of a standard — GRI ``303-3``
    (Water withdrawal 2018 vs Water recycled and reused 2016), ``306-3`` (Waste generated 2020
    vs Significant spills 2016), ``403-1``…``403-4``, ``102-1``…``102-10`` (General
    Disclosures 2016 vs Climate Change 2025) — where neither the Standard/Section cells name the
    edition nor the description clearly matches one edition's title.

Why it matters
    The same code asks for different information in each edition; a reader (or assurance
    provider) cannot tell which requirement the row claims to meet.

Example
    Fails: ``306-3  Waste  P35`` (no edition, description fits neither title well).
    Passes: ``GRI 306: Waste 2020 | 306-3 | Waste generated | P35``.

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Name the standard and its year in the row (``GRI 306: Waste 2020``) or use the official
    disclosure title.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext, pick_edition
from xesg.rules.registry import Message, Need, Walk, rule

AMBIGUOUS = Message(
    "{code} means different things by edition ({meanings}); the row does not say which.",
    expected="the standard's title and year in the row, or the edition's disclosure title",
    found="{written}",
)


@rule(
    code="IDX008",
    name="ambiguous-code",
    group="index",
    severity=Severity.WARNING,
    summary="The code exists in two editions and the row does not say which.",
    standards=("gri",),  # a SASB metric reworded by an edition still asks for the same thing
    walks=Walk.ROW,
    needs=(Need.CATALOGUE,),
)
def ambiguous_code(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    found = ctx.candidates(entry)
    if len({d.title for _, d in found}) < 2:
        return
    chosen, _ = pick_edition(ctx, entry, found)
    if chosen is not None:
        return
    yield ambiguous_code.row_finding(
        entry,
        AMBIGUOUS(
            code=entry.code,
            meanings="; ".join(f"{c.title}: {d.title}" for c, d in found),
            written=entry.description or entry.raw_code,
        ),
    )
