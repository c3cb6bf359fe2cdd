"""The one place where the stages meet: read → parse index → select catalogues → rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from xesg import __version__
from xesg.catalogue.load import bundled, bundled_standards, load_user_directory
from xesg.catalogue.set import CatalogueSet
from xesg.coverage import coverage
from xesg.engine import run_rules
from xesg.errors import XesgError
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.model.result import CatalogueUsed, CheckResult, ReportSummary
from xesg.rules.context import CheckContext
from xesg.rules.registry import discover


@dataclass(frozen=True)
class CheckOptions:
    standards: tuple[str, ...] = ()  # empty: the standards found in the index
    first_page: int | None = None
    catalogue_dir: Path | None = None


class _Catalogues:
    """Catalogues to check against: the bundled ones, loaded per standard on demand, or a
    user directory loaded whole."""

    def __init__(self, directory: Path | None) -> None:
        self._user = load_user_directory(directory) if directory is not None else None

    @property
    def standards(self) -> tuple[str, ...]:
        return self._user.standards if self._user is not None else bundled_standards()

    def load(self, standards: tuple[str, ...]) -> CatalogueSet:
        if self._user is not None:
            return self._user.select(standards)
        return bundled(s for s in standards if s in self.standards)


def _named_items(catalogues: CatalogueSet) -> dict[str, str]:
    """Lower-case names and aliases of items that have no code (HKEx Part B)."""
    return {
        alias.lower(): d.code
        for c in catalogues.catalogues
        for d in c.disclosures
        if d.kind == "mandatory-disclosure"
        for alias in (d.code, *d.aliases)
    }


def run(path: Path, options: CheckOptions) -> CheckResult:
    catalogues = _Catalogues(options.catalogue_dir)
    unknown = sorted(set(options.standards) - set(catalogues.standards))
    if unknown:
        raise XesgError(
            f"unknown standard {', '.join(unknown)}; available: {', '.join(catalogues.standards)}"
        )
    report = load_report(path, options.first_page)
    # HKEx titles and names help to read linear (column-less) indexes; load them up front.
    hkex = catalogues.load(("hkex",))
    index = parse_index(report, hkex.titles(), _named_items(hkex))
    found = {e.standard for e in index.entries if e.standard is not None}
    standards = options.standards or tuple(sorted(found & set(catalogues.standards)))
    selected = catalogues.load(standards)
    rules = discover()
    ctx = CheckContext(report=report, index=index, catalogues=selected, standards=standards)
    findings = run_rules(ctx, rules)
    notes = []
    if report.pagination == "none":
        notes.append(
            "The report has no page breaks (no form feeds or running page headers): page "
            "references were checked for syntax only."
        )
    unchecked = sorted(found - set(catalogues.standards))
    if unchecked:
        notes.append(f"No catalogue for {', '.join(unchecked)}: those codes were not checked.")
    return CheckResult(
        tool="xesg",
        version=__version__,
        report=ReportSummary(
            path=report.path,
            sha256=report.sha256,
            encoding=report.encoding,
            label_method=report.label_method,
            pagination=report.pagination,
            page_count=len(report.pages),
            first_label=report.first_label,
            last_label=report.last_label,
            label_sources=dict(sorted(Counter(p.label_source for p in report.pages).items())),
        ),
        standards=standards,
        catalogues=tuple(
            CatalogueUsed(id=c.id, standard=c.standard, edition=c.edition)
            for c in sorted(selected.catalogues, key=lambda c: c.id)
        ),
        index=index,
        findings=findings,
        coverage=coverage(selected, index, findings),
        notes=tuple(notes),
    )
