# ruff: noqa: E501  (table rows are kept on one line so their columns stay visible)
"""Layout quirks of content indexes, parsed from synthetic report texts.

Every report text here is invented (company names, wording and page numbers are made up). Each
test feeds a text through ``parse_text_report`` and ``parse_index`` and asserts exact fields of
the resulting ``IndexEntry`` objects.
"""

from __future__ import annotations

import pytest

from xesg.index.parse import parse_index
from xesg.load.markdown import parse_markdown_document
from xesg.load.text import parse_text_report
from xesg.model.document import Report
from xesg.model.index import IndexEntry, IndexTable, LocationKind

PAGE = LocationKind.PAGE
DOC = LocationKind.DOCUMENT
URL = LocationKind.URL
SECTION = LocationKind.SECTION


# --------------------------------------------------------------------------------------------
# helpers


def parse(text: str, first_page: int | None = None) -> tuple[Report, IndexTable]:
    report = parse_text_report(text, "synthetic.txt", "utf-8", first_page)
    return report, parse_index(report)


def by_code(table: IndexTable) -> dict[str, IndexEntry]:
    entries = {e.code: e for e in table.entries}
    assert len(entries) == len(table.entries), [e.code for e in table.entries]
    return entries


def codes(table: IndexTable) -> list[str]:
    return [e.code for e in table.entries]


def locs(entry: IndexEntry) -> list[tuple]:
    """(kind, start, end, document, target) of each location."""
    return [(loc.kind, loc.start, loc.end, loc.document, loc.target) for loc in entry.locations]


def pages(entry: IndexEntry) -> list[tuple[int | None, int | None]]:
    return [(loc.start, loc.end) for loc in entry.locations]


def aligned(widths: list[int], *cells: str) -> str:
    """One row of a space-aligned table (as ``pdftotext -layout`` writes it)."""
    out = ""
    for width, cell in zip(widths, cells[:-1], strict=False):
        assert len(cell) <= width - 2, (cell, width)  # keep 2+ spaces between cells
        out += cell.ljust(width)
    return (out + cells[-1]).rstrip()


def table(title: str, widths: list[int], *rows: tuple[str, ...]) -> str:
    """A titled space-aligned table: its header row first, then its rows."""
    return "\n".join([title, *(aligned(widths, *row) for row in rows)])


def labels(report: Report) -> list[tuple[str | None, str]]:
    return [(p.label, p.label_source) for p in report.pages]


TAB_HEADER = "Chapter\tSection\tStandard\tCode\tDescription\tPage/Explanation"


# --------------------------------------------------------------------------------------------
# 1. tab-separated columns, empty Chapter/Section/Standard cells carried down


def test_tab_columns_carry_down_chapter_section_standard():
    text = "\n".join(
        [
            "Kestrel Bay Holdings - ESG Content Index",
            "",
            TAB_HEADER,
            "Environmental\tEmissions\tHKEx ESG Guide\tA1\tGeneral Disclosure on air emissions\tP20",
            "\t\t\tA1.1\tTypes of emissions and emission data\tP21",
            "\t\t\tA1.2\tGreenhouse gas emissions in total\tP22 - 23",
            "\tUse of Resources\t\tA2\tGeneral Disclosure on resource use\tP24",
            "\t\t\tA2.1\tDirect and indirect energy consumption\tP25",
            "Social\tEmployment\t\tB1\tGeneral Disclosure on employment\tP30",
            "\t\t\tB1.1\tTotal workforce by gender\tP31",
        ]
    )
    report, table = parse(text)
    assert report.pagination == "none"
    assert table.layout == "columns"
    assert codes(table) == ["A1", "A1.1", "A1.2", "A2", "A2.1", "B1", "B1.1"]
    got = [(e.code, e.chapter, e.section, e.standard_text, e.standard) for e in table.entries]
    assert got == [
        ("A1", "Environmental", "Emissions", "HKEx ESG Guide", "hkex"),
        ("A1.1", "Environmental", "Emissions", "HKEx ESG Guide", "hkex"),
        ("A1.2", "Environmental", "Emissions", "HKEx ESG Guide", "hkex"),
        ("A2", "Environmental", "Use of Resources", "HKEx ESG Guide", "hkex"),
        ("A2.1", "Environmental", "Use of Resources", "HKEx ESG Guide", "hkex"),
        ("B1", "Social", "Employment", "HKEx ESG Guide", "hkex"),
        ("B1.1", "Social", "Employment", "HKEx ESG Guide", "hkex"),
    ]
    e = by_code(table)
    assert e["A1.2"].description == "Greenhouse gas emissions in total"
    assert e["A1.2"].raw_code == "A1.2"
    assert locs(e["A1.2"]) == [(PAGE, 22, 23, None, None)]
    assert e["A1.2"].line == 6
    assert e["A1.2"].page is None  # unpaginated text
    assert e["B1.1"].description == "Total workforce by gender"
    assert locs(e["B1.1"]) == [(PAGE, 31, 31, None, None)]
    assert all(x.merged_codes == () and x.malformed == () for x in table.entries)


# --------------------------------------------------------------------------------------------
# 2. space-aligned columns over two form-feed pages, header repeated on page 2

W2 = [15, 19, 18, 7, 45]


def _space_header(widths: list[int]) -> str:
    return aligned(
        widths, "Chapter", "Section", "Standard", "Code", "Description", "Page/Explanation"
    )


def _two_page_space_index(page2_widths: list[int], page2_title: str | None = None) -> str:
    def r1(*cells: str) -> str:
        return aligned(W2, *cells)

    def r2(*cells: str) -> str:
        return aligned(page2_widths, *cells)

    cover = "Kestrel Bay Holdings\nEnvironmental, Social and Governance Report 2023\n"
    page1 = [
        "CONTENT INDEX",
        "",
        _space_header(W2),
        r1("Environmental", "Emissions", "HKEx ESG Guide", "A1", "General Disclosure on air emissions", "P20"),
        r1("", "", "", "A1.1", "Types of emissions and emission data", "P21"),
        r1("", "", "", "A1.2", "Greenhouse gas emissions in total", "P22 - 23"),
        r1("", "Use of Resources", "", "A2", "General Disclosure on resource use", "P24"),
        "",
        "60",
    ]  # fmt: skip
    page2 = [
        *([page2_title, ""] if page2_title else []),
        _space_header(page2_widths),
        r2("", "", "", "A2.1", "Direct and indirect energy use", "P25"),
        r2("Social", "Employment", "", "B1", "General Disclosure on employment", "P30"),
        r2("", "", "", "B1.1", "Total workforce by gender", "P31"),
        "",
        "61",
    ]
    return "\f".join([cover, "\n".join(page1), "\n".join(page2)]) + "\f"


EXPECTED_TWO_PAGES = [
    ("A1", "60", "Environmental", "Emissions", "General Disclosure on air emissions"),
    ("A1.1", "60", "Environmental", "Emissions", "Types of emissions and emission data"),
    ("A1.2", "60", "Environmental", "Emissions", "Greenhouse gas emissions in total"),
    ("A2", "60", "Environmental", "Use of Resources", "General Disclosure on resource use"),
    ("A2.1", "61", "Environmental", "Use of Resources", "Direct and indirect energy use"),
    ("B1", "61", "Social", "Employment", "General Disclosure on employment"),
    ("B1.1", "61", "Social", "Employment", "Total workforce by gender"),
]


def _two_page_rows(table: IndexTable) -> list[tuple]:
    return [(e.code, e.page, e.chapter, e.section, e.description) for e in table.entries]


def test_space_aligned_columns_header_repeated_on_second_page():
    report, table = parse(_two_page_space_index(W2))
    assert report.pagination == "form-feed"
    assert labels(report)[1:] == [("60", "printed"), ("61", "printed")]
    assert table.layout == "columns"
    assert table.pages == ("60", "61")
    assert _two_page_rows(table) == EXPECTED_TWO_PAGES
    e = by_code(table)
    assert all(x.standard == "hkex" and x.standard_text == "HKEx ESG Guide" for x in table.entries)
    assert locs(e["A1.2"]) == [(PAGE, 22, 23, None, None)]
    assert locs(e["A2"]) == [(PAGE, 24, 24, None, None)]  # the printed "60" is not a location
    assert locs(e["A2.1"]) == [(PAGE, 25, 25, None, None)]


def test_space_aligned_columns_repacked_on_second_page():
    _, table = parse(_two_page_space_index([11, 14, 10, 7, 42]))
    assert _two_page_rows(table) == EXPECTED_TWO_PAGES


def test_continued_title_on_second_page_is_not_a_chapter():
    _, table = parse(_two_page_space_index(W2, page2_title="Content Index (continued)"))
    assert _two_page_rows(table) == EXPECTED_TWO_PAGES


def test_text_after_the_table_is_not_part_of_the_last_row():
    widths = [9, 40]
    text = "\n".join(
        [
            "Content Index",
            aligned(widths, "Code", "Description", "Page/Explanation"),
            aligned(widths, "A1", "General Disclosure", "P20"),
            aligned(widths, "A1.1", "Types of emissions", "P21"),
            aligned(widths, "A1.2", "Greenhouse gas emissions", "P22"),
            aligned(widths, "A1.3", "Hazardous waste produced", "P23"),
            "",
            "Note: page numbers refer to this report unless stated otherwise.",
            "",
            "Independent Limited Assurance Report",
            "To the Board of Directors of Kestrel Bay Holdings Limited",
        ]
    )
    _, table = parse(text)
    assert codes(table) == ["A1", "A1.1", "A1.2", "A1.3"]
    assert by_code(table)["A1.3"].description == "Hazardous waste produced"
    assert locs(by_code(table)["A1.3"]) == [(PAGE, 23, 23, None, None)]
    # Same with a Chapter column: the trailing line must not become the chapter.
    tab = "\n".join(
        [
            TAB_HEADER,
            "Environmental\tEmissions\tHKEx ESG Guide\tA1\tGeneral Disclosure\tP20",
            "\t\t\tA1.1\tTypes of emissions\tP21",
            "\t\t\tA1.2\tGreenhouse gas emissions\tP22",
            "\t\t\tA1.3\tHazardous waste produced\tP23",
            "",
            "Note: page numbers refer to this report unless stated otherwise.",
        ]
    )
    _, table = parse(tab)
    assert [e.chapter for e in table.entries] == ["Environmental"] * 4
    assert by_code(table)["A1.3"].description == "Hazardous waste produced"


def test_a_topic_title_and_repeated_header_below_a_wrapped_row_on_the_same_page():
    # One table per topic, each under its title and the header again: the last row of a
    # topic keeps its wrapped lines; the next topic's title (one cell across the column
    # edge) is neither description nor location.
    widths = [12, 25]
    header = aligned(widths, "Reference", "Requirement", "GRI topic disclosures")
    text = "\n".join(
        [
            "GRI 302: Energy 2016",
            header,
            aligned(widths, "302-1", "Energy consumption", "FY24 Annual Report (pages"),
            aligned(widths, "", "within the company", "40-41)"),
            aligned(widths, "302-4", "Reduction of energy", "FY24 Annual Report"),
            aligned(widths, "", "consumption", "(page 42)"),
            "GRI 305: Emissions 2016",
            header,
            aligned(widths, "305-1", "Direct (Scope 1) GHG", "FY24 Annual Report (page 44)"),
            aligned(widths, "", "emissions", ""),
            aligned(widths, "305-2", "Energy indirect (Scope", "p. 45"),
            aligned(widths, "", "2) GHG emissions", ""),
        ]
    )
    _, table = parse(text)
    got = [(e.code, e.description, e.raw_location.replace("\n", " ")) for e in table.entries]
    assert got == [
        ("302-1", "Energy consumption within the company", "FY24 Annual Report (pages 40-41)"),
        ("302-4", "Reduction of energy consumption", "FY24 Annual Report (page 42)"),
        ("305-1", "Direct (Scope 1) GHG emissions", "FY24 Annual Report (page 44)"),
        ("305-2", "Energy indirect (Scope 2) GHG emissions", "p. 45"),
    ]


def _placed(*cells: tuple[int, str]) -> str:
    """One line with each text starting at its column."""
    out = ""
    for column, text in cells:
        assert not out or len(out) <= column - 2, (out, column)
        out = out.ljust(column) + text
    return out


def test_names_centred_over_wide_columns():
    # Each name sits in the middle of its column, so every cell starts well left of it: a
    # short reference would fall under "Code", a description's wrapped line under "Topic".
    text = "\n".join(
        [
            _placed((0, "Topic"), (34, "Accounting metric"), (70, "Code"), (96, "Index")),
            _placed(
                (0, "Data security"),
                (18, "Approach to identifying data security risks"),
                (64, "FN-CB-230a.2"),
                (84, "Annual Report p. 83"),
            ),
            _placed(
                (0, "Business ethics"),
                (18, "Description of whistleblower policies and"),
                (64, "FN-CB-510a.2"),
                (84, "Annual Report p. 80"),
            ),
            _placed((18, "procedures"), (84, "Governance Report")),
            _placed(
                (18, "Description of approach to professional"), (64, "FN-IB-510b.4"), (84, "p. 82")
            ),
            _placed(
                (18, "integrity"),
            ),
            _placed(
                (0, "Systemic risk"), (18, "Score by category"), (64, "FN-CB-550a.1"), (84, "p. 37")
            ),
        ]
    )
    _, table = parse(text)
    got = [
        (e.code, e.section, e.description, e.raw_location.replace("\n", " ")) for e in table.entries
    ]
    assert got == [
        (
            "FN-CB-230a.2",
            "Data security",
            "Approach to identifying data security risks",
            "Annual Report p. 83",
        ),
        (
            "FN-CB-510a.2",
            "Business ethics",
            "Description of whistleblower policies and procedures",
            "Annual Report p. 80 Governance Report",
        ),
        (
            "FN-IB-510b.4",
            "Business ethics",
            "Description of approach to professional integrity",
            "p. 82",
        ),
        ("FN-CB-550a.1", "Systemic risk", "Score by category", "p. 37"),
    ]


def test_rows_whose_identifier_is_no_code_keep_their_text():
    # "203" (the management approach of topic 203) is no code: its row is not reported, and
    # its text is not the row above's. "FS6" (a G4 financial-services sector disclosure) is a
    # row of its own, read though no catalogue checks it.
    widths = [26, 10, 34]
    text = "\n".join(
        [
            aligned(widths, "GRI standard", "Code", "Disclosure", "Location"),
            aligned(
                widths, "201: Economic", "201-1", "Direct economic value", "Annual Report p. 24"
            ),
            aligned(widths, "Performance", "", "generated and distributed", ""),
            aligned(
                widths, "203: Indirect", "203", "Management approach", "Our approach is set out in"
            ),
            aligned(widths, "Economic Impacts", "", "", "our Strategy, pages 63-68."),
            aligned(widths, "", "203-1", "Infrastructure investments", "p. 71"),
            aligned(widths, "", "203-2", "Significant indirect impacts", "p. 72"),
            aligned(widths, "", "FS6", "Portfolio by region and size", "p. 73"),
            aligned(widths, "", "", "of business", "Annual Report p. 40"),
            aligned(
                widths, "205: Anti-corruption", "205-1", "Operations assessed for risks", "p. 96"
            ),
        ]
    )
    _, table = parse(text)
    got = [
        (e.code, e.standard_text, e.description, e.raw_location.replace("\n", " "))
        for e in table.entries
    ]
    assert got == [
        (
            "201-1",
            "201: Economic Performance",
            "Direct economic value generated and distributed",
            "Annual Report p. 24",
        ),
        ("203-1", "203: Indirect Economic Impacts", "Infrastructure investments", "p. 71"),
        ("203-2", "203: Indirect Economic Impacts", "Significant indirect impacts", "p. 72"),
        (
            "FS6",
            "203: Indirect Economic Impacts",
            "Portfolio by region and size of business",
            "p. 73 Annual Report p. 40",
        ),
        ("205-1", "205: Anti-corruption", "Operations assessed for risks", "p. 96"),
    ]


# --------------------------------------------------------------------------------------------
# 3. descriptions wrapped over two or three physical lines


def test_wrapped_description_space_aligned():
    widths = [15, 19, 18, 7, 36]

    def row(*cells: str) -> str:
        return aligned(widths, *cells)

    text = "\n".join(
        [
            "CONTENT INDEX",
            aligned(
                widths, "Chapter", "Section", "Standard", "Code", "Description", "Page/Explanation"
            ),
            row("Environmental", "Emissions", "HKEx ESG Guide", "A1", "General Disclosure on air", "P20"),
            row("", "", "", "", "emissions and discharges", ""),
            row("", "", "", "A1.1", "The types of emissions and", "P21"),
            row("", "", "", "", "respective emissions data, by", "P23"),
            row("", "", "", "", "source and facility", ""),
            row("", "", "", "A1.2", "Direct and energy indirect", "P22 - 23"),
            row("", "", "", "", "greenhouse gas emissions", ""),
            row("", "", "", "A1.3", "Total hazardous waste produced", "P24"),
        ]
    )  # fmt: skip
    _, table = parse(text)
    assert codes(table) == ["A1", "A1.1", "A1.2", "A1.3"]
    e = by_code(table)
    assert e["A1"].description == "General Disclosure on air emissions and discharges"
    assert locs(e["A1"]) == [(PAGE, 20, 20, None, None)]
    assert e["A1.1"].description == (
        "The types of emissions and respective emissions data, by source and facility"
    )
    assert locs(e["A1.1"]) == [(PAGE, 21, 21, None, None), (PAGE, 23, 23, None, None)]
    assert e["A1.2"].description == "Direct and energy indirect greenhouse gas emissions"
    assert locs(e["A1.2"]) == [(PAGE, 22, 23, None, None)]
    assert e["A1.3"].description == "Total hazardous waste produced"
    assert [x.line for x in table.entries] == [3, 5, 8, 10]
    assert all(x.chapter == "Environmental" and x.section == "Emissions" for x in table.entries)


def test_wrapped_description_tab_separated_with_page_and_explanation():
    text = "\n".join(
        [
            TAB_HEADER,
            "Environmental\tUse of Resources\tHKEx ESG Guide\tA2\tGeneral Disclosure on use of\tP24",
            "\t\t\t\tresources",
            "\t\t\tA2.4\tIssues in sourcing water that is fit\tP26; Annual Report,",
            "\t\t\t\tfor purpose\tP150 – 156",
            "\t\t\tA2.5\tTotal packaging material used for\tNot applicable: we do not",
            "\t\t\t\tfinished products\tmanufacture products.",
            "\t\t\tA3\tGeneral Disclosure on the\tPlease refer to P36 for",
            "\t\t\t\tenvironment and natural\tour approach.",
            "\t\t\t\tresources",
        ]
    )
    _, table = parse(text)
    assert codes(table) == ["A2", "A2.4", "A2.5", "A3"]
    e = by_code(table)
    assert e["A2"].description == "General Disclosure on use of resources"
    assert e["A2.4"].description == "Issues in sourcing water that is fit for purpose"
    assert locs(e["A2.4"]) == [
        (PAGE, 26, 26, None, None),
        (DOC, 150, 156, "Annual Report", None),
    ]
    assert e["A2.5"].description == "Total packaging material used for finished products"
    assert e["A2.5"].locations == ()
    assert e["A2.5"].explanation == "Not applicable: we do not manufacture products."
    assert e["A3"].description == "General Disclosure on the environment and natural resources"
    assert locs(e["A3"]) == [(PAGE, 36, 36, None, None)]
    assert e["A3"].explanation == "Please refer to P36 for our approach."


def test_wrapped_description_starting_with_part_b_words():
    text = "\n".join(
        [
            TAB_HEADER,
            "General Disclosures\tThe organization\tGRI Standards\t2-1\tOrganizational details\tP5",
            "\t\t\t2-2\tEntities included in the\tP6",
            "\t\t\t\treporting boundary of this report",
            "\t\t\t2-3\tReporting period, frequency and contact point\tP2",
            "\t\t\t2-4\tRestatements of information\tP7",
        ]
    )
    _, table = parse(text)
    assert codes(table) == ["2-1", "2-2", "2-3", "2-4"]
    assert by_code(table)["2-2"].description == (
        "Entities included in the reporting boundary of this report"
    )


# --------------------------------------------------------------------------------------------
# 4. two codes in one cell


@pytest.mark.parametrize(
    ("cell", "first", "second"),
    [
        ("P101 - 102 P101 - 102", [(101, 102)], [(101, 102)]),
        ("P104 P105", [(104, 104)], [(105, 105)]),
    ],
)
def test_two_codes_in_one_cell(cell: str, first: list, second: list):
    text = "\n".join(
        [
            "Standard\tCode\tDescription\tPage",
            "GRI Standards\t2-1\tOrganizational details\tP5",
            "\t2-7\tEmployees\tP40",
            f"\t2-9 2-12\tGovernance structure; role of the board in managing impacts\t{cell}",
            "\t2-22\tStatement on sustainable development strategy\tP3",
        ]
    )
    _, table = parse(text)
    assert codes(table) == ["2-1", "2-7", "2-9", "2-12", "2-22"]
    e = by_code(table)
    for code, expected in (("2-9", first), ("2-12", second)):
        entry = e[code]
        assert entry.merged_codes == ("2-9", "2-12")
        assert entry.raw_code == code
        assert entry.standard == "gri"
        assert entry.description == "Governance structure; role of the board in managing impacts"
        assert pages(entry) == expected
        assert all(loc.kind == PAGE for loc in entry.locations)
        assert entry.line == 4
    assert e["2-7"].merged_codes == () and e["2-22"].merged_codes == ()


def test_two_codes_joined_by_slash():
    text = table(
        "GRI Content Index",
        [18, 45],
        ("Code", "Description", "Page"),
        ("2-1", "Organizational details", "P5"),
        ("2-13, 2-14", "Delegation; role in reporting", "P104 P105"),
        ("2-15/2-16", "Conflicts of interest; concerns", "P106"),
        ("2-22", "Strategy statement", "P3"),
        ("2-23", "Policy commitments", "P7"),
        ("2-24", "Embedding policy commitments", "P8"),
    )
    _, parsed = parse(text)
    assert codes(parsed) == ["2-1", "2-13", "2-14", "2-15", "2-16", "2-22", "2-23", "2-24"]
    e = by_code(parsed)
    assert pages(e["2-13"]) == [(104, 104)] and pages(e["2-14"]) == [(105, 105)]
    assert pages(e["2-15"]) == [(106, 106)] and e["2-15"].merged_codes == ("2-15", "2-16")


def sasb_index(widths: list[int], *rows: tuple[str, str, str, str]) -> str:
    """A SASB table as a bank's report sets it: topic, metric, code, response."""
    header = ("Topic", "Accounting metric", "SASB Code", "Response")
    return table("SASB Standards Index", widths, header, *rows)


def test_codes_in_square_brackets():
    # A report marks the SASB metrics it adapted to local measures with square brackets.
    # fmt: off
    text = sasb_index(
        [20, 50, 18],
        ("Data Security", "Description of approach to data security", "FN-CB-230a.2", "P12"),
        ("Incentives", "[Percentage of total remuneration that is", "[FN-IB-550b.1]", "P14"),
        ("", "variable for Material Risk Takers]", "", ""),
        ("", "[Percentage of variable remuneration with malus]", "[FN-IB-550b.2]", "P15"),
        ("Credit", "[Commercial and industrial credit exposure]", "[ FN-CB-410a.1 ]", "P16"),
    )
    # fmt: on
    _, table = parse(text)
    assert codes(table) == ["FN-CB-230a.2", "FN-IB-550b.1", "FN-IB-550b.2", "FN-CB-410a.1"]
    e = by_code(table)
    assert e["FN-IB-550b.1"].description == (
        "[Percentage of total remuneration that is variable for Material Risk Takers]"
    )
    assert pages(e["FN-IB-550b.1"]) == [(14, 14)] and pages(e["FN-CB-410a.1"]) == [(16, 16)]
    assert {entry.standard for entry in table.entries} == {"sasb"}


def test_a_second_code_on_the_line_below_shares_the_row():
    # A bank answers a commercial-banking metric and its investment-banking twin in one row:
    # the second code sits on the row's second line, beside the text that goes on.
    # fmt: off
    text = sasb_index(
        [20, 56, 34],
        ("Data Security", "Description of approach to data security", "FN-CB-230a.2", "P12"),
        ("Systemic Risk", "Global Systemically Important Bank score, by", "FN-CB-550a.1", "In the UK the framework is set by the Capital"),
        ("", "category", "FN-IB-550a.1", "Requirements Directive; see P27."),
        ("", "Description of whistleblower policies and procedures", "FN-CB-510a.2", "Our Speaking Up Programme is a safe way to report"),
        ("", "", "FN-IB-510a.2", "whistleblowing concerns (P95)."),
        ("", "Description of approach to stress tests", "FN-CB-550a.2", "P30"),
        ("", "Number of data breaches and", "FN-CB-230a.3", "Not disclosed; we review"),
        ("", "", "FN-IB-230a.3 customers affected", "our approach each year."),
    )
    # fmt: on
    _, table = parse(text)
    assert codes(table) == [
        "FN-CB-230a.2", "FN-CB-550a.1", "FN-IB-550a.1", "FN-CB-510a.2", "FN-IB-510a.2", "FN-CB-550a.2",
        "FN-CB-230a.3", "FN-IB-230a.3",
    ]  # fmt: skip
    e = by_code(table)
    assert e["FN-IB-550a.1"].description == "Global Systemically Important Bank score, by category"
    assert e["FN-CB-550a.1"].merged_codes == ("FN-CB-550a.1", "FN-IB-550a.1")
    assert pages(e["FN-IB-550a.1"]) == pages(e["FN-CB-550a.1"]) == [(27, 27)]
    assert e["FN-IB-510a.2"].description == "Description of whistleblower policies and procedures"
    assert pages(e["FN-IB-510a.2"]) == [(95, 95)]
    assert e["FN-CB-550a.2"].merged_codes == ()
    # text the second code's own cell goes on with is the row's description too
    assert e["FN-IB-230a.3"].description == "Number of data breaches and customers affected"


def test_rows_on_consecutive_lines_keep_their_own_codes():
    # Descriptions in lower case, pages of their own, or no description column at all:
    # each line is a row of its own.
    lower = table(
        "GRI content index",
        [10, 40],
        ("Code", "Description", "Page"),
        ("2-1", "organizational details", "p5"),
        ("2-2", "entities included in reporting", "p6"),
        ("2-3", "reporting period and frequency", "7"),
        ("2-4", "restatements of information", "p8"),
    )
    _, parsed = parse(lower)
    assert codes(parsed) == ["2-1", "2-2", "2-3", "2-4"]
    assert all(entry.merged_codes == () for entry in parsed.entries)
    bare = table(
        "GRI content index",
        [10],
        ("Code", "Page"),
        *((f"2-{n}", f"p{n + 4}") for n in range(1, 6)),
    )
    _, parsed = parse(bare)
    assert codes(parsed) == ["2-1", "2-2", "2-3", "2-4", "2-5"]
    assert all(entry.merged_codes == () for entry in parsed.entries)


# --------------------------------------------------------------------------------------------
# 5. named HKEx items (Part B) in the description cell, no code


def test_named_hkex_items_without_code():
    text = "\n".join(
        [
            TAB_HEADER,
            "Mandatory Disclosure\t\tHKEx ESG Guide\t\tGovernance Structure\tP8",
            "\t\t\t\tReporting Principles\tP3 - 4",
            "\t\t\t\tReporting Boundary\tP2",
            "Environmental\tEmissions\t\tA1\tGeneral Disclosure\tP20",
            "\t\t\tA1.1\tTypes of emissions\tP21",
            "\t\t\tA1.2\tGreenhouse gas emissions\tP22",
        ]
    )
    _, table = parse(text)
    assert codes(table) == [
        "Governance Structure",
        "Reporting Principles",
        "Reporting Boundary",
        "A1",
        "A1.1",
        "A1.2",
    ]
    e = by_code(table)
    for name, span in (
        ("Governance Structure", (8, 8)),
        ("Reporting Principles", (3, 4)),
        ("Reporting Boundary", (2, 2)),
    ):
        entry = e[name]
        assert entry.standard == "hkex"
        assert entry.raw_code == name
        assert entry.description == name
        assert pages(entry) == [span]
        assert entry.chapter == "Mandatory Disclosure"
        assert entry.section is None
        assert entry.merged_codes == ()
    assert e["A1"].chapter == "Environmental" and e["A1"].section == "Emissions"
    assert e["A1"].standard_text == "HKEx ESG Guide"


def test_named_hkex_items_with_wrapped_text_space_aligned():
    widths = [18, 7, 54]
    text = "\n".join(
        [
            "HKEx ESG Reporting Guide Content Index",
            aligned(widths, "Standard", "Code", "Description", "Page"),
            aligned(widths, "HKEx ESG Guide", "", "Governance Structure: the board's oversight of", "P8"),
            aligned(widths, "", "", "ESG issues", ""),
            aligned(widths, "", "", "Reporting Principles", "P3 - 4"),
            aligned(widths, "", "", "Reporting Boundary", "P2"),
            aligned(widths, "", "A1", "General Disclosure", "P20"),
            aligned(widths, "", "A1.1", "Types of emissions", "P21"),
        ]
    )  # fmt: skip
    _, table = parse(text)
    assert codes(table) == [
        "Governance Structure",
        "Reporting Principles",
        "Reporting Boundary",
        "A1",
        "A1.1",
    ]
    gs = by_code(table)["Governance Structure"]
    assert gs.standard == "hkex"
    assert gs.description == "Governance Structure: the board's oversight of ESG issues"
    assert pages(gs) == [(8, 8)]


# --------------------------------------------------------------------------------------------
# 6. location forms


def test_location_forms():
    text = "\n".join(
        [
            "Standard\tCode\tDescription\tPage/Explanation",
            "HKEx ESG Guide\tA1\tGeneral Disclosure\tP111",
            "\tA1.1\tTypes of emissions\tP101 - 102",
            "\tA1.2\tGreenhouse gas emissions\tP108 – 109; Annual Report, P150 – 156",
            "\tA1.3\tHazardous waste\tp250",
            "\tA1.4\tNon-hazardous waste\tpp. 12-14",
            "\tA1.5\tEmission targets\thttps://www.kestrelbay.example/esg/targets",
            "\tA1.6\tWaste handling\tPlease refer to P36 for our approach.",
            "\tA2.5\tPackaging material\tNot applicable: we do not manufacture products.",
        ]
    )
    _, table = parse(text)
    e = by_code(table)
    assert codes(table) == ["A1", "A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6", "A2.5"]
    assert locs(e["A1"]) == [(PAGE, 111, 111, None, None)]
    assert locs(e["A1.1"]) == [(PAGE, 101, 102, None, None)]
    assert locs(e["A1.2"]) == [
        (PAGE, 108, 109, None, None),
        (DOC, 150, 156, "Annual Report", None),
    ]
    assert locs(e["A1.3"]) == [(PAGE, 250, 250, None, None)]
    assert locs(e["A1.4"]) == [(PAGE, 12, 14, None, None)]
    url = "https://www.kestrelbay.example/esg/targets"
    assert locs(e["A1.5"]) == [(URL, None, None, None, url)]
    assert locs(e["A1.6"]) == [(PAGE, 36, 36, None, None)]
    assert e["A1.6"].explanation == "Please refer to P36 for our approach."
    assert e["A2.5"].locations == ()
    assert e["A2.5"].explanation == "Not applicable: we do not manufacture products."
    for code in ("A1", "A1.1", "A1.2", "A1.3", "A1.4", "A1.5"):
        assert e[code].explanation is None, code
    assert all(x.malformed == () for x in table.entries)
    assert e["A1.2"].raw_location == "P108 – 109; Annual Report, P150 – 156"


def test_location_cell_starting_left_of_centred_header():
    text = "\n".join(
        [
            "Content Index",
            "  Code              Description                                  Page/Explanation",
            "  A1      General Disclosure on air emissions                         P20",
            "  A1.1    Types of emissions and emission data                P108 – 109; Annual Report, P150 – 156",
            "  A1.2    Greenhouse gas emissions in total                      P22 - 23",
            "  A1.3    Hazardous waste produced                        Not applicable: we do not manufacture products.",
            "  A1.4    Non-hazardous waste produced                               P25",
        ]
    )  # fmt: skip
    _, table = parse(text)
    e = by_code(table)
    assert e["A1.1"].description == "Types of emissions and emission data"
    assert locs(e["A1.1"]) == [
        (PAGE, 108, 109, None, None),
        (DOC, 150, 156, "Annual Report", None),
    ]
    assert e["A1.3"].description == "Hazardous waste produced"
    assert e["A1.3"].explanation == "Not applicable: we do not manufacture products."


# --------------------------------------------------------------------------------------------
# 7. linearised rows (pdftotext of a two-column table without -layout)


def test_linear_rows():
    text = "\n".join(
        [
            "HKEX ESG REPORTING GUIDE CONTENT INDEX",
            "",
            "Subject Areas, Aspects, General Disclosures and KPIs",
            "A. Environmental",
            "Aspect A1: Emissions",
            "General Disclosure Information on: (a) the policies; and",
            "(b) compliance with relevant laws and regulations that have",
            "a significant impact on the issuer relating to air and",
            "greenhouse gas emissions and waste.",
            "3. Our Environment",
            "KPI A1.1 The types of emissions and respective emissions",
            "data.",
            "Performance Data Summary",
            "B. Social",
            "Aspect B2: Health and Safety",
            "General Disclosure Information on: (a) the policies; and",
            "(b) compliance with laws relating to safe working conditions.",
            "2. Our People",
            "KPI B2.1 Number and rate of work-related fatalities occurring",
            "in each of the past three years.",
            "2. Our People",
            "KPI B2.2 Lost days due to work injury. 2. Our People",
        ]
    )
    _, table = parse(text)
    assert table.layout == "linear"
    assert codes(table) == ["A1", "A1.1", "B2", "B2.1", "B2.2"]
    e = by_code(table)
    assert e["A1"].standard == "hkex"
    assert e["A1"].description == (
        "Information on: (a) the policies; and (b) compliance with relevant laws and "
        "regulations that have a significant impact on the issuer relating to air and "
        "greenhouse gas emissions and waste."
    )
    assert locs(e["A1"]) == [(SECTION, None, None, None, "3. Our Environment")]
    assert e["A1"].explanation is None
    assert e["A1.1"].description == "The types of emissions and respective emissions data."
    assert locs(e["A1.1"]) == [(SECTION, None, None, None, "Performance Data Summary")]
    assert e["B2"].description == (
        "Information on: (a) the policies; and (b) compliance with laws relating to safe "
        "working conditions."
    )
    assert locs(e["B2"]) == [(SECTION, None, None, None, "2. Our People")]
    assert e["B2.1"].description == (
        "Number and rate of work-related fatalities occurring in each of the past three years."
    )
    assert locs(e["B2.1"]) == [(SECTION, None, None, None, "2. Our People")]
    assert e["B2.2"].description == "Lost days due to work injury."
    assert locs(e["B2.2"]) == [(SECTION, None, None, None, "2. Our People")]
    assert e["B2.2"].line == 22
    assert all(x.chapter is None and x.section is None for x in table.entries)


def test_linear_one_line_description_ending_with_full_stop():
    text = "\n".join(
        [
            "Aspect A1: Emissions",
            "General Disclosure Information on the policies on emissions.",
            "3. Our Environment",
            "KPI A1.1 The types of emissions and respective emissions data.",
            "Performance Data Summary",
            "KPI A1.2 Greenhouse gas emissions in total and intensity.",
            "Performance Data Summary",
            "KPI A1.3 Total hazardous waste produced.",
            "3.2 Waste Management",
        ]
    )
    _, table = parse(text)
    e = by_code(table)
    assert codes(table) == ["A1", "A1.1", "A1.2", "A1.3"]
    assert e["A1.1"].description == "The types of emissions and respective emissions data."
    assert locs(e["A1.1"]) == [(SECTION, None, None, None, "Performance Data Summary")]
    assert e["A1.2"].description == "Greenhouse gas emissions in total and intensity."
    assert locs(e["A1.2"]) == [(SECTION, None, None, None, "Performance Data Summary")]
    assert e["A1.3"].description == "Total hazardous waste produced."
    assert locs(e["A1.3"]) == [(SECTION, None, None, None, "3.2 Waste Management")]


def test_linear_numbered_section_line_ends_description():
    text = "\n".join(
        [
            "Aspect A1: Emissions",
            "General Disclosure",
            "2. Our Environment",
            "KPI A1.2 Greenhouse gas emissions in total",
            "2.1 Climate Action",
            "KPI A1.3 Total hazardous waste produced",
            "2.2 Waste",
            "KPI A1.4 Total non-hazardous waste produced",
            "2.2 Waste",
        ]
    )
    _, table = parse(text)
    e = by_code(table)
    assert codes(table) == ["A1", "A1.2", "A1.3", "A1.4"]
    assert e["A1.2"].description == "Greenhouse gas emissions in total"
    assert locs(e["A1.2"]) == [(SECTION, None, None, None, "2.1 Climate Action")]
    assert e["A1.3"].description == "Total hazardous waste produced"
    assert locs(e["A1.3"]) == [(SECTION, None, None, None, "2.2 Waste")]


# --------------------------------------------------------------------------------------------
# 8. standard names in a Standard column


def test_standard_column_names_and_split_cell():
    widths = [16, 18, 42]

    def row(*cells: str) -> str:
        return aligned(widths, *cells)

    text = "\n".join(
        [
            "Content Index",
            row("Standard", "Code", "Description", "Page"),
            row("HKEx ESG Guide", "A1", "General Disclosure", "P20"),
            row("", "A1.1", "Types of emissions", "P21"),
            row("HKEX ESG Guide", "B1", "General Disclosure on employment", "P30"),
            row("", "B1.1", "Total workforce", "P31"),
            row("GRI", "305-1", "Direct (Scope 1) GHG", "P22"),
            row("Standards", "", "emissions", ""),
            row("", "305-2", "Energy indirect (Scope 2) GHG emissions", "P23"),
            row("", "305-3", "Other indirect (Scope 3) GHG emissions", "P24"),
            row("SASB", "FN-CB-410a.1", "Commercial credit exposure", "P40"),
            row("", "FN-CB-410a.2", "ESG integration in credit analysis", "P41"),
            row("GRI Standards", "2-1", "Organizational details", "P5"),
            row("", "2-2", "Entities included", "P6"),
        ]
    )
    _, table = parse(text)
    got = [(e.code, e.standard_text, e.standard) for e in table.entries]
    assert got == [
        ("A1", "HKEx ESG Guide", "hkex"),
        ("A1.1", "HKEx ESG Guide", "hkex"),
        ("B1", "HKEX ESG Guide", "hkex"),
        ("B1.1", "HKEX ESG Guide", "hkex"),
        ("305-1", "GRI Standards", "gri"),
        ("305-2", "GRI Standards", "gri"),
        ("305-3", "GRI Standards", "gri"),
        ("FN-CB-410a.1", "SASB", "sasb"),
        ("FN-CB-410a.2", "SASB", "sasb"),
        ("2-1", "GRI Standards", "gri"),
        ("2-2", "GRI Standards", "gri"),
    ]
    e = by_code(table)
    assert e["305-1"].description == "Direct (Scope 1) GHG emissions"
    assert pages(e["305-1"]) == [(22, 22)]
    assert e["305-2"].line == 9


def test_standard_split_over_two_lines_tab_separated():
    text = "\n".join(
        [
            "Standard\tCode\tDescription\tPage",
            "HKEx ESG Guide\tA1\tGeneral Disclosure\tP20",
            "\tA1.1\tTypes of emissions\tP21",
            "GRI\t305-1\tDirect (Scope 1) GHG\tP22",
            "Standards\t\temissions",
            "\t305-2\tEnergy indirect (Scope 2) GHG emissions\tP23",
            "\t305-3\tOther indirect GHG emissions\tP24",
        ]
    )
    _, table = parse(text)
    got = [(e.code, e.standard_text, e.standard) for e in table.entries]
    assert got == [
        ("A1", "HKEx ESG Guide", "hkex"),
        ("A1.1", "HKEx ESG Guide", "hkex"),
        ("305-1", "GRI Standards", "gri"),
        ("305-2", "GRI Standards", "gri"),
        ("305-3", "GRI Standards", "gri"),
    ]
    assert by_code(table)["305-1"].description == "Direct (Scope 1) GHG emissions"


# --------------------------------------------------------------------------------------------
# 9. look-alike characters in codes


def test_lookalike_characters_in_codes():
    text = "\n".join(
        [
            "Standard\tCode\tDescription\tPage",
            "HKEx ESG Guide\tA1.1\tTypes of emissions\tP21",
            "\tA1.\uff13\tHazardous waste produced\tP23",
            "\t\u04126\tGeneral Disclosure on product responsibility\tP33",
            "GRI Standards\t2\u20139\tGovernance structure and composition\tP12",
            "\t2-10\tNomination of the highest governance body\tP13",
            "SASB\tFN\u2010CB\u2010410b.2\tFinanced emissions\tP45",
            "\tFN-CB-410a.1\tCommercial credit exposure\tP46",
        ]
    )
    _, table = parse(text)
    got = [(e.code, e.raw_code, e.standard) for e in table.entries]
    assert got == [
        ("A1.1", "A1.1", "hkex"),
        ("A1.3", "A1.\uff13", "hkex"),
        ("B6", "\u04126", "hkex"),
        ("2-9", "2\u20139", "gri"),
        ("2-10", "2-10", "gri"),
        ("FN-CB-410b.2", "FN\u2010CB\u2010410b.2", "sasb"),
        ("FN-CB-410a.1", "FN-CB-410a.1", "sasb"),
    ]
    e = by_code(table)
    for code, char in (("A1.3", "U+FF13"), ("B6", "U+0412"), ("2-9", "U+2013"),
                       ("FN-CB-410b.2", "U+2010")):  # fmt: skip
        assert len(e[code].normalised_by) == 1, e[code].normalised_by
        assert char in e[code].normalised_by[0]
    for code in ("A1.1", "2-10", "FN-CB-410a.1"):
        assert e[code].normalised_by == ()
    assert pages(e["B6"]) == [(33, 33)]
    assert e["B6"].description == "General Disclosure on product responsibility"


# --------------------------------------------------------------------------------------------
# 10. page labels

_TOPICS = ["climate", "water", "waste", "people", "safety", "community", "suppliers", "ethics"]


def _body(i: int) -> list[str]:
    topic = _TOPICS[i % len(_TOPICS)]
    return [
        f"Our work on {topic} continued during the year.",
        f"We measured {topic} indicators at {i + 3} sites.",
        f"Targets for {topic} were reviewed by management.",
        f"The board discussed {topic} in meeting number {i + 1}.",
        f"Next year the {topic} data will be assured.",
    ]


def test_form_feed_labels_from_printed_numbers_with_cover():
    cover = "Kestrel Bay Holdings\nSustainability Report 2023\n"
    chunks = [cover] + ["\n".join([*_body(i), "", str(98 + i)]) for i in range(5)]
    report, _ = parse("\f".join(chunks) + "\f")
    assert report.pagination == "form-feed"
    assert [p.number for p in report.pages] == [1, 2, 3, 4, 5, 6]
    # The cover has no printed number: it gets the label the others' offset implies.
    assert labels(report) == [
        ("97", "inferred"),
        ("98", "printed"),
        ("99", "printed"),
        ("100", "printed"),
        ("101", "printed"),
        ("102", "printed"),
    ]
    assert "98" in report.pages[1].furniture
    assert report.first_label == "97" and report.last_label == "102"


def test_form_feed_page_without_number_is_inferred():
    chunks = ["\n".join([*_body(i), "", str(98 + i)]) for i in range(5)]
    chunks[2] = "\n".join(_body(2))  # a full-page photo: no printed number
    report, _ = parse("\f".join(chunks))
    assert labels(report) == [
        ("98", "printed"),
        ("99", "printed"),
        ("100", "inferred"),
        ("101", "printed"),
        ("102", "printed"),
    ]


HEADER = "KESTREL BAY HOLDINGS SUSTAINABILITY REPORT 2023"


def _running_header_report() -> str:
    parts = ["Kestrel Bay Holdings", "Sustainability Report 2023", ""]
    for i in range(4):
        parts += [HEADER, str(12 + i), *_body(i), ""]
    parts += [
        HEADER,
        "16",
        "Content Index",
        "Standard\tCode\tDescription\tPage",
        "HKEx ESG Guide\tA1\tGeneral Disclosure on emissions\tP12",
        "\tA1.1\tTypes of emissions\tP13",
        "\tA1.2\tGreenhouse gas emissions\tP13 - 14",
        "",
        HEADER,
        "17",
        "\tA1.3\tHazardous waste\tP14",
        "\tA1.4\tNon-hazardous waste\tP15",
        "",
    ]
    return "\n".join(parts)


def test_running_header_without_form_feeds():
    report, table = parse(_running_header_report())
    assert report.pagination == "running-header"
    assert labels(report) == [
        (None, "none"),
        ("12", "printed"),
        ("13", "printed"),
        ("14", "printed"),
        ("15", "printed"),
        ("16", "printed"),
        ("17", "printed"),
    ]
    assert report.pages[0].text.startswith("Kestrel Bay Holdings")
    assert report.pages[1].text.splitlines()[2] == _body(0)[0]
    assert {HEADER, "12"} <= report.pages[1].furniture
    # The index: rows know their printed page; header and number lines are not locations.
    assert codes(table) == ["A1", "A1.1", "A1.2", "A1.3", "A1.4"]
    assert [e.page for e in table.entries] == ["16", "16", "16", "17", "17"]
    assert table.pages == ("16", "17")
    e = by_code(table)
    assert locs(e["A1.2"]) == [(PAGE, 13, 14, None, None)]
    assert e["A1.2"].description == "Greenhouse gas emissions"
    assert all(x.standard_text == "HKEx ESG Guide" for x in table.entries)


def test_running_header_with_glued_numbers():
    parts = ["Kestrel Bay Holdings", "Sustainability Report 2023"]
    for i in range(8):
        number = 7 + i
        header = f"ESG REPORT 2023 {number}" if number % 2 else f"{number} ACME GROUP LIMITED"
        parts += [header, *_body(i)]
    report, _ = parse("\n".join(parts))
    assert report.pagination == "running-header"
    assert labels(report) == [(None, "none")] + [(str(n), "printed") for n in range(7, 15)]
    assert report.pages[1].furniture == frozenset({"ESG REPORT 2023 7"})
    assert report.pages[2].furniture == frozenset({"8 ACME GROUP LIMITED"})
    assert report.pages[2].text.splitlines()[1] == _body(1)[0]


def test_running_footer_without_form_feeds():
    parts = ["Kestrel Bay Holdings", "Sustainability Report 2023", ""]
    for i in range(6):
        parts += [*_body(i), "Kestrel Bay Holdings Sustainability Report 2023", str(12 + i), ""]
    report, _ = parse("\n".join(parts))
    assert report.pagination == "running-header"
    page12 = next((p for p in report.pages if p.label == "12"), None)
    assert page12 is not None
    assert _body(0)[0] in page12.text  # the first body printed above footer "12"
    assert _body(1)[0] not in page12.text


def test_unpaginated_markdown():
    text = (
        "# Kestrel Bay Holdings ESG Report 2023\n\n"
        "## Emissions\n\nWe reduced Scope 1 emissions by 5% against 2022.\n\n"
        "## Our people\n\nHeadcount grew to 1,240 across 3 cities.\n"
    )
    report, table = parse(text)
    assert report.pagination == "none"
    assert labels(report) == [(None, "none")]
    assert report.pages[0].text == text
    assert table.found is False


def test_markdown_pipe_table_index():
    text = "\n".join(
        [
            "# Kestrel Bay Holdings ESG Report 2023",
            "",
            "## Content index",
            "",
            "| Code | Description | Page |",
            "|------|-------------|------|",
            "| A1 | General Disclosure | 12 |",
            "| A1.1 | Types of emissions | 13 |",
            "| A1.2 | Greenhouse gas emissions | 14 |",
            "| A1.3 | Hazardous waste | 15 |",
        ]
    )
    _, table = parse(text)
    assert codes(table) == ["A1", "A1.1", "A1.2", "A1.3"]
    assert pages(by_code(table)["A1.2"]) == [(14, 14)]


def test_first_page_override():
    cover = "Kestrel Bay Holdings\nSustainability Report 2023\n"
    chunks = [cover] + ["\n".join([*_body(i), "", str(98 + i)]) for i in range(3)]
    report, _ = parse("\f".join(chunks), first_page=5)
    assert report.pagination == "form-feed"
    assert labels(report) == [(str(n), "override") for n in (5, 6, 7, 8)]
    report, table = parse(_running_header_report(), first_page=5)
    assert report.pagination == "running-header"
    assert labels(report) == [(str(n), "override") for n in range(5, 12)]
    assert [e.page for e in table.entries] == ["10", "10", "10", "11", "11"]


# --------------------------------------------------------------------------------------------
# 11. no index


def test_report_without_index():
    text = "\f".join(
        [
            "Kestrel Bay Holdings\nSustainability Report 2023\n",
            "\n".join(["About this report", *_body(0), "", "2"]),
            "\n".join(["Our people", *_body(3), "", "3"]),
        ]
    )
    _, table = parse(text)
    assert table.found is False
    assert table.entries == ()
    assert table.layout == "none"
    assert table.pages == ()


def test_prose_mentioning_codes_is_not_an_index():
    text = "\n".join(
        [
            "Kestrel Bay Holdings Sustainability Report 2023",
            "",
            "About this report",
            "This report follows the HKEx ESG Reporting Guide. Our emissions data, as required by",
            "KPI A1.2, are set out in the performance table. Scope 1 emissions (GRI 305-1) fell",
            "by 4% compared with last year.",
            "",
            "Climate",
            "We reviewed exposure to physical risk at all 12 sites. KPI A1.2 intensity",
            "figures for 2022 were restated; see P14 - 15.",
            "GRI 305-1 figures include refrigerant losses for the first time.",
        ]
    )
    for version in (text, text.replace("\n\n", "\f")):
        _, table = parse(version)
        assert table.found is False, [e.code for e in table.entries]
        assert table.entries == ()


# --------------------------------------------------------------------------------------------
# 12. headers named loosely, sub-heading rows, documents pushed into the description column


def test_reference_column_holding_codes_and_a_second_table():
    text = "\n".join(
        [
            "GRI content index",
            aligned([13, 36], "Reference", "Requirement", "GRI general disclosures"),
            aligned(
                [13, 36], "2-1", "Organizational details", "Annual Report – About us (pages 7-30)"
            ),
            aligned([13, 36], "2-2", "Entities included", "Annual Report – Notes (page 188)"),
            aligned([13, 36], "2-3", "Reporting period", "P3"),
            "",
            aligned(
                [22, 30, 16, 16], "Topic", "Accounting metric", "Category", "Code", "Reference"
            ),
            aligned(
                [22, 30, 16, 16],
                "Data security",
                "Data breaches",
                "Quantitative",
                "TC-HW-230a.1",
                "P12",
            ),
            aligned(
                [22, 30, 16, 16],
                "Product lifecycle",
                "Recycled materials",
                "Quantitative",
                "TC-HW-410a.1",
                "P14",
            ),
        ]
    )
    _, table = parse(text)
    e = by_code(table)
    assert codes(table) == ["2-1", "2-2", "2-3", "TC-HW-230a.1", "TC-HW-410a.1"]
    assert e["2-1"].description == "Organizational details"
    assert locs(e["2-1"]) == [(DOC, 7, 30, "Annual Report", None)]
    assert locs(e["2-3"]) == [(PAGE, 3, 3, None, None)]
    # The SASB table's own header resets the columns: its Reference column is the location.
    assert e["TC-HW-230a.1"].description == "Data breaches"
    assert e["TC-HW-230a.1"].section == "Data security"
    assert locs(e["TC-HW-410a.1"]) == [(PAGE, 14, 14, None, None)]


def test_sub_heading_rows_name_the_section_and_do_not_end_the_table():
    text = "\n".join(
        [
            "            GRI Standard Disclosure Title                              Page Number",
            "            General Disclosures",
            "            Organisational profile",
            "            102-1 Name of the organisation                    Annual Report     p3",
            "            102-3 Location of headquarters                    Annual Report     p154",
            "            Strategy",
            "            102-14 Statement from senior decision-maker       Annual Report     pp8-11",
            "            102-16 Values, principles, standards and norms    Annual Report     p2",
        ]
    )
    _, table = parse(text)
    e = by_code(table)
    assert codes(table) == ["102-1", "102-3", "102-14", "102-16"]
    assert e["102-1"].description == "Name of the organisation"
    assert e["102-1"].section == "Organisational profile"
    assert e["102-14"].section == "Strategy"
    assert locs(e["102-14"]) == [(DOC, 8, 11, "Annual Report", None)]


_OMISSION_ROWS = [
    ("Code", "Disclosure", "Page", "Reason for omission"),
    ("2-1", "Organizational details", "5", ""),
    ("2-4", "Restatements of information", "", "Not applicable: no restatements in 2024"),
    ("2-7", "Employees", "12", "Requirement 2-7-b omitted: figures for 3 regions not collected"),
    ("2-8", "Workers who are not employees", "14", ""),
]


def _omission_report(form: str) -> Report:
    if form == "markdown":
        lines = [" | ".join(row) for row in _OMISSION_ROWS]
        lines.insert(1, " | ".join("---" for _ in _OMISSION_ROWS[0]))
        text = "\n".join(["GRI content index", "", *lines, ""])
        return parse_markdown_document(text).report
    lines = [
        "\t".join(row) if form == "tabs" else aligned([6, 32, 6], *row) for row in _OMISSION_ROWS
    ]
    return parse_text_report("\n".join(["GRI content index", "", *lines]))


@pytest.mark.parametrize("form", ["tabs", "spaces", "markdown"])
def test_an_omission_column_is_the_explanation_never_a_location(form: str) -> None:
    """The omission column's text is the row's explanation: its numbers ("3 regions") are no
    pages, and the page beside it stays the row's location."""
    e = by_code(parse_index(_omission_report(form)))
    assert pages(e["2-7"]) == [(12, 12)]
    assert e["2-7"].explanation == "Requirement 2-7-b omitted: figures for 3 regions not collected"
    assert e["2-7"].raw_location == "12"
    assert (e["2-4"].locations, e["2-4"].explanation) == (
        (),
        "Not applicable: no restatements in 2024",
    )
    assert (pages(e["2-1"]), e["2-1"].explanation) == ([(5, 5)], None)


_UNNAMED_ROWS = [
    ("Ref", "Matter", "Answer", "Found in"),
    ("2-1", "Organizational details", "We are a listed company", "p. 5"),
    ("2-2", "Entities included", "All subsidiaries", "p. 6"),
    ("2-3", "Reporting period", "Calendar year 2024", "p. 7"),
    ("2-4", "Restatements", "None", "p. 8"),
]


@pytest.mark.parametrize("form", ["tabs", "spaces"])
def test_columns_named_by_the_user_take_their_roles(form: str) -> None:
    """A header whose names xesg does not know ("Matter", "Found in") is read with the roles
    ``--columns`` gives them, as a spreadsheet's is."""
    lines = [
        "\t".join(row) if form == "tabs" else aligned([6, 26, 26], *row) for row in _UNNAMED_ROWS
    ]
    report = parse_text_report("\n".join(["GRI content index", "", *lines]))
    unnamed = by_code(parse_index(report))
    assert all(not e.locations for e in unnamed.values())  # no column is known to hold pages
    named = parse_index(report, column_names={"location": "found in", "description": "Matter"})
    e = by_code(named)
    assert named.layout == "columns"
    assert [pages(e[code]) for code in ("2-1", "2-2", "2-3", "2-4")] == [
        [(5, 5)],
        [(6, 6)],
        [(7, 7)],
        [(8, 8)],
    ]
    assert e["2-1"].description == "Organizational details"


_PREFIXED_ROWS = [
    ("GRI Standard", "Disclosure", "Response"),
    ("GRI 2: General Disclosures 2021", "Disclosure 2-1 Organizational details", "p. 5"),
    ("", "Disclosure 2-2 Entities included in reporting", "p. 6"),
    ("", "Disclosure 2-3 Reporting period, frequency and contact point", "p. 7"),
    ("", "Disclosure 2-4 Restatements of information", "Not applicable"),
]


@pytest.mark.parametrize("form", ["tabs", "markdown"])
def test_codes_after_the_word_disclosure_mark_the_code_column(form: str) -> None:
    """Cells that open with "Disclosure 2-1" hold the codes: the header is the table's, its
    Response column the locations, the GRI Standard column carried down."""
    if form == "markdown":
        lines = [f"| {' | '.join(row)} |" for row in _PREFIXED_ROWS]
        lines.insert(1, "|---|---|---|")
        report = parse_markdown_document("\n".join(["GRI content index", "", *lines, ""])).report
    else:
        report = parse_text_report(
            "\n".join(["GRI content index", "", *("\t".join(r) for r in _PREFIXED_ROWS)])
        )
    table = parse_index(report)
    e = by_code(table)
    assert table.layout == "columns"
    assert [pages(e[code]) for code in ("2-1", "2-2", "2-3")] == [[(5, 5)], [(6, 6)], [(7, 7)]]
    assert e["2-1"].description == "Organizational details"
    assert e["2-4"].explanation == "Not applicable"
    assert {x.standard_text for x in e.values()} == {"GRI 2: General Disclosures 2021"}
