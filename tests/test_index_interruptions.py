"""A line that is not a row never changes the rows of an index (issue 11, general case 1).

Footnotes, page headers and footers, navigation bands, repeated header rows and section bands
are printed between the rows of real indexes. Inserted anywhere between the rows of a fixture
index, they must be skipped: the parsed rows (code, description, locations) stay the same.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xesg.index.parse import parse_index
from xesg.load.text import parse_text_report

HEADER = "Chapter\tSection\tStandard\tCode\tDescription\tPage/Explanation"
ROWS = [
    "Environmental\tEmissions\tHKEx ESG Guide\tA1\tGeneral Disclosure on air emissions\tP20",
    "\t\t\tA1.1\tTypes of emissions and emission data\tP21",
    "\t\t\tA1.2\tGreenhouse gas emissions in total\tP22 - 23",
    "\t\tGRI Standards\t305-1\tDirect (Scope 1) GHG emissions\tP22",
    "\t\t\t305-2\tEnergy indirect (Scope 2) GHG emissions\tP23",
    "\tUse of Resources\tHKEx ESG Guide\tA2\tGeneral Disclosure on resource use\tP24",
    "\t\t\tA2.1\tDirect and indirect energy consumption\tP25",
    "\t\tGRI Standards\t302-1\tEnergy consumption within the organization\tP25",
    "Social\tEmployment\tHKEx ESG Guide\tB1\tGeneral Disclosure on employment\tP30",
    "\t\t\tB1.1\tTotal workforce by gender\tP31",
    "\t\tGRI Standards\t401-1\tNew employee hires and employee turnover\tP31 - 32",
    "\t\t\t2-7\tEmployees\tP31",
]
# Lines printed between rows in real reports: none of them is a row.
NOT_ROWS = [
    "¹ The acronyms in this column refer to the HKEx ESG Reporting Guide.",
    "* Figures for 2023 were restated, see page 40.",
    "Kestrel Bay Holdings  Environmental, Social and Governance Report 2024",
    "Responsible Operations    People and Communities    Our Planet",
    HEADER,
    "MATERIAL TOPICS",
    "Environmental",
    "",
]

DOCUMENT_START = ["Kestrel Bay Holdings - ESG Content Index", ""]


def rows_of(lines: list[str]) -> list[tuple[object, ...]]:
    report = parse_text_report("\n".join(lines), "synthetic.txt", "utf-8", None)
    return [
        (e.code, e.description, tuple((loc.kind, loc.start, loc.end) for loc in e.locations))
        for e in parse_index(report).entries
    ]


def test_the_fixture_parses_whole() -> None:
    rows = rows_of([*DOCUMENT_START, HEADER, *ROWS])
    assert [r[0] for r in rows] == [row.split("\t")[3] for row in ROWS]


@given(
    st.lists(
        st.tuples(st.integers(1, len(ROWS) - 1), st.sampled_from(NOT_ROWS)),
        min_size=1,
        max_size=4,
    )
)
def test_lines_that_are_not_rows_never_change_the_rows(
    insertions: list[tuple[int, str]],
) -> None:
    body = list(ROWS)
    # Insert from the bottom up so earlier positions still point between the same rows.
    for position, line in sorted(insertions, key=lambda item: -item[0]):
        body.insert(position, line)
    assert rows_of([*DOCUMENT_START, HEADER, *body]) == rows_of([*DOCUMENT_START, HEADER, *ROWS])
