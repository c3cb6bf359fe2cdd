"""What a report claims about itself: GRI claim level, HKEx Guide or Code, SASB industries,
and the reporting period — read from its own text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from xesg.model.index import IndexTable
from xesg.model.report import Report

_GRI_IN_ACCORDANCE = re.compile(
    r"in\s+accordance\s+with\s+(?:the\s+)?GRI\s+Standards(?!\s*:\s*(?:Core|Comprehensive))", re.I
)
_GRI_WITH_REFERENCE = re.compile(r"with\s+reference\s+to\s+(?:the\s+)?GRI\s+Standards", re.I)
_GRI_LEGACY = re.compile(
    r"GRI\s+Standards\s*:\s*(Core|Comprehensive)\s+option|\b(Core|Comprehensive)\s+option\b", re.I
)
_HKEX_NAME = re.compile(
    r"(?:ESG|Environmental,?\s+Social\s+and\s+Governance)\s+Reporting\s+(Guide|Code)", re.I
)
_HKEX_APPENDIX = re.compile(r"Appendix\s+(27|C2)\b", re.I)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_PERIOD_END = re.compile(
    r"(?:year|period)\s+ended\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})"
    r"|to\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})",
    re.I,
)


def _text(report: Report) -> str:
    return "\n".join(page.text for page in report.pages)


def gri_claim(text: str) -> str | None:
    """in-accordance | with-reference | core-2016 | comprehensive-2016 | None."""
    legacy = _GRI_LEGACY.search(text)
    if legacy:
        return f"{(legacy.group(1) or legacy.group(2)).lower()}-2016"
    if _GRI_IN_ACCORDANCE.search(text):
        return "in-accordance"
    if _GRI_WITH_REFERENCE.search(text):
        return "with-reference"
    return None


def hkex_claim(text: str) -> str | None:
    """code (2025 ESG Reporting Code) | guide (ESG Reporting Guide) | None.

    The name decides: the Guide was moved to Appendix C2 before it became the Code, so
    "the ESG Reporting Guide in Appendix C2" is still the Guide."""
    names = {m.group(1).lower() for m in _HKEX_NAME.finditer(text)}
    if "code" in names:
        return "code"
    if "guide" in names:
        return "guide"
    appendix = _HKEX_APPENDIX.search(text)
    if appendix:
        return "guide" if appendix.group(1) == "27" else "code"
    return None


def sasb_industries(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({"-".join(c.split("-")[:2]) for c in codes if c.count("-") >= 2}))


def period_end(text: str) -> dt.date | None:
    """The latest 'year ended 31 December 2024' / '… to 31 December 2024' date in the text."""
    found = []
    for match in _PERIOD_END.finditer(text):
        day, month, year = [g for g in match.groups() if g is not None]
        number = _MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            found.append(dt.date(int(year), number, int(day)))
        except ValueError:
            continue
    return max(found) if found else None


def detect_claims(report: Report, index: IndexTable) -> dict[str, str]:
    text = _text(report)
    claims: dict[str, str] = {}
    if gri := gri_claim(text):
        claims["gri"] = gri
    if hkex := hkex_claim(text):
        claims["hkex"] = hkex
    industries = sasb_industries(e.code for e in index.entries if e.standard == "sasb")
    if industries:
        claims["sasb"] = ", ".join(industries)
    if end := period_end(text):
        claims["period_end"] = end.isoformat()
    return claims
