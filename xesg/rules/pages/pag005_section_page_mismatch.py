"""PAG005 section-page-mismatch: the section the row names is not on or near the cited pages.

What it checks
    Rows that name a section — in a Section/Chapter column, or as their location
    (``3. Our Environment``) — against the report's pages: the section's heading must appear
    on a cited page (or the page before it) and, for a section location, somewhere in the
    report outside the index. Only a location written like a heading is a section: an
    answer ("theft", a law's title, a numbered paragraph) is an explanation, and a part of
    another document ("Directors' Report – Principal Risks") is not this report's.

Why it matters
    Sections get renamed and moved between drafts; an index that still names the old
    heading, or a page where the heading no longer is, sends the reader to the wrong place.

Example
    Fails: Section ``Health and Safety`` with ``P40`` when the heading "Health and Safety"
    is on page 38; a location ``7. Our Suppliers`` when no such heading exists.
    Passes: Section ``Health and Safety`` with ``P38``.

Measured
    No error or warning on the corpus now; before captions, other documents and prose answers
    were told from sections, 3 findings, all false. Labels and how they were judged:
    docs/accuracy.md.

How to fix
    Update the page or the section name in the index to match the report.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.match import tokens
from xesg.model.document import Report
from xesg.model.finding import Confidence, Finding, Severity
from xesg.model.index import IndexEntry, LocationKind
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Need, Walk, rule


def _near(report: Report, cited: tuple[str, ...]) -> set[str]:
    """The cited pages and the page before each: a heading may close the previous page."""
    return {report.page_label(str(int(c) + d)) for c in cited if c.isdigit() for d in (-1, 0)}


def _mentions(ctx: CheckContext, cited: tuple[str, ...], section: str) -> bool:
    """The section's words all occur on a cited page (or the page before it)."""
    wanted = set(tokens(section))
    near = _near(ctx.report, cited)
    return any(
        wanted <= ctx.page_tokens(page)
        for label in near
        for page in ctx.pages_by_label.get(label, ())
    )


ELSEWHERE = Message(
    "{code}: section '{section}' is on P{found}, not on the cited P{cited}.",
    expected="P{found}",
    found="P{cited}",
)
NOT_FOUND = Message(
    "{code}: section '{section}' is not found in the report.",
    expected="a heading of the report",
    found="{section}",
)


@rule(
    code="PAG005",
    name="section-page-mismatch",
    group="pages",
    severity=Severity.WARNING,
    summary="The section named by the row is not on or near the cited pages, or not found.",
    confidence=Confidence.MEDIUM,
    walks=Walk.ROW,
    needs=(Need.PRINTED_PAGES,),
)
def section_page_mismatch(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    skip = ctx.index.pages
    cited = ctx.cited(entry)
    exists = all(c.isdigit() and ctx.report.has_page(int(c)) for c in cited)
    if entry.section and cited and exists and not _mentions(ctx, cited, entry.section):
        found = ctx.headings.pages(entry.section, skip)
        if found and not _near(ctx.report, cited) & set(found):
            yield section_page_mismatch.row_finding(
                entry,
                ELSEWHERE(
                    code=entry.code,
                    section=entry.section,
                    found=", P".join(found),
                    cited=", P".join(cited),
                ),
            )
    for location in entry.locations:
        if location.kind is not LocationKind.SECTION or not location.target:
            continue
        if ctx.headings.pages(location.target, skip):
            continue
        yield section_page_mismatch.row_finding(
            entry, NOT_FOUND(code=entry.code, section=location.target)
        )
