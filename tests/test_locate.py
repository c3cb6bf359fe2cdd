"""Locating the index: the page-level pre-test must never hide a line that starts a row."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.catalogue.descriptors import bundled_descriptors
from xesg.catalogue.load import bundled
from xesg.index.codes import NamedItems, find_codes, standard_of
from xesg.index.lines import Line, ReportLines
from xesg.index.locate import find_regions, is_row_start, may_hold_rows, row_codes, row_starts
from xesg.model.document import Page, Report

MANDATORY_NAMES = tuple(bundled_descriptors().named_items().values())  # HKEx Part B

CODES = sorted({d.code for c in bundled().catalogues for d in c.disclosures})
CODED = [c for c in CODES if standard_of(c) is not None and c not in MANDATORY_NAMES]
ITEMS = NamedItems(
    {"reporting scope and boundary": ("Reporting Boundary",), "esg governance": ("x",)}
)

# Characters that look like code characters (Cyrillic, Greek, full-width, dashes, spaces).
LOOKALIKES = "АВаΑΒＡＢａｂ‐–—−－．１２\u00a0\u3000"
_piece = st.one_of(
    st.sampled_from(CODED),
    st.sampled_from([*MANDATORY_NAMES, "REPORTING SCOPE and Boundary", "esg governance"]),
    st.sampled_from(["KPI ", "GRI ", "Disclosure ", "Aspect ", "General Disclosure: "]),
    st.sampled_from(["  ", "\t", " | ", "|", "/", " ", ", ", " and ", "-", "."]),
    st.sampled_from(["P12", "p. 3", "Our People", "a1", "b2", "2023-24", "ab-cd-", "Σ"]),
    st.text(alphabet="AaBb0123-./ |" + LOOKALIKES, max_size=6),
    st.text(max_size=8),
)
lines_text = st.lists(_piece, max_size=8).map("".join)
page_lines = st.lists(lines_text, min_size=1, max_size=6)


@given(page_lines, st.booleans())
def test_a_page_with_a_row_start_passes_the_pre_test(page: list[str], named: bool) -> None:
    items = ITEMS if named else None
    if any(is_row_start(line, items) for line in page):
        assert may_hold_rows("\n".join(page), items)


def _report(pages: list[tuple[str | None, list[str], frozenset[str]]]) -> Report:
    return Report(
        path="synthetic.pdf",
        encoding="utf-8",
        pagination="pdf",
        pages=tuple(
            Page(number=n, label=label, label_source="printed", text="\n".join(texts), furniture=f)
            for n, (label, texts, f) in enumerate(pages, start=1)
        ),
    )


@given(st.lists(st.tuples(st.sampled_from(["1", "2", None]), page_lines), max_size=6), st.data())
def test_row_starts_are_the_lines_is_row_start_accepts(
    pages: list[tuple[str | None, list[str]]], data: st.DataObject
) -> None:
    # Some lines are page furniture (a running header), and so is the printed page number.
    furniture = [frozenset(data.draw(st.lists(st.sampled_from(texts)))) for _, texts in pages]
    lines = ReportLines(_report([(p, t, f) for (p, t), f in zip(pages, furniture, strict=True)]))
    every = lines.between(0, len(lines))
    page_texts = ["\n".join(texts).split("\n") for _, texts in pages]
    assert [line.text for line in every] == [t.rstrip() for texts in page_texts for t in texts]
    for items in (None, ITEMS):
        expected = {
            i: row_codes(line.text)
            for i, line in enumerate(every)
            if not line.furniture and is_row_start(line.text, items)
        }
        assert row_starts(lines, items) == expected


def test_index_page_with_look_alike_codes_or_only_names_passes_the_pre_test() -> None:
    # A Cyrillic А, an en dash:
    assert may_hold_rows("Content Index\nCode  Description  Page\nА1.1  Emissions  P12")
    assert may_hold_rows("GRI 2–9  Governance structure  P3")
    assert may_hold_rows("Intro\nGovernance Structure    P101\nReporting Boundary  P3")
    assert not may_hold_rows("Our depots moved 16 vans to battery power.\nScope 1 emissions 1,148")


def test_find_regions_finds_an_index_among_prose_pages() -> None:
    prose = ["We measure fuel, electricity and water every month.", "Scope 1 emissions 1,148"]
    index = [f"{code}    Some description    P{n}" for n, code in enumerate(CODED[:6], start=10)]
    pages = [prose * 5, prose * 5, ["Content Index", *index], prose * 5]
    lines = ReportLines(_report([(str(n), texts, frozenset()) for n, texts in enumerate(pages)]))
    [(start, end)] = find_regions(lines)
    region = lines.between(start, end)
    assert [line.text for line in region if find_codes(line.text)] == index
    assert [line.number for line in region][:2] == [start + 1, start + 2]
    assert region[-1].page == "2"


def test_report_lines_are_numbered_through_the_report() -> None:
    lines = ReportLines(_report([("1", ["a", "b  "], frozenset()), ("2", ["2", "c"], frozenset())]))
    assert len(lines) == 4
    assert lines.between(0, 4) == [
        Line("a", "1", 1, False),
        Line("b", "1", 2, False),
        Line("2", "2", 3, True),  # the printed page number
        Line("c", "2", 4, False),
    ]
    assert lines[3] == Line("c", "2", 4, False)
    with pytest.raises(IndexError):
        lines[4]
