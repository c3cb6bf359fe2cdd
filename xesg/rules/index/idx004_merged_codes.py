"""IDX004 merged-codes: several codes share one index cell.

What it checks
    Index rows whose code cell holds more than one code (``2-9 2-12``). xesg splits the row
    into one entry per code — giving each its own location when the location cell lists one
    per code — and reports the merge once, on the first code.

Why it matters
    GRI 1 (Requirement 7) and the HKEx Guide expect each disclosure to be located on its
    own. A merged row hides which page answers which disclosure, and a reviewer cannot tell
    whether both are fully reported. (A row that answers the parallel metric of several SASB
    industries at once — ``FN-CB-550a.1 FN-IB-550a.1``, one code per industry — is how
    cross-industry SASB indexes are written, and is not reported.)

Example
    Fails: ``2-9 2-12  Governance structure …; Role of the highest governance body …  P32 P32``.
    Passes: two rows, ``2-9 … P32`` and ``2-12 … P32``.

Measured
    On the corpus: 4 findings, 4 true (100 %); before one row answering the same metric for
    several SASB industries was told apart, 12 more were false. Labels and how they were judged:
    docs/accuracy.md.

How to fix
    Give each code its own row with its own description and location.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, rule

MERGED = Message(
    "{count} codes ({codes}) share one index row.", expected="one code per row", found="{codes}"
)


@rule(
    code="IDX004",
    name="merged-codes",
    group="index",
    severity=Severity.WARNING,
    summary="Several codes are merged into one index cell.",
    walks=Walk.ROW,
)
def merged_codes(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    if not entry.merged_codes or entry.code != entry.merged_codes[0]:
        return
    if entry.standard == "sasb" and _one_per_industry(entry.merged_codes):
        return
    yield merged_codes.row_finding(
        entry, MERGED(count=len(entry.merged_codes), codes=", ".join(entry.merged_codes))
    )


def _one_per_industry(codes: tuple[str, ...]) -> bool:
    """SASB codes of different industries, one each (``FN-CB-550a.1``, ``FN-IB-550a.1``)."""
    industries = [code[:5] for code in codes]
    return len(set(industries)) == len(industries) > 1
