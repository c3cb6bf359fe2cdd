"""Figures stated in a report's text: numbers with units and the words before them, table
totals and their parts, and references to other standards with their years. Used by the CLM
rules."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from xesg.catalogue.match import words
from xesg.model.document import Page

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
# What _QUALIFIER matches in lower-case ASCII text whose spaces are single: it has no anchors,
# so it matches where one of these occurs ("approx" covers "approximately" and "approx.").
_QUALIFIERS = (
    "more than", "less than", "fewer than", "over", "under", "approx", "about", "around",
    "nearly", "almost", "up to", "at least", "some", "circa", "c.", "~",
)  # fmt: skip
# Units are found first, then the number right before them: far fewer matches to try than
# every number in a page of tables.
_UNIT = re.compile(
    r"(?<![A-Za-z])(tCO2-?e|tonnes?|[MGk]Wh|m3|m³|megalitres|ML|employees|staff|hours)(?![A-Za-z0-9])",
    re.I,
)
_NUMBER_BEFORE = re.compile(rf"({_NUMBER})\s*$")
# A year "20dd" standing alone: "(?<!\w20)" after "20" is "\b" before it, so the regex engine
# can skip straight to each "20" instead of trying every place.
_YEAR = re.compile(r"(20(?<!\w20)\d\d)\b")
_STOP_WORDS = """
the a an of in on for by to and our we was were is are with from at as its this that total
reported reached stood amounted year during
"""
_STOP = frozenset(_STOP_WORDS.split())
# In a paragraph joined with single spaces, a sentence ends at ". " (or ; ! ?) before a
# capital. Matching the mark too (not looking behind for it) lets the regex engine skip
# straight to the marks.
_SENTENCE_END = re.compile(r"[.;!?] (?=[A-Z])")
# Lower-case pieces that every spelling of a unit contains, with their offset in it. ``_UNIT``
# ignores case, and so lets "ſ" (long s) stand for "s": "staff" is looked for without its "s".
_UNIT_HINTS = (
    ("tco2", 0), ("tonne", 0), ("mwh", 0), ("gwh", 0), ("kwh", 0), ("m3", 0), ("m³", 0),
    ("megal", 0), ("ml", 0), ("employee", 0), ("taff", 1), ("hour", 0),
)  # fmt: skip


class Figure(NamedTuple):  # a tuple: a report states thousands, and tuples are quick to make
    phrase: tuple[str, ...]  # the words that say what was measured
    unit: str
    year: str | None
    value: float
    text: str  # as written
    page: str | None
    sentence: str


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _sentences(paragraph: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph joined with single spaces."""
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        yield start, end.start() + 1
        start = end.end()
    yield start, len(paragraph)


def sentences(page: Page) -> Iterator[str]:
    # pdftotext wraps lines inside paragraphs: join them, split at sentence ends.
    for paragraph in re.split(r"\n\s*\n", page.text):
        joined = " ".join(paragraph.split())
        for start, end in _sentences(joined):
            yield joined[start:end]


def _units(text: str) -> list[re.Match[str]]:
    """``_UNIT.finditer(text)``, fast: the regex is tried only where a unit's letters are
    (units never overlap, so matching at each such place finds what finditer finds)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lower-cases to two characters: positions shift
        return list(_UNIT.finditer(text))
    starts = set()
    for hint, offset in _UNIT_HINTS:
        at = lowered.find(hint)
        while at != -1:
            starts.add(at - offset)
            at = lowered.find(hint, at + 1)
    found = (_UNIT.match(text, start) for start in sorted(starts) if start >= 0)
    return [unit for unit in found if unit is not None]


@functools.cache
def _qualifiers() -> re.Pattern[str]:
    """What _QUALIFIER matches in lower-case ASCII text whose spaces are single: it has no
    anchors, so it matches where one of _QUALIFIERS occurs. Compiled on first use."""
    return re.compile("|".join(re.escape(q) for q in _QUALIFIERS))


def _qualified(before: str, qualifiers: re.Pattern[str]) -> bool:
    """``_QUALIFIER`` occurs in the last 20 characters before a number (``qualifiers`` is
    _qualifiers(), fetched once by the caller)."""
    end = before[-20:]
    if not end.isascii():  # "ſ" is an "s" to the regex, "ı" an "i", …: let it decide
        return _QUALIFIER.search(end) is not None
    return qualifiers.search(end.lower()) is not None


def _phrase(before: str) -> list[str]:
    """The last three words of ``before`` that say what was measured (fewer if it has fewer)."""
    if len(before) > 80:
        # The last words are in the end of a long text. Cutting at a space cuts no word, and
        # a case change never turns a character into a space.
        cut = before.rfind(" ", 0, len(before) - 60)
        words = _last_measured_words(before[cut:]) if cut > 0 else []
        if len(words) == 3:
            return words
    return _last_measured_words(before)


def _last_measured_words(text: str) -> list[str]:
    found: list[str] = []
    for word in reversed(words(text.lower())):  # the runs of [a-z0-9]
        if word not in _STOP and not (len(word) > 2 and word.isdigit()):
            found.append(word)
            if len(found) == 3:
                break
    return found[::-1]


def figures(page: Page) -> list[Figure]:
    """Narrative figures ("Scope 1 emissions were 1,234 tCO2e in 2024"); qualified ones
    ("more than 55,000") are skipped: they are not meant as exact values."""
    found: list[Figure] = []
    # Units are found per paragraph (pdftotext wraps lines inside paragraphs: they are
    # joined); only the sentences with a unit are looked at further.
    for paragraph in re.split(r"\n\s*\n", page.text):
        joined = _joined(paragraph)
        units = _units(joined)
        first_unit = 0
        while first_unit < len(units):
            # A sentence end is ". " before a capital: it is found near the unit, both ways.
            at = units[first_unit].start()
            first = _sentence_start(joined, at)
            last_end = _SENTENCE_END.search(joined, at)
            last = last_end.start() + 1 if last_end else len(joined)
            end = first_unit
            while end < len(units) and units[end].start() < last:
                end += 1
            sentence = joined[first:last]
            _sentence_figures(sentence, first, units[first_unit:end], page.label, found)
            first_unit = end
    return found


# ASCII whitespace other than the space and the line break.
_OTHER_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _joined(paragraph: str) -> str:
    """``" ".join(paragraph.split())``: the lines of a paragraph joined with single spaces.
    Most paragraphs are ASCII with single spaces between words and a line break between
    lines, and then it is enough to replace the line breaks (no list of words is made)."""
    if paragraph.isascii():
        flat = paragraph.replace("\n", " ")
        if "  " not in flat and not any(c in flat for c in _OTHER_SPACES):
            return flat.strip(" ")
    return " ".join(paragraph.split())


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence of ``text`` that ``at`` is in starts (after the last ". X" before)."""
    start = 0
    for mark in ".;!?":
        end = at
        while (found := text.rfind(mark + " ", start, end)) != -1:
            if _SENTENCE_END.match(text, found):
                start = found + 2
                break
            end = found + 1
    return start


def _number_before(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """``_NUMBER_BEFORE.search(sentence, start, end)``, fast. A number that ends where only
    spaces are left is made of digits, commas and points: the search starts where they do
    (from further left it tries every place, each with much backtracking)."""
    head = sentence[start:end].rstrip()
    rest = head.rstrip("0123456789,.")
    if rest and rest[-1].isdecimal():  # a digit of another script (\d): look everywhere
        return _NUMBER_BEFORE.search(sentence, start, end)
    return _NUMBER_BEFORE.search(sentence, start + len(rest), end)


# A number that states a value, not a label or a year: "1,100", "456", "12.5" ("Scope 1",
# "group 2" and "2024" are none) — as a token: a run between spaces, slashes and brackets,
# with the punctuation at its ends left aside ("1,100," is 1,100; "(2024)" is a year).
_VALUE = r"(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?|\d+\.\d+"
_TOKEN_END = r"[,.;:]*(?:[\s/()]|\Z)"
_VALUE_TOKEN = re.compile(
    rf"(?<![^\s/()])[,.;:]*(?!(?:19|20)\d\d{_TOKEN_END})(?:{_VALUE}){_TOKEN_END}"
)


def _states_a_value(before: str) -> bool:
    """``before`` (the words since the previous figure) holds another value: the number is
    one of a row of table cells ("Scope 1 emissions 1,000 1,100 1,200 tCO2e" in a report's
    plain text), whose column (year, site) its words do not say, or one of a list of figures
    whose subject is named before the list ("Programme A 3,839 participants/438 courses/
    course hours of 236,671 hours") — either way its words do not say what it measures."""
    return _VALUE_TOKEN.search(before) is not None


def _sentence_figures(
    sentence: str,
    offset: int,
    units: list[re.Match[str]],
    page: str | None,
    found: list[Figure],
) -> None:
    """Add the figures of one sentence, which starts at ``offset`` of the paragraph that
    ``units`` were found in."""
    previous_end = 0
    sentence_years: list[str] | None = None
    qualifiers = _qualifiers()
    for unit in units:
        unit_start, unit_end = unit.span()
        unit_start -= offset
        unit_end -= offset
        number = _number_before(sentence, max(previous_end, unit_start - 24), unit_start)
        if number is None:
            continue
        # Only the words since the previous figure describe this one ("down from 1,300").
        number_start = number.start()
        before = sentence[previous_end:number_start]
        previous_end = unit_end
        if _qualified(before, qualifiers) or _states_a_value(before):
            continue
        words = _phrase(before)
        if len(words) < 2:
            continue
        years = _YEAR.findall(before) if "20" in before else []
        if not years:
            if sentence_years is None:
                sentence_years = _YEAR.findall(sentence)
            years = sentence_years
        written = unit.group(1)
        found.append(
            Figure(  # phrase, unit, year, value, text, page, sentence
                tuple(words),
                _UNITS.get(written.lower(), written),
                years[-1] if len(set(years)) == 1 else None,
                float(number.group(1).replace(",", "")),  # _value
                sentence[number_start:unit_end],
                page,
                sentence[:200],
            )
        )


_CELL_NUMBER = re.compile(rf"^\(?-?(?:{_NUMBER})%?\)?$")
_NOT_ADDITIVE = re.compile(r"intensity|rate|ratio|average|per\b|%\s*change|change", re.I)
# A unit cell between a row's label and its values ("Scope 1  tCO2e  1,100  1,050"): short,
# and no number of its own but the digits of a unit ("CO2", "m3", "'000 kWh").
_UNIT_CELL = re.compile(r"[^\d]{1,30}|[^\d]*(?:CO2|CO₂|m3|'000|000)[^\d]*")
# What a row measures, read from its label and unit: rows that measure different things are
# never added up (energy in MWh is no part of a GHG total). Emissions first: "Scope 2
# (energy indirect) GHG emissions" is an emission.
_MEASURES = (
    ("emissions", re.compile(r"\bghg\b|emission|co2|co₂|co ₂|\bscope\s?[123]\b|carbon", re.I)),
    ("energy", re.compile(r"\benergy\b|electricity|\b[kMGT]Wh\b|\b[GT]J\b", re.I)),
    ("water", re.compile(r"\bwater\b|\bm3\b|m³|megalit", re.I)),
    ("waste", re.compile(r"\bwaste\b", re.I)),
)
# The parts a total's label names: "Total GHG emissions (Scope 1 and Scope 2)", "Scope 1 + 2".
# They are in brackets, or else follow "Total" (brackets then hold the unit).
_NAMED_IN_BRACKETS = re.compile(r"\(([^()]*(?:\band\b|[&+,])[^()]*)\)", re.I)
_NAMED_AFTER_TOTAL = re.compile(r"total\s+(.*(?:\band\b|[&+,]).*)", re.I)
_BRACKETS = re.compile(r"\([^()]*\)")
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\+)\s*", re.I)
# How far (in lines) a total and its parts may be apart; a blank line ends a table.
_TABLE_REACH = 15


@dataclass(frozen=True)
class TotalCheck:
    label: str
    column: int
    parts: tuple[tuple[str, float], ...]  # (label, value) of each part, in the table's order
    total: float
    page: str | None
    line: str


class _Row(NamedTuple):
    label: str
    unit: str  # "" when the row has no unit cell
    values: list[float]
    written: list[str]  # the values as written


_CELL_BREAK = re.compile(r"\t| {2,}")


def _cells(line: str) -> list[str]:
    """The cells of a table row, which a tab or two spaces or more set apart."""
    if "\t" not in line and "  " not in line:  # one cell (most lines are prose): no split
        return [cell] if (cell := line.strip()) else []
    return [cell.strip() for cell in _CELL_BREAK.split(line) if cell.strip()]


def _numbers(cells: list[str]) -> list[float] | None:
    values = []
    for cell in cells:
        if not _CELL_NUMBER.match(cell):
            return None
        values.append(_value(cell.strip("()%").lstrip("-")))
    return values


def _row(line: str) -> _Row | None:
    """A table row: a text label, perhaps a unit, then only numeric cells (separated by a tab
    or 2+ spaces)."""
    cells = _cells(line)
    if len(cells) < 2 or not re.search(r"[A-Za-z]", cells[0]):
        return None
    unit = ""
    if len(cells) > 2 and not _CELL_NUMBER.match(cells[1]) and _UNIT_CELL.fullmatch(cells[1]):
        unit = cells[1]
    written = cells[2 if unit else 1 :]
    values = _numbers(written)
    if not values or all(v.is_integer() and 1990 <= v <= 2100 for v in values):
        return None  # a header row of years is not data
    return _Row(cells[0], unit, values, written)


def _measure(row: _Row) -> str | None:
    text = f"{row.label} {row.unit}"
    return next((name for name, pattern in _MEASURES if pattern.search(text)), None)


def _decimals(values: list[float]) -> int:
    return max((len(repr(v).split(".")[1].rstrip("0")) for v in values), default=0)


def _is_total(label: str) -> bool:
    return label.lower().startswith(("total", "subtotal"))


def _named_parts(label: str) -> list[str]:
    """The parts a total's label names, lower-case ("scope 1", "scope 2"); [] if it names
    fewer than two. A bare number takes the words of the name before it: "Scope 1 and 2"."""
    named = _NAMED_IN_BRACKETS.search(label) or _NAMED_AFTER_TOTAL.match(_BRACKETS.sub(" ", label))
    if named is None:
        return []
    names: list[str] = []
    for piece in _NAME_SPLIT.split(named.group(1).lower()):
        piece = " ".join(words(piece))
        if piece.isdigit() and names:
            piece = " ".join([*names[-1].split()[:-1], piece])
        if piece:
            names.append(piece)
    return names if len(names) >= 2 else []


def _names(label: str, name: str) -> bool:
    """``label`` has the words of ``name`` in a row ("Direct GHG emissions (Scope 1)" names
    "scope 1"; "Scope 12" does not)."""
    return f" {name} " in f" {' '.join(words(label.lower()))} "


def _table(lines: list[str], at: int) -> Iterator[tuple[int, _Row]]:
    """The rows of the table that line ``at`` is in, up to _TABLE_REACH lines either way
    (a blank line ends it; lines that are no rows, such as a label's second line, do not)."""
    first = at
    while first > max(0, at - _TABLE_REACH) and lines[first - 1].strip():
        first -= 1
    last = at
    while last < min(len(lines) - 1, at + _TABLE_REACH) and lines[last + 1].strip():
        last += 1
    for i in range(first, last + 1):
        if i != at and (row := _row(lines[i])) is not None:
            yield i, row


def _parts(lines: list[str], at: int, total: _Row) -> list[_Row]:
    """The rows a total is the sum of. Parts its label names ("Scope 1 and Scope 2") are
    looked for in its whole table, above or below, one row each; else the rows right above
    it, up to a row of another measure, another total or a rate."""
    measure = _measure(total)
    names = _named_parts(total.label)
    if names:
        table = [row for _, row in _table(lines, at) if len(row.values) == len(total.values)]
        found = []
        for name in names:
            rows = [
                row
                for row in table
                if _names(row.label, name)
                and not any(_names(row.label, other) for other in names if other != name)
                and not _is_total(row.label)
                and not _NOT_ADDITIVE.search(row.label)
            ]
            if len(rows) != 1:
                return []  # a part is missing or ambiguous: nothing to compare
            found.append(rows[0])
        return found
    parts: list[_Row] = []
    for above in reversed(lines[max(0, at - 12) : at]):
        part = _row(above)
        if (
            part is None
            or len(part.values) != len(total.values)
            or _is_total(part.label)
            or _NOT_ADDITIVE.search(part.label)
            or (total.unit and part.unit and part.unit != total.unit)
        ):
            break
        part_measure = _measure(part)
        if measure and part_measure and part_measure != measure:
            break
        parts.append(part)
    return parts[::-1]


# A column heading that is a year: "2024", "FY2024", "FY 2023/24".
_YEAR_HEADING = re.compile(r"(?:FY\s?)?((?:19|20)\d\d)(?:[/-]\d\d)?", re.I)
# A bracketed part of a label that names a scope or category, not a unit.
_NOT_A_UNIT = re.compile(r"\(\s*(?:scope|category|cat\.)\b", re.I)


def _year_columns(line: str) -> list[str] | None:
    """The years of a table's heading row ("Indicator  Unit  2024  2023"): text cells, then
    two or more cells that are years, all different."""
    cells = _cells(line)
    if len(cells) < 2:
        return None  # a line of prose: no room for two years
    years: list[str] = []
    for cell in cells:
        year = _YEAR_HEADING.fullmatch(cell)
        if year:
            years.append(year.group(1))
        elif years or _CELL_NUMBER.match(cell):
            return None  # a text cell after the years, or a number: no heading row
    return years if len(years) >= 2 and len(set(years)) == len(years) else None


def _heading_unit(line: str) -> str:
    """The unit a table's heading gives all its rows: "Energy consumption ('000 kWh)  2024"."""
    first = _cells(line)[0]
    brackets = [b for b in _BRACKETS.finditer(first) if not _NOT_A_UNIT.match(b.group(0))]
    return brackets[-1].group(0)[1:-1] if brackets and not _YEAR_HEADING.fullmatch(first) else ""


def _subject_and_unit(row: _Row, default_unit: str) -> tuple[tuple[str, ...], str]:
    """What a row measures (the words of its label, without its bracketed unit and footnote
    numbers) and its unit (its unit cell, or the label's last bracketed part that is no
    scope, or else the unit its table's heading gives): "Direct GHG emissions (Scope 1)
    (tCO2e)" is ("direct", "ghg", "emissions", "scope", "1"), "tCO2e"."""
    label, unit = row.label, row.unit
    if not unit:
        brackets = [b for b in _BRACKETS.finditer(label) if not _NOT_A_UNIT.match(b.group(0))]
        if brackets:
            unit = brackets[-1].group(0)[1:-1]
            label = label[: brackets[-1].start()] + label[brackets[-1].end() :]
        else:
            unit = default_unit
    subject = tuple(
        w for w in words(label.lower()) if w not in _STOP and not (len(w) > 1 and w.isdigit())
    )
    unit = "".join(words(unit.lower()))
    return subject, _UNITS.get(unit, unit)  # as a narrative figure's unit: "tCO2e", "MWh"


def table_figures(page: Page) -> list[list[Figure]]:
    """The cells of the tables of a page whose columns are years (set apart by a tab or 2+
    spaces), one list per table: a row's subject and unit (see _subject_and_unit) with the
    year of each column. Rows without a unit, or whose subject is in the table twice (under
    two sub-headings: the table's words do not say which is which), are left out."""
    tables: list[list[Figure]] = []
    if "\t" not in page.text and "  " not in page.text:
        return tables  # no cells set apart: no table to read
    years: list[str] | None = None
    default_unit = ""
    table: list[Figure] = []
    for line in page.text.split("\n"):
        if not line.strip():
            years = None  # a blank line ends a table
            continue
        heading = _year_columns(line)
        if heading is not None:
            years, table, default_unit = heading, [], _heading_unit(line)
            tables.append(table)
            continue
        row = _row(line) if years is not None else None
        if row is None or years is None or len(row.values) != len(years):
            continue
        subject, unit = _subject_and_unit(row, default_unit)
        if not unit or len(subject) < 2:
            continue
        for year, value, text in zip(years, row.values, row.written, strict=True):
            table.append(Figure(subject, unit, year, value, text, page.label, line.strip()[:200]))
    for table in tables:
        counts = Counter((f.phrase, f.unit, f.year) for f in table)
        table[:] = [f for f in table if counts[(f.phrase, f.unit, f.year)] == 1]
    return [t for t in tables if t]


# A line whose first cell starts with "total" (``\s*`` may cross blank lines to it). The
# line break comes first, and "total" is spelled out, so that the regex engine can skip
# straight to line breaks; the text's first line is looked at on its own.
_TOTAL_FIRST = re.compile(r"\s*[Tt][Oo][Tt][Aa][Ll]")
_TOTAL_LINE = re.compile(r"\n\s*[Tt][Oo][Tt][Aa][Ll]")


def total_mismatches(page: Page) -> Iterator[TotalCheck]:
    """'Total' rows whose values are not the sum of their parts (same column)."""
    text = page.text
    # Only "Total" rows are checked: find them first rather than reading every row.
    found = [_TOTAL_FIRST.match(text), *_TOTAL_LINE.finditer(text)]
    totals_at = sorted({text.count("\n", 0, m.end()) for m in found if m is not None})
    lines = text.split("\n") if totals_at else []
    for i in totals_at:
        yield from total_check(lines, i, page.label)


def total_check(lines: list[str], at: int, page: str | None) -> Iterator[TotalCheck]:
    """The mismatches of line ``at`` of a page, if it is a total row."""
    total = _row(lines[at])
    if total is None or not total.label.lower().startswith("total"):
        return
    if _NOT_ADDITIVE.search(total.label):
        return
    parts = _parts(lines, at, total)
    if len(parts) < 2:
        return
    for column, value in enumerate(total.values):
        values = [p.values[column] for p in parts]
        # Each part may be rounded by half a unit of its last shown digit.
        tolerance = max(0.5 * 10 ** -_decimals([*values, value]) * (len(values) + 1), value * 0.005)
        if abs(sum(values) - value) > tolerance:
            yield TotalCheck(
                total.label,
                column,
                tuple((p.label, v) for p, v in zip(parts, values, strict=True)),
                value,
                page,
                lines[at].strip(),
            )


# The number patterns start with a digit and look behind it only then ("\d(?<![\w.,]\d)" is
# "(?<![\w.,])\d"): the regex engine skips straight to digits instead of trying every place.
# Not after a letter: "Contribution2,8" is a word with footnote marks 2 and 8.
# At least one proper group first: "1,2" is a list of two numbers ("Scope 1,2 & 3").
# A last group of four or five digits is a proper group with a footnote marker after it
# ("10,940,932⁵" comes out of a PDF as "10,940,9325"): not a broken number.
_BAD_GROUPING = re.compile(r"\d(?<![\w.,]\d)\d{0,2}(?:,\d{3})+,(?:\d{1,2}|\d{6,})(?![\d,])")
_SPACE_GROUPING = re.compile(r"[1-9](?<![\d.,][1-9])\d{0,2}(?: \d{3})+(?![\d,.])")
# A table cell that holds one figure: the number, then perhaps its share or a note in
# brackets, a percent sign or a footnote mark ("14 605 (43.69%)"). A space-grouped number
# anywhere else is a run of cells or part of a name ("ETSI EN 303 645").
_FIGURE_CELL = re.compile(r"([1-9]\d{0,2}(?: \d{3})+) ?(?:\([^()]*\))?[%*]?")
_COMMA_GROUPED = re.compile(r"\d(?<!\w\d)\d{0,2},\d{3}\b")
# "7.075" beside "12,345": a point used as a thousands separator (or a stray decimal).
_POINT_THOUSANDS = re.compile(r"\d(?<![\d.,]\d)\d{0,2}\.\d{3}(?![\d.,%])")
# What each of those patterns contains, starting with a character the regex engine finds
# quickly: most pages have none, and are not scanned with the patterns at all.
_TWO_GROUPS = re.compile(r",\d{3},")
_POINT_GROUP = re.compile(r"\.\d{3}")
_COMMA_GROUP = re.compile(r",\d{3}")


def malformed_numbers(page: Page, spaced_columns: bool = True) -> Iterator[tuple[str, str, str]]:
    """(number, reason, context) for badly grouped numbers: "9,096,95"; "14 605" on a page
    that groups thousands with commas — only where table columns are set apart by 2+ spaces
    (``spaced_columns``): in PDF plain text one space also separates table cells."""
    text = page.text
    for match in _BAD_GROUPING.finditer(text) if _TWO_GROUPS.search(text) else ():
        yield (
            match.group(0),
            "digit groups after a thousands separator must have 3 digits",
            _context(text, match),
        )
    # Points are looked for in the whole text (they never span lines), then their lines.
    for match in _POINT_THOUSANDS.finditer(text) if _POINT_GROUP.search(text) else ():
        line = text[text.rfind("\n", 0, match.start()) + 1 : _line_end(text, match.end())]
        if len(_COMMA_GROUPED.findall(line)) >= 2:
            yield (
                match.group(0),
                "a point among comma-grouped thousands (a separator typed as a point?)",
                " ".join(line.split()),
            )
    if (
        spaced_columns
        and _COMMA_GROUP.search(text)
        and _COMMA_GROUPED.search(text)
        and _SPACE_GROUPING.search(text)
    ):
        for line in text.split("\n"):
            # Only a cell of a row whose cells are set apart (by a tab or 2+ spaces) is
            # known to be one value: in a line without such separators one space may
            # separate two cells ("Power TWh 243 247 252").
            cells = _cells(line)
            if len(cells) < 2:
                continue
            for cell in cells:
                figure = _FIGURE_CELL.fullmatch(cell)
                if figure and not _YEAR.search(figure.group(1)):
                    yield (
                        figure.group(1),
                        "space used as thousands separator among comma-grouped figures",
                        cell,
                    )


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return end if end != -1 else len(text)


def _context(text: str, match: re.Match[str]) -> str:
    return " ".join(text[max(0, match.start() - 50) : match.end() + 50].split())


_STANDARD_REF = re.compile(
    r"\b(ISO|IWA|IEC|OHSAS|ISAE|HKSAE|AA|SA|BS|EN)\s?(\d{2,5})(?:-(\d{1,2}))?\s?:\s?((?:19|20)\d\d)\b"
)


# What every reference has: a colon and a year. Few pages do; only they are read further.
_EDITION_YEAR = re.compile(r":\s?(?:19|20)\d\d")


def standard_references(page: Page) -> Iterator[tuple[str, str, str]]:
    """(standard, year, as written) for references like "ISO 14001:2015", "IWA 42:2022"."""
    if not _EDITION_YEAR.search(page.text):
        return
    for match in _STANDARD_REF.finditer(page.text):
        name = f"{match.group(1)} {match.group(2)}" + (
            f"-{match.group(3)}" if match.group(3) else ""
        )
        yield name, match.group(4), match.group(0)
