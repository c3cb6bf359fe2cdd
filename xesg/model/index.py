"""The content index as parsed from a report."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class LocationKind(StrEnum):
    PAGE = "page"  # pages of this report
    URL = "url"
    DOCUMENT = "document"  # another document (annual report, website), maybe with pages
    SECTION = "section"  # a section or heading of this report
    TEXT = "text"  # anything else that is not an explanation sentence


class Location(BaseModel):
    """One place an index row points to. Page numbers are the *printed* labels."""

    model_config = ConfigDict(frozen=True)

    kind: LocationKind
    raw: str
    start: int | None = None
    end: int | None = None
    document: str | None = None
    target: str | None = None  # URL or section title


class MalformedRef(BaseModel):
    """Text that tries to be a page reference but is not one (``P3?``, ``TBC``)."""

    model_config = ConfigDict(frozen=True)

    raw: str
    reason: str


class IndexEntry(BaseModel):
    """One disclosure row of the content index."""

    model_config = ConfigDict(frozen=True)

    standard: str | None  # hkex, gri, sasb, tcfd … or None when it cannot be told
    raw_code: str
    code: str
    description: str
    locations: tuple[Location, ...] = ()
    explanation: str | None = None
    raw_location: str = ""
    malformed: tuple[MalformedRef, ...] = ()
    page: str | None  # printed label of the page the row is printed on
    line: int  # 1-based line in the report text
    chapter: str | None = None
    section: str | None = None
    standard_text: str | None = None  # the standard as written in the row
    normalised_by: tuple[str, ...] = ()  # what normalising the code had to fix
    merged_codes: tuple[str, ...] = ()  # all codes of a cell that held several

    @property
    def addressed(self) -> bool:
        return bool(self.locations or self.explanation or self.malformed)


_EVIDENCE_CHARS = 160


def row_evidence(entry: IndexEntry) -> str:
    """The index row as written: code, description, location (shortened)."""
    parts = [entry.raw_code, entry.description, entry.raw_location.replace("\n", " ")]
    text = " | ".join(p for p in parts if p)
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"


COMPLETE_SHARE = 0.9  # the share of code cells that rows must account for (IDX009)


class UnreadCode(BaseModel):
    """A code cell where the index lies that no parsed row accounts for."""

    model_config = ConfigDict(frozen=True)

    code: str  # as normalised; a SASB code broken over lines and never completed ends in "-"
    line: int
    page: str | None


class IndexTable(BaseModel):
    """All index rows found in a report (possibly from several tables)."""

    model_config = ConfigDict(frozen=True)

    entries: tuple[IndexEntry, ...]
    pages: tuple[str, ...] = ()  # printed labels of pages holding the index
    layout: str = "none"  # columns | linear | inline | none
    # The self-check: code cells seen where the index lies (its pages, or its lines in an
    # unpaginated report), those no row accounts for, and every code printed there at all.
    code_cells: int = 0
    unread: tuple[UnreadCode, ...] = ()
    printed_codes: tuple[str, ...] = ()
    # Without an index: data-table rows that end in framework codes after their figures (a
    # report tagging its KPIs with the disclosures they answer, which is no content index).
    tagged_rows: int = 0

    @property
    def complete(self) -> bool:
        """Whether the rows read account for at least 90 % of the code cells seen."""
        return self.read_share >= COMPLETE_SHARE

    @property
    def read_share(self) -> float:
        """The share of the code cells seen that rows account for (1.0 when none were seen)."""
        if not self.code_cells:
            return 1.0
        return 1 - len(self.unread) / self.code_cells

    @property
    def found(self) -> bool:
        return bool(self.entries)
