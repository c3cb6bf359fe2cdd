"""IDX009 index-incomplete: xesg read fewer index rows than the index's pages hold codes.

What it checks
    xesg's check of its own reading. It counts the code cells that open a row where the
    index lies — on the index's pages, or on its lines in an unpaginated report — and the
    rows it read. When the rows account for less than 90 % of those code cells, the index
    was read short: the finding lists the codes no row accounts for, with their lines.

Why it matters
    A table layout xesg does not understand would otherwise lose rows without a word, and
    every disclosure in the lost rows would then look missing from the index. While this
    finding stands, coverage rules (REQ001–REQ005) do not report a code printed on the
    index's pages as having no row, and the coverage findings they do give have low
    confidence; findings on the rows that were read still stand.

Example
    Fails: an index page whose last three rows stand below a long note, apart from the
    table, so they are not read as rows (7 of 10 code cells read: 70 %).
    Passes: an index whose every code cell is read into a row.

Measured
    Quiet on every corpus report: their index rows account for every code cell (13 reports at
    100 % row recall against their truth files). It fires on the fixture of an index read short.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Nothing in the report needs fixing: check the listed rows by hand, and report the layout
    (with the page) so that xesg learns to read it. ``--index`` with the index exported as a
    spreadsheet reads any layout.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Need, rule

_SHOWN = 20  # unread code cells listed in the message

INCOMPLETE = Message(
    "The index may be incomplete: rows were read for {read} of the {cells} code cells where it "
    "lies ({share:.0%}); not read: {unread}. Coverage findings do not count these codes as "
    "missing.",
    expected="a row for every code cell of the index",
    found="{read} of {cells} code cells read into rows",
)


@rule(
    code="IDX009",
    name="index-incomplete",
    group="index",
    severity=Severity.WARNING,
    summary="The index's pages hold more code cells than xesg read rows from.",
    needs=(Need.INDEX,),
)
def index_incomplete(ctx: CheckContext) -> Iterator[Finding]:
    index = ctx.index
    if index.complete:
        return
    unread = index.unread
    shown = ", ".join(
        f"{u.code} (line {u.line}{'' if u.page is None else f', page {u.page}'})"
        for u in unread[:_SHOWN]
    )
    more = f" and {len(unread) - _SHOWN} more" if len(unread) > _SHOWN else ""
    yield index_incomplete.finding(
        INCOMPLETE(
            read=index.code_cells - len(unread),
            cells=index.code_cells,
            share=index.read_share,
            unread=f"{shown}{more}",
        ),
        page=unread[0].page,
        line=unread[0].line,
    )
