"""What every rule sees: the report, its parsed index and the selected catalogues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from xesg.analysis.evidence import Headings, PageIndex, Ranking, disclosure_query
from xesg.catalogue.levels import DEFAULT_TIER, AppliedLevel, applied_level, year_start
from xesg.catalogue.match import TitleMatcher, tokens
from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.catalogue.set import CatalogueSet
from xesg.model.document import Page, Report
from xesg.model.index import IndexEntry, IndexTable, Location
from xesg.rules.helpers import cited_labels

STANDALONE_SHARE = 0.6  # index pages / all pages at which the document is an index of its own


def short_place(place: str) -> str:
    """A :meth:`CheckContext.place` as evidence cites it: "page 43" → "P43", as index rows
    cite pages; "line 12" stays."""
    return "P" + place.removeprefix("page ") if place.startswith("page ") else place


@dataclass(eq=False)
class CheckContext:
    """The report, its index, the selected catalogues and claims, as the pipeline set them
    (no rule changes them); and views of them that rules share, each worked out on first use
    and kept for the report: rows by code, each row's disclosure and cited pages, the page
    index, headings, title matchers. A view of a row is kept under the row's value (a row is
    a frozen model), so equal rows share it."""

    report: Report
    index: IndexTable
    catalogues: CatalogueSet  # only the selected standards
    standards: tuple[str, ...]  # selected standards
    claims: dict[str, str] = field(default_factory=dict)  # standard -> claim level (see claims.py)
    documents: dict[str, Report] = field(default_factory=dict)  # other documents, by name
    issuer: str = DEFAULT_TIER  # HKEx issuer tier: main-board | largecap | gem
    # The views worked out so far (see the methods that fill them).
    _matchers: dict[str, TitleMatcher] = field(init=False, default_factory=dict, repr=False)
    _queries: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = field(
        init=False, default_factory=dict, repr=False
    )
    _resolved: dict[IndexEntry, tuple[Catalogue, Disclosure] | None] = field(
        init=False, default_factory=dict, repr=False
    )
    _current: dict[str, tuple[Catalogue, ...]] = field(init=False, default_factory=dict, repr=False)
    _cited: dict[IndexEntry, tuple[str, ...]] = field(init=False, default_factory=dict, repr=False)
    _tokens: dict[int, frozenset[str]] = field(init=False, default_factory=dict, repr=False)

    def level_of(self, disclosure: Disclosure) -> AppliedLevel:
        """The level of ``disclosure`` for this issuer tier in the report's period (HKEx
        Part D phases in by tier and year); the catalogue's level where nothing phases in."""
        return applied_level(disclosure, self.issuer, year_start(self.claims))

    @cached_property
    def entries_by_code(self) -> dict[tuple[str | None, str], list[IndexEntry]]:
        grouped: dict[tuple[str | None, str], list[IndexEntry]] = {}
        for entry in self.index.entries:
            grouped.setdefault((entry.standard, entry.code), []).append(entry)
        return grouped

    @cached_property
    def _first_lines(self) -> dict[int, int]:
        """Each page's first line among the report's lines (numbered as index rows are)."""
        starts = accumulate((p.text.count("\n") + 1 for p in self.report.pages), initial=1)
        return {page.number: start for page, start in zip(self.report.pages, starts, strict=False)}

    def line_of(self, text: str, label: str | None, page: Page | None = None) -> int | None:
        """The report's line that holds ``text`` first, on ``page`` or on the pages with
        printed ``label``; None when no such page holds it."""
        if page is not None:
            pages = [page]
        elif label is not None:
            pages = self.pages_by_label.get(label, [])
        else:
            pages = [p for p in self.report.pages if p.label is None]
        for candidate in pages:
            at = candidate.text.find(text)
            if at >= 0:
                return self._first_lines[candidate.number] + candidate.text.count("\n", 0, at)
        return None

    def place(self, text: str, label: str | None, page: Page | None = None) -> str:
        """Where a reader finds ``text``: "page 43" where pages are printed with numbers,
        else "line 12" of the report's text (never "page None")."""
        if label is not None:
            return f"page {label}"
        line = self.line_of(text, label, page)
        return f"line {line}" if line is not None else "a page without a number"

    @cached_property
    def period_end(self) -> dt.date | None:
        """The end of the reporting period, when the report says it (or it is configured)."""
        end = self.claims.get("period_end")
        return dt.date.fromisoformat(end) if end else None

    def catalogued_rows(self) -> list[IndexEntry]:
        """The index rows of a selected standard that has a catalogue: the rows a rule can
        resolve to a disclosure (``Need.CATALOGUE`` walks these). A rule about how a row is
        written (its code's characters, its page references) reads every row."""
        return [e for e in self.index.entries if e.standard in self.catalogued]

    @cached_property
    def catalogued(self) -> frozenset[str | None]:
        """The selected standards that have a catalogue."""
        return frozenset(self.catalogues.standards)

    @cached_property
    def standalone_index(self) -> bool:
        """The document is (mostly) the index itself — a separate "GRI content index" PDF —
        so its page references point into the report it indexes, which we do not have."""
        pages = len(self.report.pages)
        return self.index.found and pages > 0 and len(self.index.pages) >= STANDALONE_SHARE * pages

    @cached_property
    def printed_pages(self) -> bool:
        """The index's page references point into this document's printed pages: it has page
        breaks, and it is not a standalone index (``Need.PRINTED_PAGES``)."""
        return self.report.pagination != "none" and not self.standalone_index

    @cached_property
    def codes_printed_in_index(self) -> frozenset[str]:
        """Every code printed where the index lies (its pages, or its lines in an unpaginated
        report), parsed into a row or not. A code that is printed there is not "missing from
        the index", even where a complex table layout kept it from being parsed into its row
        (IDX009 says so when that happens)."""
        return frozenset(self.index.printed_codes)

    @cached_property
    def page_index(self) -> PageIndex:
        """BM25 index of the report's pages, without the index's own pages."""
        return PageIndex(self.report.pages, exclude=self.index.pages)

    @cached_property
    def ranked_labels(self) -> frozenset[str]:
        """The labels of the pages that :attr:`page_index` ranks."""
        return frozenset(self.page_index.labels)

    @cached_property
    def headings(self) -> Headings:
        """Where each section heading is, for the rules that look up many of them."""
        return Headings(self.report.pages)

    @cached_property
    def pages_by_label(self) -> dict[str, list[Page]]:
        """The report's pages under their labels (pages may share one)."""
        grouped: dict[str, list[Page]] = {}
        for page in self.report.pages:
            if page.label is not None:
                grouped.setdefault(page.label, []).append(page)
        return grouped

    def page_tokens(self, page: Page) -> frozenset[str]:
        """The tokens of the page's text, worked out once per page however many rows ask."""
        if page.number not in self._tokens:
            self._tokens[page.number] = frozenset(tokens(page.text))
        return self._tokens[page.number]

    def page_scores(self, entry: IndexEntry) -> tuple[Disclosure, Ranking] | None:
        """The disclosure an entry refers to and every page's evidence for it (None when the
        entry resolves to nothing or no page uses its words)."""
        resolved = self.resolve(entry)
        if resolved is None:
            return None
        ranking = self.page_index.ranking(self.query(resolved[1]))
        return (resolved[1], ranking) if ranking is not None else None

    def query(self, disclosure: Disclosure) -> tuple[str, ...]:
        """The words a page that discusses the disclosure uses (tokenised once per report)."""
        key = (disclosure.title, disclosure.keywords)
        if key not in self._queries:
            self._queries[key] = disclosure_query(disclosure)
        return self._queries[key]

    def document_for(self, location: Location) -> tuple[str, Report] | None:
        """The supplied document a location names ("2024 Annual Report" → "Annual Report")."""
        named = (location.document or "").lower()
        return next(
            ((name, report) for name, report in self.documents.items() if name.lower() in named),
            None,
        )

    def candidates(self, entry: IndexEntry) -> list[tuple[Catalogue, Disclosure]]:
        """Every edition's disclosure with the entry's code."""
        if entry.standard is None:
            return []
        return self.catalogues.lookup(entry.standard, entry.code)

    def cited(self, entry: IndexEntry) -> tuple[str, ...]:
        """``cited_labels(entry)`` as labels of the report's pages (the right-hand folio of a
        two-page spread is on the page labelled by the left one), worked out once per row."""
        if entry not in self._cited:
            on_pages = (self.report.page_label(label) for label in cited_labels(entry))
            self._cited[entry] = tuple(dict.fromkeys(on_pages))
        return self._cited[entry]

    def current(self, standard: str) -> tuple[Catalogue, ...]:
        """The selected editions of ``standard`` in force (see CatalogueSet.current)."""
        if standard not in self._current:
            self._current[standard] = self.catalogues.current(standard, self.period_end)
        return self._current[standard]

    def resolve(self, entry: IndexEntry) -> tuple[Catalogue, Disclosure] | None:
        """The disclosure an entry refers to. Where editions share a code (GRI 303-3 2016 and
        2018), the edition named in the row wins, then the title its description matches
        clearly, then the edition in force when the reporting period ended, then the edition in
        force today."""
        if entry not in self._resolved:  # most rules ask about every row: resolved once
            self._resolved[entry] = self._resolve(entry)
        return self._resolved[entry]

    def _resolve(self, entry: IndexEntry) -> tuple[Catalogue, Disclosure] | None:
        found = self.candidates(entry)
        if len(found) <= 1:
            return found[0] if found else None
        return (
            pick_edition(self, entry, found)[0]
            or self._in_force_at_period_end(found)
            or next(
                (pair for pair in found if pair[0] in self.current(pair[0].standard)),
                found[0],
            )
        )

    def _in_force_at_period_end(
        self, found: list[tuple[Catalogue, Disclosure]]
    ) -> tuple[Catalogue, Disclosure] | None:
        """The newest edition already effective when the reporting period ended."""
        if "period_end" not in self.claims:
            return None
        end = dt.date.fromisoformat(self.claims["period_end"])
        effective = [
            pair for pair in found if pair[0].effective_from and pair[0].effective_from <= end
        ]
        return max(effective, key=lambda pair: pair[0].effective_from or end, default=None)

    def matcher(self, *catalogues: Catalogue) -> TitleMatcher:
        """A title matcher over these catalogues' disclosures together (words weighted by how
        rare they are among all of them), made once."""
        key = "+".join(c.id for c in catalogues)
        if key not in self._matchers:
            self._matchers[key] = TitleMatcher([d for c in catalogues for d in c.disclosures])
        return self._matchers[key]

    def standard_matcher(self, catalogue: Catalogue) -> TitleMatcher:
        """A title matcher over every selected catalogue of ``catalogue``'s standard in force,
        and ``catalogue`` (GRI's topics are one catalogue each: a 302-4 row described with
        303-3's words is found only so)."""
        current = self.current(catalogue.standard)
        if all(c.id != catalogue.id for c in current):
            current = (*current, catalogue)
        return self.matcher(*current)


EDITION_MARGIN = 0.2  # a description must match one edition's title this much better


def pick_edition(
    ctx: CheckContext, entry: IndexEntry, found: list[tuple[Catalogue, Disclosure]]
) -> tuple[tuple[Catalogue, Disclosure] | None, str]:
    """The edition an entry names or describes, and how it was told ("" when it can't be)."""
    written = " ".join(filter(None, (entry.standard_text, entry.section, entry.chapter)))
    named = [pair for pair in found if pair[0].edition in written]
    if len(named) == 1:
        return named[0], "edition named in the row"
    if entry.description:
        scored = sorted(
            ((ctx.matcher(c).score(entry.description, d.code), (c, d)) for c, d in found),
            key=lambda item: -item[0],
        )
        if scored[0][0] - scored[1][0] >= EDITION_MARGIN:
            return scored[0][1], "description matches its title"
    return None, ""
