"""TTL001 title-mismatch: the row's description does not describe its code.

What it checks
    The description written beside each code, against the catalogue's official title (and,
    for aspect-level items whose title is a name, our keywords for the requirement). It is an
    **error** when the description matches *another* disclosure of the same standard clearly
    better — the row was copied from, or swapped with, another row (Aspect A4 described with
    B4's words) — and a **warning** when it is merely dissimilar to its own title.

Why it matters
    Readers and assurance providers navigate the index by its descriptions. A description
    copied from another code means one of the two requirements is probably not located where
    the index says, and the index misstates what the report covers.

Example
    Fails (error): ``A4  Information on the policies … preventing child and forced labour  P36``
    — the words of B4 (Labour Standards), not A4 (Climate Change).
    Fails (warning): ``B8.1  Our volunteering programme.  P41``.
    Passes: ``A4.1  Description of the significant climate-related issues which have
    impacted, and those which may impact, the issuer …  P36``.

How to fix
    Copy the description from the standard for the code, or correct the code if the
    description names the disclosure you meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.match import TitleMatcher, tokens
from xesg.catalogue.schema import Disclosure
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.helpers import row_evidence
from xesg.rules.registry import rule

DISSIMILAR_BELOW = 0.2  # own-title similarity under which a description is "dissimilar"
OTHER_AT_LEAST = 0.4  # another code must score at least this …
OTHER_MARGIN = 0.25  # … and beat the own code by this much to call the row mismatched
SAME_KIND_WITHIN = 0.15  # name a same-kind candidate this close to the best one
MIN_WORDS = 2  # too few content words to judge


def _family(a: Disclosure, b: Disclosure) -> bool:
    """An aspect and its own KPIs share words; matching the parent is not a mismatch."""
    return a.parent == b.code or b.parent == a.code


def _judge(matcher: TitleMatcher, disclosure: Disclosure, entry: IndexEntry) -> str | None:
    """A message when the description matches another disclosure clearly better."""
    own = matcher.score(entry.description, disclosure.code)
    ranked = [
        s
        for s in matcher.ranked(entry.description)
        if s.disclosure.code != disclosure.code and not _family(s.disclosure, disclosure)
    ]
    if not ranked or ranked[0].score < OTHER_AT_LEAST or ranked[0].score - own < OTHER_MARGIN:
        return None
    top = ranked[0]
    # "A4 reads like B4 (an aspect)" is more useful than "like KPI B4.1" for an aspect row.
    same_kind = next((s for s in ranked if s.disclosure.kind == disclosure.kind), top)
    other = same_kind if top.score - same_kind.score <= SAME_KIND_WITHIN else top
    return (
        f"The description of {entry.code} reads like {other.disclosure.code} "
        f"({other.disclosure.title}): similarity {other.score:.2f} to "
        f"{other.disclosure.code} vs {own:.2f} to {entry.code}."
    )


@rule(
    code="TTL001",
    name="title-mismatch",
    group="titles",
    severity=Severity.ERROR,
    summary="The description matches another code better, or does not match its own title.",
)
def title_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    for entry in ctx.checked_entries():
        resolved = ctx.resolve(entry)
        if resolved is None or entry.merged_codes:
            continue
        catalogue, disclosure = resolved
        if len(tokens(entry.description)) < MIN_WORDS or entry.description.strip() == entry.code:
            continue
        matcher = ctx.matcher(catalogue)
        message = _judge(matcher, disclosure, entry)
        severity = Severity.ERROR
        if message is None:
            own = matcher.score(entry.description, disclosure.code)
            if own >= DISSIMILAR_BELOW:
                continue
            message = (
                f"The description of {entry.code} does not resemble its title "
                f"({disclosure.title}): similarity {own:.2f}."
            )
            severity = Severity.WARNING
        yield title_mismatch.finding(
            message=message,
            severity=severity,
            standard=entry.standard,
            code=entry.code,
            page=entry.page,
            line=entry.line,
            expected=f"{disclosure.code}: {disclosure.title}",
            found=entry.description,
            evidence=row_evidence(entry),
        )
