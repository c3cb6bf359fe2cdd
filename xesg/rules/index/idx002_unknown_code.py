"""IDX002 unknown-code: a code that no selected catalogue defines.

What it checks
    Every index row whose code has the shape of a selected standard's codes but is not in
    that standard's catalogue (any edition). The finding suggests the nearest real code, by
    spelling and by the row's description. SASB codes are compared with their own
    industry's metrics (every edition of its list); for industries whose metric list is not
    bundled, the code must follow the SASB grammar and name one of the 77 SASB industries.
    A SASB code in a gap of its industry's numbering that no source we read fills
    (``unconfirmed_codes`` in ``standards/sasb/industries.yaml``) may be a metric of an older
    edition: it gets a warning that says so, not an error. ``xesg standards show CODE``
    answers the same question the same way.

Why it matters
    A code that does not exist (``A2.6``, ``B9.1``, ``2-31``) means the row maps to nothing:
    the reader cannot tell which requirement it claims to meet, and the requirement it was
    meant for may look unaddressed.

Example
    Fails: ``A2.6  Total recycled materials used.  P35`` (the Guide's Aspect A2 ends at A2.5).
    Passes: ``A2.5  Total packaging material used for finished products …  P35``.

Measured
    No error or warning on the corpus now (not measured there); before codes of the earlier SASB
    edition were known, 1 finding, false. Labels and how they were judged: docs/accuracy.md.

How to fix
    Correct the code to the disclosure the row answers (the suggestion), or remove the row
    if it reports an indicator of your own — then label it as such outside the index.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.crosswalk import successors
from xesg.catalogue.data import sasb_prefix, sasb_unconfirmed, sasb_unknown
from xesg.index.codes import GRI_HYBRID
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Walk, Wording, rule

UNKNOWN = Message(
    "{code} is not a code of {catalogues}{nearest}{reads_like}.",
    expected="a code defined by {catalogues}",
    found="{raw_code}",
)
NEAREST = "; nearest codes: {codes}"
READS_LIKE = "; its description reads like {code} ({title})"
NOT_SASB = Message("{code} {problem}.", expected="a valid SASB code", found="{raw_code}")
MOVED = Message(
    "{code} is a code of {old}, not of {catalogue}: the disclosure now lies under {where}"
    "{provisional}.",
    expected="a code of the edition in force",
    found="{raw_code}",
)
UNCONFIRMED = Message(
    "{code} is not in {catalogues}, but may be a metric of an older SASB edition: {reason} "
    "(not confirmed, so no title is bundled).",
    expected="a code defined by {catalogues}",
    found="{raw_code}",
)
PROVISIONAL = "; these Part D codes are xesg's own (provisional)"


@rule(
    code="IDX002",
    name="unknown-code",
    group="index",
    severity=Severity.ERROR,
    summary="The code is not defined by any selected catalogue.",
    walks=Walk.ROW,
)
def unknown_code(ctx: CheckContext, entry: IndexEntry) -> Iterator[Finding]:
    # SASB codes are checked even when no cited industry has a bundled list (none is loaded).
    sasb = "sasb" in ctx.standards and "sasb" not in ctx.catalogued
    if entry.standard not in ctx.catalogued and not (sasb and entry.standard == "sasb"):
        return
    if entry.standard is None or ctx.resolve(entry) is not None or GRI_HYBRID.match(entry.code):
        return  # hybrids such as 205-103 are IDX006's business
    if moved := _moved(ctx, entry):
        yield unknown_code.row_finding(entry, moved)
        return
    catalogues = ctx.catalogues.for_standard(entry.standard)
    if entry.standard == "sasb":
        # SASB is one standard per industry: compare with the code's own industry only
        # (every edition of its list), as ``xesg standards show`` does.
        problem = sasb_unknown(entry.code, ctx.catalogues)
        if problem is None:
            return  # a valid code of an industry whose metric list we do not ship
        catalogues = ctx.catalogues.sasb_industry(sasb_prefix(entry.code))
        if not catalogues:
            yield unknown_code.row_finding(
                entry, NOT_SASB(code=entry.code, problem=problem, raw_code=entry.raw_code)
            )
            return
        if reason := sasb_unconfirmed(entry.code):
            # Possibly real: a warning, so that a report of the older edition is not told
            # its code does not exist.
            wording = UNCONFIRMED(
                code=entry.code,
                catalogues=", ".join(sorted(c.id for c in catalogues)),
                reason=reason,
                raw_code=entry.raw_code,
            )
            yield unknown_code.row_finding(entry, wording, severity=Severity.WARNING)
            return
    codes = sorted({d.code for c in catalogues for d in c.disclosures})
    suggestions = nearest_codes(entry.code, codes)
    by_title = ""
    if entry.description:
        # Catalogues are told apart by identity: ``in`` on pydantic models compares every
        # field of every disclosure (tens of milliseconds per unknown code).
        current = {id(c) for c in ctx.current(entry.standard)}
        scored = [
            (ctx.matcher(c).score(entry.description, d.code), d.code, d.title)
            for c in catalogues
            if id(c) in current
            for d in c.disclosures
        ]
        score, best_code, best_title = max(scored, default=(0.0, "", ""))
        if score >= 0.3:
            by_title = READS_LIKE.format(code=best_code, title=best_title)
    yield unknown_code.row_finding(
        entry,
        UNKNOWN(
            code=entry.code,
            catalogues=", ".join(sorted({f"{c.id}" for c in catalogues})),
            nearest=NEAREST.format(codes=", ".join(suggestions)) if suggestions else "",
            reads_like=by_title,
            raw_code=entry.raw_code,
        ),
    )


def _moved(ctx: CheckContext, entry: IndexEntry) -> Wording | None:
    """Where a code that the checked edition dropped now lies: a 2025 HKEx Code index citing
    the 2020 Guide's KPI A1.2 or Aspect A4 (climate moved from Part C to Part D), by the
    crosswalk's links from the superseded edition."""
    for catalogue in ctx.current(entry.standard or ""):
        titles = {d.code: d.title for d in catalogue.disclosures}
        for old in catalogue.supersedes:
            now = [
                code for code in successors(entry.standard or "", entry.code, old) if code in titles
            ]
            if now:
                return MOVED(
                    code=entry.code,
                    old=old,
                    catalogue=catalogue.id,
                    where="; ".join(f"{code} ({titles[code]})" for code in now),
                    # Part D's paragraph numbers are unconfirmed: the codes are xesg's own.
                    provisional=PROVISIONAL if entry.standard == "hkex" else "",
                    raw_code=entry.raw_code,
                )
    return None


def nearest_codes(code: str, codes: list[str], limit: int = 3) -> list[str]:
    """The codes spelt most like ``code`` (similarity at least 60%, as difflib's ratio), best
    first; of equally similar ones, those sharing a longer start (the same aspect or topic),
    then the later code, as difflib did (A2.6 → A2.5, A2.4, A2.3)."""
    from rapidfuzz import fuzz, process  # (~7 ms: loaded for an unknown code only)
    from rapidfuzz.distance import Prefix

    found = process.extract(code, codes, scorer=fuzz.ratio, limit=None, score_cutoff=60)
    ranked = sorted(
        ((score, Prefix.similarity(code, match), match) for match, score, _ in found),
        reverse=True,
    )
    return [match for _, _, match in ranked[:limit]]
