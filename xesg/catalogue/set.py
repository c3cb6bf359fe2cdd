"""A set of loaded catalogues with look-ups by standard and code."""

from __future__ import annotations

import datetime as dt
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

    def current(self, standard: str, period_end: dt.date | None = None) -> tuple[Catalogue, ...]:
        """Editions in force: neither superseded by another loaded edition nor withdrawn.
        For a reporting period (its end given), as when the period began: an edition whose
        successor took over only later (GRI 302 2016 before GRI 103 2025 on 2027-01-01) is
        still in force, and so is a withdrawn one before its ``superseded_on``."""
        loaded = {c.id: c for c in self.catalogues}
        start = period_start(period_end) if period_end is not None else None

        def in_force(c: Catalogue) -> bool:
            successor = loaded.get(c.superseded_by or "")
            if start is not None:
                ends = c.superseded_on or (successor.effective_from if successor else None)
                if ends is not None and start < ends:
                    return True
            return not c.withdrawn and successor is None

        return tuple(c for c in self.for_standard(standard) if in_force(c))

    def titles(self) -> dict[str, str]:
        """Code → title for codes with a single meaning across the loaded catalogues."""
        titles: dict[str, str] = {}
        ambiguous: set[str] = set()
        for (_, code), found in self._by_code.items():
            if code in titles or len({d.title for _, d in found}) > 1:
                ambiguous.add(code)
            titles[code] = found[0][1].title
        return {code: title for code, title in titles.items() if code not in ambiguous}


def period_start(period_end: dt.date) -> dt.date:
    """The first day of the reporting year that ends on ``period_end``: the day editions are
    judged on (the one a report must follow is the one in force when its year began)."""
    return period_end - dt.timedelta(days=364)
