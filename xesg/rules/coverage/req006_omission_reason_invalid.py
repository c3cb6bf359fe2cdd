"""REQ006 omission-reason-invalid: an omission or "explain" without a valid reason.

What it checks
    Rows that omit a disclosure (an explanation and no location):
    - GRI: the reason must be one of GRI 1's four reasons for omission — "Not applicable",
      "Legal prohibitions", "Confidentiality constraints", "Information
      unavailable/incomplete" — followed by an explanation; and 2-1 … 2-5, 3-1, 3-2 may not
      be omitted at all (error).
    - HKEx: an "explain" must give a considered reason, not a bare "N/A", "Not applicable"
      or "Not disclosed".

    An explanation that does not speak of omitting (an answer written in the index's
    "Response" column) is not an omission and is not judged here; nor are GRI omissions of a
    report "with reference to" the GRI Standards, which GRI 1 does not ask reasons of.

Why it matters
    GRI 1, Requirement 6 and Table 1 allow only those four reasons, each with an
    explanation, and forbid omitting the disclosures listed above. HKEx Listing Rule
    13.91(3) requires "considered reasons" for any deviation from a comply-or-explain
    provision; HKEx's reviews single out bare "N/A" explanations.

Example
    Fails: ``2-21  Annual total compensation ratio  Not disclosed.``;
    ``2-3  Reporting period …  Confidentiality constraints: …`` (may not be omitted);
    ``B6.1  …  N/A``.
    Passes: ``2-21  …  Confidentiality constraints: pay data of the two executive directors
    is commercially sensitive under our employment contracts.``

Measured
    No error or warning on the corpus now; before omissions of "with reference to" reports were
    left alone, 1 finding, false. Labels and how they were judged: docs/accuracy.md.

How to fix
    Name one of the four GRI reasons and explain it; report the disclosures that may not be
    omitted; replace a bare "N/A" with why the provision does not apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xesg.catalogue.data import gri_not_omittable, gri_omission_reasons
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Reading, Walk, rule

_BARE = re.compile(
    r"^\W*(?:n/?a|nil|none|not\s+applicable|not\s+disclosed|not\s+reported|omitted|-+)\W*$", re.I
)
MIN_EXPLANATION_WORDS = 4  # words beyond the reason's own name
# An explanation is an omission only when it says so; otherwise it is the answer itself,
# written in the index (a "Response" column).
_OMISSION = re.compile(
    r"omit|omission|not\s+(?:applicable|disclosed|reported|material|relevant|available)|\bn/?a\b|"
    r"unavailable|incomplete|confidential|legal\s+prohibition|not\s+yet",
    re.I,
)


def _variants(reason: str) -> list[str]:
    """How reports write a reason: "Information unavailable/incomplete" is also written
    "Information unavailable" or "Information incomplete"."""
    lower = reason.lower()
    if "/" not in lower:
        return [lower]
    head, _, tail = lower.partition("/")
    stem = head.rsplit(" ", 1)[0]
    return [lower, lower.replace("/", " / "), head, f"{stem} {tail}"]


def _gri_problem(entry: IndexEntry, explanation: str) -> tuple[str, Severity] | None:
    if entry.code in gri_not_omittable():
        return f"{entry.code} may not be omitted (GRI 1, Requirement 6)", Severity.ERROR
    lower = " ".join(explanation.lower().split())
    found = next(((r, v) for r in gri_omission_reasons() for v in _variants(r) if v in lower), None)
    if found is None:
        return (
            "the omission does not use one of GRI 1's four reasons ("
            + "; ".join(gri_omission_reasons())
            + ")",
            Severity.WARNING,
        )
    reason, variant = found
    rest = lower.replace(variant, " ")
    if len(re.findall(r"[a-z]{2,}", rest)) < MIN_EXPLANATION_WORDS:
        return f"'{reason}' is given without an explanation", Severity.WARNING
    return None


INVALID = Message(
    "{code}: {problem}.", expected="a valid reason with its explanation", found="{explanation}"
)


@rule(
    code="REQ006",
    name="omission-reason-invalid",
    group="coverage",
    severity=Severity.WARNING,
    summary="An omission or 'explain' without a valid, explained reason.",
    walks=Walk.ROW,
    rests_on=(Reading.COMPLETE_INDEX,),
)
def omission_reason_invalid(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    if entry.locations or not entry.explanation or not _OMISSION.search(entry.explanation):
        return
    problem: tuple[str, Severity] | None = None
    if entry.standard == "gri":
        if ctx.claims.get("gri") == "with-reference":
            return  # GRI 1 asks reasons for omission of "in accordance" reports only
        problem = _gri_problem(entry, entry.explanation)
    elif entry.standard == "hkex" and _BARE.match(entry.explanation):
        problem = "the explanation gives no considered reason", Severity.WARNING
    if problem is None:
        return
    message, severity = problem
    yield omission_reason_invalid.row_finding(
        entry,
        INVALID(code=entry.code, problem=message, explanation=entry.explanation),
        severity=severity,
    )
