"""A line that is not a row never changes the rows of an index (issue 11, general case 1).

Footnotes, page headers and footers, navigation bands, repeated header rows, captions and
section bands are printed between the rows of real indexes. Inserted anywhere between the rows
of a fixture index, they must be skipped: the parsed rows (code, description, locations) stay
the same. In tab-separated text the line stands alone between two rows; in Markdown a line
that is not a pipe row ends the pipe table, so there it splits the index into two tables, the
second under a repeated header (as in a PDF converted page by page). In a spreadsheet the line
is a row of its own: its one cell (or the header's cells, repeated).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.index.parse import read_index
from xesg.load.markdown import parse_markdown_document
from xesg.load.spreadsheet import Sheet, sheet_page
from xesg.load.text import parse_text_report
from xesg.model.document import Report

CELLS = [
    ("Environmental", "Emissions", "HKEx ESG Guide", "A1", "General Disclosure: emissions", "P20"),
    ("", "", "", "A1.1", "Types of emissions and emission data", "P21"),
    ("", "", "", "A1.2", "Greenhouse gas emissions in total", "P22 - 23"),
    ("", "", "GRI Standards", "305-1", "Direct (Scope 1) GHG emissions", "P22"),
    ("", "", "", "305-2", "Energy indirect (Scope 2) GHG emissions", "P23"),
    ("", "Use of Resources", "HKEx ESG Guide", "A2", "General Disclosure on resource use", "P24"),
    ("", "", "", "A2.1", "Direct and indirect energy consumption", "P25"),
    ("", "", "GRI Standards", "302-1", "Energy consumption within the organization", "P25"),
    ("Social", "Employment", "HKEx ESG Guide", "B1", "General Disclosure on employment", "P30"),
    ("", "", "", "B1.1", "Total workforce by gender", "P31"),
    ("", "", "GRI Standards", "401-1", "New employee hires and employee turnover", "P31 - 32"),
    ("", "", "", "2-7", "Employees", "P31"),
]  # fmt: skip
HEADER = ("Chapter", "Section", "Standard", "Code", "Description", "Page/Explanation")
# Lines printed between rows in real reports: none of them is a row.
NOT_ROWS = [
    "\t".join(HEADER),  # the header repeated at the top of a page
    "¹ The acronyms in this column refer to the HKEx ESG Reporting Guide.",
    "* Figures for 2023 were restated, see page 40.",
    "Kestrel Bay Holdings  Environmental, Social and Governance Report 2024",
    "Responsible Operations    People and Communities    Our Planet",
    "Page 12 of 40",
    "57",
    "GRI Content Index (continued)",
    "MATERIAL TOPICS",
    "Environmental",
    "Table 2. Activity metrics",
]
TITLE = "Kestrel Bay Holdings - ESG Content Index"


def tab_text(interruptions: dict[int, list[str]]) -> Report:
    lines = [TITLE, "", "\t".join(HEADER)]
    for k, row in enumerate(CELLS):
        lines += interruptions.get(k, [])
        lines.append("\t".join(row))
    return parse_text_report("\n".join(lines), "synthetic.txt", "utf-8", None)


def markdown(interruptions: dict[int, list[str]]) -> Report:
    def pipe(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cells) + " |"

    header = [pipe(HEADER), pipe(tuple("---" for _ in HEADER))]
    lines = [f"# {TITLE}", "", *header]
    for k, row in enumerate(CELLS):
        if k in interruptions:
            lines += ["", *interruptions[k], "", *header]
        lines.append(pipe(row))
    return parse_markdown_document("\n".join(lines) + "\n").report


def spreadsheet(interruptions: dict[int, list[str]]) -> Report:
    rows: list[tuple[str, ...]] = [(TITLE,), (), HEADER]
    for k, row in enumerate(CELLS):
        rows += [tuple(line.split("\t")) for line in interruptions.get(k, [])]
        rows.append(row)
    sheet = Sheet("Index", tuple(enumerate(rows, start=1)))
    return Report(path="index.csv", encoding="", pagination="none", pages=(sheet_page(sheet),))


FORMATS: dict[str, Callable[[dict[int, list[str]]], Report]] = {
    "text": tab_text,
    "markdown": markdown,
    "spreadsheet": spreadsheet,
}


def rows_of(report: Report) -> list[tuple[object, ...]]:
    # A spreadsheet is read as the index file it is (xesg.index.tabular).
    index_file = any(page.line_numbers for page in report.pages)
    return [
        (e.code, e.description, tuple((loc.kind, loc.start, loc.end) for loc in e.locations))
        for e in read_index(report, index_file=index_file)[0].entries
    ]


@pytest.mark.parametrize("build", FORMATS.values(), ids=FORMATS.keys())
def test_the_fixture_parses_whole(build: Callable[[dict[int, list[str]]], Report]) -> None:
    assert [r[0] for r in rows_of(build({}))] == [row[3] for row in CELLS]


@pytest.mark.parametrize("build", FORMATS.values(), ids=FORMATS.keys())
@given(
    st.dictionaries(
        st.integers(1, len(CELLS) - 1),  # before row k: always inside the table
        st.lists(st.sampled_from(NOT_ROWS), min_size=1, max_size=2),
        min_size=1,
        max_size=4,
    )
)
def test_lines_that_are_not_rows_never_change_the_rows(
    build: Callable[[dict[int, list[str]]], Report], interruptions: dict[int, list[str]]
) -> None:
    assert rows_of(build(interruptions)) == rows_of(build({}))
