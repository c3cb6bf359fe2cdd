"""TTL001 title-mismatch: the row's description does not describe its code.

What it checks
    The description written beside each code, against the catalogue's official title (and,
    for aspect-level items whose title is a name, our keywords for the requirement). It is an
    **error** when the description matches *another* disclosure of the same standard clearly
    better — the row was copied from, or swapped with, another row (Aspect A4 described with
    B4's words; GRI 302-4 described with 303-3's, looked for in every selected catalogue of
    the standard) — and a **warning** when it is merely dissimilar to its own title. Words
    are weighted by how rare they are among the titles; single digits count ("Scope 2" is not
    "Scope 3"); a title of common words only ("Compliance with laws and regulations") is
    compared word for word; a word spelt otherwise ("labor") is the title's word; text of the
    row's other columns left in its description is not compared; a row that quotes its own
    title is never an error. A description in Chinese is compared with the official
    Traditional or Simplified Chinese title where the catalogue has one (pairs of characters
    stand for words; messages stay in English), and its Chinese is left out where the
    catalogue has none. A Part D row of the HKEx Code named by its heading or IFRS S2
    paragraph is not compared: the heading identifies it (it may name several provisions),
    and our Part D titles are descriptions, not the Code's words.

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

Measured
    On the corpus: 3 findings, 3 true (100 %): B4's descriptions copied into A4 and A4.1, and a
    SASB metric under another metric's code. Labels and how they were judged: docs/accuracy.md.

How to fix
    Copy the description from the standard for the code, or correct the code if the
    description names the disclosure you meant.

Options
    ``dissimilar_below`` (0.2), ``other_at_least`` (0.4), ``other_margin`` (0.25),
    ``min_words`` (2): similarity thresholds, e.g. ``[tool.xesg.rules.TTL001]
    dissimilar_below = 0.1``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from xesg.catalogue.match import (
    TitleMatcher,
    TitleScore,
    content_words,
    title_words,
    titles,
    without_chinese,
)
from xesg.catalogue.schema import Disclosure
from xesg.model.finding import Confidence, Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Need, Reading, Walk, rule

SAME_KIND_WITHIN = 0.15  # name a same-kind candidate this close to the best one

READS_LIKE = Message(
    "The description of {code} reads like {other} ({other_title}): similarity "
    "{other_score:.2f} to {other} vs {own:.2f} to {code}.",
    expected="{disclosure}: {title}",
    found="{description}",
)
UNLIKE = Message(
    "The description of {code} does not resemble its title ({title}): similarity {own:.2f}.",
    expected="{disclosure}: {title}",
    found="{description}",
)


class Options(BaseModel):
    """Thresholds on the 0–1 word-overlap similarity (calibrated on the fixtures and PCCW)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dissimilar_below: float = Field(0.2, ge=0, le=1)  # own-title similarity → warning
    other_at_least: float = Field(0.4, ge=0, le=1)  # another code must score this …
    other_margin: float = Field(0.25, ge=0, le=1)  # … and beat the own code by this → error
    min_words: int = Field(2, ge=1)  # fewer content words: too short to judge


def _family(a: Disclosure, b: Disclosure) -> bool:
    """An aspect and its own KPIs share words; matching the parent is not a mismatch."""
    return a.parent == b.code or b.parent == a.code


def described(entry: IndexEntry) -> str:
    """The row's description without text of its other columns that the reading left in it
    (its location, explanation, section or standard: "… emissions  Environmental Data 23")."""
    text = entry.description
    others = (entry.raw_location, entry.explanation, entry.section, entry.chapter)
    for other in sorted(filter(None, (*others, entry.standard_text)), key=len, reverse=True):
        if len(other.strip()) >= 3 and other.strip() != text.strip():
            text = text.replace(other.strip(), " ")
    return " ".join(text.split())


def _judge(
    matcher: TitleMatcher, disclosure: Disclosure, description: str, options: Options
) -> tuple[TitleScore, float] | None:
    """The other disclosure the description matches clearly better, and its own score."""
    described = set(content_words(title_words(description)))
    for title in titles(disclosure):
        wanted = set(content_words(title_words(title)))
        if wanted and wanted <= described:
            return None  # the row quotes its own title (and says more)
    own = matcher.score(description, disclosure.code)
    # Other disclosures, best first, ranked only as far as they are read; a requirement of
    # the standard (GRI 1's "Determine material topics") is no code a row would be swapped with.
    ranked = (
        s
        for s in matcher.best_first(description)
        if s.disclosure.code != disclosure.code
        and not _family(s.disclosure, disclosure)
        and (s.disclosure.kind != "requirement" or disclosure.kind == "requirement")
    )
    top = next(ranked, None)
    if top is None or top.score < options.other_at_least or top.score - own < options.other_margin:
        return None
    # "A4 reads like B4 (an aspect)" is more useful than "like KPI B4.1" for an aspect row.
    same_kind = next(
        (s for s in itertools.chain([top], ranked) if s.disclosure.kind == disclosure.kind), top
    )
    other = same_kind if top.score - same_kind.score <= SAME_KIND_WITHIN else top
    return other, own


@rule(
    code="TTL001",
    name="title-mismatch",
    group="titles",
    severity=Severity.ERROR,
    summary="The description matches another code better, or does not match its own title.",
    confidence=Confidence.MEDIUM,
    options=Options,
    walks=Walk.ROW,
    needs=(Need.CATALOGUE,),
    rests_on=(Reading.COLUMNS,),
)
def title_mismatch(ctx: CheckContext, entry: IndexEntry, options: Options) -> Iterator[Finding]:
    resolved = ctx.resolve(entry)
    if resolved is None or entry.merged_codes:
        return
    catalogue, disclosure = resolved
    if disclosure.kind == "requirement" and entry.raw_code != entry.code:
        return  # named by its heading or paragraph, which identifies it
    description = described(entry)
    if disclosure.chinese is None:
        description = without_chinese(description)  # no Chinese title to compare with
    every = title_words(description)
    words = len(content_words(every) or every)
    if words < options.min_words or description.strip() == entry.code:
        return
    matcher = ctx.standard_matcher(catalogue)
    if not content_words(every) and next(matcher.best_first(description)).score < 0.5:
        return  # common words only ("the policies"), unlike any title made of them
    better = _judge(matcher, disclosure, description, options)
    fields = {
        "code": entry.code,
        "disclosure": disclosure.code,
        "title": disclosure.title,
        "description": entry.description,
    }
    if better is not None:
        other, own = better
        wording = READS_LIKE(
            other=other.disclosure.code,
            other_title=other.disclosure.title,
            other_score=other.score,
            own=own,
            **fields,
        )
    else:
        own = matcher.score(description, disclosure.code)
        if own >= options.dissimilar_below:
            return
        wording = UNLIKE(own=own, **fields)
    yield title_mismatch.row_finding(
        entry, wording, severity=Severity.ERROR if better is not None else Severity.WARNING
    )
