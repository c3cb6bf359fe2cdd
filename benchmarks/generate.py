"""Synthetic ESG reports of any length, as PDF and as text, shaped like the reports users bring.

Run by hand (not part of the test suite):
    .venv/bin/python benchmarks/generate.py PAGES OUT.pdf|OUT.txt

What a page of the body has, as long reports have it:
  * a numbered section heading every third page ("4.12 Water stewardship: Harbour sites"),
    a running head on the others;
  * prose that states figures and uses the section's topic words;
  * a KPI table (indicator, three years, unit);
  * one "see the “X” section" cross-reference to a heading elsewhere (one in twenty names a
    section that does not exist), and on every seventh page a "see page N" (one in ten of
    those points past the last page).
Then a content index of every HKEx ESG Guide (2020) and current GRI disclosure, over as many
pages as it takes (a third of a short report's pages at most, with the rows that fit), each
row naming the section it cites (one in eight the section of another page), every eleventh
row citing a section by its name instead of a page. Page ``p`` prints
``p`` in its footer; the cover prints nothing. Everything is deterministic and invented.

The PDF is written with fpdf2 (a dev dependency) one line at a time, ~3 ms a page; the text
form is the same lines, table cells padded into columns, pages joined by form feeds.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

TITLE = "Tidewater Freight ESG Report 2024"
TOPICS = (
    ("Climate change", "emissions", "tCO2e"),
    ("Water stewardship", "water withdrawal", "megalitres"),
    ("Waste management", "waste to landfill", "tonnes"),
    ("Health and safety", "lost-time injuries", "cases"),
    ("Training and development", "training hours", "hours"),
    ("Supply chain management", "suppliers assessed", "suppliers"),
    ("Community investment", "community spending", "HK$ '000"),
    ("Energy efficiency", "electricity use", "MWh"),
    ("Biodiversity", "land restored", "hectares"),
    ("Human rights", "grievances resolved", "cases"),
    ("Product responsibility", "complaints received", "complaints"),
    ("Anti-corruption", "employees trained on ethics", "employees"),
)
SITES = ("Harbour", "Inland depots", "Cold chain", "Head office", "Fleet")
SECTION_PAGES = 3  # a new section every third page of the body
ROWS_PER_INDEX_PAGE = 30


class Line(NamedTuple):
    kind: str  # "title", "heading", "text", "header" (a table's), "row"
    cells: tuple[str, ...]  # one for a line of text; a table row's cells


class Table(NamedTuple):
    widths: tuple[int, ...]  # of the columns in the PDF, mm
    characters: tuple[int, ...]  # of the columns in the text form


KPI = Table((70, 25, 25, 25, 25), (44, 12, 12, 12, 12))
INDEX = Table((16, 70, 46, 42), (10, 56, 40, 40))


def section_title(number: int) -> str:
    """The heading of section ``number`` (0-based): its chapter, its place, its topic."""
    topic = TOPICS[number % len(TOPICS)][0]
    site = SITES[(number // len(TOPICS)) % len(SITES)]
    return f"{number // 10 + 1}.{number % 10 + 1} {topic}: {site}"


def _name(title: str) -> str:
    """A heading without its number, as a cross-reference or an index row names it."""
    return title.split(" ", 1)[1]


def _body_page(
    page: int, body: int, sections: int, last_page: int
) -> Iterator[tuple[Table | None, Line]]:
    """Page ``page`` (1-based, printed as such) of ``body`` pages after the cover."""
    n = page - 2  # 0-based page of the body
    section = n // SECTION_PAGES
    topic, measure, unit = TOPICS[section % len(TOPICS)]
    if n % SECTION_PAGES == 0:
        yield None, Line("heading", (section_title(section),))
    else:
        yield None, Line("text", (f"{_name(section_title(section))} (continued)",))
    for k in range(3):
        yield (
            None,
            Line(
                "text",
                (
                    f"In 2024 our {measure} at {SITES[(n + k) % len(SITES)].lower()} came to "
                    f"{1200 + 37 * n + 11 * k:,} {unit}, against {1150 + 29 * n + 7 * k:,} {unit} "
                    "in 2023.",
                ),
            ),
        )
        yield (
            None,
            Line(
                "text",
                (
                    f"The {topic.lower()} working group reviews these figures every quarter, "
                    "and the board's committee",
                ),
            ),
        )
        yield (
            None,
            Line(
                "text",
                (
                    "approves the targets, the methods and the boundary of the sites "
                    f"that each figure covers ({k + 1} of 3).",
                ),
            ),
        )
    other = (section * 7 + 3) % sections
    named = "Legacy site programmes" if n % 20 == 19 else _name(section_title(other))
    yield None, Line("text", (f"For our targets and how they are set, see the “{named}” section.",))
    if n % 7 == 6:
        cited = last_page + 40 if n % 70 == 69 else 2 + (n * 13) % body
        yield None, Line("text", (f"The method is explained further, see page {cited}.",))
    yield KPI, Line("header", ("Indicator", "2024", "2023", "2022", "Unit"))
    for k in range(6):
        yield (
            KPI,
            Line(
                "row",
                (
                    f"{measure.capitalize()}, site group {k + 1}",
                    f"{1000 + 37 * n + k:,}",
                    f"{1100 + 31 * n + k:,}",
                    f"{1200 + 29 * n + k:,}",
                    unit,
                ),
            ),
        )


def _disclosures() -> list[tuple[str, str]]:
    """(code, title) of every HKEx ESG Guide (2020) and current GRI disclosure."""
    from xesg.catalogue.load import bundled

    (hkex,) = [c for c in bundled(["hkex"]).catalogues if c.edition == "2020"]
    found = [*hkex.disclosures]
    found += [d for c in bundled(["gri"]).current("gri") for d in c.disclosures]
    # Not GRI 1's requirements ("GRI 1 Requirement 6"), which indexes do not list as rows.
    return [(d.code, d.title) for d in found if "Requirement" not in d.code]


def _index_rows(disclosures: list[tuple[str, str]], body: int) -> list[tuple[str, ...]]:
    """(code, disclosure, section, location) of each index row."""
    rows = []
    for k, (code, disclosure) in enumerate(disclosures):
        n = (k * 17) % body  # the body page cited
        section = n // SECTION_PAGES
        named = section + 1 if k % 8 == 7 else section  # the section of a later page
        title = section_title(named % -(-body // SECTION_PAGES))
        location = _name(title) if k % 11 == 10 else f"P{n + 2}"
        rows.append((code, disclosure[:52], _name(title), location))
    return rows


def report(pages: int) -> list[list[tuple[Table | None, Line]]]:
    """The report's pages, each its lines (with the table a table row belongs to)."""
    disclosures = _disclosures()
    # A short report (a start-up benchmark's) has an index of a third of its pages at most.
    index_pages = min(-(-len(disclosures) // ROWS_PER_INDEX_PAGE), max(1, pages // 3))
    disclosures = disclosures[: index_pages * ROWS_PER_INDEX_PAGE]
    body = pages - 1 - index_pages
    if body < SECTION_PAGES:
        raise SystemExit(f"at least {SECTION_PAGES + 1 + index_pages} pages")
    rows = _index_rows(disclosures, body)
    sections = -(-body // SECTION_PAGES)
    cover: list[tuple[Table | None, Line]] = [
        (None, Line("title", (TITLE,))),
        (None, Line("text", ("Environmental, social and governance performance",))),
    ]
    out = [cover]
    out += [list(_body_page(p, body, sections, pages)) for p in range(2, body + 2)]
    for k in range(index_pages):
        chunk = rows[k * ROWS_PER_INDEX_PAGE : (k + 1) * ROWS_PER_INDEX_PAGE]
        heading = "HKEx ESG Guide and GRI Content Index" + (" (continued)" if k else "")
        page: list[tuple[Table | None, Line]] = [(None, Line("heading", (heading,)))]
        page.append((INDEX, Line("header", ("Code", "Disclosure", "Section", "Page"))))
        page += [(INDEX, Line("row", row)) for row in chunk]
        out.append(page)
    return out


def as_text(pages: list[list[tuple[Table | None, Line]]]) -> str:
    texts = []
    for number, page in enumerate(pages, 1):
        lines = []
        for table, line in page:
            if table is None:
                lines.append(line.cells[0])
            else:
                cells = zip(line.cells, table.characters, strict=True)
                lines.append("".join(c.ljust(w) for c, w in cells).rstrip())
        if number > 1:
            lines += ["", f"{TITLE}    {number}"]
        texts.append("\n".join(lines))
    return "\f".join(texts) + "\n"


def as_pdf(pages: list[list[tuple[Table | None, Line]]]) -> bytes:
    from datetime import UTC, datetime

    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 6, 30, tzinfo=UTC))
    pdf.core_fonts_encoding = "windows-1252"  # curly quotes
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(18, 18, 18)
    pdf.set_compression(True)
    fonts = {"title": ("B", 24, 14), "heading": ("B", 14, 9), "text": ("", 9.5, 5)}
    for number, page in enumerate(pages, 1):
        pdf.add_page()
        for table, line in page:
            if table is None:
                style, size, height = fonts[line.kind]
                pdf.set_font("Helvetica", style, size)
                pdf.cell(0, height, line.cells[0], new_x="LMARGIN", new_y="NEXT")
                continue
            pdf.set_font("Helvetica", "B" if line.kind == "header" else "", 7)
            for cell, width in zip(line.cells, table.widths, strict=True):
                pdf.cell(width, 5, cell, border="B" if line.kind == "header" else 0)
            pdf.ln(5)
        if number > 1:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_y(-14)
            pdf.cell(0, 6, f"{TITLE}    {number}", align="R")
    return bytes(pdf.output())


def write(pages: int, path: Path) -> None:
    made = report(pages)
    if path.suffix == ".pdf":
        path.write_bytes(as_pdf(made))
    else:
        path.write_text(as_text(made), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        raise SystemExit(f"usage: {sys.argv[0]} PAGES OUT.pdf|OUT.txt")
    write(int(sys.argv[1]), Path(sys.argv[2]))
