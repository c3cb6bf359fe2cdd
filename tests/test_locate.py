"""Locating the index: the page-level pre-test must never hide a line that starts a row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xesg.catalogue.load import bundled
from xesg.index.codes import MANDATORY_NAMES, NamedItems, find_codes, standard_of
from xesg.index.lines import Line
from xesg.index.locate import find_regions, is_row_start, may_hold_rows, row_codes, row_starts

CODES = sorted({d.code for c in bundled().catalogues for d in c.disclosures})
CODED = [c for c in CODES if standard_of(c) is not None and c not in MANDATORY_NAMES]
ITEMS = NamedItems({"reporting scope and boundary": "Reporting Boundary", "esg governance": "x"})

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


@given(st.lists(st.tuples(st.sampled_from(["1", "2", None]), page_lines), max_size=6), st.data())
def test_row_starts_are_the_lines_is_row_start_accepts(
    pages: list[tuple[str | None, list[str]]], data: st.DataObject
) -> None:
    lines = [
        Line(text, label, 0, data.draw(st.booleans(), label="furniture"))
        for label, texts in pages
        for text in texts
    ]
    for items in (None, ITEMS):
        expected = {
            i: row_codes(line.text)
            for i, line in enumerate(lines)
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
    lines = [
        Line(text, str(page), 0, False)
        for page, texts in enumerate([prose * 5, prose * 5, index, prose * 5])
        for text in texts
    ]
    [(start, end)] = find_regions(lines)
    assert [line.text for line in lines[start:end] if find_codes(line.text)] == index
