"""PAG006 external-location: a location in another document (info).

What it checks
    Index locations that name another document — the annual report or a part of it
    ("Directors' Report", "Financial Statements"), a filing ("Form 10-K", "Proxy
    Statement"), a separate report or policy, a document a legend abbreviates ("SR – Page
    97"), the website — with or without pages. They are not checked against this report's
    pages (so they are never "out of range"); this finding lists them so that a reviewer
    knows which references still need checking by hand. Documents supplied with
    ``--document NAME=FILE`` are checked instead (PAG001) and not listed here.

Why it matters
    HKEx and GRI both allow cross-references to other published documents, but the
    reference is only as good as the other document: the pages must exist and be public.

Example
    Reported: ``B7  …  P41; Annual Report, P150 – 156`` (the Annual Report part).
    Not reported: ``B7  …  P41``.

Measured
    Information only (not labelled): every reference into another document. Labels and how they
    were judged: docs/accuracy.md.

How to fix
    Nothing, if the reference is right: check the other document's pages. Make sure the
    document is named precisely (title and year) and publicly available.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, LocationKind
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

EXTERNAL = Message(
    "{code} refers to another document: {raw!r}; its pages are not checked.", found="{raw}"
)


@rule(
    code="PAG006",
    name="external-location",
    group="pages",
    severity=Severity.INFO,
    summary="A location in another document; not checked against this report.",
    walks=Walk.ROW,
)
def external_location(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    for location in entry.locations:
        if location.kind is not LocationKind.DOCUMENT or ctx.document_for(location):
            continue  # a supplied document is checked like the report (PAG001)
        yield external_location.row_finding(entry, EXTERNAL(code=entry.code, raw=location.raw))
