"""The gap table (a check result's ``coverage``): for each disclosure a report should answer,
is it located, explained, missing, or defective (a finding points at it)? Computed after the
rules, from their findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from xesg.catalogue.descriptors import active
from xesg.catalogue.levels import DEFAULT_TIER, applied_level, year_start
from xesg.catalogue.schema import Catalogue
from xesg.catalogue.set import CatalogueSet
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry, IndexTable, LocationKind, row_evidence
from xesg.model.result import DisclosureStatus, Status


def _relevant(
    catalogues: CatalogueSet, index: IndexTable, period_end: dt.date | None
) -> list[Catalogue]:
    """Catalogues a report answers to: those its standard's descriptor calls universal (every
    current HKEx edition; GRI's universal standards), and the others the index uses (GRI
    topic standards, SASB industries)."""
    used = {(e.standard, e.code) for e in index.entries}
    standards = active()
    relevant = []
    for standard in catalogues.standards:
        for catalogue in catalogues.current(standard, period_end):
            codes = {(catalogue.standard, d.code) for d in catalogue.disclosures}
            if standards.is_universal(standard, catalogue.id) or codes & used:
                relevant.append(catalogue)
    return relevant


def _status(rows: list[IndexEntry], findings: list[Finding]) -> Status:
    """The disclosure's status in the gap table. Stricter than a row's ``addressed`` (what
    the REQ rules ask): a row whose only location is words that are no page, section,
    document or link, with no explanation, is "missing" here though REQ002 accepts it."""
    if not rows:
        return "missing"
    if any(f.severity is not Severity.INFO for f in findings):
        return "defective"
    if any(loc.kind is not LocationKind.TEXT for r in rows for loc in r.locations):
        return "located"
    if any(r.explanation for r in rows):
        return "explained"
    return "missing"


def gap_table(
    catalogues: CatalogueSet,
    index: IndexTable,
    findings: Iterable[Finding],
    claims: Mapping[str, str],
    issuer: str = DEFAULT_TIER,
) -> tuple[DisclosureStatus, ...]:
    """Each disclosure in force with its status (located, explained, missing …): the table the
    result carries as ``coverage`` (its JSON name) and the HTML gap report draws. Not the
    coverage rules (``rules/coverage/``), whose sense of "addressed" differs (see
    :func:`_status`)."""
    by_code: dict[tuple[str | None, str | None], list[Finding]] = {}
    for finding in findings:
        by_code.setdefault((finding.standard, finding.code), []).append(finding)
    rows_by_code: dict[tuple[str | None, str], list[IndexEntry]] = {}
    for entry in index.entries:
        rows_by_code.setdefault((entry.standard, entry.code), []).append(entry)
    statuses = []
    end = claims.get("period_end")
    for catalogue in _relevant(catalogues, index, dt.date.fromisoformat(end) if end else None):
        for disclosure in catalogue.disclosures:
            key = (catalogue.standard, disclosure.code)
            rows = rows_by_code.get(key, [])
            related = by_code.get(key, [])
            pages = [
                f"{loc.start}" if loc.start == loc.end else f"{loc.start}-{loc.end}"
                for row in rows
                for loc in row.locations
                if loc.kind is LocationKind.PAGE
            ]
            level = applied_level(disclosure, issuer, year_start(claims)).level
            statuses.append(
                DisclosureStatus(
                    standard=catalogue.standard,
                    catalogue=catalogue.id,
                    code=disclosure.code,
                    title=disclosure.title,
                    level=level,
                    parent=disclosure.parent,
                    status=_status(rows, related),
                    required=active().required(catalogue.standard, level, claims),
                    rows=tuple(row_evidence(r) for r in rows),
                    pages=tuple(dict.fromkeys(pages)),
                    findings=tuple(sorted({f.rule for f in related})),
                )
            )
    return tuple(statuses)
