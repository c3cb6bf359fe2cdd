"""A set of loaded catalogues with look-ups by standard and code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from xesg.catalogue.schema import Catalogue, Disclosure


@dataclass(frozen=True)
class CatalogueSet:
    catalogues: tuple[Catalogue, ...]
    _by_code: dict[tuple[str, str], list[tuple[Catalogue, Disclosure]]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for catalogue in self.catalogues:
            for disclosure in catalogue.disclosures:
                key = (catalogue.standard, disclosure.code)
                self._by_code.setdefault(key, []).append((catalogue, disclosure))

    @property
    def standards(self) -> tuple[str, ...]:
        return tuple(sorted({c.standard for c in self.catalogues}))

    def select(self, standards: Iterable[str]) -> CatalogueSet:
        wanted = set(standards)
        return CatalogueSet(tuple(c for c in self.catalogues if c.standard in wanted))

    def for_standard(self, standard: str) -> tuple[Catalogue, ...]:
        return tuple(c for c in self.catalogues if c.standard == standard)

    def sasb_industry(self, prefix: str) -> tuple[Catalogue, ...]:
        """Every loaded edition of one SASB industry's metric list (``TC-HW``)."""
        return tuple(
            c for c in self.for_standard("sasb") if c.disclosures[0].code.startswith(f"{prefix}-")
        )

    def lookup(self, standard: str, code: str) -> list[tuple[Catalogue, Disclosure]]:
        return self._by_code.get((standard, code), [])

    def current(self, standard: str) -> tuple[Catalogue, ...]:
        """Editions in force: neither superseded by another loaded edition nor withdrawn."""
        loaded = {c.id for c in self.catalogues}
        return tuple(
            c
            for c in self.for_standard(standard)
            if not c.withdrawn and (c.superseded_by is None or c.superseded_by not in loaded)
        )

    def titles(self) -> dict[str, str]:
        """Code → title for codes with a single meaning across the loaded catalogues."""
        titles: dict[str, str] = {}
        ambiguous: set[str] = set()
        for (_, code), found in self._by_code.items():
            if code in titles or len({d.title for _, d in found}) > 1:
                ambiguous.add(code)
            titles[code] = found[0][1].title
        return {code: title for code, title in titles.items() if code not in ambiguous}
