"""Shared by REQ001/REQ002: HKEx provisions of a level that the index leaves unaddressed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.helpers import row_evidence


@dataclass(frozen=True)
class Gap:
    catalogue: Catalogue
    disclosure: Disclosure
    entry: IndexEntry | None  # the row, when it exists but says nothing

    @property
    def found(self) -> str:
        return "no row" if self.entry is None else "a row with an empty location"

    @property
    def evidence(self) -> str | None:
        return row_evidence(self.entry) if self.entry else None


def unaddressed(ctx: CheckContext, level: str) -> Iterator[Gap]:
    if "hkex" not in ctx.standards or not ctx.index.found:
        return
    for catalogue in ctx.catalogues.current("hkex"):
        for disclosure in catalogue.disclosures:
            if disclosure.level != level:
                continue
            rows = ctx.entries_by_code.get(("hkex", disclosure.code), [])
            if any(row.addressed for row in rows):
                continue
            yield Gap(catalogue, disclosure, rows[0] if rows else None)
