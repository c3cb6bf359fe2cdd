"""Shared by REQ001/REQ002: HKEx provisions of a level that the index leaves unaddressed."""

from __future__ import annotations

from dataclasses import dataclass

from xesg.catalogue.crosswalk import successors, twins
from xesg.catalogue.levels import AppliedLevel
from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, row_evidence
from xesg.rules.context import CheckContext
from xesg.rules.helpers import cited_labels
from xesg.rules.registry import Rule, Wording


@dataclass(frozen=True)
class Twin:
    """A disclosure of another standard (or edition) that the index does locate."""

    standard: str
    code: str
    relation: str  # equivalent | partial
    pages: tuple[str, ...]

    def describe(self) -> str:
        where = f" on P{', P'.join(self.pages)}" if self.pages else ""
        return f"{self.standard.upper()} {self.code} ({self.relation} twin) is located{where}"


@dataclass(frozen=True)
class Gap:
    catalogue: Catalogue
    disclosure: Disclosure
    entry: IndexEntry | None  # the row, when it exists but says nothing
    applied: AppliedLevel
    twins: tuple[Twin, ...] = ()

    def notes(self) -> dict[str, str]:
        """The fields of every gap's message: why a phased-in provision (HKEx Part D) has
        its level, the twins the index does locate, and what the index has for it."""
        return {
            "level": f" ({self.applied.why})" if self.applied.why else "",
            "twins": "".join(f"; {t.describe()}" for t in self.twins),
            "found": "no row" if self.entry is None else "a row with an empty location",
        }

    def finding(self, rule: Rule, wording: Wording) -> Finding:
        """The rule's finding about the gap: on its row where there is one, and for
        information only where an equivalent twin is located."""
        equivalent = any(t.relation == "equivalent" for t in self.twins)
        return rule.finding(
            wording,
            standard="hkex",
            code=self.disclosure.code,
            page=self.entry.page if self.entry else None,
            line=self.entry.line if self.entry else None,
            severity=Severity.INFO if equivalent else None,
            evidence=row_evidence(self.entry) if self.entry else None,
        )


def unaddressed(
    ctx: CheckContext, catalogue: Catalogue, disclosure: Disclosure, level: str
) -> Gap | None:
    """The gap where an HKEx provision at ``level`` for this issuer tier in this period
    (ctx.level_of) is not addressed by the index; None where it is, or has another level."""
    applied = ctx.level_of(disclosure)
    if applied.level != level:
        return None
    rows = [
        *ctx.entries_by_code.get(("hkex", disclosure.code), []),
        *_predecessor_rows(ctx, catalogue, disclosure),
    ]
    if any(row.addressed for row in rows):
        return None
    if not rows and disclosure.code in ctx.codes_printed_in_index:
        return None  # printed in the index, in a row the layout kept us from reading
    return Gap(
        catalogue,
        disclosure,
        rows[0] if rows else None,
        applied,
        _twins(ctx, catalogue, disclosure),
    )


def _twins(ctx: CheckContext, catalogue: Catalogue, disclosure: Disclosure) -> tuple[Twin, ...]:
    found = []
    for standard, code, relation in twins("hkex", disclosure.code, catalogue.id):
        rows = [r for r in ctx.entries_by_code.get((standard, code), []) if r.locations]
        if rows:
            pages = tuple(dict.fromkeys(p for r in rows for p in cited_labels(r)))
            found.append(Twin(standard, code, relation, pages))
    return tuple(found)


def _predecessor_rows(
    ctx: CheckContext, catalogue: Catalogue, disclosure: Disclosure
) -> list[IndexEntry]:
    """Rows citing a superseded edition's code that this disclosure took over (a 2025 Code
    index answering Scope 1 and 2 under the Guide's A1.2): the disclosure is located — the
    outdated code is IDX002's finding, not a gap as well."""
    codes = {d.code for d in catalogue.disclosures}
    return [
        row
        for (standard, code), rows in ctx.entries_by_code.items()
        if standard == "hkex" and code not in codes
        for old in catalogue.supersedes
        if disclosure.code in successors("hkex", code, old)
        for row in rows
    ]
