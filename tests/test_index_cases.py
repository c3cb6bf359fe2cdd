"""The general cases of content-index layout, each written in every format it can occur in.

Each case is one :class:`~tests.index_cases.Layout` and the rows a careful reader counts in
it; the test reads the rendered report as xesg reads any report and compares code,
description and cited pages row by row. Names, sentences and numbers are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index_cases import FORMATS, SPREADSHEETS, SUFFIX, Band, Layout, PageBreak, Row, render
from xesg.catalogue.descriptors import bundled_descriptors
from xesg.catalogue.load import bundled
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.parse import parse_index
from xesg.index.tabular import read_tabular_index
from xesg.load import load_report
from xesg.model.index import IndexEntry
from xesg.pipeline import named_items

Expected = tuple[str, str, tuple[tuple[int, int], ...]]  # code, description, (start, end) pages


def read_entries(layout: Layout, fmt: str, tmp_path: Path) -> tuple[IndexEntry, ...]:
    """The entries xesg reads from ``layout`` written in ``fmt``: a report's index, or an
    index file on its own (CSV, XLSX)."""
    path = tmp_path / f"report{SUFFIX[fmt]}"
    path.write_bytes(render(layout, fmt))
    # The names xesg check gives the parser: HKEx items by name, TCFD's by pillar and letter.
    names = named_items(bundled(bundled_descriptors().uncoded))
    if fmt in SPREADSHEETS:
        return read_tabular_index(path, names=names).table.entries
    return parse_index(load_report(path, TABLE_ANSWERS), None, names).entries


def read_rows(layout: Layout, fmt: str, tmp_path: Path) -> list[Expected]:
    return [
        (
            e.code,
            e.description,
            tuple((loc.start, loc.end) for loc in e.locations if loc.start is not None),
        )
        for e in read_entries(layout, fmt, tmp_path)
    ]


PROSE_PAGE = "Our year\nWe ran ferries and buses around the harbour.\n1"
GRI_HEADER = ("Standard", "Disclosure", "Description", "Page")
GRI_WIDTHS = (16, 14, 60, 12)


def gri(code: str, description: str, page: str, standard: str = "") -> Row:
    return Row((standard, code, description, page))


# 1. Lines that are no rows inside the table: a footnote, section bands, a caption, a page
# break with and without the header repeated. None of them may end the table or join a row.
INTERRUPTED = Layout(
    header=GRI_HEADER,
    widths=GRI_WIDTHS,
    items=(
        gri("2-1", "Organizational details", "14", "GRI 2"),
        gri("2-2", "Entities included in sustainability reporting", "14"),
        Band("¹ Figures cover the ferry and bus businesses only."),
        gri("2-3", "Reporting period, frequency and contact point", "15"),
        Band("MATERIAL TOPICS"),
        gri("3-1", "Process to determine material topics", "16"),
        gri("3-2", "List of material topics", "16-17"),
        PageBreak(header=True),
        Band("Environmental"),
        gri("302-1", "Energy consumption within the organization", "20", "GRI 302"),
        gri("302-3", "Energy intensity", "21"),
        Band("Table 4: GRI content index (continued)"),
        PageBreak(header=False),
        gri("305-1", "Direct (Scope 1) GHG emissions", "22", "GRI 305"),
        gri("305-2", "Energy indirect (Scope 2) GHG emissions", "22"),
        Band("Social"),
        gri("403-9", "Work-related injuries", "30", "GRI 403"),
    ),
)
INTERRUPTED_ROWS: list[Expected] = [
    ("2-1", "Organizational details", ((14, 14),)),
    ("2-2", "Entities included in sustainability reporting", ((14, 14),)),
    ("2-3", "Reporting period, frequency and contact point", ((15, 15),)),
    ("3-1", "Process to determine material topics", ((16, 16),)),
    ("3-2", "List of material topics", ((16, 17),)),
    ("302-1", "Energy consumption within the organization", ((20, 20),)),
    ("302-3", "Energy intensity", ((21, 21),)),
    ("305-1", "Direct (Scope 1) GHG emissions", ((22, 22),)),
    ("305-2", "Energy indirect (Scope 2) GHG emissions", ((22, 22),)),
    ("403-9", "Work-related injuries", ((30, 30),)),
]


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_lines_that_are_no_rows_never_end_the_table(fmt: str, tmp_path: Path) -> None:
    assert read_rows(INTERRUPTED, fmt, tmp_path) == INTERRUPTED_ROWS


# 2. A header row wrapped over two lines, whose words must take the right roles: "ESG
# Disclosure Standards" names the standard column, not the description.
WRAPPED_HEADER = Layout(
    header=("Section", "ESG Disclosure\nStandards", "Disclosure\nNumber/ Title", "Description",
            "Page no./\nExplanation"),
    widths=(18, 18, 16, 56, 14),
    items=(
        Row(("Emissions", "HKEx ESG Guide", "A1.1", "The types of emissions and\nrespective "
             "emissions data", "P30")),
        Row(("", "", "A1.2", "Direct and energy indirect\ngreenhouse gas emissions", "P30-31")),
        Row(("", "GRI Standards", "305-1", "Direct (Scope 1) GHG emissions", "P31")),
        Row(("Waste", "HKEx ESG Guide", "A1.3", "Total hazardous waste produced", "P32")),
    ),
)  # fmt: skip
WRAPPED_HEADER_ROWS: list[Expected] = [
    ("A1.1", "The types of emissions and respective emissions data", ((30, 30),)),
    ("A1.2", "Direct and energy indirect greenhouse gas emissions", ((30, 31),)),
    ("305-1", "Direct (Scope 1) GHG emissions", ((31, 31),)),
    ("A1.3", "Total hazardous waste produced", ((32, 32),)),
]


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_header_wrapped_over_two_lines(fmt: str, tmp_path: Path) -> None:
    assert read_rows(WRAPPED_HEADER, fmt, tmp_path) == WRAPPED_HEADER_ROWS


# 4. The code column is not the first: Topic | Metric | Code | Location.
SASB_HEADER = ("Topic", "Accounting metric", "Code", "Location")
CODE_THIRD = Layout(
    header=SASB_HEADER,
    widths=(22, 52, 16, 14),
    items=(
        Row(("Energy Management", "Total energy consumed,\npercentage grid electricity",
             "TC-SC-130a.1", "p. 40")),
        Row(("Water Management", "Total water withdrawn", "TC-SC-140a.1", "p. 41")),
        Row(("", "Total water consumed", "TC-SC-140a.2", "p. 41-42")),
        Row(("Waste", "Amount of hazardous waste", "TC-SC-150a.1", "p. 43")),
    ),
)  # fmt: skip
CODE_THIRD_ROWS: list[Expected] = [
    ("TC-SC-130a.1", "Total energy consumed, percentage grid electricity", ((40, 40),)),
    ("TC-SC-140a.1", "Total water withdrawn", ((41, 41),)),
    ("TC-SC-140a.2", "Total water consumed", ((41, 42),)),
    ("TC-SC-150a.1", "Amount of hazardous waste", ((43, 43),)),
]


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_code_column_in_the_middle(fmt: str, tmp_path: Path) -> None:
    assert read_rows(CODE_THIRD, fmt, tmp_path) == CODE_THIRD_ROWS


CODE_LAST = Layout(
    header=("Metric", "Location", "Code"),
    widths=(56, 16, 16),
    items=(
        Row(("Total energy consumed", "p. 40", "TC-SC-130a.1")),
        Row(("Total water withdrawn", "p. 41", "TC-SC-140a.1")),
        Row(("Amount of hazardous waste", "p. 43", "TC-SC-150a.1")),
        Row(("Percentage of hazardous waste recycled", "p. 44", "TC-SC-150a.2")),
    ),
)
CODE_LAST_ROWS: list[Expected] = [
    ("TC-SC-130a.1", "Total energy consumed", ((40, 40),)),
    ("TC-SC-140a.1", "Total water withdrawn", ((41, 41),)),
    ("TC-SC-150a.1", "Amount of hazardous waste", ((43, 43),)),
    ("TC-SC-150a.2", "Percentage of hazardous waste recycled", ((44, 44),)),
]


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_code_column_last(fmt: str, tmp_path: Path) -> None:
    assert read_rows(CODE_LAST, fmt, tmp_path) == CODE_LAST_ROWS


# 3. Codes broken over two lines of their cell, or written with a space, a trailing dot, a
# capital activity letter, or a clause of the disclosure.
BROKEN_CODES = Layout(
    header=SASB_HEADER,
    widths=(22, 44, 16, 14),
    items=(
        Row(("Greenhouse Gas", "Gross global Scope 1 emissions", "TC-SC-\n110a.1", "p. 71")),
        Row(("", "Strategy to manage Scope 1\nemissions", "TC-SC-\n110a.2", "p. 72")),
        Row(("Activity", "Total production", "TC-SC\n000.A", "p. 5")),
        Row(("Food", "Revenue from products", "FB-PF-130A.1", "p. 9")),
        Row(("Emissions", "Direct emissions", "305-1/a", "p. 10")),
        Row(("", "Employees by contract", "2-7-b", "p. 11")),
        Row(("", "Diversity of employees", "405-1/b-i", "p. 12")),
        Row(("", "Air emissions", "A1.1.", "p. 13")),
        Row(("", "Production by media type", "SV-ME 000.A", "p. 14")),
    ),
)  # fmt: skip
BROKEN_CODES_ROWS: list[Expected] = [
    ("TC-SC-110a.1", "Gross global Scope 1 emissions", ((71, 71),)),
    ("TC-SC-110a.2", "Strategy to manage Scope 1 emissions", ((72, 72),)),
    ("TC-SC-000.A", "Total production", ((5, 5),)),
    ("FB-PF-130a.1", "Revenue from products", ((9, 9),)),
    ("305-1", "Direct emissions", ((10, 10),)),
    ("2-7", "Employees by contract", ((11, 11),)),
    ("405-1", "Diversity of employees", ((12, 12),)),
    ("A1.1", "Air emissions", ((13, 13),)),
    ("SV-ME-000.A", "Production by media type", ((14, 14),)),
]


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_codes_broken_spaced_or_with_a_clause(fmt: str, tmp_path: Path) -> None:
    assert read_rows(BROKEN_CODES, fmt, tmp_path) == BROKEN_CODES_ROWS


# 5. Text extraction that ran a table's cells together with single spaces (no tabs, no runs
# of spaces): under a header naming a Code column, a SASB code between a line's words starts
# a row (SASB only: "2-3" or "A1" between words is as likely a range or a grid reference), a
# code broken over lines takes the metric below it, and the pages cited are found.
RUN_TOGETHER = Layout(
    header=SASB_HEADER,
    widths=(22, 44, 16, 14),
    items=(
        *BROKEN_CODES.items[:2],
        Band("¹ Scope 1 covers the fabs and offices."),
        *BROKEN_CODES.items[3:4],
        *CODE_THIRD.items,
        BROKEN_CODES.items[-1],
    ),
)
RUN_TOGETHER_ROWS = [
    *BROKEN_CODES_ROWS[:2],
    BROKEN_CODES_ROWS[3],
    *CODE_THIRD_ROWS,
    BROKEN_CODES_ROWS[-1],
]


def test_cells_run_together_with_single_spaces(tmp_path: Path) -> None:
    rows = read_rows(RUN_TOGETHER, "joined", tmp_path)
    assert [(code, pages) for code, _, pages in rows] == [
        (code, pages) for code, _, pages in RUN_TOGETHER_ROWS
    ]


# 5. A PDF whose text comes out column by column (every code, then every description …, the
# header last): rows are rebuilt from positions, not from the order of the text.
def test_pdf_text_in_column_order(tmp_path: Path) -> None:
    layout = Layout(header=SASB_HEADER, widths=CODE_THIRD.widths, items=CODE_THIRD.items,
                    column_order=True)  # fmt: skip
    assert read_rows(layout, "pdf", tmp_path) == CODE_THIRD_ROWS


# 6. Text set vertically in the page margin (a report's name along the edge) is no cell.
def test_pdf_rotated_margin_text_is_no_cell(tmp_path: Path) -> None:
    layout = Layout(header=GRI_HEADER, widths=GRI_WIDTHS, items=INTERRUPTED.items,
                    margin_text="KESTREL BAY ESG REPORT 2024")  # fmt: skip
    assert read_rows(layout, "pdf", tmp_path) == INTERRUPTED_ROWS


# 8. Framework codes at the end of KPI data rows (a report tagging each figure with the
# disclosures it answers) are no content index: no rows, and the rows are counted.
@pytest.mark.parametrize("sep", [" ", "\t", "   "])
def test_kpi_rows_tagged_with_codes_are_no_index(sep: str, tmp_path: Path) -> None:
    rows = [
        sep.join([name, "Mt CO2e", *map(str, (a, b, c)), "CCE-4", "EM-EP-110a.1", f"305-{k}"])
        for k, (name, a, b, c) in enumerate(
            [("Direct GHG emissions", 51, 60, 63), ("Carbon dioxide", 49, 58, 61),
             ("Methane", 40, 55, 67), ("Energy indirect emissions", 8, 9, 9),
             ("Other indirect emissions", 1200, 1350, 1400), ("Flaring", 3, 4, 4)],
            start=1,
        )
    ]  # fmt: skip
    header = sep.join(["", "Unit", "2022", "2021", "2020", "Ipieca", "SASB", "GRI"])
    text = "\n".join(["Environmental data", header, *rows])
    path = tmp_path / "data.txt"
    path.write_text(f"{PROSE_PAGE}\f{text}\n2\f{PROSE_PAGE}\n")
    table = parse_index(load_report(path, TABLE_ANSWERS))
    assert table.entries == ()
    assert table.tagged_rows == 6


# 7. Code-shaped text outside the index is no row: a list numbered like GRI codes, and a table
# of another framework whose "A1.1" and "B2" read like HKEx codes beside its "C6.5".
NUMBERED_LIST = "\n".join(
    [
        "How we chose our material topics",
        "3-1. We consider the views of passengers, staff and the harbour authority.",
        "3-2. We rank each topic by its effect on people and on the business.",
        "3-3. We test the ranking with the board's sustainability committee.",
        "3-4. We publish the list and review it every second year.",
        "3-5. We record how each topic is managed in the sections that follow.",
    ]
)
OTHER_FRAMEWORK = "\n".join(
    [
        "UN Guiding Principles Reporting Framework index",
        "\t".join(["Section", "Question", "Where we answer"]),
        *(
            "\t".join([code, f"Question {code} of the reporting framework", "Human rights section"])
            for code in ("A1", "A1.1", "A2", "A2.1", "B1", "B2", "C1", "C2.1", "C3", "C6.5")
        ),
    ]
)


@pytest.mark.parametrize("fmt", ["tabs", "markdown"])
@pytest.mark.parametrize("text", [NUMBERED_LIST, OTHER_FRAMEWORK], ids=["numbered", "ungp"])
def test_code_shaped_text_outside_the_index_is_no_row(fmt: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / f"report{SUFFIX[fmt]}"
    index = render(INTERRUPTED, fmt).decode()
    # Before the index and after it (where a row of the index's last table might go on).
    path.write_text(f"{text}\n\n{PROSE_PAGE}\n\n{index}\n\n{text}\n" if fmt == "markdown" else
                    f"{text}\n1\f{PROSE_PAGE}\f{index}\f{text}\n20\n")  # fmt: skip
    rows = [(e.code, e.description) for e in parse_index(load_report(path, TABLE_ANSWERS)).entries]
    assert rows == [(code, description) for code, description, _ in INTERRUPTED_ROWS]


# 9. Items lettered within groups and printed without codes (TCFD's recommended disclosures):
# the group ("Governance") in a cell merged over its items, printed once beside the first
# ("a) Describe …") or wrapped over two lines ("Risk" / "Management"); later items carry only
# their letter. A row's code comes from its group and letter.
LETTERED = Layout(
    header=("Pillar", "Recommended disclosure", "Where we report"),
    widths=(18, 56, 22),
    items=(
        Row(("Governance", "a) Describe the board's oversight of\nclimate-related risks.", "14")),
        Row(("", "b) Describe management's role in\nassessing climate-related risks.", "15")),
        Row(("Strategy", "a) Describe the climate-related risks\nover three horizons.", "16")),
        Row(("", "b) Describe the impact on the business.", "17")),
        Band("¹ Scenario work began this year."),
        Row(("", "c) Describe the resilience of the strategy.", "18-19")),
        PageBreak(header=True),
        Row(("Risk\nManagement", "a) Describe the processes for identifying\nrisks.", "20")),
        Row(("", "b) Describe the processes for managing risks.", "21")),
        Row(("Metrics and\nTargets", "a) Disclose the metrics used.", "22")),
        Row(("", "b) Disclose Scope 1 and Scope 2 emissions.", "23")),
    ),
)
LETTERED_ROWS: list[Expected] = [
    ("GOV-a", "Describe the board's oversight of climate-related risks.", ((14, 14),)),
    ("GOV-b", "Describe management's role in assessing climate-related risks.", ((15, 15),)),
    ("STR-a", "Describe the climate-related risks over three horizons.", ((16, 16),)),
    ("STR-b", "Describe the impact on the business.", ((17, 17),)),
    ("STR-c", "Describe the resilience of the strategy.", ((18, 19),)),
    ("RM-a", "Describe the processes for identifying risks.", ((20, 20),)),
    ("RM-b", "Describe the processes for managing risks.", ((21, 21),)),
    ("MT-a", "Disclose the metrics used.", ((22, 22),)),
    ("MT-b", "Disclose Scope 1 and Scope 2 emissions.", ((23, 23),)),
]


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_items_lettered_within_groups(fmt: str, tmp_path: Path) -> None:
    assert read_rows(LETTERED, fmt, tmp_path) == LETTERED_ROWS


# The same items with group and letter in one cell ("Governance (a)"), as a code column.
LETTERED_IN_ONE_CELL = Layout(
    header=("Recommendation", "Description", "Page"),
    widths=(26, 56, 12),
    items=(
        Row(("Governance (a)", "Board oversight of climate-related risks.", "14")),
        Row(("Governance (b)", "Management's role.", "15")),
        Row(("Strategy (a)", "Climate-related risks and opportunities.", "16")),
        Row(("Risk Management (a)", "Processes for identifying risks.", "20")),
        Row(("Metrics and Targets (b)", "Scope 1, 2 and 3 emissions.", "23")),
    ),
)


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_items_lettered_within_groups_in_one_cell(fmt: str, tmp_path: Path) -> None:
    assert read_rows(LETTERED_IN_ONE_CELL, fmt, tmp_path) == [
        ("GOV-a", "Board oversight of climate-related risks.", ((14, 14),)),
        ("GOV-b", "Management's role.", ((15, 15),)),
        ("STR-a", "Climate-related risks and opportunities.", ((16, 16),)),
        ("RM-a", "Processes for identifying risks.", ((20, 20),)),
        ("MT-b", "Scope 1, 2 and 3 emissions.", ((23, 23),)),
    ]


# The same items known by their titles alone (no letters, no codes), the titles wrapped in
# a narrow column: "Describe the organization's processes" opens two titles, and the line
# below tells which.
TITLED = Layout(
    header=("Pillar", "Recommended disclosure", "Page"),
    widths=(16, 44, 10),
    items=(
        Row(("Governance", "Describe the board's oversight of\n"
             "climate-related risks and\nopportunities.", "14")),
        Row(("", "Describe management's role in\n"
             "assessing and managing\nclimate-related risks.", "15")),
        Row(("Risk\nManagement", "Describe the organization's processes\n"
             "for managing climate-related risks.", "20")),
        Row(("", "Describe the organisation's processes\n"
             "for identifying and assessing\nclimate-related risks.", "21")),
        Row(("Metrics and\nTargets", "Disclose Scope 1, Scope 2, and, if\n"
             "appropriate, Scope 3 greenhouse gas\n(GHG) emissions, and the related risks.", "23")),
    ),
)  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_items_known_by_their_titles(fmt: str, tmp_path: Path) -> None:
    assert [(code, pages) for code, _, pages in read_rows(TITLED, fmt, tmp_path)] == [
        ("GOV-a", ((14, 14),)),
        ("GOV-b", ((15, 15),)),
        ("RM-b", ((20, 20),)),
        ("RM-a", ((21, 21),)),
        ("MT-b", ((23, 23),)),
    ]


def test_items_lettered_within_groups_one_line_each(tmp_path: Path) -> None:
    """Text extracted without columns: each item on a line of its own, its group opening the
    first item of the group; an item without its group goes on with the one before."""
    index = "\n".join(
        [
            "TCFD index",
            "Governance a) Describe the board's oversight of climate-related risks. p. 14",
            "b) Describe management's role in assessing climate-related risks. p. 15",
            "Strategy a) Describe the climate-related risks over three horizons. p. 16",
            "b) Describe the impact on the business. pp. 17-18",
        ]
    )
    path = tmp_path / "report.txt"
    path.write_text(f"{PROSE_PAGE}\f{index}\n2\f{PROSE_PAGE}\n")
    table = parse_index(
        load_report(path, TABLE_ANSWERS), None, named_items(bundled(bundled_descriptors().uncoded))
    )
    assert [
        (e.code, e.description, [(x.start, x.end) for x in e.locations]) for e in table.entries
    ] == [
        ("GOV-a", "Describe the board's oversight of climate-related risks.", [(14, 14)]),
        ("GOV-b", "Describe management's role in assessing climate-related risks.", [(15, 15)]),
        ("STR-a", "Describe the climate-related risks over three horizons.", [(16, 16)]),
        ("STR-b", "Describe the impact on the business.", [(17, 18)]),
    ]


def test_a_lettered_list_in_prose_is_no_row(tmp_path: Path) -> None:
    """Prose set out under the pillars' names, lettered, is a disclosure, not an index."""
    prose = "\n".join(
        [
            *("Governance", "a) The board met four times on climate matters.",
              "b) Management reports to the board each quarter."),
            *("Strategy", "a) We name risks over three horizons.",
              "b) Impacts are in the financial plan.", "c) The strategy is resilient."),
        ]
    )  # fmt: skip
    path = tmp_path / "report.txt"
    path.write_text(f"{PROSE_PAGE}\f{prose}\n2\f{PROSE_PAGE}\n")
    names = named_items(bundled(bundled_descriptors().uncoded))
    assert parse_index(load_report(path, TABLE_ANSWERS), None, names).entries == ()


# 10. A spreadsheet: title rows above the header, bands as rows of one cell, a header
# repeated after a page break (a sheet of its own in a workbook, after a cover sheet).
@pytest.mark.parametrize("fmt", SPREADSHEETS)
def test_spreadsheet_sheets_title_rows_and_bands(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"index{SUFFIX[fmt]}"
    path.write_bytes(render(INTERRUPTED, fmt))
    index = read_tabular_index(path)
    entries = index.table.entries
    # Rows 1-3 are the report's title, the index's and an empty one; the header is row 4.
    assert index.header_rows[0] == 4
    assert [(e.code, e.line) for e in entries[:3]] == [("2-1", 5), ("2-2", 6), ("2-3", 8)]
    # A band (a row of one cell) inside the table is a heading of the rows below it.
    assert [(e.code, e.section) for e in entries if e.code in ("2-3", "3-1", "403-9")] == [
        ("2-3", "¹ Figures cover the ferry and bus businesses only."),
        ("3-1", "MATERIAL TOPICS"),
        ("403-9", "Social"),
    ]
    assert index.columns == {
        "standard": ("Standard",),
        "code": ("Disclosure",),
        "description": ("Description",),
        "location": ("Page",),
    }
    if fmt == "xlsx":
        # The page break with its header repeated is the second sheet; the cover has no index.
        assert (index.sheets, index.header_rows) == (("Index 1", "Index 2"), (4, 1))
        assert index.notes == ("Sheets without an index: Cover.",)
        assert entries[5].code == "302-1" and entries[5].line == 3  # below the band "Environmental"
        assert entries[5].section == "Environmental"
    else:
        assert (index.sheets, index.header_rows) == ((), (4,))


# 11. Requirement text pasted below a disclosure's title in its cell ("The organization
# shall:" and the items of the requirement): the description is the title. Not Markdown: a
# pipe table's cell is one line. Titles that enumerate or wrap keep all their lines.
REQUIREMENTS = Layout(
    header=("Standard", "Disclosure", "Description", "Page"),
    widths=(16, 14, 60, 12),
    items=(
        gri("2-1", "Organizational details\nThe organization shall:\na. report its legal name;",
            "14", "GRI 2"),
        gri("2-7", "Employees\na. total number of employees, by gender;", "15"),
        gri("2-9", "Governance structure and composition.\nSee also the Annual Report.", "16"),
        gri("305-2", "Energy indirect (Scope\n2) GHG emissions", "22", "GRI 305"),
        Row(("HKEx", "A1", "Information on:\n(a) the policies; and\n(b) compliance with laws",
             "30")),
    ),
)  # fmt: skip


@pytest.mark.parametrize("fmt", ["tabs", "spaces", "html", "pdf", *SPREADSHEETS])
def test_requirement_text_below_a_title_is_no_description(fmt: str, tmp_path: Path) -> None:
    assert read_rows(REQUIREMENTS, fmt, tmp_path) == [
        ("2-1", "Organizational details", ((14, 14),)),
        ("2-7", "Employees", ((15, 15),)),
        ("2-9", "Governance structure and composition.", ((16, 16),)),
        ("305-2", "Energy indirect (Scope 2) GHG emissions", ((22, 22),)),
        ("A1", "Information on: (a) the policies; and (b) compliance with laws", ((30, 30),)),
    ]


def test_a_spreadsheet_entry_cites_its_row_whatever_its_cells_hold(tmp_path: Path) -> None:
    """A row whose cells hold several lines is one row: entries cite the sheet's row (the CSV
    record), not the lines its cells were laid out on."""
    entries = read_entries(REQUIREMENTS, "csv", tmp_path)
    assert [(e.code, e.line) for e in entries] == [
        ("2-1", 5), ("2-7", 6), ("2-9", 7), ("305-2", 8), ("A1", 9),
    ]  # fmt: skip


# 12. A header row with a year in a name ("GRI 2021 Standard"): still the header.
DATED_HEADER = Layout(
    header=("GRI 2021 Standard", "Disclosure", "Description", "Page"),
    widths=(20, 14, 50, 12),
    items=(
        gri("2-1", "Organizational details", "14", "GRI 2"),
        gri("2-2", "Entities included in sustainability reporting", "14"),
        gri("2-3", "Reporting period, frequency and contact point", "15"),
        gri("3-1", "Process to determine material topics", "16"),
    ),
)


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_a_header_with_a_year_is_the_header(fmt: str, tmp_path: Path) -> None:
    entries = read_entries(DATED_HEADER, fmt, tmp_path)
    assert [(e.code, e.standard_text) for e in entries] == [
        ("2-1", "GRI 2"), ("2-2", "GRI 2"), ("2-3", "GRI 2"), ("3-1", "GRI 2"),
    ]  # fmt: skip


# 13. Two location columns (this report's page, another report's): each cell is a location
# of its own.
TWO_LOCATIONS = Layout(
    header=("Disclosure", "Description", "Page", "Cross-reference"),
    widths=(14, 44, 10, 30),
    items=(
        Row(("2-1", "Organizational details", "14", "Annual Report p. 9")),
        Row(("2-2", "Entities included in reporting", "14", "Annual Report pp. 10-11")),
        Row(("2-3", "Reporting period", "15", "")),
        Row(("2-4", "Restatements of information", "", "Annual Report p. 12")),
    ),
)


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_two_location_columns(fmt: str, tmp_path: Path) -> None:
    entries = read_entries(TWO_LOCATIONS, fmt, tmp_path)
    assert [
        (e.code, [(loc.document, loc.start, loc.end) for loc in e.locations]) for e in entries
    ] == [
        ("2-1", [(None, 14, 14), ("Annual Report", 9, 9)]),
        ("2-2", [(None, 14, 14), ("Annual Report", 10, 11)]),
        ("2-3", [(None, 15, 15)]),
        ("2-4", [("Annual Report", 12, 12)]),
    ]


# 14. Several omission columns under one name over two header lines (rows, in a spreadsheet):
# "OMISSION" over "REASON" and "EXPLANATION". The explanation names each.
OMISSIONS = Layout(
    header=("Standard", "Disclosure", "Location", "OMISSION\nREASON", "\nEXPLANATION"),
    widths=(14, 40, 12, 28, 34),
    items=(
        Row(("GRI 2", "2-1 Organizational details", "p. 14", "", "")),
        Row(("", "2-7 Employees", "p. 15", "Information unavailable", "Systems are replaced.")),
        Row(("", "2-8 Workers who are not employees", "", "Not applicable", "We have none.")),
        Row(("", "2-9 Governance structure", "p. 16", "", "")),
    ),
)


@pytest.mark.parametrize("fmt", FORMATS + SPREADSHEETS)
def test_several_omission_columns_under_a_stacked_header(fmt: str, tmp_path: Path) -> None:
    entries = read_entries(OMISSIONS, fmt, tmp_path)
    assert [(e.code, e.explanation) for e in entries] == [
        ("2-1", None),
        ("2-7", "OMISSION REASON: Information unavailable EXPLANATION: Systems are replaced."),
        ("2-8", "OMISSION REASON: Not applicable EXPLANATION: We have none."),
        ("2-9", None),
    ]
    assert [e.description for e in entries] == [
        "Organizational details", "Employees", "Workers who are not employees",
        "Governance structure",
    ]  # fmt: skip


# 15. A heading inside the table: a row with text in its first cell only (``<td colspan>`` in
# HTML, a pipe row of one cell in Markdown, a row of one cell in a spreadsheet) is the section
# of the rows below it, wherever the reader knew the rows.
HEADINGS = Layout(
    header=("Disclosure", "Description", "Page"),
    widths=(16, 60, 12),
    items=(
        Row(("2-1", "Organizational details", "14")),
        Row(("2-2", "Entities included in sustainability reporting", "14")),
        Band("Environmental", in_table=True),
        Row(("302-1", "Energy consumption within the organization", "20")),
        Row(("302-3", "Energy intensity", "21")),
        Band("Social", in_table=True),
        Row(("403-9", "Work-related injuries", "30")),
    ),
)
HEADINGS_ROWS = [
    ("2-1", "Organizational details", None, "14"),
    ("2-2", "Entities included in sustainability reporting", None, "14"),
    ("302-1", "Energy consumption within the organization", "Environmental", "20"),
    ("302-3", "Energy intensity", "Environmental", "21"),
    ("403-9", "Work-related injuries", "Social", "30"),
]


@pytest.mark.parametrize("fmt", ["html", "markdown", *SPREADSHEETS])
def test_a_heading_row_inside_the_table_is_the_section_below(fmt: str, tmp_path: Path) -> None:
    entries = read_entries(HEADINGS, fmt, tmp_path)
    assert [(e.code, e.description, e.section, e.raw_location) for e in entries] == HEADINGS_ROWS


# 16. A code cell whose code is on a line below other text ("GRI 2:" over "2-1"): where the
# reader knew the rows (an HTML table, a spreadsheet; a pipe table's cell is one line), the row
# starts on its first line and all its text is its own, not the row above's.
CODE_BELOW = Layout(
    header=HEADINGS.header,
    widths=HEADINGS.widths,
    items=(
        Row(("GRI 2:\n2-1", "Organizational details", "14")),
        *HEADINGS.items[1:3],
        Row(("GRI 302:\n302-1", "Energy consumption within the organization", "20")),
        *HEADINGS.items[4:],
    ),
)


@pytest.mark.parametrize("fmt", ["html", *SPREADSHEETS])
def test_a_code_below_other_text_in_its_cell_starts_its_row(fmt: str, tmp_path: Path) -> None:
    entries = read_entries(CODE_BELOW, fmt, tmp_path)
    assert [(e.code, e.description, e.section, e.raw_location) for e in entries] == HEADINGS_ROWS
