"""The one place where the stages meet: read → parse index → select catalogues → rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from xesg import __version__
from xesg.catalogue.load import bundled, load_user_directory
from xesg.catalogue.set import CatalogueSet
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
    rules: tuple[str, ...] = field(default=())  # empty: all rules


def available_catalogues(options: CheckOptions) -> CatalogueSet:
    if options.catalogue_dir is not None:
        return load_user_directory(options.catalogue_dir)
    return bundled()


def run(path: Path, options: CheckOptions) -> CheckResult:
    catalogues = available_catalogues(options)
    unknown = sorted(set(options.standards) - set(catalogues.standards))
    if unknown:
        raise XesgError(
            f"unknown standard {', '.join(unknown)}; available: {', '.join(catalogues.standards)}"
        )
    report = load_report(path, options.first_page)
    names = {
        alias.lower(): d.code
        for c in catalogues.catalogues
        for d in c.disclosures
        if d.kind == "mandatory-disclosure"
        for alias in (d.code, *d.aliases)
    }
    index = parse_index(report, catalogues.titles(), names)
    found = {e.standard for e in index.entries if e.standard is not None}
    standards = options.standards or tuple(sorted(found & set(catalogues.standards)))
    selected = catalogues.select(standards)
    rules = discover()
    if options.rules:
        rules = [r for r in rules if r.code in options.rules or r.name in options.rules]
    ctx = CheckContext(report=report, index=index, catalogues=selected, standards=standards)
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
            encoding=report.encoding,
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
        findings=run_rules(ctx, rules),
        notes=tuple(notes),
    )
