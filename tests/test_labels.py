"""Printed page labels of text reports: one folio per page, or two on a two-page spread."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xesg.load import labels
from xesg.load.labels import assign_labels
from xesg.load.text import parse_text_report

TITLE = "Kestrel Sustainability Report 2024"


def _spread(left: int, body: str = "We describe our work.") -> str:
    return f"{body}\n{left} {TITLE} {TITLE} {left + 1}"


def test_a_two_page_spread_carries_both_folios() -> None:
    chunks = [TITLE, *(_spread(2 * n) for n in range(1, 8))]
    pages = assign_labels(chunks)
    assert [(p.label, p.second_label) for p in pages] == [
        ("1", None),  # the cover: only its right-hand page is numbered
        *((str(2 * n), str(2 * n + 1)) for n in range(1, 8)),
    ]
    assert [p.label_source for p in pages][1:] == ["printed"] * 7
    assert all(p.furniture for p in pages[1:])  # the folio line is furniture, not text


def test_single_folios_are_no_spread() -> None:
    chunks = [f"Our work on page {n}.\n{n}" for n in range(1, 9)]
    pages = assign_labels(chunks)
    assert [(p.label, p.second_label) for p in pages] == [(str(n), None) for n in range(1, 9)]


def test_a_report_of_spreads_has_every_printed_page() -> None:
    text = "\f".join(["Cover", *(_spread(2 * n) for n in range(1, 6))])
    report = parse_text_report(text, "spreads.txt", "utf-8", None)
    assert (report.first_label, report.last_label) == ("1", "11")
    assert all(report.has_page(n) for n in range(1, 12)) and not report.has_page(12)
    assert report.page_label("9") == "8" and report.page_label("8") == "8"


@given(
    first=st.integers(min_value=1, max_value=300),
    count=st.integers(min_value=6, max_value=30),
    unnumbered=st.sets(st.integers(min_value=0, max_value=29), max_size=2),
)
def test_spreads_follow_the_printed_folios(first: int, count: int, unnumbered: set[int]) -> None:
    chunks = [
        "We describe our work." if i in unnumbered else _spread(first + 2 * i) for i in range(count)
    ]
    pages = assign_labels(chunks)
    expected = [(str(first + 2 * i), str(first + 2 * i + 1)) for i in range(count)]
    assert [(p.label, p.second_label) for p in pages] == expected


_EDGE_LINE = st.lists(
    st.sampled_from(["12", "7", "٣", "²", "Page", "p.", "Tidewater Report", " ", "  ", " | ", "-"]),
    min_size=1,
    max_size=6,
).map(lambda parts: "".join(parts).strip())


@given(st.lists(_EDGE_LINE.filter(bool), max_size=6))
def test_page_numbers_are_found_as_trying_both_patterns_on_every_line(lines: list[str]) -> None:
    expected = []
    for line in lines:
        if lone := labels._LONE.match(line):
            expected.append((int(lone.group(1)), line))
        elif beside := labels._BESIDE_TITLE.match(line):
            expected.append((int(beside.group(1) or beside.group(2)), line))
    assert labels._candidates(lines) == expected
