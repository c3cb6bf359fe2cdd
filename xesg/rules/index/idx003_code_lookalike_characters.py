"""IDX003 code-lookalike-characters: a code written with look-alike characters.

What it checks
    Codes that contain characters which only look like the real ones: Cyrillic or Greek
    letters (``В6`` with a Cyrillic Ve), full-width digits (``A1.３``), typographic dashes or
    hyphens (``2–9``, ``FN‐CB‐410b.2``). xesg normalises them to match the catalogue, and
    reports that it had to.

Why it matters
    Search, XBRL tagging, screen readers and other tools treat the look-alike as a different
    character: ``В6`` is not found when a reader searches the PDF for ``B6``, and automated
    checks of the index silently miss the row.

Example
    Fails: ``В6  Information on the policies … product responsibility  P41`` (U+0412).
    Passes: ``B6  Information on the policies … product responsibility  P41``.

How to fix
    Retype the code in plain ASCII letters, digits and hyphen-minus. Translation memories
    and copy-paste from other-language versions are the usual source.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import rule


@rule(
    code="IDX003",
    name="code-lookalike-characters",
    group="index",
    severity=Severity.WARNING,
    summary="The code contains look-alike (non-ASCII) characters.",
)
def code_lookalike_characters(ctx: CheckContext) -> Iterator[Finding]:
    for entry in ctx.index.entries:
        if not entry.normalised_by:
            continue
        yield code_lookalike_characters.row_finding(
            entry,
            message=(
                f"Code {entry.raw_code!r} is written with look-alike characters: "
                f"{'; '.join(entry.normalised_by)}."
            ),
            expected=entry.code,
            found=entry.raw_code,
        )
