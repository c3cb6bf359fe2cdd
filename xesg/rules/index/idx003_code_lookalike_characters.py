"""IDX003 code-lookalike-characters: a code written with look-alike characters.

What it checks
    Codes that contain characters which only look like the real ones: Cyrillic or Greek
    letters (``В6`` with a Cyrillic Ve), full-width digits (``A1.３``), typographic dashes or
    hyphens (``2–9``, ``FN‐CB‐410b.2``). xesg normalises them to match the catalogue, and
    reports that it had to. A look-alike the index uses in many codes (a typographic hyphen
    in every SASB code) is one habit, not many defects: one finding names it and lists the
    codes; the rows themselves are read, located and checked as usual.

Why it matters
    Search, XBRL tagging, screen readers and other tools treat the look-alike as a different
    character: ``В6`` is not found when a reader searches the PDF for ``B6``, and automated
    checks of the index silently miss the row.

Example
    Fails: ``В6  Information on the policies … product responsibility  P41`` (U+0412).
    Passes: ``B6  Information on the policies … product responsibility  P41``.

Measured
    On the corpus: 3 findings, 3 true (100 %), one per look-alike character however many codes
    carry it (U+2010 hyphens in every code of one index, Cyrillic В and en dashes in another).
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Retype the code in plain ASCII letters, digits and hyphen-minus. Translation memories
    and copy-paste from other-language versions are the usual source; for a habit repeated
    in every code, replace the character throughout the index.

Options
    ``min_rows`` (3): fewest rows sharing one look-alike before they are reported as one
    finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.helpers import listed
from xesg.rules.registry import Message, rule

LISTED = 12  # codes named in a repeated look-alike's message; the evidence lists them all

HABIT = Message(
    "{count} codes are written with {habit} ({codes}).",
    expected="plain ASCII codes",
    found="{habit} in {count} codes",
)
LOOKALIKE = Message(
    "Code {raw_code!r} is written with look-alike characters: {habits}.",
    expected="{code}",
    found="{raw_code}",
)


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_rows: int = Field(3, ge=2)


@rule(
    code="IDX003",
    name="code-lookalike-characters",
    group="index",
    severity=Severity.WARNING,
    summary="The code contains look-alike (non-ASCII) characters.",
    options=Options,
)
def code_lookalike_characters(ctx: CheckContext, options: Options) -> Iterator[Finding]:
    by_habit: dict[str, list[IndexEntry]] = {}
    for entry in ctx.index.entries:
        for habit in entry.normalised_by:
            by_habit.setdefault(habit, []).append(entry)
    repeated = {habit for habit, rows in by_habit.items() if len(rows) >= options.min_rows}
    for habit in sorted(repeated, key=lambda h: by_habit[h][0].line):
        rows = by_habit[habit]
        codes = list(dict.fromkeys(e.code for e in rows))
        yield code_lookalike_characters.finding(
            HABIT(count=len(codes), habit=habit, codes=listed(codes, LISTED)),
            page=rows[0].page,
            line=rows[0].line,
            evidence=", ".join(e.raw_code for e in rows),
        )
    for entry in ctx.index.entries:
        alone = [habit for habit in entry.normalised_by if habit not in repeated]
        if not alone:
            continue
        yield code_lookalike_characters.row_finding(
            entry, LOOKALIKE(raw_code=entry.raw_code, habits="; ".join(alone), code=entry.code)
        )
