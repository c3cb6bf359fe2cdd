# ruff: noqa: E501  (table rows are kept on one line so their columns stay visible)
"""HTML, XHTML and Markdown reports: pages, tables, headings, anchors, hostile input.

Every report here is invented (names, figures and page numbers are made up). Fixtures live in
tests/data/html/; small documents are written inline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xesg.errors import InputError
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.load.anchors import Anchor, Hyperlink, find_anchor, resolve_anchor, slugify
from xesg.load.html import parse_html_document, read_html_document, read_html_report
from xesg.load.markdown import parse_markdown_document, read_markdown_document
from xesg.load.rows import table_lines
from xesg.model.index import IndexEntry, IndexTable, LocationKind

DATA = Path(__file__).parent / "data" / "html"
PAGE = LocationKind.PAGE
DOC = LocationKind.DOCUMENT
SECTION = LocationKind.SECTION


def by_code(table: IndexTable) -> dict[str, IndexEntry]:
    entries = {e.code: e for e in table.entries}
    assert len(entries) == len(table.entries), [e.code for e in table.entries]
    return entries


def locs(entry: IndexEntry) -> list[tuple]:
    return [(loc.kind, loc.start, loc.end, loc.document, loc.target) for loc in entry.locations]


def html(body: str, xml: bool = False) -> str:
    """All page texts of an inline HTML document, joined by form feeds."""
    document = parse_html_document(body.encode("utf-8"), "inline.html", xml=xml)
    return "\f".join(page.text for page in document.report.pages)


# --------------------------------------------------------------------------------------------
# 1. a real <table> index: rowspan, colspan, page markers, anchors, markup in cells


@pytest.fixture(scope="module")
def index_report():
    return read_html_document(DATA / "index-report.html")


def test_page_markers_give_printed_labels(index_report):
    report = index_report.report
    assert report.pagination == "html"
    assert report.label_method == "data-page"
    assert [(p.number, p.label, p.label_source) for p in report.pages] == [
        (1, "30", "page-labels"),
        (2, "31", "page-labels"),
        (3, "32", "page-labels"),
    ]
    assert report.pages[0].headings == (
        "Tern Island Ferries ESG Report 2024",
        "Scope 1 emissions",
        "Waste & Recycling",
    )
    assert report.pages[1].headings == ("HKEx ESG Reporting Guide Content Index",)
    assert report.pages[0].furniture == frozenset({"Tern Island Ferries | 30"})
    assert report.encoding == "utf-8"
    assert len(report.sha256) == 64


def test_table_becomes_tab_separated_lines_with_spans_expanded(index_report):
    page = index_report.report.pages[1]
    # Every line of a row is numbered with the row (the <br> in A1.2's Page cell).
    assert page.line_numbers == (8, 9, 10, 11, 12, 13, 13, 15, 16, 17, 18, 19)
    assert page.text.split("\n") == [
        "HKEx ESG Reporting Guide Content Index",
        "Chapter\tSection\tStandard\tCode\tDescription\tPage/Explanation",
        # the colspan heading row: a line of its own, read by the index parser (which makes
        # it the first part of the next row's Chapter)
        "A. Environmental\t\t\t\t\t",
        "Our Planet\tEmissions\tHKEx ESG Guide\tA1\tGeneral Disclosure on air and greenhouse gas emissions\tScope 1 emissions",
        # rowspanned Chapter/Section/Standard: text on the first row only, cells kept in place
        "\t\t\tA1.1\tThe types of emissions and respective emissions data.\tP30",
        "\t\t\tA1.2\tDirect (Scope 1) greenhouse gas emissions\tP30",
        "\t\t\t\t\tAnnual Report, P150 – 156",  # the cell's second line (<br>)
        "Resources\t\t\tA2.1\tDirect and/or indirect energy consumption by type\tEnergy use",
        "\tWaste\t\tA1.6 A2.2\tWaste handling and water consumption\tP30 P31",
        "B. Social\t\t\t\t\t",
        'Our People\tEmployment\tHKEx ESG Guide\tB1\t"><img src=x onerror=alert(1)> General Disclosure on employment\tWaste',
        "\tHealth and Safety\t\tB2.1\tNumber and rate of work-related fatalities\t<script>alert(3)</script> P31",
    ]


def test_html_index_parses_into_exact_entries(index_report):
    table = parse_index(index_report.report)
    assert table.layout == "columns"
    assert table.pages == ("31", "32")
    assert [e.code for e in table.entries] == [
        "A1",
        "A1.1",
        "A1.2",
        "A2.1",
        "A1.6",
        "A2.2",
        "B1",
        "B2.1",
        "B8",
        "B8.1",
    ]
    entries = by_code(table)

    a1 = entries["A1"]
    assert (a1.standard, a1.page, a1.line) == (
        "hkex",
        "31",
        11,
    )  # below the band "A. Environmental"
    assert (a1.chapter, a1.section, a1.standard_text) == (
        "A. Environmental / Our Planet",
        "Emissions",
        "HKEx ESG Guide",
    )
    assert a1.description == "General Disclosure on air and greenhouse gas emissions"
    assert a1.raw_location == "Scope 1 emissions"
    assert locs(a1) == [(SECTION, None, None, None, "Scope 1 emissions")]

    a11 = entries["A1.1"]  # rowspan carried down by the parser
    assert (a11.chapter, a11.section, a11.standard_text, a11.line) == (
        "A. Environmental / Our Planet",
        "Emissions",
        "HKEx ESG Guide",
        12,
    )
    assert locs(a11) == [(PAGE, 30, 30, None, None)]

    a12 = entries["A1.2"]
    assert a12.raw_location == "P30\nAnnual Report, P150 – 156"
    assert locs(a12) == [  # P30 is this report's page, as in "P30; Annual Report, P150"
        (PAGE, 30, 30, None, None),
        (DOC, 150, 156, "Annual Report", None),
    ]

    a21 = entries["A2.1"]  # a new Chapter value; the rowspan of "Emissions" has ended
    assert (a21.chapter, a21.section, a21.standard_text) == (
        "Resources",
        "Emissions",
        "HKEx ESG Guide",
    )

    a16, a22 = entries["A1.6"], entries["A2.2"]
    assert a16.merged_codes == a22.merged_codes == ("A1.6", "A2.2")
    assert locs(a16) == [(PAGE, 30, 30, None, None)]
    assert locs(a22) == [(PAGE, 31, 31, None, None)]
    assert (a22.section, a22.standard_text) == ("Waste", "HKEx ESG Guide")  # rowspan="5"

    b8 = entries["B8"]
    assert (b8.page, b8.line, b8.chapter, b8.section) == (
        "32",
        21,  # two bands above, each a line
        "Our Community",
        "Community Investment",
    )
    assert b8.explanation == "Not applicable: we made no community investment this year."
    assert b8.locations == ()
    assert entries["B8.1"].chapter == "Our Community"


def test_markup_in_cells_is_text_and_scripts_are_dropped_and_counted(index_report):
    entries = by_code(parse_index(index_report.report))
    # Escaped markup in a cell comes through as the characters written, nothing executed.
    assert (
        entries["B1"].description
        == '"><img src=x onerror=alert(1)> General Disclosure on employment'
    )
    assert entries["B2.1"].raw_location == "<script>alert(3)</script> P31"
    assert locs(entries["B2.1"])[0] == (PAGE, 31, 31, None, None)
    # A real <script> element is not text; the text around it is kept; the drop is counted.
    assert entries["A1.1"].description == "The types of emissions and respective emissions data."
    assert entries["B2.1"].description == "Number and rate of work-related fatalities"
    every_text = "\n".join(p.text for p in index_report.report.pages)
    assert 'alert("cell")' not in every_text
    assert "should never run" not in every_text
    assert index_report.dropped == {"script": 1}
    assert index_report.parser == "html"


def test_anchors_and_links_resolve_to_printed_pages(index_report):
    pages = index_report.report.pages
    anchors = index_report.anchors
    assert anchors["scope-1-emissions"] == Anchor("Scope 1 emissions", "30")
    assert anchors["kpi-a2-1"] == Anchor("Waste & Recycling", "30")  # a <p id>: its section
    assert anchors["content-index"] == Anchor("HKEx ESG Reporting Guide Content Index", "31")
    assert anchors["waste--recycling"] == Anchor("Waste & Recycling", "30")  # heading slug
    assert index_report.links == (
        Hyperlink("Scope 1 emissions", "#scope-1-emissions", "31"),
        Hyperlink("Energy use", "#kpi-a2-1", "31"),
        Hyperlink("Waste", "#waste--recycling", "31"),
        Hyperlink("Community", "#no-such-anchor", "32"),
    )
    assert resolve_anchor("#scope-1-emissions", pages, anchors) == "30"
    assert resolve_anchor("#kpi-a2-1", pages, anchors) == "30"
    assert resolve_anchor("#waste--recycling", pages, anchors) == "30"
    assert resolve_anchor("#scope%2D1-emissions", pages, anchors) == "30"  # percent-encoded
    assert resolve_anchor("Scope 1 emissions", pages, anchors) == "30"  # a section title
    assert resolve_anchor("#content-index", pages, anchors) == "31"
    assert find_anchor("#no-such-anchor", pages, anchors) is None
    assert resolve_anchor("annual-report.html#scope-1-emissions", pages, anchors) is None
    assert resolve_anchor("#", pages, anchors) is None
    # Without the id map, headings are still found by slug; element ids are not.
    assert resolve_anchor("#waste--recycling", pages) == "30"
    assert resolve_anchor("#kpi-a2-1", pages) is None


def test_external_links_keep_their_target_in_the_text():
    text = html('<table><tr><td>Code</td><td>Description</td><td>Location</td></tr>'
                '<tr><td>A1</td><td>Emissions</td><td><a href="https://example.com/ar.pdf">Annual Report</a> p. 5</td></tr></table>')  # fmt: skip
    assert text.split("\n")[1] == "A1\tEmissions\tAnnual Report (https://example.com/ar.pdf) p. 5"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Scope 1 emissions", "scope-1-emissions"),
        ("Waste & Recycling", "waste--recycling"),
        ("Scope 1 (direct) emissions", "scope-1-direct-emissions"),
        ("Émissions — 2024", "émissions--2024"),
        ("snake_case-Title", "snake_case-title"),
    ],
)
def test_slugify_is_github_style(text, slug):
    assert slugify(text) == slug


def test_repeated_headings_get_numbered_slugs():
    document = parse_html_document(b"<h2>Water</h2><p>a</p><h2>Water</h2><p>b</p><h2>Water</h2>")
    assert document.anchors["water"] == Anchor("Water", None)
    assert set(document.anchors) == {"water", "water-1", "water-2"}


# --------------------------------------------------------------------------------------------
# 2. page breaks by CSS, unpaginated documents, --first-page


def test_css_page_breaks_split_pages_and_printed_numbers_label_them():
    document = read_html_document(DATA / "css-page-breaks.html")
    report = document.report
    assert report.pagination == "html"
    assert report.label_method == "printed numbers"
    assert [(p.label, p.label_source, p.headings) for p in report.pages] == [
        ("7", "inferred", ()),
        ("8", "printed", ("Our Water",)),
        ("9", "printed", ("Our People",)),
        ("10", "printed", ()),
    ]
    assert report.pages[0].text == "Lantern Hill Water — Sustainability Report 2023\nCover"
    assert report.pages[3].text == "Closing remarks.\nLantern Hill Water | 10"
    assert resolve_anchor("#our-water", report.pages, document.anchors) == "8"
    assert resolve_anchor("#our-people", report.pages, document.anchors) == "9"


def test_first_page_overrides_html_labels():
    report = read_html_report(DATA / "index-report.html", first_page=101)
    assert [(p.label, p.label_source) for p in report.pages] == [
        ("101", "override"),
        ("102", "override"),
        ("103", "override"),
    ]
    assert report.label_method == "--first-page"


def test_html_without_markers_is_one_unpaginated_page():
    document = parse_html_document(
        b"<html><body><h1>Report</h1><p>One <i>page</i>.</p></body></html>"
    )
    report = document.report
    assert report.pagination == "none"
    assert [(p.number, p.label, p.label_source, p.text, p.headings) for p in report.pages] == [
        (1, None, "none", "Report\nOne page.", ("Report",))
    ]


def test_page_numbers_in_spans_are_not_pages():
    text = html('<p>Intro</p><p>Footer <span class="page">12</span></p><p>More</p>')
    assert text == "Intro\nFooter 12\nMore"


def test_blocks_lists_breaks_and_whitespace():
    text = html(
        "<div>First   line<br>second\n line</div><ul><li>One</li><li>Two <b>bold</b></li></ul>"
        "<pre>  a  b\n  c</pre><p>Scope&nbsp;1&#160;emissions</p><p style='display:none'>hidden</p>"
    )
    assert text == "First line\nsecond line\n• One\n• Two bold\n  a  b\n  c\nScope 1 emissions"


def test_cell_with_several_paragraphs_gives_continuation_lines():
    text = html(
        "<table><tr><th>Code</th><th>Description</th><th>Page</th></tr>"
        "<tr><td>A1</td><td><p>Air emissions</p><p>and GHG</p></td><td>P1</td></tr></table>"
    )
    assert text.split("\n") == ["Code\tDescription\tPage", "A1\tAir emissions\tP1", "\tand GHG\t"]


def test_table_lines_only_read_rows():
    """A heading row inside the table is a line of its own (the index parser reads it), and
    a cell of several lines makes its row several lines, the first cell's included."""
    header = [["Section"], ["Code"], ["Description"], ["Page"]]
    heading = [["Environmental"], [], [], []]
    row = [["GRI 302:", "Energy"], ["302-1"], ["Energy consumption"], ["P3"]]
    assert table_lines([header, heading, [], row]) == [
        ["Section\tCode\tDescription\tPage"],
        ["Environmental\t\t\t"],
        [],
        ["GRI 302:\t302-1\tEnergy consumption\tP3", "Energy\t\t\t"],
    ]
    assert table_lines([header, heading, [], row], one_per_row=True) == [
        ["Section\tCode\tDescription\tPage"],
        ["Environmental\t\t\t"],
        [""],
        ["GRI 302: Energy\t302-1\tEnergy consumption\tP3"],
    ]


def test_lines_of_a_table_row_share_its_number():
    document = parse_html_document(
        b"<p>Intro</p><table><tr><th>Code</th><th>Description</th></tr>"
        b"<tr><td>A1<br>A1.1</td><td>Emissions</td></tr><tr><td>A2</td><td>Use</td></tr>"
        b"</table><p>After</p>"
    )
    (page,) = document.report.pages
    assert page.text.split("\n") == [
        "Intro",
        "Code\tDescription",
        "A1\tEmissions",
        "A1.1\t",
        "A2\tUse",
        "After",
    ]
    assert page.line_numbers == (1, 2, 3, 3, 5, 6)
    # Without a table the lines are numbered as any text's.
    assert parse_html_document(b"<p>One</p><p>Two</p>").report.pages[0].line_numbers == ()


# --------------------------------------------------------------------------------------------
# 3. hostile input: entity bombs, external entities, malformed markup


def test_billion_laughs_is_not_expanded():
    document = read_html_document(DATA / "billion-laughs.xhtml")
    text = "\n".join(p.text for p in document.report.pages)
    assert text == "Before after\nEmissions & energy:"
    assert "lol" not in text
    assert document.report.pages[0].headings == ("Before after",)
    # libxml2 refuses the amplification; the document is then read as HTML without its DTD.
    assert document.parser == "html-recovered"
    assert document.dropped == {"dtd-internal-subset": 1, "entity-reference": 4}


def test_external_entities_are_never_loaded():
    document = read_html_document(DATA / "external-entity.xhtml")
    text = "\n".join(p.text for p in document.report.pages)
    assert text == "Supplier list\nStart end\nRemote: done"
    passwd = Path("/etc/passwd")
    if passwd.exists():
        first = passwd.read_text().split("\n", 1)[0]
        assert first and first not in text
    assert "root:" not in text
    assert document.parser == "xhtml"
    assert document.dropped == {"entity-reference": 2}


def test_external_entity_read_by_the_html_parser_is_not_loaded():
    data = (DATA / "external-entity.xhtml").read_bytes()
    document = parse_html_document(data, "xxe.html", xml=False)  # its DTD is stripped
    assert document.parser == "html"
    assert (
        "\n".join(p.text for p in document.report.pages) == "Supplier list\nStart end\nRemote: done"
    )
    assert document.dropped == {"dtd-internal-subset": 1, "entity-reference": 2}


def test_xhtml_named_entities_of_html_are_text(tmp_path):
    path = tmp_path / "strict.xhtml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Scope&nbsp;1 &mdash; 2&#160;x &amp; y</p></body></html>',
        encoding="utf-8",
    )
    document = read_html_document(path)
    assert document.parser == "xhtml"
    assert document.report.pages[0].text == "Scope 1 — 2 x & y"


@pytest.mark.parametrize(
    "markup",
    [
        b"<table><tr><td>A1<td>x</table></td></tr><p>unclosed <b><i>bold</p>",
        b"<div class='page' data-page='3'><table><tr><td rowspan='999999999' colspan='-4'>A1</td></tr></table>",
        b"<td>stray cell</td></tr></table><h1>",
        b"<p>before</p>" + b"<div>" * 3000 + b"deep" + b"</div>" * 10,
        b"<table>" + b"<table><tr><td>" * 50 + b"nested" + b"</td></tr></table>" * 50,
        b"\xff\xfe<\x00p\x00>\x00x\x00",
    ],
)
def test_malformed_html_does_not_crash(markup):
    document = parse_html_document(markup, "bad.html")
    assert document.report.pages


def test_deeply_nested_markup_keeps_its_text_up_to_the_parser_limit():
    assert html("<p>" + "<div>" * 200 + "deep text" + "</div>" * 200) == "deep text"
    document = parse_html_document(b"<p>kept</p>" + b"<div>" * 3000 + b"lost")
    assert document.report.pages[0].text == "kept"
    assert document.dropped == {"nested-too-deep": 1}  # said, not silent


def test_content_misplaced_in_a_table_is_put_before_it():
    text = html("<table>stray<tr>in row<td>A1</td><td>x</td></tr><div>div</div></table>")
    assert text.split("\n") == ["stray", "div", "in row", "A1\tx"]


def test_empty_html_is_an_input_error():
    with pytest.raises(InputError, match="empty"):
        parse_html_document(b"   ", "blank.html")
    with pytest.raises(InputError, match="no text"):
        parse_html_document(
            b"<html><head><script>x()</script></head><body></body></html>", "s.html"
        )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<table>",
                "</table>",
                "<tr>",
                "<td>",
                "</td>",
                "<th rowspan=2>",
                "<td colspan=3>",
                "<div class='page' data-page='4'>",
                "</div>",
                "<h2 id=x>",
                "</h2>",
                "<br>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "&lol;",
                "&amp;",
                "A1.1",
                "P12",
                " ",
                "\n",
                "<p style='page-break-before: always'>",
                "<pre>",
                "</pre>",
                "<a href='#x'>",
                "</a>",
                "<li>",
                "<![CDATA[",
                "]]>",
                "<?pi x?>",
                "\x00",
                "é",
                "<",
            ]
        ),
        max_size=60,
    )
)
def test_any_tag_soup_reads_or_fails_cleanly(parts):
    data = "".join(parts).encode("utf-8")
    for xml in (False, True):
        try:
            document = parse_html_document(data, "soup.html", xml=xml)
        except InputError:
            continue
        assert all("\f" not in p.text for p in document.report.pages)


# --------------------------------------------------------------------------------------------
# 4. dispatch by extension


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml", ".HTML"])
def test_load_report_reads_html_by_extension(tmp_path, suffix):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Title</h1><p>Body &amp; more</p></body></html>'
    )
    report = load_report(path, TABLE_ANSWERS)
    assert report.pages[0].text == "Title\nBody & more"
    assert report.pages[0].headings == ("Title",)


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_load_report_reads_markdown_by_extension(tmp_path, suffix):
    path = tmp_path / f"report{suffix}"
    path.write_text("# Title\n\nSome **bold** text.\n", encoding="utf-8")
    report = load_report(path, TABLE_ANSWERS)
    assert report.pages[0].text == "Title\n\nSome bold text.\n"
    assert report.pages[0].headings == ("Title",)


def test_load_report_still_reads_text(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("# Not a heading in a text report\n", encoding="utf-8")
    assert load_report(path, TABLE_ANSWERS).pages[0].headings == ()


# --------------------------------------------------------------------------------------------
# 5. Markdown


@pytest.fixture(scope="module")
def markdown_report():
    return read_markdown_document(DATA / "report.md")


def test_markdown_page_markers_and_headings(markdown_report):
    report = markdown_report.report
    assert report.pagination == "html"
    assert report.label_method == "<!-- page N --> markers"
    assert [(p.label, p.label_source, p.headings) for p in report.pages] == [
        (None, "none", ("Juniper Quay Logistics ESG Report 2024", "Scope 1 emissions")),
        ("14", "page-labels", ("Energy & Fuel", "Water")),
        ("15", "page-labels", ("Content index", "Scope 1 emissions")),
    ]
    # Line numbers are kept: the text has as many lines as the file.
    source = (DATA / "report.md").read_text(encoding="utf-8")
    assert sum(p.text.count("\n") + 1 for p in report.pages) == source.count("\n") + 1
    # Front matter, comments and fenced code are not headings; fenced code is kept as text.
    assert "title:" not in report.pages[0].text
    assert "Invented report" not in report.pages[0].text
    assert "# not a heading: inside a fence" in report.pages[1].text.split("\n")


def test_markdown_pipe_table_index_parses(markdown_report):
    table = parse_index(markdown_report.report)
    assert table.layout == "columns"
    assert [(e.code, e.page, e.line) for e in table.entries] == [
        ("A1", "15", 33),
        ("A1.1", "15", 34),
        ("A2.1", "15", 35),
        ("A2.2", "15", 36),
        ("B1", "15", 37),
    ]
    entries = by_code(table)
    assert entries["A1"].description == "General Disclosure on emissions"
    assert entries["A1"].raw_location == "Scope 1 emissions"  # the link's text
    assert entries["A1.1"].raw_location == "#ghg-scope-1"
    assert locs(entries["A2.1"]) == [(PAGE, 14, 14, None, None)]
    assert entries["B1"].explanation == "Not applicable: we have no employees."
    # The prose after the table is not read as the last row's continuation.
    assert [e.standard_text for e in table.entries] == ["HKEx ESG Guide"] * 5
    assert {e.standard for e in table.entries} == {"hkex"}


def test_markdown_anchors_resolve(markdown_report):
    pages, anchors = markdown_report.report.pages, markdown_report.anchors
    assert anchors["ghg-scope-1"] == Anchor("Scope 1 emissions", None)  # front matter page
    assert find_anchor("#ghg-scope-1", pages, anchors) == Anchor("Scope 1 emissions", None)
    assert resolve_anchor("#water-table", pages, anchors) == "14"
    assert resolve_anchor("#energy--fuel", pages, anchors) == "14"
    assert resolve_anchor("#water", pages, anchors) == "14"  # a Setext heading
    assert resolve_anchor("#scope-1-emissions-1", pages, anchors) == "15"  # the second one
    assert resolve_anchor("#content-index", pages, anchors) == "15"
    assert find_anchor("#not-a-heading-inside-a-fence", pages, anchors) is None
    assert markdown_report.links == (
        Hyperlink("the data table", "#energy--fuel", "14"),
        Hyperlink("Scope 1 emissions", "#ghg-scope-1", "15"),
    )


def test_markdown_without_markers_is_unpaginated_and_form_feeds_paginate():
    plain_doc = parse_markdown_document("# A\n\ntext\n")
    assert plain_doc.report.pagination == "none"
    assert [(p.label, p.label_source) for p in plain_doc.report.pages] == [(None, "none")]
    paged = parse_markdown_document("# A\n\ntext\n\n3\f# B\n\nmore\n\n4\f")
    assert paged.report.pagination == "form-feed"
    assert [(p.label, p.label_source, p.headings) for p in paged.report.pages] == [
        ("3", "printed", ("A",)),
        ("4", "printed", ("B",)),
    ]


def test_markdown_first_page_override():
    document = parse_markdown_document(
        "<!-- page 5 -->\n# A\n<!-- page 6 -->\n# B\n", first_page=40
    )
    assert [(p.label, p.label_source) for p in document.report.pages] == [
        ("40", "override"),
        ("41", "override"),
    ]


def test_markdown_table_cells_escaped_pipes_code_and_heading_rows():
    text = "\n".join(
        [
            "| Section | Code | Description | Page |",
            "| :--- | --- | --- | ---: |",
            "| **Environmental** | | | |",
            "| | `A1` | Emissions \\| air | P3<br>P4 |",
            "| | A1.1 | Types | P5 |",
            "| Social | | | |",
            "| | B1 | Employment | P6 |",
            "| | B2 | Health and safety | P7 |",
            "",
            "After the table.",
        ]
    )
    report = parse_markdown_document(text).report
    assert report.pages[0].text.split("\n") == [
        "Section\tCode\tDescription\tPage",
        "",
        "Environmental\t\t\t",  # a heading row: a line of its own, read by the index parser
        "\tA1\tEmissions | air\tP3 P4",
        "\tA1.1\tTypes\tP5",
        "Social\t\t\t",
        "\tB1\tEmployment\tP6",
        "\tB2\tHealth and safety\tP7",
        "",
        "After the table.",
    ]
    table = parse_index(report)
    assert [(e.code, e.line, e.section) for e in table.entries] == [
        ("A1", 4, "Environmental"),
        ("A1.1", 5, "Environmental"),
        ("B1", 7, "Social"),
        ("B2", 8, "Social"),
    ]
    entries = by_code(table)
    assert entries["A1"].description == "Emissions | air"
    assert [loc.start for loc in entries["A1"].locations] == [3, 4]
    assert entries["B2"].raw_location == "P7"  # "After the table." is not part of it


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**A1.1** Types of emissions", "A1.1 Types of emissions"),
        (
            "see [Annual Report](https://example.com/ar.pdf) p. 5",
            "see Annual Report (https://example.com/ar.pdf) p. 5",
        ),
        ("see [Scope 1](#scope-1)", "see Scope 1"),
        ("file_name_here and _emphasis_", "file_name_here and emphasis"),
        ("`code | span` \\*not emphasis\\*", "code | span *not emphasis*"),
        ("![logo](logo.png) <span>x</span>", "logo x"),
    ],
)
def test_inline_markup_is_removed(markdown, text):
    assert parse_markdown_document(markdown).report.pages[0].text == text


def test_a_code_below_in_a_cell_that_is_no_code_cell_starts_no_row():
    """A row without a code whose description's second line opens with one ("305-1 …") is
    no row of its own: its lines go on with the row above, and the next row is its own."""
    rows = "".join(
        f"<tr><td>2-{i}</td><td>Item {i}</td><td>{10 + i}</td></tr>" for i in range(1, 6)
    )
    table = parse_html_document(
        b"<p>GRI content index</p><table><tr><th>Disclosure</th><th>Description</th>"
        b"<th>Page</th></tr>" + rows.encode() + b"<tr><td></td><td>Also covered<br>305-1 "
        b"emissions</td><td>AR 9</td></tr><tr><td>2-6</td><td>Activities</td><td>19</td></tr>"
        b"</table>"
    ).report
    entries = by_code(parse_index(table))
    assert list(entries) == ["2-1", "2-2", "2-3", "2-4", "2-5", "2-6"]
    assert entries["2-5"].description == "Item 5 Also covered 305-1 emissions"
    assert entries["2-5"].raw_location == "15\nAR 9"
    assert (entries["2-6"].description, entries["2-6"].raw_location) == ("Activities", "19")
