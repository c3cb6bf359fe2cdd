"""A report as read from disk: pages with their printed page labels."""

from __future__ import annotations

from functools import cached_property
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
    # The number each line of ``text`` has in the file, where lines are not the file's own
    # (a spreadsheet's record, written as one line per line of its tallest cell, keeps its
    # record number on each); empty when the page's lines are numbered on from the page before.
    line_numbers: tuple[int, ...] = ()


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

    def page_by_label(self, label: str) -> Page | None:
        label = self.page_label(label)
        return next((p for p in self.pages if p.label == label), None)
