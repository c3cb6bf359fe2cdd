"""A report as read from disk: pages with their printed page labels."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property
from itertools import accumulate
from typing import Literal

from pydantic import BaseModel, ConfigDict

Pagination = Literal["form-feed", "running-header", "pdf", "html", "none"]
LabelSource = Literal["printed", "page-labels", "inferred", "physical", "override", "none"]


class Page(BaseModel):
    """One page of a report. ``label`` is the number printed on the page, as the index uses it."""

    model_config = ConfigDict(frozen=True)

    number: int  # physical position, 1-based
    label: str | None
    label_source: LabelSource
    # The right-hand folio of a two-page spread laid out as one PDF page ("98 … 99"): the
    # index cites either number.
    second_label: str | None = None
    text: str
    # Lines that are page furniture (running header/footer, the printed number): index parsing
    # skips them so that a header repeated on every index page is never read as a location.
    furniture: frozenset[str] = frozenset()
    # Why the text layer cannot be trusted (empty scan, garbled font encoding), or None.
    unreadable: str | None = None
    # Headings found on the page (PDF font size, HTML <h1>-<h6>, Markdown #), in order.
    headings: tuple[str, ...] = ()
    # The number of each line of ``text``, where the reader knew a table's rows: every line
    # of a row (one per line of its tallest cell) keeps the row's number — a spreadsheet's
    # record, in HTML and Markdown the number the row's first line has among the lines
    # numbered on through the report; empty when every line is numbered on from the one before.
    line_numbers: tuple[int, ...] = ()


def first_line_numbers(texts: Sequence[str], form_feed: bool) -> list[int]:
    """The number in the report's text of each page's first line, the pages' ``texts`` being
    numbered on from the page before. A form feed may stand in the middle of a line ("…
    Report\fTable of contents"): after one (``form_feed``) a page goes on with the file's
    line there."""
    if form_feed:
        return list(accumulate((text.count("\n") for text in texts), initial=1))[:-1]
    return [start + 1 for start in accumulate((t.count("\n") + 1 for t in texts), initial=0)][:-1]


def row_numbers(text: str, first: int, row_rest: Collection[int]) -> tuple[int, ...]:
    """:attr:`Page.line_numbers` for a page of ``text`` whose lines are numbered on from
    ``first``, each line in ``row_rest`` (by position) numbered as the line above it: a
    further line of a table row the reader read."""
    numbers: list[int] = []
    for k in range(text.count("\n") + 1):
        numbers.append(numbers[-1] if k in row_rest and numbers else first + k)
    return tuple(numbers)


class Report(BaseModel):
    """A whole report. ``pagination`` says how pages were found; ``none`` means unpaginated."""

    model_config = ConfigDict(frozen=True)

    path: str
    encoding: str
    pagination: Pagination
    pages: tuple[Page, ...]
    label_method: str = ""  # how printed labels were obtained, e.g. "/PageLabels", "footer"
    sha256: str = ""
    # What the reader had to guess (an encoding), could not read or left out (text past the
    # HTML nesting limit), or a ".pdf" that is no PDF: for the output's notes.
    notes: tuple[str, ...] = ()

    @cached_property
    def numeric_labels(self) -> frozenset[int]:
        return frozenset(
            int(label)
            for p in self.pages
            for label in (p.label, p.second_label)
            if label is not None and label.isdigit()
        )

    @property
    def first_label(self) -> str | None:
        return next((p.label for p in self.pages if p.label is not None), None)

    @property
    def last_label(self) -> str | None:
        return next(
            (p.second_label or p.label for p in reversed(self.pages) if p.label is not None), None
        )

    @cached_property
    def _carrier(self) -> dict[str, str]:
        """Each spread's second folio → the label of the page that carries it."""
        return {p.second_label: p.label for p in self.pages if p.second_label and p.label}

    def page_label(self, label: str) -> str:
        """The label of the page that carries printed page ``label`` ("99" → "98" on a
        two-page spread; any other label is its own)."""
        return self._carrier.get(label, label)

    def has_page(self, number: int) -> bool:
        """True when ``number`` is a printed page of this report (front matter counts from 1)."""
        labels = self.numeric_labels
        if not labels:
            return True
        if number in labels:
            return True
        # Unnumbered front matter (cover, contents) sits before the first printed number.
        return self.pages[0].label is None and 1 <= number < min(labels)
