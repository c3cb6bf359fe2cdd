"""Figures found in a page's text: looking for units by their letters, and qualifiers and
phrases in the last words, gives what scanning every sentence gives (the plain version is
kept here as a reference)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from xesg.analysis import figures as f
from xesg.model.document import Page

_PIECES = st.sampled_from(
    [
        "Scope 1 emissions were", "1,234", "1,243", "12", "7.5", "2024", "2023", "in 2024",
        "tCO2e", "tCO2-e", "TCO2E", "tonnes", "tonne", "MWh", "gwh", "kWh", "\u212aWh", "m3", "m³",
        "megalitres", "ML", "ml", "employees", "staff", "ſtaff", "Staff", "hours", "HOURS",
        "html", "which", "more than", "More  than", "approx.", "about", "over", "some", "circa",
        "c.", "~", "nearly", "up to", "at least", "fewer than", "ſome", "İstanbul", "water",
        "withdrawal", "of the", "total", "reported", "down from", "1,300", ".", ";", "!", "?",
        "The", "A", "Our", "x", "tonnes2", "5tonnes", "(", ")", "—", "’", "Σ", "and", "was",
        "Scope 1. The", "a; B", "12345678901234567890123456789", "1,234,567,890.5", "٣٤",
        "1٣,456", "12.5.6", "1,000 1,100", "456", "2,813.5",
    ]
)  # fmt: skip
_GAPS = st.sampled_from([" ", "  ", "\n", "\n\n", "", "\t", ", ", "\u00a0", " \n \n "])
_TEXT = st.lists(st.tuples(_PIECES, _GAPS), max_size=40).map(
    lambda parts: "".join(p + g for p, g in parts)
)


_YEAR = re.compile(r"\b(20\d\d)\b")
_WORD = re.compile(r"[a-z0-9]+")


def _reference_sentences(page: Page) -> Iterator[str]:
    for paragraph in re.split(r"\n\s*\n", page.text):
        yield from re.split(r"(?<=[.;!?])\s+(?=[A-Z])", " ".join(paragraph.split()))


def _reference_figures(page: Page) -> Iterator[f.Figure]:
    for sentence in _reference_sentences(page):
        previous_end = 0
        sentence_years: list[str] | None = None
        for unit in f._UNIT.finditer(sentence):
            start = max(previous_end, unit.start() - 24)
            number = f._NUMBER_BEFORE.search(sentence, start, unit.start())
            if number is None:
                continue
            before = sentence[previous_end : number.start()]
            previous_end = unit.end()
            if f._QUALIFIER.search(before[-20:]):
                continue
            tokens = re.findall(r"[^\s/()]+", before)
            if any(_a_value(t.strip(",.;:")) for t in tokens):
                continue  # a table's cell, or one of a list of figures: another value before it
            words = [
                w
                for w in _WORD.findall(before.lower())
                if w not in f._STOP and not (len(w) > 2 and w.isdigit())
            ]
            if len(words) < 2:
                continue
            years = _YEAR.findall(before)
            if not years:
                if sentence_years is None:
                    sentence_years = _YEAR.findall(sentence)
                years = sentence_years
            yield f.Figure(
                phrase=tuple(words[-3:]),
                unit=f._UNITS.get(unit.group(1).lower(), unit.group(1)),
                year=years[-1] if len(set(years)) == 1 else None,
                value=f._value(number.group(1)),
                text=sentence[number.start() : unit.end()],
                page=page.label,
                sentence=sentence[:200],
            )


def _a_value(number: str) -> bool:
    """Neither a label ("Scope 1") nor a year: grouped thousands, three digits or more, or
    decimals."""
    grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number)
    plain = re.fullmatch(r"\d+(?:\.\d+)?", number)
    decimal = "." in number
    year = re.fullmatch(r"(?:19|20)\d\d", number)
    return bool(grouped or (plain and (len(number) >= 3 or decimal))) and not year


def _page(text: str) -> Page:
    return Page(number=1, label="1", label_source="printed", text=text)


@given(_TEXT)
def test_figures_match_a_scan_of_every_sentence(text: str) -> None:
    page = _page(text)
    assert list(f.sentences(page)) == list(_reference_sentences(page))
    assert list(f.figures(page)) == list(_reference_figures(page))


def test_the_cells_of_a_row_of_numbers_are_no_figures() -> None:
    table = "Indicator 2024 2023 2022 Unit Scope 1 emissions, site group 1 1,000 1,100 1,200 tCO2e"
    assert list(f.figures(_page(table))) == []
    labelled = (
        "Scope 1 emissions 1,000 tCO2e. Scope 2 2,000 tCO2e. Scope 1 emissions 2024 1,234 tCO2e."
    )
    assert [(x.phrase, x.value) for x in f.figures(_page(labelled))] == [
        (("scope", "1", "emissions"), 1000.0),
        (("scope", "2"), 2000.0),
        (("scope", "1", "emissions"), 1234.0),
    ]


def test_a_long_description_keeps_its_last_words() -> None:
    text = "Our " + "water and energy use " * 12 + "Scope 1 emissions were 1,234 tCO2e in 2024."
    assert [x.phrase for x in f.figures(_page(text))] == [("scope", "1", "emissions")]
    assert list(f.figures(_page(text))) == list(_reference_figures(_page(text)))


_BAD_GROUPING = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+,(?:\d{1,2}|\d{6,})(?![\d,])")
_SPACE_GROUPING = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?: \d{3})+(?![\d,.])")
_COMMA_GROUPED = re.compile(r"\b\d{1,3},\d{3}\b")
_POINT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,%])")


def _reference_malformed(page: Page, spaced_columns: bool) -> Iterator[tuple[str, str, str]]:
    text = page.text
    for match in _BAD_GROUPING.finditer(text):
        yield (
            match.group(0),
            "digit groups after a thousands separator must have 3 digits",
            (f._context(text, match)),
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
            cells = [c.strip() for c in re.split(r"\t| {2,}", line)]
            if sum(1 for c in cells if c) < 2:
                continue  # one space may separate the cells of this row
            for cell in cells:
                match = _SPACE_GROUPING.match(cell)
                if match is None or _YEAR.search(match.group(0)):
                    continue
                rest = cell[match.end() :]
                rest = rest[1:] if rest.startswith(" ") else rest
                if re.fullmatch(r"(?:\([^()]*\))?[%*]?", rest):  # a share or a footnote mark
                    yield (
                        match.group(0),
                        "space used as thousands separator among comma-grouped figures",
                        cell,
                    )


def _reference_totals(page: Page) -> Iterator[f.TotalCheck]:
    """Every line is checked as a total (the rule finds "total" lines first)."""
    lines = page.text.split("\n")
    for i in range(len(lines)):
        yield from f.total_check(lines, i, page.label)


def _reference_references(page: Page) -> Iterator[tuple[str, str, str]]:
    for match in f._STANDARD_REF.finditer(page.text):
        name = f"{match.group(1)} {match.group(2)}" + (
            f"-{match.group(3)}" if match.group(3) else ""
        )
        yield name, match.group(4), match.group(0)


_CELLS = st.sampled_from(
    [
        "Total", "TOTAL emissions", "total", "Subtotal", "Scope 1", "Scope 2", "Intensity",
        "Total rate",
        "1,100", "3,000", "4,100", "4,200", "1.2", "3.4", "4.5", "(12)", "7%", "-3", "2023", "2024",
        "9,096,95", "1,23,456", "12,345", "7.075", "9,870", "14 605", "1 234 567", "x2,8",
        "ISO 14001:2015", "ISO 14001:2004", "IWA 42:2022", "ISO 45001 : 2018", "EN 15804-2:2019",
        "ISO14001:2015", "aISO 9001:2015", "İ", "ſ", "Ⅷ", "٣,٤٥٦", "1,234,567", "0.123",
        "10,940,9325", "1,234,56789", "14 605 (43.69%)", "14 605%", "EN 303 645", "2020 2021",
        "243 247 252", "(12 345)",
    ]
)  # fmt: skip
_SEPARATORS = st.sampled_from(["  ", "\t", " ", "   ", "\n", "\n\n", "\n  ", " \u00a0"])
_TABLE = st.lists(st.tuples(_CELLS, _SEPARATORS), max_size=60).map(
    lambda parts: "".join(c + s for c, s in parts)
)


@given(_TABLE)
def test_numbers_totals_and_references_match_a_line_by_line_reading(text: str) -> None:
    page = _page(text)
    for spaced in (True, False):
        assert list(f.malformed_numbers(page, spaced)) == list(_reference_malformed(page, spaced))
    assert list(f.total_mismatches(page)) == list(_reference_totals(page))
    assert list(f.standard_references(page)) == list(_reference_references(page))


_LABELS = st.sampled_from(
    ["Total", " total", "TOTAL", "Scope 1", "Scope 2", "Hong Kong", "Rate", ""]
)
_VALUES = st.lists(
    st.sampled_from(["1,100", "3,000", "4,100", "4,200", "1.2", "2024", "7"]), max_size=3
)
_ROWS = st.lists(st.tuples(_LABELS, _VALUES, st.sampled_from(["\n", "\n\n", "\n \n"])), max_size=20)


@given(_ROWS)
def test_totals_match_a_line_by_line_reading(rows: list[tuple[str, list[str], str]]) -> None:
    page = _page("".join("  ".join([label, *values]) + end for label, values, end in rows))
    assert list(f.total_mismatches(page)) == list(_reference_totals(page))


@given(st.text(alphabet="20 2_a.\u0662\u00e9", max_size=30))
def test_years_are_found_as_before(text: str) -> None:
    assert f._YEAR.findall(text) == _YEAR.findall(text)


@given(st.text(alphabet=" \t\n\u00a0\u2003a1", max_size=12))
def test_a_line_is_cut_into_cells_at_tabs_and_runs_of_spaces(line: str) -> None:
    expected = [cell.strip() for cell in re.split(r"\t| {2,}", line) if cell.strip()]
    assert f._cells(line) == expected


_BEFORE = st.lists(
    st.sampled_from(
        [
            "2024", "1999", "2024.5", "1,100", "1,1000", "456", "12.5", "12", "7", "١٢٣", ",", ".",
            ";", ":", " ", "  ", "/", "(", ")", "\n", "\u2003", "a", "Scope", "_", "1,100,", "456.",
            "12.5;", ";456", "2024,", "(2024)", "2024:5",
        ]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@given(_BEFORE)
def test_a_value_among_the_words_is_found_as_token_by_token(before: str) -> None:
    """The regex that finds a value among the words before a figure finds what splitting
    them into tokens, stripping each token's punctuation and matching it whole finds."""
    tokens = (t.strip(",.;:") for t in re.split(r"[\s/()]+", before))
    value = r"(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?|\d+\.\d+"
    expected = any(re.fullmatch(value, t) and not re.fullmatch(r"(?:19|20)\d\d", t) for t in tokens)
    assert f._states_a_value(before) == expected


@given(st.text(alphabet=" \n\t\r\x0b\x1cab\u00a0\u2003.", max_size=30))
def test_paragraphs_are_joined_with_single_spaces(paragraph: str) -> None:
    assert f._joined(paragraph) == " ".join(paragraph.split())


_AMOUNTS = st.lists(st.integers(min_value=1, max_value=99_999_999), min_size=2, max_size=4)


def _kpi_table(title: str, cents: list[int], decimals: int) -> str:
    years = [str(2024 - i) for i in range(len(cents))]
    values = [f"{round(c / 100, decimals):,.{decimals}f}" for c in cents]
    return "\n".join(
        [
            f"{title}\t" + "\t".join(years),
            "Direct GHG emissions (Scope 1) (tCO2e)\t" + "\t".join(values),
        ]
    )


@given(_AMOUNTS, st.integers(min_value=0, max_value=1))
def test_a_table_repeated_rounded_gives_the_same_figures_within_rounding(
    cents: list[int], decimals: int
) -> None:
    """The same row in two tables, once with two decimals and once rounded: every cell is
    the same subject, unit and year, and no value differs by more than the rounding."""
    from xesg.rules.claims.clm001_conflicting_figures import _cells_differ

    (full,) = f.table_figures(_page(_kpi_table("Key indicators", cents, 2)))
    (rounded,) = f.table_figures(_page(_kpi_table("Summary", cents, decimals)))
    assert [(x.phrase, x.unit, x.year) for x in full] == [
        (x.phrase, x.unit, x.year) for x in rounded
    ]
    assert full[0].phrase == ("direct", "ghg", "emissions", "scope", "1")
    assert not any(_cells_differ(a, b) for a, b in zip(full, rounded, strict=True))


@given(_AMOUNTS, st.integers(min_value=0, max_value=3), st.integers(min_value=1, max_value=9))
def test_a_table_repeated_with_a_digit_changed_differs(cents: list[int], at: int, by: int) -> None:
    from xesg.rules.claims.clm001_conflicting_figures import _cells_differ

    changed = list(cents)
    changed[at % len(cents)] += by  # a cent more: beyond the rounding of two decimals
    (first,) = f.table_figures(_page(_kpi_table("Key indicators", cents, 2)))
    (second,) = f.table_figures(_page(_kpi_table("Summary", changed, 2)))
    assert [_cells_differ(a, b) for a, b in zip(first, second, strict=True)] == [
        c != d for c, d in zip(cents, changed, strict=True)
    ]


@given(
    st.sampled_from(["Scope", "Category", "Tier"]),
    st.lists(st.integers(min_value=1, max_value=15), min_size=2, max_size=4, unique=True),
    st.sampled_from([" and ", " & ", " + ", ", "]),
    st.booleans(),
)
def test_a_total_names_its_parts_however_it_joins_them(
    word: str, numbers: list[int], joiner: str, repeat_word: bool
) -> None:
    names = [f"{word} {n}" if repeat_word or i == 0 else str(n) for i, n in enumerate(numbers)]
    for label in (f"Total GHG emissions ({joiner.join(names)})", f"Total {joiner.join(names)}"):
        assert f._named_parts(label) == [f"{word.lower()} {n}" for n in numbers]
