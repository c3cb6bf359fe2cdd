"""The per-page pre-tests of :func:`row_starts` (:func:`page_tests`) never rule out a line that
the full per-line tests accept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xesg.catalogue.descriptors import bundled_descriptors
from xesg.catalogue.load import bundled
from xesg.index.codes import CodeMatch, NamedItems
from xesg.index.lines import ReportLines, cells
from xesg.index.locate import (
    _LETTER_CELL,
    _LETTER_PAREN,
    _row_start,
    _Unprinted,
    _without_other_frameworks,
    inline_codes,
    is_inline_header,
    page_tests,
    row_starts,
)
from xesg.model.document import Page, Report
from xesg.pipeline import named_items

# Named items with groups and letters ("Governance a)") and titles ("Describe the board's …").
ITEMS = NamedItems(named_items(bundled(bundled_descriptors().uncoded)))
TITLES = [" ".join(words).capitalize() for words in ITEMS.titles]

_piece = st.one_of(
    st.sampled_from(["GRI 2-9", "305-1", "A1.1", "KPI B2", "TC-SC-", "110a.1", "S2 paragraph 6"]),
    st.sampled_from([g.title() for g in ITEMS.groups] + ["Metrics and", "Targets", "Risk"]),
    st.sampled_from([f"{x}) " for x in "abcdefghi"] + ["(a) ", "(h)", "x)", "2023)", "A)"]),
    st.sampled_from([*TITLES, "Describe the", "Disclose", "Reporting", "describe"]),
    st.sampled_from([*ITEMS.names, "Code Description Location", "code page", "Reference"]),
    st.sampled_from(["  ", "\t", " | ", "|", " ", ", ", "\n", "-", "Σ", "–", "ａ", "Ａ"]),
    st.text(alphabet="abhAB0123-.)( |\t", max_size=6),
    st.text(max_size=6),
)
# Cells of a table's row: a group beside a letter ("Governance a) Describe …"), a letter or a
# title alone, a code, a page.
_cell = st.one_of(
    st.tuples(
        st.sampled_from(["", *[g.title() for g in ITEMS.groups]]),
        st.sampled_from(["a) ", "b) ", "(c) ", "h) ", ""]),
        st.sampled_from(["", *TITLES]),
    ).map(lambda parts: " ".join(p.strip() for p in parts if p)),
    st.sampled_from(["GRI 2-9", "A1.1", "TC-SC-110a.1", "p. 14", "14", "Code Location"]),
)
_row = st.lists(_cell, min_size=1, max_size=3).map("  ".join)
page_text = st.lists(st.one_of(_row, st.lists(_piece, max_size=8).map("".join)), max_size=8).map(
    "\n".join
)


def _report(pages: list[tuple[str, frozenset[str]]]) -> Report:
    return Report(
        path="synthetic.pdf",
        encoding="utf-8",
        pagination="pdf",
        pages=tuple(
            Page(number=n, label=None, label_source="none", text=text, furniture=furniture)
            for n, (text, furniture) in enumerate(pages, start=1)
        ),
    )


@given(page_text)
def test_a_line_holds_only_what_its_page_holds(text: str) -> None:
    page = page_tests(text, ITEMS)
    for line in ReportLines(_report([(text, frozenset())])).page_lines(0):
        found = page_tests(line.text, ITEMS)
        if found is None:
            continue
        assert page is not None
        assert page.coded or not found.coded
        assert set(found.names) <= set(page.names)
        assert page.lettered or not found.lettered
        assert set(found.titles) <= set(page.titles)


_letter_piece = st.sampled_from(["a)", "h)", "(b)", "i)", "Governance", "x", " ", "  ", "\t", "|"])


@given(st.lists(_letter_piece, max_size=8).map("".join))
def test_a_cell_opening_with_a_letter_passes_the_letter_pre_test(text: str) -> None:
    if any(_LETTER_CELL.match(cell.text) for cell in cells(text)):
        assert _LETTER_PAREN.search(text)


def _every_line(lines: ReportLines, items: NamedItems) -> dict[int, list[CodeMatch]]:
    """:func:`row_starts` without its pre-tests: every line of every page, tested in full."""
    starts: dict[int, list[CodeMatch]] = {}
    unprinted = _Unprinted(lines, items)
    for p in range(len(lines.pages)):
        inline = False
        for i, line in enumerate(lines.page_lines(p), start=lines.page_starts[p]):
            if line.furniture:
                continue
            codes = _row_start(line.text, items)
            if not codes:
                codes = unprinted.row_codes(i, line.text) or codes
            if codes is None and inline:
                codes = inline_codes(line.text) or None
            if codes is not None:
                starts[i] = codes
            elif is_inline_header(line.text):
                inline = True
    return _without_other_frameworks(lines, starts)


@given(st.lists(page_text, min_size=1, max_size=4), st.data())
def test_row_starts_are_those_of_every_line_tested_in_full(
    pages: list[str], data: st.DataObject
) -> None:
    furniture = [
        frozenset(data.draw(st.lists(st.sampled_from(text.split("\n")), max_size=2)))
        for text in pages
    ]
    lines = ReportLines(_report(list(zip(pages, furniture, strict=True))))
    assert row_starts(lines, ITEMS) == _every_line(lines, ITEMS)


def test_a_title_wrapped_in_its_column_is_found_where_its_first_word_ends_a_line() -> None:
    # The page holds no "a)": only the titles' pre-test lets the row's line through, and the
    # title's first word ends the line ("Describe" then a line break, no space).
    text = "14  Describe\n    the board's oversight of\n    climate-related risks"
    found = row_starts(ReportLines(_report([(text, frozenset())])), ITEMS)
    assert [c.code for c in found[0]] == ["GOV-a"]


def test_a_letter_under_its_group_is_found_on_a_page_without_names_or_titles() -> None:
    # Only "a) " lets the page through: its group stands alone on the line above.
    text = "Strategy\na) Horizons over which risks arise  14"
    found = row_starts(ReportLines(_report([(text, frozenset())])), ITEMS)
    assert [c.code for c in found[1]] == [ITEMS.groups["strategy"]["a"]]
