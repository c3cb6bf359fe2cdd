"""Pydantic schema of a disclosure catalogue (one YAML file per standard edition).

A catalogue records *facts* from a published standard: codes, official short titles and the
obligation level of each disclosure. It also carries our own matching aids (aliases, keywords),
which are not the standard's text. Unknown keys are errors so that a typo in a YAML file can
never silently drop a fact.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["mandatory", "comply-or-explain", "required", "recommended", "optional"]
Kind = Literal[
    "mandatory-disclosure",  # HKEx Part B items (no code in the Guide itself)
    "general",  # HKEx aspect general disclosure, GRI 2 / GRI 3 general disclosures
    "kpi",
    "management-approach",
    "topic",  # GRI topic-specific disclosure
    "quantitative",  # SASB quantitative accounting metric
    "discussion",  # SASB "discussion and analysis" metric
    "activity-metric",
    "recommended-disclosure",  # TCFD
    "requirement",  # IFRS S2 paragraph group
]
# How an entry was checked against the standard's own text (the data's ``confidence`` key);
# not a finding's Confidence, which says how sure a rule is.
Verification = Literal["verified", "corroborated", "unconfirmed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where the facts of a catalogue come from."""

    document: str
    publisher: str
    reference: str | None = None  # paragraph, part or page of the document
    url: str | None = None
    accessed_via: str | None = None  # how we read it (e.g. a copy), when not the URL itself


class PhaseIn(_Strict):
    """A level that applies to some issuers from some financial year (HKEx Part D)."""

    applies_to: Literal["all", "main-board", "largecap", "gem"]
    level: Level | Literal["voluntary"]
    from_financial_year: dt.date  # financial years commencing on or after this date


class ChineseTitle(_Strict):
    """The official Chinese title of a disclosure, in Traditional and Simplified characters
    (HKEx publishes its rules in both), checked as the English one is (``confidence``)."""

    traditional: str = Field(min_length=1)
    simplified: str = Field(min_length=1)
    confidence: Verification
    note: str | None = None


class Disclosure(_Strict):
    """One disclosure (requirement, KPI, metric) of a standard edition."""

    code: str = Field(min_length=1)
    title: str = Field(min_length=1)
    level: Level
    kind: Kind
    parent: str | None = None  # aspect / topic / section code or name
    unit: str | None = None
    aliases: tuple[str, ...] = ()  # other ways reports write the code
    keywords: tuple[str, ...] = ()  # our own words a page covering it would use
    omission_allowed: bool = True
    phase_in: tuple[PhaseIn, ...] = ()
    confidence: Verification = "verified"
    note: str | None = None
    chinese: ChineseTitle | None = None  # where the catalogue's ``chinese_source`` gives it

    @field_validator("code", "title")
    @classmethod
    def _no_outer_space(cls, value: str) -> str:
        if value != value.strip():
            raise ValueError("must not start or end with whitespace")
        return value


class Catalogue(_Strict):
    """All disclosures of one edition of one standard."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    # A standard with a descriptor (standards/<standard>/standard.yaml): checked on loading.
    standard: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    edition: str
    effective_from: dt.date | None = None
    superseded_by: str | None = None
    superseded_on: dt.date | None = None
    supersedes: tuple[str, ...] = ()
    withdrawn: bool = False
    source: Source
    confidence_note: str | None = None
    chinese_source: Source | None = None  # where the disclosures' Chinese titles come from
    disclosures: tuple[Disclosure, ...] = Field(min_length=1)

    def status_on(self, day: dt.date, successor_from: dt.date | None = None) -> str:
        """Whether this edition is in force on ``day``: not yet (before its effective date),
        withdrawn or superseded (from ``superseded_on``, else from ``successor_from``, the
        successor's effective date; always when neither is known), or in force — with the
        day a known successor takes over."""
        if self.effective_from is not None and day < self.effective_from:
            return f"not yet in force: effective {self.effective_from.isoformat()}"
        ends = self.superseded_on or successor_from
        if ends is not None and day < ends:
            if self.superseded_by is None:
                return f"in force; withdrawn from {ends.isoformat()}"
            return f"in force; superseded by {self.superseded_by} from {ends.isoformat()}"
        if self.withdrawn:
            return "withdrawn"
        if self.superseded_by is not None:
            return f"superseded by {self.superseded_by}"
        return "in force"

    @model_validator(mode="after")
    def _codes_unique(self) -> Catalogue:
        seen: set[str] = set()
        for disclosure in self.disclosures:
            if disclosure.code in seen:
                raise ValueError(f"duplicate code {disclosure.code!r}")
            seen.add(disclosure.code)
        return self
