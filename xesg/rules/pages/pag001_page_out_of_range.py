"""PAG001 page-out-of-range: a page reference outside the report's printed pages.

What it checks
    Every page the index cites for this report against the report's *printed* page labels —
    the numbers a reader sees, which is what indexes cite, not the PDF's physical page count
    (a page laid out as a two-page spread carries two printed pages).
    Pages cited in another document ("Annual Report, P150") are checked the same way when that
    document is supplied (``--document "Annual Report=ar.pdf"``). Skipped for unpaginated
    reports, and for a standalone index's own page references.

Why it matters
    A reference to a page that does not exist sends the reader nowhere: usually a page number
    left over from last year's report, a typo, or a reference into another document that
    does not say so.

Example
    Fails: ``B2.2  Lost days due to work injury.  P58`` in a report printed as pages 30–44.
    Passes: ``B2.2  Lost days due to work injury.  P38``.

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Correct the page number; if it points into another document, name the document
    (``Annual Report, P58``).
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.document import Report
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, LocationKind
from xesg.rules.context import CheckContext
from xesg.rules.helpers import page_range
from xesg.rules.registry import Message, Walk, rule

OUT_OF_RANGE = Message(
    "{code} cites {raw!r}, but {document}'s printed pages run {printed}.",
    expected="a page within {printed}",
    found="{cited}",
)


@rule(
    code="PAG001",
    name="page-out-of-range",
    group="pages",
    severity=Severity.ERROR,
    summary="A cited page does not exist in the report.",
    walks=Walk.ROW,
)
def page_out_of_range(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    report = ctx.report
    # A supplied document's pages are checked even where this report's pages cannot be.
    own_pages = ctx.printed_pages and bool(report.numeric_labels)
    for location in entry.locations:
        if location.start is None:
            continue
        target: tuple[str, Report] | None = None
        if location.kind is LocationKind.DOCUMENT:
            target = ctx.document_for(location)  # a document supplied with --document
            if target is None:
                continue
        elif location.kind is not LocationKind.PAGE or not own_pages:
            continue
        name, document = target or ("the report", report)
        end = location.end if location.end is not None else location.start
        if all(document.has_page(n) for n in {location.start, end}):
            continue
        yield page_out_of_range.row_finding(
            entry,
            OUT_OF_RANGE(
                code=entry.code,
                raw=location.raw,
                document=name,
                printed=f"{document.first_label or '1'}–{document.last_label}",
                cited=page_range(location.start, end),
            ),
        )
