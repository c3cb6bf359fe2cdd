"""IDX007 wrong-standard: a code listed under a standard it does not belong to.

What it checks
    Rows whose Standard cell names one standard (``HKEx ESG Guide``, ``GRI Standards``,
    ``SASB``) while the code has the shape of another's (``305-1`` under HKEx, ``A1.2`` under
    GRI). The code's shape decides how xesg checks the row; this finding reports the clash.

Why it matters
    Carry-down of the Standard column makes this common: one missing cell and every following
    row is attributed to the wrong framework, so coverage per standard is misstated.

Example
    Fails: Standard ``HKEx ESG Guide`` carried down onto ``305-1  Direct (Scope 1) GHG
    emissions  P34``.
    Passes: the same row under ``GRI Standards``.

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Fill in the Standard cell of the first row of each standard's block.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.index.codes import standard_from_text, standard_of
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, row_evidence
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

WRONG = Message(
    "{code} is a {shape} code but is listed under '{standard_text}'.",
    expected="a {written} code, or the row under {shape}",
    found="{standard_text}: {code}",
)


@rule(
    code="IDX007",
    name="wrong-standard",
    group="index",
    severity=Severity.ERROR,
    summary="The code is listed under a standard it does not belong to.",
    walks=Walk.ROW,
)
def wrong_standard(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    if not entry.standard_text:
        return
    written = standard_from_text(entry.standard_text)
    shape = standard_of(entry.code)
    if written is None or shape is None or written == shape:
        return
    yield wrong_standard.finding(
        WRONG(
            code=entry.code,
            shape=shape.upper(),
            written=written.upper(),
            standard_text=entry.standard_text,
        ),
        standard=shape,
        code=entry.code,
        page=entry.page,
        line=entry.line,
        evidence=row_evidence(entry),
    )
