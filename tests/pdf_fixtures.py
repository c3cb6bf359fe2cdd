"""Synthetic PDF reports for the PDF reader's tests and benchmark, written with fpdf2.

Every company name, sentence and number here is invented. Each builder returns the PDF's
bytes; ``INDEX_ROWS`` are the content-index rows the index pages print, so tests can compare
what the parser reads with what was written.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.fonts import FontFace

COMPANY = "Harbourline Logistics"
TITLE = "Harbourline ESG Report 2024"
# (code, description, location): what each index row prints.
INDEX_ROWS: tuple[tuple[str, str, str], ...] = (
    ("A1", "General disclosure on air emissions, discharges and waste", "P30"),
    ("A1.1", "The types of emissions and respective emissions data", "P30"),
    ("A1.2", "Direct and energy indirect greenhouse gas emissions and intensity", "P30"),
    ("A1.3", "Total hazardous waste produced and intensity", "P30"),
    ("A1.4", "Total non-hazardous waste produced and intensity", "P30"),
    ("A1.5", "Emission targets set and steps taken to achieve them", "P31"),
    ("A1.6", "How wastes are handled and the reduction targets set", "P31"),
    ("A2", "General disclosure on the efficient use of resources", "P31"),
    ("A2.1", "Direct and indirect energy consumption by type and intensity", "P31"),
    ("A2.2", "Water consumption in total and intensity", "P31"),
    ("A2.3", "Energy use efficiency targets set and steps taken", "P31"),
    ("A2.4", "Issues in sourcing water and water efficiency targets", "P31"),
    ("A2.5", "Packaging material used for finished products", "Not applicable: we ship no goods"),
    ("A3", "General disclosure on the environment and natural resources", "P32"),
    ("A3.1", "Significant impacts on the environment and actions taken", "P32"),
    ("A4", "General disclosure on climate-related issues", "P32"),
    ("A4.1", "Significant climate-related issues and actions taken to manage them", "P32"),
    ("B1", "General disclosure on employment", "P33"),
    ("B1.1", "Total workforce by gender, employment type, age group and region", "P33"),
    ("B1.2", "Employee turnover rate by gender, age group and region", "P33"),
    ("B2", "General disclosure on health and safety", "P33"),
    ("B2.1", "Number and rate of work-related fatalities in each of the past three years", "P33"),
    ("B2.2", "Lost days due to work injury", "P33"),
    ("B2.3", "Occupational health and safety measures adopted", "P33 - 34"),
    ("B3", "General disclosure on development and training", "P34"),
    ("B3.1", "Percentage of employees trained by gender and employee category", "P34"),
    ("B3.2", "Average training hours completed per employee", "P34"),
    ("B4", "General disclosure on labour standards", "P34"),
)
PROSE = (
    "Our depots in Kowloon and Shenzhen moved {n} delivery vans to battery power this year, "
    "and the warehouse roofs now carry solar panels that cover part of the daytime load. "
    "We measure fuel, electricity and water every month and report the totals below, "
    "together with the methods we used and the sites each figure covers."
)
STYLES = ("rules", "grid", "zebra", "plain")
_FIXED_DATE = datetime(2024, 6, 30, tzinfo=UTC)


class _Report(FPDF):
    """A4 portrait report whose footer prints ``footer(page_number)`` (or nothing)."""

    def __init__(self, footer: Callable[[int], str | None] | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self._footer_text = footer
        self.set_creation_date(_FIXED_DATE)
        self.core_fonts_encoding = "windows-1252"  # curly quotes and dashes in titles
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        text = self._footer_text(self.page_no()) if self._footer_text else None
        if text is None:
            return
        self.set_y(-14)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, text, align="R")


def _output(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


def _cover(pdf: FPDF) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 28)
    pdf.set_y(90)
    pdf.multi_cell(
        0,
        14,
        f"{COMPANY}\nEnvironmental, Social and Governance Report 2024",
        new_x="LMARGIN",
        new_y="NEXT",
    )


def _prose_page(pdf: FPDF, n: int, heading: str | None = None) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        0, 10, heading or f"Section {n}: Operations and environment", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", size=10)
    for k in range(4):
        pdf.multi_cell(0, 5, PROSE.format(n=12 + n + k), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)


def _index_table(
    pdf: FPDF,
    style: str,
    rows: Sequence[tuple[str, str, str]] = INDEX_ROWS,
    widths: tuple[float, float, float] = (24, 110, 40),
    font_size: float = 9,
) -> None:
    layout = {"rules": "HORIZONTAL_LINES", "grid": "ALL", "zebra": "NONE", "plain": "NONE"}
    pdf.set_font("Helvetica", size=font_size)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        v_align="TOP",
        text_align="LEFT",
        borders_layout=layout[style],
        cell_fill_color=(232, 236, 240) if style == "zebra" else None,
        cell_fill_mode="ROWS" if style == "zebra" else "NONE",
        headings_style=FontFace(emphasis="BOLD"),
        line_height=font_size * 0.55,
        repeat_headings=1,
    ) as table:
        header = table.row()
        for name in ("Code", "Description", "Page"):
            header.cell(name)
        for code, description, location in rows:
            row = table.row()
            row.cell(code)
            row.cell(description)
            row.cell(location)


def _index_pages(pdf: FPDF, style: str, rows: Sequence[tuple[str, str, str]]) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, "HKEX ESG Reporting Guide Content Index", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, PROSE.format(n=3), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(150)  # low enough that the table runs onto a second page
    _index_table(pdf, style, rows)


def numbered_report(
    first_label: int = 30,
    style: str = "rules",
    rows: Sequence[tuple[str, str, str]] = INDEX_ROWS,
    content_pages: int = 3,
    footer: Callable[[int], str] | None = None,
) -> bytes:
    """An unnumbered cover, ``content_pages`` prose pages and a two-page content index; page
    ``p`` (physical, 1-based, from 2) prints ``first_label + p - 2`` in its footer: the
    cover would be ``first_label - 1``."""
    printed = footer or (lambda label: f"{TITLE}    {label}")
    pdf = _Report(lambda p: None if p == 1 else printed(first_label + p - 2))
    _cover(pdf)
    for n in range(content_pages):
        _prose_page(pdf, n)
    _index_pages(pdf, style, rows)
    return _output(pdf)


def sparse_index_neighbours_report() -> bytes:
    """Pages whose text mode depends on a neighbour: a page citing two codes before a
    full index page (layout text because the next page is an index) and a two-row table
    after it (layout text because the previous page is one)."""
    pdf = _Report(lambda p: f"{TITLE}    {p}")
    _cover(pdf)
    _prose_page(pdf, 1, heading="About this report: see A1.1 and A1.2 in the index")
    pdf.add_page()
    _index_table(pdf, "rules", INDEX_ROWS[:20])
    pdf.add_page()
    _index_table(pdf, "plain", INDEX_ROWS[20:22])
    _prose_page(pdf, 2)
    return _output(pdf)


def glued_footer_report() -> bytes:
    """Footers that glue the page number to a running title: "… Index 20244" is page 4."""
    pdf = _Report(lambda p: f"Harbourline ESG Reporting Index 2024{p}")
    for n in range(4):
        _prose_page(pdf, n)
    _index_pages(pdf, "rules", INDEX_ROWS[:12])
    return _output(pdf)


def spreads_report(index_rows: Sequence[tuple[str, str, str]] = INDEX_ROWS[:12]) -> bytes:
    """Two-page spreads, one per PDF page: each footer prints both folios ("4 … 5"), the cover
    (PDF page 1) is pages 0 and 1."""
    pdf = _Report(
        lambda p: None if p == 1 else f"{2 * p - 2}      {COMPANY} ESG Report 2024      {2 * p - 1}"
    )
    _cover(pdf)
    for n in range(4):
        _prose_page(pdf, n)
    _index_pages(pdf, "rules", index_rows)
    return _output(pdf)


def page_labels_report(printed_offset: int = 0) -> bytes:
    """/PageLabels: cover and contents ``i``, ``ii``; then decimal pages from 1. The footer
    prints the decimal label plus ``printed_offset`` (0: footers agree with the labels)."""
    pdf = _Report(lambda p: None if p <= 2 else f"{TITLE}  |  {p - 2 + printed_offset}")
    _cover(pdf)
    pdf.set_page_label(label_style="r")
    _prose_page(pdf, 0, "Contents")
    pdf.add_page()
    pdf.set_page_label(label_style="D", label_start=1)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, PROSE.format(n=1), new_x="LMARGIN", new_y="NEXT")
    for n in range(1, 4):
        _prose_page(pdf, n)
    return _output(pdf)


def two_column_report(split: int = 18) -> bytes:
    """A page set in two text columns (the right one drawn first, so pdfium's own text
    order is wrong), then an index set in two columns, each with its own header (the left
    column holds the first ``split`` rows); footers print 1, 2 and 3."""
    pdf = _Report(lambda p: str(p))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, "Our year in brief", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y()
    pdf.set_font("Helvetica", size=10)
    for column, words in ((112, "Right column"), (18, "Left column")):
        pdf.set_xy(column, top)
        for k in range(5):
            pdf.set_x(column)
            pdf.multi_cell(
                80,
                5,
                f"{words} paragraph {k + 1}. " + PROSE.format(n=k),
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(2)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, "Content index", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 4
    for column, rows in ((18, INDEX_ROWS[:split]), (112, INDEX_ROWS[split:])):
        pdf.set_xy(column, top)
        pdf.set_left_margin(column)
        _index_table(pdf, "rules", rows, widths=(14, 50, 16), font_size=8)
    pdf.set_left_margin(18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, PROSE.format(n=9), new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)


# (topic, code, metric, summary, reference) rows of a SASB table with a summary column.
SUMMARY_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "Data Security",
        "SV-PS-230a.1",
        "How risks to the data we hold are found and handled",
        "Our security team reviews every depot system twice a year. "
        "Findings go to the risk committee with a date for each fix.",
        "ESG Report - p.23",
    ),
    (
        "",
        "SV-PS-230a.2",
        "Policies on collecting, using and keeping customer records",
        "Customer records are kept for seven years and then erased. "
        "Staff complete privacy training every year and pass a short test. "
        "New uses of personal data are assessed before they start.",
        "ESG Report - p.24",
    ),
    (
        "",
        "SV-PS-230a.3",
        "Number of data breaches, the share involving customer information, and the number "
        "of customers affected by them over the year",
        "Two breaches were reported to the regulator this year.",
        "Harbourline ESG Report - p.24",
    ),
)
ACTIVITY_ROWS: tuple[tuple[str, str, str, str], ...] = (
    (
        "SV-PS-000.A",
        "Number of employees by full-time, part-time, temporary and contract status",
        "1,204 full-time and 96 part-time employees.",
        "ESG Report - p.37",
    ),
    (
        "SV-PS-000.B",
        "Employee hours worked and the share of them billable to clients",
        "We do not report hours worked.",
        "No plans for future disclosure at this time.",
    ),
)


def summary_index_report() -> bytes:
    """One page with two SASB tables whose headers are four lines tall, set at the bottom of
    their cells, and with a reporting-summary column; each table's last row wraps its
    metric and its reference far below its code. A note and a title separate the tables
    (the second header repeats the first one's shape), and a colour legend whose labels
    look like column names closes the page."""
    pdf = _Report(lambda p: f"{p} | HARBOURLINE | ESG REPORT | 2024")
    _prose_page(pdf, 0)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, "Disclosure status against SASB topics and metrics")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=8)
    heading = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=(22, 32, 24, 58, 18, 20),
        width=174,
        align="LEFT",
        v_align="TOP",
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        headings_style=heading,
        line_height=3.8,
    ) as table:
        header = table.row()
        for name in (
            "Disclosure topic",
            "Accounting metric",
            "Code",
            "Reporting summary",
            "Disclosure Alignment Status",
            "Report page reference/ Future disclosures",
        ):
            header.cell(name, v_align="BOTTOM")
        for topic, code, metric, summary, reference in SUMMARY_ROWS:
            row = table.row()
            for text in (topic, metric, code, summary, "", reference):
                row.cell(text)
    pdf.ln(3)
    pdf.multi_cell(
        0,
        4,
        "Note: Harbourline reports under the SASB Professional and Commercial Services "
        "standard, whose metrics are the closest to the services we sell to our clients.",
    )
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, "Disclosure status against SASB activity metrics")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=8)
    with pdf.table(
        col_widths=(54, 24, 58, 18, 20),
        width=174,
        align="LEFT",
        v_align="TOP",
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        headings_style=heading,
        line_height=3.8,
    ) as table:
        header = table.row()
        for name in (
            "Activity metric",
            "Code",
            "Reporting summary",
            "Disclosure Alignment Status",
            "Report page reference/ Future disclosures",
        ):
            header.cell(name, v_align="BOTTOM")
        for code, metric, summary, reference in ACTIVITY_ROWS:
            row = table.row()
            for text in (metric, code, summary, "", reference):
                row.cell(text)
    pdf.set_y(-34)
    for x, label in (
        (24, "Good disclosure alignment"),
        (84, "Disclosure alignment in progress"),
        (144, "Disclosure alignment under review"),
    ):
        pdf.set_x(x)
        pdf.cell(50, 5, label)
    return _output(pdf)


# (topic, metric, category, unit, code, index) rows of a wide SASB table; "" under a topic:
# the topic's cell is merged over that row too.
WIDE_ROWS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "Data security",
        "Description of approach to identifying and addressing data security risks",
        "Discussion & Analysis",
        "n/a",
        "FN-CB-230a.2, FN-CF-230a.3",
        "Harbourline Annual Report 2024 > Governance > Data privacy; P. 83",
    ),
    (
        "Incorporation of Environmental, Social and Governance Factors in Credit Analysis",
        "Description of approach to incorporation of environmental, social and governance "
        "factors in credit analysis",
        "Discussion & Analysis",
        "n/a",
        "FN-CB-410a.2, FN-AC-410a.2",
        "Harbourline Annual Report 2024 > Risk review > Our climate risk approach; P. 121. "
        "Harbourline Annual Report 2024 > Risk review > Lending to the transition of our "
        "customers in the freight and shipping sectors; P. 124",
    ),
    (
        "",
        "(1) Number and (2) total value of investments and loans incorporating integration of "
        "environmental, social and governance factors, by industry",
        "Quantitative",
        "Number, Presentation currency",
        "FN-IB-410a.2",
        "Harbourline Annual Report 2024 > Environmental > Supporting our customers; P. 45",
    ),
    (
        "",
        "Description of proxy voting and investee engagement policies and procedures",
        "Discussion & Analysis",
        "n/a",
        "FN-AC-410a.3",
        "Voting guideline (https://harbourline.example/voting.pdf). "
        "Engagement policy (https://harbourline.example/engage.pdf). "
        "Harbourline Annual Report 2024 > Governance > Stewardship; P. 90",
    ),
    (
        "Business Ethics",
        "Total amount of monetary losses as a result of legal proceedings associated with "
        "fraud, insider trading, anti-trust or market manipulation",
        "Quantitative",
        "Presentation currency",
        "FN-CB-510a.1",
        "Harbourline Annual Report 2024 > Notes on the financial statements > Note 28; P. 215",
    ),
    (
        "",
        "Description of whistleblower policies and procedures",
        "Discussion & Analysis",
        "n/a",
        "FN-CB-510a.2",
        "Harbourline Annual Report 2024 > Governance > Integrity and conduct; P. 80. "
        "Harbourline Annual Report 2024 > Governance > Whistleblowing; P. 81. Harbourline "
        "Annual Report 2024 > Report of the Directors > Board committees > Speaking up; P. 167",
    ),
)
# Rows of the same table on the next page, which does not repeat its header.
WIDE_ROWS_NEXT: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "Activity metrics",
        "(1) Number and (2) value of loans by segment: (a) personal, (b) small business, "
        "and (c) corporate",
        "Quantitative",
        "Number, Presentation currency",
        "FN-CB-000.B",
        "Harbourline Annual Report 2024 > Global businesses > Reconciliation of reported "
        "and adjusted items; P. 99",
    ),
    (
        "Lending Practices",
        "(1) Number and (2) value of residential mortgages of the following types: (a) "
        "hybrid, (b) prepayment penalty, (c) higher rate",
        "Quantitative",
        "Number, Presentation currency",
        "FN-MF-270a.1",
        "Harbourline Annual Report 2024 > Credit risk > Personal lending; P. 185",
    ),
    (
        "",
        "(1) Number and (2) value of (a) residential mortgage modifications, (b) "
        "foreclosures, and (c) short sales",
        "Quantitative",
        "Number, Presentation currency",
        "FN-MF-270a.2",
        "Harbourline Annual Report 2024 > Credit risk > Forbearance; P. 168",
    ),
    (
        "Activity metrics",
        "Total assets under management",
        "Quantitative",
        "Presentation currency",
        "FN-AC-000.A",
        "Harbourline Annual Report 2024 > Asset management > Funds under management; P. 107",
    ),
)
_WIDE_HEADER = ("TOPIC", "ACCOUNTING METRIC", "CATEGORY", "UNIT OF MEASURE", "CODE", "Index")
_WIDE_WIDTHS = (40, 76, 30, 28, 34, 53)


def _wide_page(pdf: FPDF, n: int) -> None:
    pdf.add_page()
    pdf.set_y(30)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, "Sustainability Accounting Standards Board (SASB) metrics")
    pdf.ln(8)
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(0, 3.6, " ".join([PROSE.format(n=n)] * 2), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _wide_rows(pdf: FPDF, rows: Sequence[tuple[str, ...]], header: bool) -> None:
    pdf.set_font("Helvetica", size=6.5)
    with pdf.table(
        col_widths=_WIDE_WIDTHS,
        width=sum(_WIDE_WIDTHS),
        align="LEFT",
        v_align="MIDDLE",
        text_align=("LEFT", "LEFT", "CENTER", "CENTER", "LEFT", "LEFT"),
        borders_layout="ALL",
        first_row_as_headings=header,
        headings_style=FontFace(emphasis="BOLD"),
        line_height=3.2,
        padding=1.5,
    ) as table:
        if header:
            heading = table.row()
            for k, name in enumerate(_WIDE_HEADER):
                heading.cell(name, align="LEFT" if k == 0 else "CENTER")
        spans = [1] * len(rows)
        for k, row in enumerate(rows):
            if row[0]:
                while k + spans[k] < len(rows) and not rows[k + spans[k]][0]:
                    spans[k] += 1
        for k, (topic, *cells) in enumerate(rows):
            line = table.row()
            if topic:
                line.cell(topic, rowspan=spans[k])
            for text in cells:
                line.cell(text)


def wide_index_report() -> bytes:
    """A landscape SASB table as a bank's data pack prints it: six columns over the page,
    names centred over them, every cell centred vertically in its ruled row (so a row's
    code sits in the middle of its metric and its references), topics merged over several
    rows; the next page repeats the page's title and introduction, then continues the
    table without its header, and ends with a footnote. Footers print 36 and 37."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(auto=False)
    for number, rows, header in ((36, WIDE_ROWS, True), (37, WIDE_ROWS_NEXT, False)):
        _wide_page(pdf, number)
        _wide_rows(pdf, rows, header)
        if not header:
            pdf.ln(4)
            pdf.set_font("Helvetica", size=6.5)
            pdf.cell(0, 4, "1 Figures cover every Harbourline market and its shipping arm.")
        pdf.set_y(-12)
        pdf.set_font("Helvetica", size=7)
        pdf.cell(0, 5, str(number), align="C")
    return _output(pdf)


def image_page_report(stamped: bool = False) -> bytes:
    """Three pages numbered 1-3; page 2 is a scanned image with no text layer at all, or
    (``stamped``) only its page number printed over the scan."""
    from PIL import Image  # fpdf2 depends on Pillow

    pdf = _Report(lambda p: (str(p) if stamped else None) if p == 2 else f"{TITLE}    {p}")
    _prose_page(pdf, 0)
    pdf.add_page()
    scan = Image.new("L", (200, 280), color=235)
    for x in range(20, 180):
        for y in range(30, 250, 12):
            scan.putpixel((x, y), 40)
    pdf.image(scan, x=0, y=0, w=210, h=297)
    _prose_page(pdf, 2)
    return _output(pdf)


def encrypted_report(user_password: str | None) -> bytes:
    pdf = _Report(lambda p: str(p))
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    _prose_page(pdf, 0)
    _prose_page(pdf, 1)
    return _output(pdf)


# --- hand-written PDFs: broken font encodings, zero pages --------------------------------


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from numbered object bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return (
        b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n"
        % (
            len(packed),
            extra,
        )
        + packed
        + b"\nendstream"
    )


def _to_unicode(mapping: Callable[[int], int]) -> bytes:
    """A ToUnicode CMap sending each byte 0x21-0x7E to ``mapping(byte)``."""
    pairs = [b"<%02X> <%04X>" % (code, mapping(code)) for code in range(0x21, 0x7F)]
    return b"\n".join(
        [
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Broken-UCS def /CMapType 2 def",
            b"1 begincodespacerange <00> <FF> endcodespacerange",
            b"%d beginbfchar" % len(pairs),
            *pairs,
            b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    )


def _escape(text: str) -> bytes:
    return (
        text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    )


def broken_font_report(kind: str, pages: int = 3, broken_pages: Sequence[int] = (2,)) -> bytes:
    """Pages of prose in Helvetica; on ``broken_pages`` (1-based) the font's ToUnicode map is
    broken: ``shifted`` (codes map 29 places down, as when glyph ids leak: "Our" reads
    ``2XU``), ``symbols`` (letters map to ASCII punctuation and digits, ``>=C4=CB``),
    ``private`` (private-use code points) or ``replacement`` (U+FFFD). Each page prints its
    number at the bottom in the sound font."""
    broken = {
        "shifted": lambda c: c - 29 if c - 29 >= 0x21 else c,
        "symbols": lambda c: 0x21 + (c * 7) % 31 if chr(c).isalpha() else c,
        "private": lambda c: 0xE000 + c,
        "replacement": lambda c: 0xFFFD,
    }[kind]
    objects: list[bytes] = [b"", b""]  # catalog and page tree, filled in below
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding%s >>"
    objects.append(font % b"")  # 3: sound font
    objects.append(_stream(_to_unicode(broken)))  # 4: broken map
    objects.append(font % b" /ToUnicode 4 0 R")  # 5: broken font
    kids = []
    for page in range(1, pages + 1):
        name = b"/F2" if page in broken_pages else b"/F1"
        lines = [b"BT %s 11 Tf 72 760 Td 14 TL" % name]
        for k in range(30):
            sentence = PROSE.format(n=k)[(k * 11) % 90 :][:80]
            lines.append(b"(%s) '" % _escape(sentence))
        lines.append(b"ET BT /F1 9 Tf 300 30 Td (%d) Tj ET" % page)
        objects.append(_stream(b"\n".join(lines)))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 5 0 R >> >> >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _raw_pdf(objects)


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    return _raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def truncated(data: bytes) -> bytes:
    """The first 40% of a PDF file, as an interrupted download leaves it."""
    return data[: len(data) * 2 // 5]


# --- the benchmark report ----------------------------------------------------------------


def benchmark_report(pages: int = 300, first_label: int = 98, index_pages: int = 10) -> bytes:
    """A long report: prose and KPI tables, then a content index of ``index_pages`` pages
    cycling through the table styles (rules, grid, zebra, none), each page's table with
    its header. Page ``p`` is printed page ``first_label + p - 1``; the cover (page 1)
    prints no number."""
    from xesg.catalogue.load import bundled

    hkex = [(d.code, d.title) for c in bundled(["hkex"]).catalogues for d in c.disclosures]
    gri = [(d.code, d.title) for c in bundled(["gri"]).current("gri") for d in c.disclosures]
    rows = [
        (code, title[:90], f"P{first_label + 3 + (k * 7) % (pages - index_pages - 4)}")
        for k, (code, title) in enumerate(hkex + gri)
    ]
    pdf = _Report(lambda p: None if p == 1 else f"{TITLE}    {first_label + p - 1}")
    pdf.set_compression(True)
    _cover(pdf)
    body = pages - 1 - index_pages
    for n in range(body):
        _prose_page(pdf, n)
        pdf.set_font("Helvetica", size=9)
        with pdf.table(
            col_widths=(70, 30, 30, 30, 14), text_align="LEFT", line_height=4.5
        ) as table:
            header = table.row()
            for name in ("Indicator", "2024", "2023", "2022", "Unit"):
                header.cell(name)
            for k in range(8):
                row = table.row()
                for cell in (
                    f"Scope {k % 3 + 1} emissions, site group {k + 1}",
                    f"{1000 + 37 * n + k:,}",
                    f"{1100 + 31 * n + k:,}",
                    f"{1200 + 29 * n + k:,}",
                    "tCO2e",
                ):
                    row.cell(cell)
    per_page = -(-len(rows) // index_pages)
    for k in range(index_pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, "Content Index" + (" (continued)" if k else ""))
        pdf.ln(10)
        chunk = rows[k * per_page : (k + 1) * per_page]
        _index_table(pdf, STYLES[k % len(STYLES)], chunk, widths=(38, 104, 32), font_size=7)
    return _output(pdf)


def many_pages_pdf(pages: int = 5000, first_label: int = 1) -> bytes:
    """A long PDF written by hand (fpdf2 would take minutes): every page a heading, two
    lines of text and its printed number in the footer."""
    objects: list[bytes] = [b"", b""]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")  # 3
    kids = []
    for page in range(1, pages + 1):
        label = first_label + page - 1
        content = (
            b"BT /F1 14 Tf 72 760 Td (Section %d) Tj ET\n"
            b"BT /F1 10 Tf 72 730 Td 13 TL (We report our water use and waste for site %d.) Tj"
            b" (The figures cover the calendar year.) ' ET\n"
            b"BT /F1 8 Tf 480 30 Td (Annual Report  %d) Tj ET" % (page, page, label)
        )
        objects.append(_stream(content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _raw_pdf(objects)


def rotated_pages(data: bytes, rotation: int) -> bytes:
    """The same PDF with every page stored turned by ``rotation`` degrees and a ``/Rotate``
    that turns it back (how landscape and scanned pages are often stored): it looks the
    same, but pdfium reports character boxes in the stored orientation."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        turn = pdfium.PdfMatrix().rotate(rotation, ccw=True)
        shift = {90: (height, 0.0), 180: (width, height), 270: (0.0, width)}[rotation]
        matrix = turn.translate(*shift)
        for obj in list(page.get_objects(max_depth=1)):
            obj.transform(matrix)
        if rotation in (90, 270):
            page.set_mediabox(0, 0, height, width)
        page.set_rotation(rotation)
        page.gen_content()
        page.close()
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()
