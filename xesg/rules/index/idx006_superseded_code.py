"""IDX006 superseded-code: a code from a superseded or withdrawn standard.

What it checks
    In an index that uses the 2021 Universal Standards (2-x, 3-x), rows that use codes of
    standards no longer in force: the legacy GRI 102 General Disclosures 2016 and GRI 103
    Management Approach 2016; hybrids such as ``205-103`` ("GRI 103 applied to topic 205");
    and codes of withdrawn standards (GRI 307 and GRI 419, replaced by 2-27). An index of
    the 2016 system throughout (102-x, 103-x, 307-1 …) mixes nothing: its codes are not
    reported. Three or more rows with one cause (``301-103``, ``305-103`` … in every topic)
    are one habit of the index: one finding names it and lists the codes.

Measured
    On the corpus (labels in tests/corpus/labels-claims.yaml): 1 finding, true (an index of
    the 2021 Standards writing GRI 103 as "<topic>-103" in 32 rows, reported once).

Why it matters
    GRI 2 and GRI 3 (2021) replaced GRI 102/103 for reports published from 1 January 2023,
    and 307/419 were withdrawn with them. A report that mixes the systems cannot claim to be
    "in accordance with" the 2021 Standards, and readers look for the wrong requirements.

Example
    Fails: ``102-18  Governance structure  P32`` in an index whose other rows are 2-1 … 2-30.
    Passes: ``2-9  Governance structure and composition  P32``.

How to fix
    Map the legacy code to its 2021 successor (102-18 → 2-9, 103-1…3 → 3-3, 307-1/419-1 →
    2-27), and state the management approach of each material topic under 3-3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xesg.index.codes import GRI_HYBRID
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.helpers import listed
from xesg.rules.registry import Message, rule

REPEATED = 3  # rows with one cause at which they are one finding listing their codes
LISTED = 12  # codes named in that finding's message; its evidence lists them all

HABIT = Message(
    "{count} codes {cause} ({codes}).",
    expected="codes of standards in force",
    found="{count} codes",
)
SUPERSEDED = Message(
    "{code}: {reason}.", expected="a code of a standard in force", found="{raw_code}"
)


@rule(
    code="IDX006",
    name="superseded-code",
    group="index",
    severity=Severity.WARNING,
    summary="A code of a superseded or withdrawn standard (legacy GRI 102/103, 307, 419).",
    standards=("gri",),
)
def superseded_code(ctx: CheckContext) -> Iterator[Finding]:
    gri_rows = [e for e in ctx.index.entries if e.standard == "gri"]
    if not any(re.match(r"^[23]-\d+$", e.code) for e in gri_rows):
        return  # an index of the 2016 system throughout: its codes were right in their time
    by_cause: dict[str, list[tuple[IndexEntry, str]]] = {}
    for entry in gri_rows:
        cause, reason = _superseded(ctx, entry)
        if cause:
            by_cause.setdefault(cause, []).append((entry, reason))
    for cause, rows in by_cause.items():
        if len(rows) >= REPEATED:
            first = rows[0][0]
            codes = list(dict.fromkeys(entry.code for entry, _ in rows))
            yield superseded_code.finding(
                HABIT(count=len(codes), cause=cause, codes=listed(codes, LISTED)),
                standard="gri",
                code=first.code,
                page=first.page,
                line=first.line,
                evidence=", ".join(entry.raw_code for entry, _ in rows),
            )
            continue
        for entry, reason in rows:
            yield superseded_code.row_finding(
                entry, SUPERSEDED(code=entry.code, reason=reason, raw_code=entry.raw_code)
            )


def _superseded(ctx: CheckContext, entry: IndexEntry) -> tuple[str, str]:
    """(cause, reason) if ``entry``'s code is of a standard no longer in force, else ("", "").
    The cause is shared by every row with the same defect; the reason is for this row."""
    hybrid = GRI_HYBRID.match(entry.code)
    if hybrid:
        return (
            "apply GRI 103 (2016 management approach) to a topic; in the 2021 system that is "
            "3-3 for the topic",
            f"'{entry.code}' is GRI 103 (2016 management approach) applied to topic "
            f"{hybrid.group(1)}; in the 2021 system this is 3-3 for that topic",
        )
    resolved = ctx.resolve(entry)
    if resolved is None:
        return "", ""
    catalogue, _ = resolved
    if catalogue.withdrawn:
        return f"are of {catalogue.title}, which is withdrawn", f"{catalogue.title} is withdrawn"
    if catalogue.id in ("gri-102-2016", "gri-103-2016"):
        superseded = (
            f"{catalogue.title} was superseded by GRI 2/GRI 3 (2021) on "
            f"{catalogue.superseded_on or '2023-01-01'}"
        )
        return f"are of {superseded}", f"{superseded}, and this index uses 2021 codes"
    return "", ""
