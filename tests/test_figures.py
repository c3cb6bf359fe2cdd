"""Figures found in a page's text: looking for units by their letters, and qualifiers and
phrases in the last words, gives what scanning every sentence gives (the plain version is
kept here as a reference)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from xesg import figures as f
from xesg.model.report import Page

_PIECES = st.sampled_from(
    [
        "Scope 1 emissions were", "1,234", "1,243", "12", "7.5", "2024", "2023", "in 2024",
        "tCO2e", "tCO2-e", "TCO2E", "tonnes", "tonne", "MWh", "gwh", "kWh", "\u212aWh", "m3", "m³",
        "megalitres", "ML", "ml", "employees", "staff", "ſtaff", "Staff", "hours", "HOURS",
        "html", "which", "more than", "More  than", "approx.", "about", "over", "some", "circa",
        "c.", "~", "nearly", "up to", "at least", "fewer than", "ſome", "İstanbul", "water",
        "withdrawal", "of the", "total", "reported", "down from", "1,300", ".", ";", "!", "?",
        "The", "A", "Our", "x", "tonnes2", "5tonnes", "(", ")", "—", "’", "Σ", "and", "was",
    ]
)  # fmt: skip
_GAPS = st.sampled_from([" ", "  ", "\n", "\n\n", "", "\t", ", ", "\u00a0", " \n \n "])
_TEXT = st.lists(st.tuples(_PIECES, _GAPS), max_size=40).map(
    lambda parts: "".join(p + g for p, g in parts)
)


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
            words = [
                w
                for w in f._WORD.findall(before.lower())
                if w not in f._STOP and not (len(w) > 2 and w.isdigit())
            ]
            if len(words) < 2:
                continue
            years = f._YEAR.findall(before)
            if not years:
                if sentence_years is None:
                    sentence_years = f._YEAR.findall(sentence)
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


def _page(text: str) -> Page:
    return Page(number=1, label="1", label_source="printed", text=text)


@given(_TEXT)
def test_figures_match_a_scan_of_every_sentence(text: str) -> None:
    page = _page(text)
    assert list(f.sentences(page)) == list(_reference_sentences(page))
    assert list(f.figures(page)) == list(_reference_figures(page))


def test_a_long_description_keeps_its_last_words() -> None:
    text = "Our " + "water and energy use " * 12 + "Scope 1 emissions were 1,234 tCO2e in 2024."
    assert [x.phrase for x in f.figures(_page(text))] == [("scope", "1", "emissions")]
    assert list(f.figures(_page(text))) == list(_reference_figures(_page(text)))
