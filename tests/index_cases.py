"""Content-index layouts described once, written out in every format a report comes in.

A :class:`Layout` is a report whose content index is a table: its header, its rows (a cell
may wrap over several lines) and what else a real index has between the rows — a footnote, a
section band across the columns, the page's running header and folio, a repeated header after
a page break. ``render(layout, fmt)`` writes it as text with tabs, text aligned with spaces
(as ``pdftotext -layout`` does), Markdown, HTML and PDF, so one general case is one fixture
checked in each format it can occur in; and as the index on its own, a CSV file or an XLSX
workbook (``SPREADSHEETS``), as auditors receive it.

Every name, sentence and number here is invented.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

TITLE = "Kestrel Bay Holdings ESG Report 2024"
PROSE = (
    "Kestrel Bay runs ferries and bus depots around the harbour. This year we moved {n} "
    "buses to battery power and measured fuel, electricity and water every month."
)


@dataclass(frozen=True)
class Row:
    """One table row; a cell's lines are separated by newlines."""

    cells: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    """A line across the table that is no row: a section band, a footnote, a caption."""

    text: str
    # Markdown: a pipe row with text in its first cell only, inside the table (a converter's
    # heading row), rather than a paragraph between two tables
    in_table: bool = False


@dataclass(frozen=True)
class PageBreak:
    """The table goes on on the next page; ``header`` repeats the header row there."""

    header: bool = True


Item = Row | Band | PageBreak


@dataclass(frozen=True)
class Layout:
    header: tuple[str, ...]  # a name's lines are separated by newlines (a wrapped header)
    items: tuple[Item, ...]
    widths: tuple[int, ...]  # characters per column (text) and a scale for PDF positions
    first_page: int = 12
    title: str = "Content Index"
    # PDF: draw the page's cells column by column (text order is not reading order), and
    # set a vertical word in the left margin.
    column_order: bool = False
    margin_text: str | None = None
    after: tuple[str, ...] = field(default=("Assurance statement", PROSE.format(n=3)))
    # The report's running title and its prose (with a "{n}"), in the report's language; and
    # for the PDF, a font file that has its characters (Helvetica when None: Latin only).
    report_title: str = TITLE
    prose: str = PROSE
    font: str | None = None
    # Pages of prose before the index, one text each (their printed numbers run up to the
    # index's first page): what the index's page references point to.
    pages_before: tuple[str, ...] = ()


FORMATS = ("tabs", "spaces", "markdown", "html", "pdf")
SPREADSHEETS = ("csv", "xlsx")
SUFFIX = {
    "csv": ".csv",
    "xlsx": ".xlsx",
    "joined": ".txt",  # cells run together with single spaces (text extraction without gaps)
    "tabs": ".txt",
    "spaces": ".txt",
    "markdown": ".md",
    "html": ".html",
    "pdf": ".pdf",
}


def pages_of(layout: Layout) -> list[list[Item]]:
    """The table's items page by page (a page break starts a page)."""
    pages: list[list[Item]] = [[]]
    for item in layout.items:
        if isinstance(item, PageBreak):
            pages.append([])
        pages[-1].append(item)
    return pages


def _cell_lines(cells: Sequence[str]) -> list[list[str]]:
    """Line ``k`` of each cell, for every line of the tallest cell."""
    split = [cell.split("\n") for cell in cells]
    height = max(len(s) for s in split)
    return [[s[k] if k < len(s) else "" for s in split] for k in range(height)]


def _before(layout: Layout) -> list[tuple[int, str]]:
    """The pages before the index: (printed number, text)."""
    first = layout.first_page - len(layout.pages_before)
    return [(first + k, text) for k, text in enumerate(layout.pages_before)]


def _header_shown(item: Item, k: int) -> bool:
    return k == 0 or (isinstance(item, PageBreak) and item.header)


def _text(layout: Layout, joined: str) -> str:
    out = [f"{layout.report_title}\n\n{text}\n\n{n}" for n, text in _before(layout)]
    for k, page in enumerate(pages_of(layout)):
        lines = [layout.report_title, ""]
        if k == 0:
            lines += [layout.title, "", layout.prose.format(n=1), ""]
        for i, item in enumerate(page):
            if i == 0 and _header_shown(item, k):
                lines += [_line(layout, joined, c) for c in _cell_lines(layout.header)]
            if isinstance(item, Row):
                lines += [_line(layout, joined, c) for c in _cell_lines(item.cells)]
            elif isinstance(item, Band):
                lines.append(item.text)
        if k == len(pages_of(layout)) - 1:
            lines += ["", *layout.after]
        lines += ["", str(layout.first_page + k)]
        out.append("\n".join(lines))
    return "\f".join(out) + "\n"


def _line(layout: Layout, joined: str, cells: Sequence[str]) -> str:
    if joined == " ":  # text extraction that runs the cells together
        return " ".join(c for c in cells if c)
    if joined == "\t":
        return "\t".join(cells).rstrip("\t") if any(cells) else ""
    line = ""
    for width, cell in zip(layout.widths, cells, strict=True):
        assert len(cell) <= width - 2, (cell, width)
        line += cell.ljust(width)
    return line.rstrip()


def _markdown(layout: Layout) -> str:
    """A Markdown conversion of the PDF: a pipe table per stretch of rows, the lines between
    them (bands, the page's header and folio) as paragraphs."""

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("\n", " ") for c in cells) + " |"

    header = [row(layout.header), "|" + "---|" * len(layout.header)]
    out = [f"# {layout.report_title}", ""]
    out += [f"{text}\n\n{n}\n" for n, text in _before(layout)]
    out += [f"## {layout.title}", "", layout.prose.format(n=1), "", *header]
    open_table = True
    for k, page in enumerate(pages_of(layout)):
        for item in page:
            if isinstance(item, PageBreak):
                out += ["", str(layout.first_page + k - 1), "", layout.report_title, ""]
                open_table = False
                if item.header:
                    out += header
                    open_table = True
            elif isinstance(item, Band) and item.in_table and open_table:
                out.append(row([item.text, *[""] * (len(layout.header) - 1)]))
            elif isinstance(item, Band):
                out += ["", item.text, ""]
                open_table = False
            else:
                if not open_table:
                    out += header
                    open_table = True
                out.append(row(item.cells))
    out += ["", *layout.after, ""]
    return "\n".join(out)


def _html(layout: Layout) -> str:
    def row(cells: Sequence[str], tag: str = "td") -> str:
        inner = "".join(
            f"<{tag}>{'<br>'.join(html.escape(x) for x in c.split(chr(10)))}</{tag}>" for c in cells
        )
        return f"<tr>{inner}</tr>"

    head = f"<thead>{row(layout.header, 'th')}</thead>"
    out = [f"<html><head><title>{html.escape(layout.report_title)}</title></head><body>"]
    out += [
        f'<div class="page" data-page="{n}"><p>{html.escape(text)}</p></div>'
        for n, text in _before(layout)
    ]
    for k, page in enumerate(pages_of(layout)):
        out.append(f'<div class="page" data-page="{layout.first_page + k}">')
        if k == 0:
            out += [f"<h2>{layout.title}</h2>", f"<p>{layout.prose.format(n=1)}</p>"]
        out.append("<table>")
        if _header_shown(page[0], k):
            out.append(head)
        for item in page:
            if isinstance(item, Row):
                out.append(row(item.cells))
            elif isinstance(item, Band):
                span = len(layout.header)
                out.append(f'<tr><td colspan="{span}">{html.escape(item.text)}</td></tr>')
        out.append("</table>")
        if k == len(pages_of(layout)) - 1:
            out += [f"<h2>{layout.after[0]}</h2>", *(f"<p>{p}</p>" for p in layout.after[1:])]
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)


def _font_setter(pdf: FPDF, layout: Layout) -> Callable[[str, float], None]:
    """Sets the layout's font (Helvetica, or its own font file) in a style and size."""
    if layout.font is None:
        return lambda style, size: pdf.set_font("Helvetica", style, size)
    pdf.add_font("layout", "", layout.font)
    return lambda style, size: pdf.set_font("layout", "", size)  # bold is only emphasis here


def _pdf_before(pdf: FPDF, layout: Layout, font: Callable[[str, float], None]) -> None:
    """The pages of prose before the index."""
    for n, text in _before(layout):
        pdf.add_page()
        font("", 8)
        pdf.text(20, 12, layout.report_title)
        font("", 10)
        pdf.text(20, 30, text)
        font("", 8)
        pdf.text(280, 200, str(n))


def _pdf(layout: Layout) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 6, 30, tzinfo=UTC))
    pdf.set_auto_page_break(auto=False)
    font = _font_setter(pdf, layout)
    scale = 250 / sum(layout.widths)  # the table spans 250 mm
    xs = [20 + scale * sum(layout.widths[:i]) for i in range(len(layout.widths))]
    step = 4.2
    _pdf_before(pdf, layout, font)
    for k, page in enumerate(pages_of(layout)):
        pdf.add_page()
        font("", 8)
        pdf.text(20, 12, layout.report_title)
        y = 24.0
        if k == 0:
            font("B", 14)
            pdf.text(20, y, layout.title)
            font("", 9)
            pdf.text(20, y + 7, layout.prose.format(n=1))
            y += 16
        draws: list[tuple[int, float, str, bool]] = []  # column, y, text, bold
        if _header_shown(page[0], k):
            for line in _cell_lines(layout.header):
                draws += [(c, y, t, True) for c, t in enumerate(line) if t]
                y += step
            y += 1.5
        for item in page:
            if isinstance(item, Row):
                for line in _cell_lines(item.cells):
                    draws += [(c, y, t, False) for c, t in enumerate(line) if t]
                    y += step
                y += 1.5
            elif isinstance(item, Band):
                draws.append((-1, y, item.text, True))
                y += step + 1.5
        if layout.column_order:
            draws.sort(key=lambda d: (d[0], d[1]))
        for column, at, text, bold in draws:
            font("B" if bold else "", 8)
            pdf.text(20 if column < 0 else xs[column], at, text)
        if k == len(pages_of(layout)) - 1:
            font("B", 12)
            pdf.text(20, y + 8, layout.after[0])
            font("", 9)
            for n, text in enumerate(layout.after[1:]):
                pdf.text(20, y + 15 + 5 * n, text)
        if layout.margin_text:
            font("B", 9)
            with pdf.rotation(90, 8, 150):
                pdf.text(8, 150, layout.margin_text)
        font("", 8)
        pdf.text(280, 200, str(layout.first_page + k))
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _header_rows(layout: Layout) -> list[list[str]]:
    """The header as a spreadsheet writes it: a name over two lines ("OMISSION" over
    "REASON") as two header rows, each cell of the upper row over the lower one."""
    return [list(cells) for cells in _cell_lines(layout.header)]


def _sheets(layout: Layout) -> list[tuple[str, list[list[str]]]]:
    """The index as a spreadsheet exports it: title rows above the header, a band as a row
    of one cell, a header repeated after a page break as a header row. In a workbook, a page
    break with its header repeated starts a sheet of its own, after a cover sheet of prose."""
    sheets: list[tuple[str, list[list[str]]]] = []
    rows: list[list[str]] = [[layout.report_title], [layout.title], []]
    for k, page in enumerate(pages_of(layout)):
        for i, item in enumerate(page):
            if i == 0 and _header_shown(item, k):
                if k > 0:
                    sheets.append((f"Index {len(sheets) + 1}", rows))
                    rows = []
                rows += _header_rows(layout)
            if isinstance(item, Row):
                rows.append(list(item.cells))
            elif isinstance(item, Band):
                rows.append([item.text])
    sheets.append((f"Index {len(sheets) + 1}", rows))
    return sheets


def _csv(layout: Layout) -> bytes:
    """One sheet: a header repeated after a page break is a header row inside it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for _, rows in _sheets(layout):
        writer.writerows(rows)
    return buffer.getvalue().encode()


def _xlsx(layout: Layout) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "Cover"
    cover.append([layout.report_title])
    cover.append([layout.prose.format(n=1)])
    for name, rows in _sheets(layout):
        sheet = workbook.create_sheet(name)
        for row in rows:
            # A page number typed as a number, as spreadsheets hold them.
            sheet.append([int(cell) if cell.isdecimal() else cell or None for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(layout: Layout, fmt: str) -> bytes:
    if fmt == "tabs":
        return _text(layout, "\t").encode()
    if fmt == "spaces":
        return _text(layout, "  ").encode()
    if fmt == "joined":
        return _text(layout, " ").encode()
    if fmt == "markdown":
        return _markdown(layout).encode()
    if fmt == "html":
        return _html(layout).encode()
    if fmt == "pdf":
        return _pdf(layout)
    if fmt == "csv":
        return _csv(layout)
    if fmt == "xlsx":
        return _xlsx(layout)
    raise ValueError(fmt)
