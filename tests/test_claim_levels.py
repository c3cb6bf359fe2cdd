"""Claims read from a report's text: the anchored search gives what scanning the whole text
with each pattern gives (the plain versions are kept here as references: the patterns as they
were written in code before the descriptors' ``claims`` held them)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from xesg.analysis import claim_levels
from xesg.analysis.claim_levels import (
    _CASE_TWINS,
    claim_of,
    detect_claims,
    hkex_claim,
    period_end,
)
from xesg.model.document import Page, Report
from xesg.model.finding import Severity
from xesg.model.index import IndexTable
from xesg.pipeline import run

_PIECES = st.sampled_from(
    [
        "in accordance with the GRI Standards", "In Accordance With GRI Standards",
        "GRI Standards: Core option", "GRI  Standards :\nComprehensive option", "Core option",
        "comprehensive\u00a0option", "encore option", "option", "with reference to the GRI "
        "Standards", "With\nReference to GRI Standards", "ESG Reporting Guide",
        "Environmental, Social and Governance Reporting Code", "ESG reporting code",
        "Appendix 27", "Appendix C2", "appendix 270", "year ended 31 December 2024",
        "Year Ended 30 june 2023", "period ended 1 Foo 2020", "to 31 March 2022", "into 5 May 2021",
        "to 30 February 2020", "in", "with", "the", "GRI", "Standards", ":", "accordance",
        "reference", "Reporting", "ended", "to", "31", "December", "2024", "ſ", "ı", "İ",
        "\u212a", "Stand\u017fards", "ESG Reportıng Guide", "İn accordance with GRI Standards",
        "to\u2003٣١ March 2020", "ESG\u3000Reporting Code", "to\x1c5 May 2021", "ESG?Reporting",
        "Core Options", "GRI Universal Standards 2021", "Global Reporting Initiative's (GRI)",
        "Sustainability Reporting Standard", "GRI 305", "agricultural", "Statement of use",
        "statement", "of use", "In accordance with", "With reference to", "Referenced",
        "IFRS S2", "HKFRS S2", "IFRS S1 and S2", "prepared", "adopted", "ifrſ S2",
        "環境、社會及管治報告指引", "环境、社会及管治报告守则", "《環境、社會及管治報告守則》",
    ]
)  # fmt: skip
_GAPS = st.sampled_from([" ", "  ", "\n", "\u00a0", "", ", ", "\t", "\u2003", "\x1c"])
_TEXT = st.lists(st.tuples(_PIECES, _GAPS), max_size=12).map(
    lambda parts: "".join(p + g for p, g in parts)
)


_GRI_IN_ACCORDANCE = re.compile(
    r"in\s+accordance\s+with\s+(?:the\s+)?GRI\s+Standards(?!\s*:\s*(?:Core|Comprehensive))", re.I
)
_GRI_WITH_REFERENCE = re.compile(r"with\s+reference\s+to\s+(?:the\s+)?GRI\s+Standards", re.I)
_GRI_LEGACY = re.compile(
    r"GRI\s+Standards\s*:\s*(Core|Comprehensive)\s+options?|\b(Core|Comprehensive)\s+options?\b",
    re.I,
)
_GRI_NEAR = re.compile(
    r"(?:(accordance)|with\s+reference)"
    r"(?:(?!accordance|reference)[\s\S]){0,160}?"
    r"\b(?:GRI|Global\s+Reporting\s+Initiative)\b(?![\s:]*\d)"
    r"(?:(?!accordance|reference)[\s\S]){0,120}?\bstandards?\b",
    re.I,
)
_STATEMENT_OF_USE = re.compile(
    r"statement\s+of\s+use\b[\s\S]{0,200}?(?:(accordance)|with\s+reference)",
    re.I,
)
_HKEX_NAME = re.compile(
    r"(?:ESG|Environmental,?\s+Social\s+and\s+Governance)\s+Reporting\s+(Guide|Code)", re.I
)
_HKEX_APPENDIX = re.compile(r"Appendix\s+(27|C2)\b", re.I)
_HKEX_CHINESE_NAME = re.compile(
    r"(?:環境、社會及管治|环境、社会及管治)(?:報告|报告)(指引|守則|守则)"
)
_HKEX_BY_CHINESE = {"指引": "guide", "守則": "code", "守则": "code"}
_S2_CLAIM = re.compile(
    r"(?:accordance|reference|prepared|aligned|alignment|complies|comply|compliance|adopt\w*|"
    r"follow\w*|in\s+line)\b[^.;\n]{0,80}?\b(HKFRS|IFRS)\s*(?:S1\s*(?:and|&|,)\s*)?S2\b",
    re.I,
)


def _reference_gri(text: str) -> str | None:
    legacy = _GRI_LEGACY.search(text)
    if legacy:
        return f"{(legacy.group(1) or legacy.group(2)).lower()}-2016"
    if _GRI_IN_ACCORDANCE.search(text):
        return "in-accordance"
    if _GRI_WITH_REFERENCE.search(text):
        return "with-reference"
    for pattern in (_GRI_NEAR, _STATEMENT_OF_USE):
        if found := pattern.search(text):
            return "in-accordance" if found.group(1) else "with-reference"
    return None


def _reference_hkex(text: str) -> str | None:
    names = {m.group(1).lower() for m in _HKEX_NAME.finditer(text)}
    names |= {_HKEX_BY_CHINESE[m.group(1)] for m in _HKEX_CHINESE_NAME.finditer(text)}
    if "code" in names:
        return "code"
    if "guide" in names:
        return "guide"
    appendix = _HKEX_APPENDIX.search(text)
    if appendix:
        return "guide" if appendix.group(1) == "27" else "code"
    return None


def _reference_period_end(text: str) -> dt.date | None:
    found = []
    for match in claim_levels._PERIOD_END.finditer(text):
        day, month, year = [g for g in match.groups() if g is not None]
        number = claim_levels._MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            found.append(dt.date(int(year), number, int(day)))
        except ValueError:
            continue
    return max(found) if found else None


def _reference_s2(text: str) -> str | None:
    names: set[str] = set()
    for at in (
        m.start() for m in re.finditer("frs", text.encode("ascii", "replace").lower().decode())
    ):
        window = text[max(0, at - 110) : at + 30]
        names.update(m.group(1).upper() for m in _S2_CLAIM.finditer(window))
    return " / ".join(f"{name} S2" for name in sorted(names)) or None


@given(_TEXT)
def test_claims_match_a_scan_of_the_whole_text(text: str) -> None:
    assert claim_of("gri", text) == _reference_gri(text)
    assert hkex_claim(text) == _reference_hkex(text)
    assert claim_of("ifrs-s2", text) == _reference_s2(text)
    assert period_end(text) == _reference_period_end(text)


def test_case_twins_are_the_only_non_ascii_letters_that_match_ascii_ones() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    twins = {chr(c) for c in range(0x80, 0x110000) if letter.match(chr(c))}
    assert twins == set(_CASE_TWINS)


def test_whitespace_is_what_the_patterns_call_whitespace() -> None:
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(0x110000))


@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_a_report_is_read_as_its_pages_joined(pages: list[str]) -> None:
    report = Report(
        path="r.txt",
        encoding="utf-8",
        pagination="form-feed",
        pages=tuple(
            Page(number=i + 1, label=str(i + 1), label_source="printed", text=text)
            for i, text in enumerate(pages)
        ),
    )
    text = "\n".join(pages)
    claims = detect_claims(report, IndexTable(entries=()))
    assert claims.get("gri") == _reference_gri(text)
    assert claims.get("hkex") == _reference_hkex(text)
    end = _reference_period_end(text)
    assert claims.get("period_end") == (end.isoformat() if end else None)


def test_an_index_table_given_alone_gets_a_note_on_its_statement_of_use(tmp_path: Path) -> None:
    """A CSV of the index holds no report text: the statement of use cannot be read there."""
    index = tmp_path / "gri-index.csv"
    index.write_text(
        "Code,Description,Location\n2-1,Organizational details,Annual Report p3\n"
        "2-2,Entities included in the organization's sustainability reporting,p4\n",
        encoding="utf-8",
    )
    found = [f for f in run(index).findings if f.rule == "REQ007"]
    assert [(f.code, f.severity) for f in found] == [("statement of use", Severity.INFO)]
