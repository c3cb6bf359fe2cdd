"""JSON output: a stable, documented contract (see docs/json-output.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xesg.model.finding import Finding
from xesg.model.index import IndexEntry, Location
from xesg.model.result import CheckResult, DisclosureStatus
from xesg.report import RenderOptions, indented_json

SCHEMA_VERSION = 1


def _location(location: Location) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": location.kind.value, "raw": location.raw}
    if location.start is not None:
        data["start"] = str(location.start)
        data["end"] = str(location.end if location.end is not None else location.start)
    if location.document is not None:
        data["document"] = location.document
    if location.target is not None:
        data["target"] = location.target
    return data


def _entry(entry: IndexEntry) -> dict[str, Any]:
    return {
        "standard": entry.standard,
        "code": entry.code,
        "raw_code": entry.raw_code,
        "description": entry.description,
        "locations": [_location(loc) for loc in entry.locations],
        "explanation": entry.explanation,
        "malformed": [m.raw for m in entry.malformed],
        "page": entry.page,
        "line": entry.line,
        "chapter": entry.chapter,
        "section": entry.section,
        "merged_codes": list(entry.merged_codes),
    }


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "standard": finding.standard,
        "code": finding.code,
        "page": finding.page,
        "line": finding.line,
        "message": finding.message,
        "expected": finding.expected,
        "found": finding.found,
        "evidence": finding.evidence,
        "page_evidence": finding.page_evidence,
        "fingerprint": finding.fingerprint,
    }


def _disclosure(status: DisclosureStatus) -> dict[str, Any]:
    return {
        "standard": status.standard,
        "catalogue": status.catalogue,
        "code": status.code,
        "title": status.title,
        "level": status.level,
        "parent": status.parent,
        "status": status.status,
        "required": status.required,
        "rows": list(status.rows),
        "pages": list(status.pages),
        "findings": list(status.findings),
    }


def to_data(result: CheckResult) -> dict[str, Any]:
    report = result.report
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": result.tool, "version": result.version},
        "report": {
            "path": report.path,
            "sha256": report.sha256,
            "encoding": report.encoding,
            "label_method": report.label_method,
            "pagination": report.pagination,
            "page_count": report.page_count,
            "first_page_label": report.first_label,
            "last_page_label": report.last_label,
            "label_sources": report.label_sources,
        },
        "standards": list(result.standards),
        "catalogues": [c.model_dump() for c in result.catalogues],
        "index": {
            "found": result.index.found,
            "layout": result.index.layout,
            "pages": list(result.index.pages),
            "entries": [_entry(e) for e in result.index.entries],
            "code_cells": result.index.code_cells,
            "unread": [u.model_dump() for u in result.index.unread],
            "tagged_rows": result.index.tagged_rows,
        },
        "findings": [finding_data(f) for f in result.findings],
        "coverage": [_disclosure(d) for d in result.coverage],
        "claims": dict(sorted(result.claims.items())),
        "waived": [{"finding": finding_data(w.finding), "reason": w.reason} for w in result.waived],
        "unused_waivers": list(result.unused_waivers),
        "baselined": result.baselined,
        "summary": {
            "entries": len(result.index.entries),
            "code_cells": result.index.code_cells,
            "codes_per_standard": result.codes_per_standard(),
            "findings": result.counts(),
        },
        "notes": list(result.notes),
    }


def render_batch(
    results: Sequence[CheckResult],
    options: RenderOptions,
    html_links: Sequence[str | None] | None = None,
) -> str:
    """Several reports as one document: ``{"reports": [...]}``, each as :func:`render` has it."""
    return indented_json({"reports": [to_data(result) for result in results]})


def render(result: CheckResult, options: RenderOptions) -> str:
    return indented_json(to_data(result))
