"""What every rule sees: the report, its parsed index and the selected catalogues."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from pydantic import BaseModel

from xesg.catalogue.match import TitleMatcher
from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.catalogue.set import CatalogueSet
from xesg.model.index import IndexEntry, IndexTable
from xesg.model.report import Report

_Options = TypeVar("_Options", bound=BaseModel)


@dataclass(frozen=True)
class CheckContext:
    report: Report
    index: IndexTable
    catalogues: CatalogueSet  # only the selected standards
    standards: tuple[str, ...]  # selected standards
    options: dict[str, BaseModel] = field(default_factory=dict)  # rule code -> options
    _matchers: dict[str, TitleMatcher] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def entries_by_code(self) -> dict[tuple[str | None, str], list[IndexEntry]]:
        grouped: dict[tuple[str | None, str], list[IndexEntry]] = {}
        for entry in self.index.entries:
            grouped.setdefault((entry.standard, entry.code), []).append(entry)
        return grouped

    def checked_entries(self) -> list[IndexEntry]:
        """Entries of a selected standard that has a catalogue."""
        return [e for e in self.index.entries if e.standard in self.catalogues.standards]

    def resolve(self, entry: IndexEntry) -> tuple[Catalogue, Disclosure] | None:
        """The catalogue disclosure an entry refers to (current edition first)."""
        if entry.standard is None:
            return None
        found = self.catalogues.lookup(entry.standard, entry.code)
        if not found:
            return None
        current = {c.id for c in self.catalogues.current(entry.standard)}
        return next((pair for pair in found if pair[0].id in current), found[0])

    def options_of(self, code: str, model: type[_Options]) -> _Options:
        """The options of rule ``code`` (defaults when none were configured)."""
        found = self.options.get(code)
        return found if isinstance(found, model) else model()

    def matcher(self, catalogue: Catalogue) -> TitleMatcher:
        if catalogue.id not in self._matchers:
            self._matchers[catalogue.id] = TitleMatcher(catalogue)
        return self._matchers[catalogue.id]
