"""Which edition of a standard a report is checked against.

HKEx: the ESG Reporting Guide (2020) or the ESG Reporting Code (2025) — by what the report
says it follows, else by its reporting period (Code for financial years from 1 January 2025),
else the newest, with a note. GRI: ``gri@2021`` / ``gri@2016`` chooses the universal
standards system (topic standards of every edition stay, rows pick theirs). Explicit
``editions`` in the configuration always win.
"""

from __future__ import annotations

import datetime as dt

from xesg.catalogue.schema import Catalogue
from xesg.catalogue.set import CatalogueSet, period_start
from xesg.errors import XesgError

_GRI_UNIVERSAL = {
    "2021": {"gri-102-2016", "gri-103-2016"},  # excluded when checking the 2021 system
    "2016": {"gri-1-2021", "gri-2-2021", "gri-3-2021"},
}
_HKEX_BY_CLAIM = {"guide": "2020", "code": "2025"}


def _hkex(catalogues: list[Catalogue], claims: dict[str, str]) -> tuple[Catalogue, str]:
    by_edition = {c.edition: c for c in catalogues}
    claimed = _HKEX_BY_CLAIM.get(claims.get("hkex", ""))
    if claimed in by_edition:
        return by_edition[
            claimed
        ], f"the report refers to the ESG Reporting {claims['hkex'].title()}"
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
    for standard in catalogues.standards:
        found = list(catalogues.for_standard(standard))
        wanted = editions.get(standard)
        if standard == "gri" and wanted is not None:
            if wanted not in _GRI_UNIVERSAL:
                raise XesgError(f"unknown GRI edition {wanted!r}; use 2021 or 2016")
            kept += [c for c in found if c.id not in _GRI_UNIVERSAL[wanted]]
        elif wanted is not None:
            chosen = [c for c in found if c.edition == wanted]
            if not chosen:
                known = ", ".join(sorted({c.edition for c in found}))
                raise XesgError(f"no {standard} edition {wanted!r}; available: {known}")
            kept += chosen
        elif standard == "hkex" and len(found) > 1:
            catalogue, why = _hkex(found, claims)
            kept.append(catalogue)
            notes.append(f"HKEx: checked against {catalogue.title} ({catalogue.edition}): {why}.")
        else:
            kept += found
    return CatalogueSet(tuple(kept)), notes
