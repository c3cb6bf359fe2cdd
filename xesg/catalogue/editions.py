"""Which edition of a standard a report is checked against, as its descriptor says
(``editions`` in ``standards/<standard>/standard.yaml``).

One edition per report (HKEx: the ESG Reporting Guide 2020 or the ESG Reporting Code 2025):
by what the report says it follows, else by its reporting period (the Code for financial
years from 1 January 2025), else the newest, with a note. Systems (GRI: ``gri@2021`` /
``gri@2016``) choose the universal standards (topic standards of every edition stay, rows
pick theirs). Explicit ``editions`` in the configuration always win; a standard with
neither keeps every edition.
"""

from __future__ import annotations

import datetime as dt

from xesg.catalogue.descriptors import StandardDescriptor, active
from xesg.catalogue.schema import Catalogue
from xesg.catalogue.set import CatalogueSet, period_start
from xesg.errors import XesgError


def _one(
    catalogues: list[Catalogue], claims: dict[str, str], descriptor: StandardDescriptor
) -> tuple[Catalogue, str]:
    by_edition = {c.edition: c for c in catalogues}
    claim = claims.get(descriptor.standard, "")
    for claimed, edition, document in descriptor.edition_by_claim:
        if claimed == claim and edition in by_edition:
            return by_edition[edition], f"the report refers to the {document}"
    if "period_end" in claims:
        end = dt.date.fromisoformat(claims["period_end"])
        start = period_start(end)
        applicable = [
            c for c in catalogues if c.effective_from is None or c.effective_from <= start
        ]
        if applicable:
            chosen = max(applicable, key=lambda c: c.effective_from or dt.date.min)
            return chosen, f"the reporting period ends {end.isoformat()}"
    newest = max(catalogues, key=lambda c: c.effective_from or dt.date.min)
    return newest, "neither the report's text nor its period says which; assumed the newest"


def choose_editions(
    catalogues: CatalogueSet, claims: dict[str, str], editions: dict[str, str]
) -> tuple[CatalogueSet, list[str]]:
    """The catalogues to check against, and notes on how editions were chosen."""
    kept: list[Catalogue] = []
    notes: list[str] = []
    standards = active()
    for standard in catalogues.standards:
        found = list(catalogues.for_standard(standard))
        wanted = editions.get(standard)
        descriptor = standards.get(standard) or StandardDescriptor(standard, standard.upper())
        systems = dict(descriptor.systems)
        if systems and wanted is not None:
            if wanted not in systems:
                raise XesgError(
                    f"unknown {descriptor.label} edition {wanted!r}; use {' or '.join(systems)}"
                )
            kept += [c for c in found if c.id not in systems[wanted]]
        elif wanted is not None:
            chosen = [c for c in found if c.edition == wanted]
            if not chosen:
                known = ", ".join(sorted({c.edition for c in found}))
                raise XesgError(f"no {standard} edition {wanted!r}; available: {known}")
            kept += chosen
        elif descriptor.one_edition and len(found) > 1:
            catalogue, why = _one(found, claims, descriptor)
            kept.append(catalogue)
            notes.append(
                f"{descriptor.label}: checked against {catalogue.title} ({catalogue.edition}): "
                f"{why}."
            )
        else:
            kept += found
    return CatalogueSet(tuple(kept)), notes
