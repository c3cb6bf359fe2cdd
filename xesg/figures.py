"""Figures stated in a report's text: numbers with units and the words before them, table
totals and their parts, and references to other standards with their years. Used by the CLM
rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from xesg.model.report import Page

_UNITS = {
    "tco2e": "tCO2e", "tco2-e": "tCO2e", "tonnes": "tonnes", "tonne": "tonnes", "mwh": "MWh",
    "gwh": "GWh", "kwh": "kWh", "m3": "m3", "m³": "m3", "megalitres": "ML", "ml": "ML", "%": "%",
    "per cent": "%", "employees": "employees", "staff": "employees", "hours": "hours",
}  # fmt: skip
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUALIFIER = re.compile(
    r"(?:more|less|fewer)\s+than|over|under|approximately|approx\.?|about|around|nearly|"
    r"almost|up\s+to|at\s+least|some|circa|c\.|~",
    re.I,
)
# Units are found first, then the number right before them: far fewer matches to try than
# every number in a page of tables.
_UNIT = re.compile(
    r"(?<![A-Za-z])(tCO2-?e|tonnes?|[MGk]Wh|m3|m³|megalitres|ML|employees|staff|hours)(?![A-Za-z0-9])",
    re.I,
)
_NUMBER_BEFORE = re.compile(rf"({_NUMBER})\s*$")
_WORD = re.compile(r"[a-z0-9]+")
_YEAR = re.compile(r"\b(20\d\d)\b")
_STOP_WORDS = """
the a an of in on for by to and our we was were is are with from at as its this that total
reported reached stood amounted year during
"""
_STOP = frozenset(_STOP_WORDS.split())
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Figure:
    phrase: tuple[str, ...]  # the words that say what was measured
    unit: str
    year: str | None
    value: float
    text: str  # as written
    page: str | None
    sentence: str


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def sentences(page: Page) -> Iterator[str]:
    # pdftotext wraps lines inside paragraphs: join them, split at sentence ends.
    for paragraph in re.split(r"\n\s*\n", page.text):
        yield from _SENTENCE_END.split(" ".join(paragraph.split()))


def figures(page: Page) -> Iterator[Figure]:
    """Narrative figures ("Scope 1 emissions were 1,234 tCO2e in 2024"); qualified ones
    ("more than 55,000") are skipped: they are not meant as exact values."""
    for sentence in sentences(page):
        previous_end = 0
        sentence_years: list[str] | None = None
        for unit in _UNIT.finditer(sentence):
            start = max(previous_end, unit.start() - 24)
            number = _NUMBER_BEFORE.search(sentence, start, unit.start())
            if number is None:
                continue
            # Only the words since the previous figure describe this one ("down from 1,300").
            before = sentence[previous_end : number.start()]
            previous_end = unit.end()
            if _QUALIFIER.search(before[-20:]):
                continue
            words = [
                w
                for w in _WORD.findall(before.lower())
                if w not in _STOP and not (len(w) > 2 and w.isdigit())
            ]
            if len(words) < 2:
                continue
            years = _YEAR.findall(before)
            if not years:
                if sentence_years is None:
                    sentence_years = _YEAR.findall(sentence)
                years = sentence_years
            yield Figure(
                phrase=tuple(words[-3:]),
                unit=_UNITS.get(unit.group(1).lower(), unit.group(1)),
                year=years[-1] if len(set(years)) == 1 else None,
                value=_value(number.group(1)),
                text=sentence[number.start() : unit.end()],
                page=page.label,
                sentence=sentence[:200],
            )


_CELL_NUMBER = re.compile(rf"^\(?-?(?:{_NUMBER})%?\)?$")
_NOT_ADDITIVE = re.compile(r"intensity|rate|ratio|average|per\b|%\s*change|change", re.I)


@dataclass(frozen=True)
class TotalCheck:
    label: str
    column: int
    parts: tuple[float, ...]
    total: float
    page: str | None
    line: str


def _numbers(cells: list[str]) -> list[float] | None:
    values = []
    for cell in cells:
        if not _CELL_NUMBER.match(cell):
            return None
        values.append(_value(cell.strip("()%").lstrip("-")))
    return values


def _row(line: str) -> tuple[str, list[float]] | None:
    """A table row: a text label, then only numeric cells (separated by 2+ spaces)."""
    cells = [c for c in re.split(r"\t| {2,}", line.strip()) if c]
    if len(cells) < 2 or not re.search(r"[A-Za-z]", cells[0]):
        return None
    values = _numbers(cells[1:])
    if not values or all(v.is_integer() and 1990 <= v <= 2100 for v in values):
        return None  # a header row of years is not data
    return cells[0], values


def _decimals(values: list[float]) -> int:
    return max((len(repr(v).split(".")[1].rstrip("0")) for v in values), default=0)


def total_mismatches(page: Page) -> Iterator[TotalCheck]:
    """'Total' rows whose values are not the sum of the rows above them (same columns)."""
    lines = page.text.split("\n")
    for i, line in enumerate(lines):
        row = _row(line)
        if row is None or not row[0].lower().startswith("total") or _NOT_ADDITIVE.search(row[0]):
            continue
        label, totals = row
        parts: list[list[float]] = []
        for above in reversed(lines[max(0, i - 12) : i]):
            part = _row(above)
            if (
                part is None
                or len(part[1]) != len(totals)
                or part[0].lower().startswith(("total", "subtotal"))
            ):
                break
            if _NOT_ADDITIVE.search(part[0]):
                break
            parts.append(part[1])
        if len(parts) < 2:
            continue
        for column, total in enumerate(totals):
            values = [p[column] for p in parts]
            # Each part may be rounded by half a unit of its last shown digit.
            tolerance = max(
                0.5 * 10 ** -_decimals([*values, total]) * (len(values) + 1), total * 0.005
            )
            if abs(sum(values) - total) > tolerance:
                yield TotalCheck(
                    label, column, tuple(reversed(values)), total, page.label, line.strip()
                )


# Not after a letter: "Contribution2,8" is a word with footnote marks 2 and 8.
# At least one proper group first: "1,2" is a list of two numbers ("Scope 1,2 & 3").
_BAD_GROUPING = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+,(?:\d{1,2}|\d{4,})(?![\d,])")
_SPACE_GROUPING = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?: \d{3})+(?![\d,.])")
_COMMA_GROUPED = re.compile(r"\b\d{1,3},\d{3}\b")
# "7.075" beside "12,345": a point used as a thousands separator (or a stray decimal).
_POINT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,%])")


def malformed_numbers(page: Page, spaced_columns: bool = True) -> Iterator[tuple[str, str, str]]:
    """(number, reason, context) for badly grouped numbers: "9,096,95"; "14 605" on a page
    that groups thousands with commas — only where table columns are set apart by 2+ spaces
    (``spaced_columns``): in PDF plain text one space also separates table cells."""
    text = page.text
    for match in _BAD_GROUPING.finditer(text):
        yield (
            match.group(0),
            "digit groups after a thousands separator must have 3 digits",
            _context(text, match),
        )
    for line in text.split("\n"):
        if len(_COMMA_GROUPED.findall(line)) >= 2:
            for match in _POINT_THOUSANDS.finditer(line):
                yield (
                    match.group(0),
                    "a point among comma-grouped thousands (a separator typed as a point?)",
                    " ".join(line.split()),
                )
    if spaced_columns and _COMMA_GROUPED.search(text) and _SPACE_GROUPING.search(text):
        for line in text.split("\n"):
            # Only inside a cell: 2+ spaces separate table columns, one space may be a typo.
            for cell in re.split(r"\t| {2,}", line):
                for match in _SPACE_GROUPING.finditer(cell):
                    if not _YEAR.search(match.group(0)):
                        yield (
                            match.group(0),
                            "space used as thousands separator among comma-grouped figures",
                            cell.strip(),
                        )


def _context(text: str, match: re.Match[str]) -> str:
    return " ".join(text[max(0, match.start() - 50) : match.end() + 50].split())


_STANDARD_REF = re.compile(
    r"\b(ISO|IWA|IEC|OHSAS|ISAE|HKSAE|AA|SA|BS|EN)\s?(\d{2,5})(?:-(\d{1,2}))?\s?:\s?((?:19|20)\d\d)\b"
)


def standard_references(page: Page) -> Iterator[tuple[str, str, str]]:
    """(standard, year, as written) for references like "ISO 14001:2015", "IWA 42:2022"."""
    for match in _STANDARD_REF.finditer(page.text):
        name = f"{match.group(1)} {match.group(2)}" + (
            f"-{match.group(3)}" if match.group(3) else ""
        )
        yield name, match.group(4), match.group(0)
