"""Location cells: pages, ranges, other documents, URLs, sections, explanations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.index.locations import parse_location, split_segments
from xesg.model.index import LocationKind


def pages(cell: str) -> list[tuple[str, int | None, int | None, str | None]]:
    parsed = parse_location(cell.split("\n"))
    return [(loc.kind.value, loc.start, loc.end, loc.document) for loc in parsed.locations]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("P111", [("page", 111, 111, None)]),
        ("P101 - 102", [("page", 101, 102, None)]),
        ("p250", [("page", 250, 250, None)]),
        ("pp. 12-14", [("page", 12, 14, None)]),
        ("pp8-11", [("page", 8, 11, None)]),
        ("P. 141", [("page", 141, 141, None)]),
        ("P147: the notes to the accounts", [("page", 147, 147, None)]),
        ("Page 7", [("page", 7, 7, None)]),
        ("34-35", [("page", 34, 35, None)]),
        ("P34, p42", [("page", 34, 34, None), ("page", 42, 42, None)]),
        (
            "pp. 12, 14-15 and 18",
            [("page", 12, 12, None), ("page", 14, 15, None), ("page", 18, 18, None)],
        ),
        ("pp. 150-56", [("page", 150, 156, None)]),
        ("P39 - 37", [("page", 39, 37, None)]),
        ("P101 - 102 P101 - 102", [("page", 101, 102, None), ("page", 101, 102, None)]),
        (
            "P108 – 109; Annual Report, P150 – 156",
            [("page", 108, 109, None), ("document", 150, 156, "Annual Report")],
        ),
        ("FY23 Annual Report (pages 7- 30)", [("document", 7, 30, "Annual Report")]),
        ("Company website", [("document", None, None, "Company website")]),
        ("ESG Report – p.23", [("page", 23, 23, None)]),
    ],
)
def test_page_references(cell: str, expected: list[tuple[str, int, int, str | None]]) -> None:
    assert pages(cell) == expected


def test_url() -> None:
    parsed = parse_location(["https://example.com/esg/policy.pdf"])
    assert [(loc.kind, loc.target) for loc in parsed.locations] == [
        (LocationKind.URL, "https://example.com/esg/policy.pdf")
    ]


def test_explanation_without_pages() -> None:
    parsed = parse_location(["Not applicable: the Group does not manufacture products."])
    assert parsed.locations == []
    assert parsed.explanation == "Not applicable: the Group does not manufacture products."


def test_explanation_with_pages_keeps_both() -> None:
    parsed = parse_location(["Please refer to P36 for details of our approach."])
    assert [(loc.kind, loc.start) for loc in parsed.locations] == [(LocationKind.PAGE, 36)]
    assert parsed.explanation == "Please refer to P36 for details of our approach."


@pytest.mark.parametrize(
    "cell",
    [
        "See page 14",
        "Refer to pages 5-6",
        "Please see P9.",
        "See pages 7-8 of our Annual Report",
        "Page 12 of this report",
        "See page 12 of the ESG Report",
        "P12 above",
        "This report, P12",
        "P12 (table)",
        "P12, Figure 4",
        "Table 3 on page 12",
        "p. 12 f.",
    ],
)
def test_words_pointing_to_pages_or_the_report_are_no_section(cell: str) -> None:
    parsed = parse_location([cell])
    assert [loc.kind for loc in parsed.locations] in (
        [LocationKind.PAGE],
        [LocationKind.DOCUMENT],
    )
    assert parsed.explanation is None


@pytest.mark.parametrize(
    ("cell", "target"),
    [
        ("See Climate Action, P14", "Climate Action"),
        ("Please refer to Our People on P9", "Our People"),
        ("Read more about Governance", "Governance"),
        ("Seeing Is Believing", "Seeing Is Believing"),
        ("Refer to the section 'Our People' on page 14", "Our People"),
        ("page 12 - 'Emissions'", "Emissions"),
        ("In Focus: Climate, P3", "In Focus: Climate"),
        ("About this report, P2", "About this report"),
        ("Refer to the Environmental section on p.20", "Environmental"),
        ("Our Environment chapter, P20", "Our Environment"),
        ("ESG Report - Our People", "Our People"),
        ("Environmental, Social and Governance Report – Environment (pages 20-30)", "Environment"),
        ("See The Hong Kong Jockey Club, P3", "The Hong Kong Jockey Club"),
        ("Appendix 2, P40", "Appendix 2"),
    ],
)
def test_a_section_named_after_pointing_words_is_what_follows(cell: str, target: str) -> None:
    parsed = parse_location([cell])
    sections = [loc.target for loc in parsed.locations if loc.kind is LocationKind.SECTION]
    assert sections == [target]


def test_sections_split_at_bullets_and_numbers() -> None:
    parsed = parse_location(
        ["3. Our Environment", "• 3.1 Climate Change, Energy", "Consumption and GHG Emissions"]
    )
    assert [loc.target for loc in parsed.locations] == [
        "3. Our Environment",
        "3.1 Climate Change, Energy Consumption and GHG Emissions",
    ]
    assert all(loc.kind is LocationKind.SECTION for loc in parsed.locations)


@pytest.mark.parametrize("cell", ["P3?", "P3O", "TBC", "XX", "??"])
def test_malformed(cell: str) -> None:
    parsed = parse_location([cell])
    assert [m.raw for m in parsed.malformed] == [cell]
    assert parsed.locations == []


@pytest.mark.parametrize("cell", ["", "-", "—", "  "])
def test_empty_cells_locate_nothing(cell: str) -> None:
    parsed = parse_location([cell])
    assert (parsed.locations, parsed.explanation, parsed.malformed) == ([], None, [])


@given(st.integers(1, 9999), st.integers(1, 9999), st.sampled_from(["P", "p", "pp. ", "Page "]))
def test_any_range_round_trips(start: int, end: int, prefix: str) -> None:
    parsed = parse_location([f"{prefix}{start}-{end}"])
    (location,) = parsed.locations
    assert location.start == start
    expected_end = end
    # Abbreviated ranges ("150-56") are expanded when that makes them ascending.
    if end < start and len(str(end)) < len(str(start)):
        scale = 10 ** len(str(end))
        if start - start % scale + end >= start:
            expected_end = start - start % scale + end
    assert location.end == expected_end


@given(st.text(max_size=80))
def test_never_crashes(text: str) -> None:
    parsed = parse_location(text.split("\n"))
    for location in parsed.locations:
        if location.kind is LocationKind.PAGE:
            assert location.start is not None and location.end is not None


def test_a_page_number_wrapped_onto_the_next_line_continues_the_reference() -> None:
    parsed = parse_location(
        ["Further detail about our workforce is on pages", "391-392 of our 2024 Annual Report."]
    )
    assert parsed.malformed == []
    assert [(loc.kind, loc.start, loc.end, loc.document) for loc in parsed.locations] == [
        (LocationKind.DOCUMENT, 391, 392, "2024 Annual Report")
    ]
    # A numbered section after a finished line still starts a new segment.
    sections = parse_location(["3. Our Environment", "3.1 Climate Change"])
    assert [loc.target for loc in sections.locations] == [
        "3. Our Environment",
        "3.1 Climate Change",
    ]


@pytest.mark.parametrize(
    ("lines", "segments"),
    [
        # A wrapped line continues, even when a ";" later on it starts another segment.
        (
            ["FY23 Tax", "transparency statement; Annual Report p. 12"],
            ["FY23 Tax transparency statement", "Annual Report p. 12"],
        ),
        # Item labels of a GRI requirement start segments; "p. 12" is no label.
        (
            ["a.i. See our Website: Our businesses", "a.ii., iii. 2023 Annual Report: Value"],
            ["a.i. See our Website: Our businesses", "a.ii., iii. 2023 Annual Report: Value"],
        ),
        (["(b) Board charter", "c. Committees"], ["(b) Board charter", "c. Committees"]),
        (["Annual Report", "p. 12"], ["Annual Report p. 12"]),
    ],
)
def test_segments_of_a_location_cell(lines: list[str], segments: list[str]) -> None:
    assert split_segments(lines) == segments


def _kinds(lines: list[str]) -> list[tuple[str, int | None, str | None, str | None]]:
    parsed = parse_location(lines)
    return [(loc.kind.value, loc.start, loc.document, loc.target) for loc in parsed.locations]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Pages alone after a ";" are the pages of the document named before it, also when
        # the number is wrapped onto the next line.
        (
            ["Harbourline Annual Report 2024 ---> Governance ---> Data privacy; P. 83"],
            [("document", 83, "Annual Report 2024", None)],
        ),
        (
            ["Harbourline Annual Report 2024 ---> Social ---> Our people; P.", "65"],
            [("document", 65, "Annual Report 2024", None)],
        ),
        # A capital after a page reference starts another location: P30 is this report's.
        (
            ["P30", "Annual Report, P150 – 156"],
            [("page", 30, None, None), ("document", 150, "Annual Report", None)],
        ),
        # A path to a section of this report: the section is its last part.
        (
            ["Annual Report 2024 > Social; P. 78", "ESG Datapack 2024 ---> Complaints"],
            [("document", 78, "Annual Report 2024", None), ("section", None, None, "Complaints")],
        ),
        # A URL broken after a hyphen or a slash goes on on the next line; the names of
        # linked documents are no sections of this report.
        (
            ["Voting policy (https://harbourline.example/-", "/media/voting-policy.pdf)"],
            [("url", None, None, "https://harbourline.example/-/media/voting-policy.pdf")],
        ),
        (
            [
                "Harbourline Indicators Disclosure 2023;",
                "https://harbourline.example/all-",
                "reports",
            ],
            [("url", None, None, "https://harbourline.example/all-reports")],
        ),
    ],
)
def test_locations_of_a_cell_citing_other_documents(
    lines: list[str], expected: list[tuple[str, int | None, str | None, str | None]]
) -> None:
    assert _kinds(lines) == expected


@pytest.mark.parametrize("cell", ["Throughout this report", "Whole report", "All pages"])
def test_the_whole_report_is_no_section_but_the_rows_answer(cell: str) -> None:
    parsed = parse_location([cell])
    assert (parsed.locations, parsed.explanation) == ([], cell)


# References into other documents: a legend's abbreviation, a document's name, a part of an
# annual report. Each is another document, with its pages if given, never this report's.
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("SR – Page 97", [("document", 97, 97, "SR")]),
        ("CGS: p. 4", [("document", 4, 4, "CGS")]),
        ("See AR p 33", [("document", 33, 33, "AR")]),
        ("SR – Sustainability Report", [("document", None, None, "Sustainability Report")]),
        (
            "2023 Sustainability Report, pages 53 and 87",
            [
                ("document", 53, 53, "2023 Sustainability Report"),
                ("document", 87, 87, "2023 Sustainability Report"),
            ],
        ),
        ("Climate Change Report", [("document", None, None, "Climate Change Report")]),
        ("Form 10-K, p 15", [("document", 15, 15, "Form 10-K")]),
        ("Proxy Statement, p 132", [("document", 132, 132, "Proxy Statement")]),
        ("Director's Report, P30 - 77", [("document", 30, 77, "Director's Report")]),
        ("Directors’ Report – Principal Risks", [("document", None, None, "Directors’ Report")]),
        ("Chairman's Statement", [("document", None, None, "Chairman's Statement")]),
        ("Corporate Information", [("document", None, None, "Corporate Information")]),
        ("Financial Statements", [("document", None, None, "Financial Statements")]),
        ("CDP Climate Change Survey", [("document", None, None, "CDP Climate Change Survey")]),
        ("Group Tax Policy", [("document", None, None, "Group Tax Policy")]),
        ("Section 2 Governance of the Annual Report, P12", [("document", 12, 12, "Annual Report")]),
    ],
)
def test_references_into_other_documents(
    cell: str, expected: list[tuple[str, int, int, str | None]]
) -> None:
    assert pages(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "see page 26 of this report and page 51 of the Annual Report 2023",
            [("page", 26, 26, None), ("document", 51, 51, "Annual Report 2023")],
        ),
        (
            "Annual Report, P150 and P12 of this report",
            [("document", 150, 150, "Annual Report"), ("page", 12, 12, None)],
        ),
        (
            "2022-23 Corporate Responsibility Report, p 71 2022 Annual Report on Form 10-K, p 15",
            [("page", 71, 71, None), ("document", 15, 15, "2022 Annual Report on Form 10-K")],
        ),
        (
            "Corporate Responsibility Report, p 13, p 33 Kestrel website",
            [("page", 13, 13, None), ("page", 33, 33, None), ("document", None, None, "website")],
        ),
        ("pages 7-8 of Kestrel’s Annual Report", [("document", 7, 8, "Annual Report")]),
        (
            "P8 of our ESG Report; see also the Corporate Governance Report",
            [("page", 8, 8, None), ("document", None, None, "Corporate Governance Report")],
        ),
    ],
)
def test_a_cell_citing_this_report_and_another_is_split(
    cell: str, expected: list[tuple[str, int, int, str | None]]
) -> None:
    assert pages(cell) == expected


@pytest.mark.parametrize(
    "cell", ["theft", "bullying", "Employment Ordinance (Cap. 57)", "Modern Slavery Act 2015"]
)
def test_a_prose_answer_is_an_explanation_not_a_section(cell: str) -> None:
    parsed = parse_location([cell])
    assert parsed.locations == []
    assert parsed.explanation == cell


@pytest.mark.parametrize("cell", ["$0", "0", "0%", "USD 0", "None", "Nil", "12,345 tCO2e", "5 MWh"])
def test_an_inline_answer_is_an_answer(cell: str) -> None:
    parsed = parse_location([cell])
    assert parsed.locations == [] and parsed.malformed == []
    assert parsed.explanation == cell


@pytest.mark.parametrize("cell", ["T able 2. Activity M etrics", "Figure 4: Emissions by scope"])
def test_a_caption_is_no_section(cell: str) -> None:
    assert parse_location([cell]).locations == []


@pytest.mark.parametrize("cell", ["3.2 Our people", "Health and safety", "12"])
def test_headings_and_bare_pages_are_not_answers(cell: str) -> None:
    parsed = parse_location([cell])
    assert parsed.explanation is None and len(parsed.locations) == 1


@given(st.integers(1, 999), st.integers(1, 999))
def test_pages_of_this_report_and_another_in_one_cell(here: int, there: int) -> None:
    cell = f"see page {here} of this report and page {there} of the Annual Report 2023"
    assert pages(cell) == [
        ("page", here, here, None),
        ("document", there, there, "Annual Report 2023"),
    ]
