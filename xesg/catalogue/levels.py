"""The level of an HKEx disclosure for one issuer tier in one financial year.

The ESG Reporting Code's Part D phases in by issuer and year: Scope 1 and 2 emissions are
mandatory for every issuer from financial years starting 1 January 2025; the rest is
comply-or-explain for Main Board issuers, mandatory for LargeCap issuers (constituents of the
Hang Seng Composite LargeCap Index, who are Main Board issuers) from 2026, voluntary for GEM.
A catalogue's ``phase_in`` records those steps; this module picks the one that applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.catalogue.set import period_start

Tier = Literal["main-board", "largecap", "gem"]
DEFAULT_TIER: Tier = "main-board"
# The steps that can apply to a tier, most specific first: a LargeCap issuer is a Main Board
# issuer until its own (later) step begins.
_STEPS_OF: dict[str, tuple[str, ...]] = {
    "main-board": ("main-board", "all"),
    "largecap": ("largecap", "main-board", "all"),
    "gem": ("gem", "all"),
}


@dataclass(frozen=True)
class AppliedLevel:
    level: str  # mandatory | comply-or-explain | voluntary | the catalogue's level
    why: str  # which step applied and for what tier and year; "" without a phase-in


def year_start(claims: Mapping[str, str]) -> dt.date | None:
    """The first day of the financial year ending on the claimed period end, or None when the
    period is unknown."""
    end = claims.get("period_end")
    return period_start(dt.date.fromisoformat(end)) if end else None


def applied_level(disclosure: Disclosure, tier: str, start: dt.date | None) -> AppliedLevel:
    """The level ``disclosure`` has for a ``tier`` issuer in the financial year starting on
    ``start``; an unknown year is taken as the first year of the phase-in (said in ``why``)."""
    if not disclosure.phase_in:
        return AppliedLevel(disclosure.level, "")
    first = min(step.from_financial_year for step in disclosure.phase_in)
    year = start or first
    period = (
        f"financial year from {year.isoformat()}"
        if start is not None
        else f"period unknown, taken as the first financial year ({first.isoformat()})"
    )
    for applies_to in _STEPS_OF[tier]:
        steps = [
            s
            for s in disclosure.phase_in
            if s.applies_to == applies_to and s.from_financial_year <= year
        ]
        if steps:
            step = max(steps, key=lambda s: s.from_financial_year)
            whom = "every issuer" if applies_to == "all" else f"{applies_to} issuers"
            return AppliedLevel(
                step.level,
                f"{step.level} for {whom} from financial years starting "
                f"{step.from_financial_year.isoformat()}; {tier} issuer, {period}",
            )
    return AppliedLevel(
        "voluntary",
        f"not yet in force for a {tier} issuer in the {period} (from {first.isoformat()})",
    )


def phase_in_summary(disclosure: Disclosure) -> str:
    """``xesg standards show``: every step, e.g. "main-board: comply-or-explain from 2025-01-01"."""
    return "; ".join(
        f"{s.applies_to}: {s.level} from {s.from_financial_year.isoformat()}"
        for s in disclosure.phase_in
    )


def part_d_notes(catalogues: Iterable[Catalogue], tier: str, start: dt.date | None) -> list[str]:
    """One note per catalogue that phases in: the issuer tier (stated even when it is the
    default) and the level each phased-in provision takes in the year from ``start``."""
    notes = []
    for catalogue in catalogues:
        phased = [d for d in catalogue.disclosures if d.phase_in]
        if not phased:
            continue
        by_level: dict[str, list[str]] = {}
        for disclosure in phased:
            by_level.setdefault(applied_level(disclosure, tier, start).level, []).append(
                disclosure.code
            )
        period = (
            f"the financial year from {start.isoformat()}"
            if start is not None
            else "an unknown period (taken as the first year of the phase-in)"
        )
        levels = "; ".join(
            f"{level}: {', '.join(codes)}" for level, codes in sorted(by_level.items())
        )
        notes.append(
            f"HKEx {catalogue.id}: Part D levels for a {tier} issuer in {period} — {levels}. "
            "The issuer tier is set with --issuer or issuer = … in the configuration "
            f"(default {DEFAULT_TIER})."
        )
    return notes
