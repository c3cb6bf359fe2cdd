"""Parse content-index rows into :class:`IndexEntry` objects.

Two layouts: *columns* (a header row names Chapter/Section/Standard/Code/Description/Page
columns, separated by tabs or runs of spaces, empty cells carried down from the row above) and
*linear* (text extraction lost the columns: ``KPI A1.1 The types of emissions …`` with the
location on the following lines).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xesg.index.codes import (
    SASB_METRIC_IN_TEXT,
    CodeMatch,
    Named,
    NamedItems,
    find_codes,
    named_item,
    standard_from_text,
    standard_of,
    without_row_prefix,
)
from xesg.index.columns import (
    Column,
    align_to_rows,
    by_role,
    fit_roles,
    has_figure,
    header_columns,
    header_names,
    header_role,
    place,
    same_header,
    slots,
)
from xesg.index.lines import Cell, Line, ReportLines, cells
from xesg.index.locate import (
    after_letter,
    complete_code,
    find_regions,
    inline_codes,
    is_inline_header,
    is_partial,
    row_codes,
    row_starts,
    unprinted_codes,
)
from xesg.index.locations import ParsedLocation, parse_location, split_trailing_document
from xesg.index.normalize import fold, lookalikes
from xesg.index.selfcheck import (
    printed_codes,
    tagged_data_rows,
    unread_code_cells,
    where_the_index_lies,
)
from xesg.model.document import Report
from xesg.model.index import IndexEntry, IndexTable

_CARRIED = ("chapter", "section", "standard")
# The cells a row reads besides its code and the carried ones: an omission column ("Omission",
# "Reason for omission", "Explanation") is the row's explanation.
_READ = ("description", "location", "omission")
# Headings inside a linear index that are structure, not locations.
_STRUCTURE = re.compile(
    r"^(?:[AB]\.\s*(?:Environmental|Social)|Environmental|Social|Employment and Labour Practices|"
    r"Operating Practices|Community|Subject Areas?,? Aspects.*)$",
    re.I,
)
_ASPECT = re.compile(r"^\s*Aspect\s+", re.I)
_GENERAL = re.compile(r"^\s*General\s+Disclosures?\s*[:.]?\s*", re.I)
_LOCATION_START = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+[A-Z]|[•●▪]|p{1,2}\.?\s*\d|page)", re.I)


@dataclass
class _Row:
    codes: list[CodeMatch]
    page: str | None
    line: int
    named: Named | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)
    aspect_heading: bool = False
    description_done: bool = False
    code_line: int = 0  # the line of its last code (a second code may go on a line below)
    # Roles (chapter, section, standard) whose value was carried down from the row above:
    # the row's own text in that column, when a line below brings some, replaces it.
    carried_down: set[str] = field(default_factory=set)
    # A table with several omission columns ("Requirement(s) omitted", "Reason",
    # "Explanation"): each column's text by (column, name), for an explanation that says
    # which is which.
    omitted: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    # The cell of each location text (:attr:`_PlacedLine.location_keys`): each cell is read
    # on its own.
    location_keys: list[tuple[int, int]] = field(default_factory=list)

    def add(self, role: str, text: str) -> None:
        if text.strip():
            self.fields.setdefault(role, []).append(text.strip())

    def text(self, role: str) -> str:
        return _join(self.fields.get(role, []))

    def add_omitted(self, omitted: dict[tuple[int, str], list[str]]) -> None:
        for column, texts in omitted.items():
            self.omitted.setdefault(column, []).extend(texts)

    def location_cells(self) -> list[list[str]]:
        """The row's location lines, cell by cell (one cell for a linear or inline row)."""
        lines = self.fields.get("location", [])
        if not self.location_keys:
            return [lines] if lines else []
        found: dict[tuple[int, int], list[str]] = {}
        for key, line in zip(self.location_keys, lines, strict=True):
            found.setdefault(key, []).append(line)
        return list(found.values())

    def omission(self) -> str:
        """The row's omission cells: one column's text, or each column's after its name."""
        if self.omitted:
            named = sorted(self.omitted.items())  # in the columns' order
            return " ".join(f"{name}: {_join(texts)}" for (_, name), texts in named)
        return self.text("omission")


def _join(parts: list[str]) -> str:
    joined = ""
    for part in parts:
        if joined.endswith("-") and not joined.endswith(" -") and part[:1].islower():
            joined = joined + part  # a word hyphenated across lines ("non-" / "hazardous")
        else:
            joined = f"{joined} {part}" if joined else part
    return joined


def parse_index(
    report: Report,
    titles: Mapping[str, str] | None = None,
    names: Mapping[str, tuple[str, ...]] | None = None,
    column_names: Mapping[str, str] | None = None,
) -> IndexTable:
    """Find and parse every content-index table of ``report``.

    ``titles`` (code → official title) helps tell where a description ends and its location
    begins in linear layouts; ``names`` (lower-case name → the codes it names) lists items
    that are named rather than coded (HKEx Part B, Part D). Parsing works without either.
    ``column_names`` (role → column name, ``--columns``) gives the columns so named their
    role, over what their names would give them.
    """
    return read_index(report, titles, names, column_names)[0]


@dataclass(frozen=True)
class Header:
    """A header row the column parser read a table by: the number of its (last) line and the
    columns it names, with their roles as fitted to the rows below."""

    line: int
    columns: tuple[Column, ...]


def read_index(
    report: Report,
    titles: Mapping[str, str] | None = None,
    names: Mapping[str, tuple[str, ...]] | None = None,
    column_names: Mapping[str, str] | None = None,
    index_file: bool = False,
) -> tuple[IndexTable, list[Header]]:
    """:func:`parse_index`, with the header row of each table read in columns.

    ``index_file``: the report is an index and nothing else (a spreadsheet given as the
    index), so each page holding a row start is one region, however few its rows — in a
    report, a few code-shaped lines are no evidence of an index."""
    lines = ReportLines(report)
    items = NamedItems(names) if names else None
    entries: list[IndexEntry] = []
    layouts: set[str] = set()
    pages: list[str] = []
    headers: list[Header] = []
    starts = row_starts(lines, items)
    if index_file:
        bounds = lines.page_starts
        held = sorted({lines.page_of(i) for i in starts})  # the pages (sheets) holding one
        regions = [(bounds[p], bounds[p + 1]) for p in held]
    else:
        regions = find_regions(lines, items, starts)
    for start, end in regions:
        region = _Region(
            lines.between(start, end),
            {i - start: codes for i, codes in starts.items() if start <= i < end},
            column_names or {},
            lines.rows_known,
        )
        found = _find_header(region)
        if found is not None:
            k, columns = found
            while k + 1 in region.header_rest:
                k += 1  # a header's names wrapped over the lines below it
            headers.append(Header(region.lines[k].number, tuple(columns)))
            rows = _parse_columns(region, columns, items)
            layouts.add("columns")
        elif any(is_inline_header(line.text) for line in region.lines):
            rows = _parse_inline(region)
            layouts.add("inline")
        else:
            rows = _parse_linear(region, titles or {}, items)
            layouts.add("linear")
        for row in rows:
            entries.extend(_entries(row))
            if row.page is not None and row.page not in pages:
                pages.append(row.page)
    layout = "+".join(sorted(layouts)) if layouts else "none"
    seen = where_the_index_lies(lines, regions, pages)
    code_cells, unread = unread_code_cells(lines, starts, seen, entries)
    table = IndexTable(
        entries=tuple(entries),
        pages=tuple(pages),
        layout=layout,
        code_cells=code_cells,
        unread=tuple(unread),
        printed_codes=printed_codes(lines, seen),
        tagged_rows=0 if entries else tagged_data_rows(lines),
    )
    return table, headers


class _Region:
    """The lines of one index region and what the column parser asks of them, computed once:
    the parser looks at a line several times (header search, the fit of each header with the
    rows below it, the rows themselves) and finds the codes of a code cell more than once."""

    def __init__(
        self,
        lines: list[Line],
        starts: dict[int, list[CodeMatch]],
        named: Mapping[str, str],
        rows_known: bool = False,
    ) -> None:
        self.lines = lines
        self.named = named  # role → the name of the column the user gave it
        # The reader knew the table's rows (:attr:`ReportLines.rows_known`): lines with one
        # number are one row.
        self.rows_known = rows_known
        # The lines that start a row (:func:`row_starts`, the one judge of that), with their
        # codes: a line whose text looks like a row elsewhere (a list numbered like codes,
        # another framework's table) starts none.
        self.starts = starts
        self.cells = [cells(line.text) for line in lines]
        # Lines that go on with the header row above them (its names wrapped), not rows.
        self.header_rest: set[int] = set()
        self.headers = [self._header(k) for k in range(len(lines))]  # as named, unfitted
        self._fitted: dict[int, list[Column] | None] = {}
        self._row_codes: dict[str, list[CodeMatch]] = {}
        # The cells that stand for the codes of rows printed without one (a letter, a title),
        # by text (any one of their codes: they only vote).
        self._unprinted_cells = {
            cell.text: [codes[0]._replace(start=0, end=codes[0].end - cell.start)]
            for k, line_codes in starts.items()
            if (codes := unprinted_codes(line_codes))
            for cell in self.cells[k]
            if cell.start == codes[0].start
        }

    def _header(self, k: int) -> list[Column] | None:
        """The columns a header row at line ``k`` names, its names joined with the words of
        the lines below that wrap them ("Disclosure" over "Number/ Title")."""
        if k in self.header_rest or self.lines[k].furniture:
            return None
        found = self.cells[k]
        if len(found) < 2 or not _header_words(found, numbers=True):
            return None
        merged = list(found)
        widths = [len(c.text) for c in found]
        tabbed = "\t" in self.lines[k].text
        rest: list[int] = []
        for j in range(k + 1, min(k + 4, len(self.lines))):
            below = self.cells[j]
            if self.lines[j].furniture or not below or not _header_words(below):
                break
            # A line of the header's own row (the reader knew the rows) is its names wrapped.
            own_row = self.rows_known and self.lines[j].number == self.lines[j - 1].number
            if not own_row and (
                tabbed != ("\t" in self.lines[j].text)
                or (
                    len(below) == 1
                    and ((tabbed and below[0].start == 0) or _across(below, _as_columns(merged)))
                )
            ):
                # A title or a band across the table (where the reader knew the rows, a row of
                # its first cell only), not a header's wrapped names
                break
            if (
                self.rows_known
                and self.lines[j].number != self.lines[j - 1].number
                and not all(header_role(c.text) for c in below)
            ):
                break  # a row of its own that names no columns ("REASON" under "OMISSION" does)
            _merge_names(merged, widths, below)
            rest.append(j)
        columns = header_columns(merged, self.named) if rest else None
        if columns is None:
            return header_columns(found, self.named)
        self.header_rest.update(rest)
        return columns

    def row_codes(self, text: str) -> list[CodeMatch]:
        """:func:`row_codes` of ``text`` (the same list for the same text: do not change it)."""
        codes = self._row_codes.get(text)
        if codes is None:
            codes = self._row_codes[text] = row_codes(text)
        return codes

    def _voting_codes(self, text: str) -> list[CodeMatch]:
        """The codes a cell's ``text`` opens with, for telling which column holds codes: a
        lettered row's letter cell ("a) Describe …") counts as its code."""
        return self.row_codes(text) or self._unprinted_cells.get(text, [])

    def header_at(self, k: int) -> list[Column] | None:
        """The columns of a header row at line ``k``, checked against the rows below it."""
        if k not in self._fitted:
            columns = self.headers[k]
            span = range(k + 1, min(k + 30, len(self.lines)))
            below = [self.cells[j] for j in span if not self.lines[j].furniture]
            rows = [self.cells[j] for j in span if j in self.starts]  # where codes vote
            self._fitted[k] = (
                None
                if columns is None
                else fit_roles(
                    align_to_rows(columns, below), rows, self._voting_codes, self.named.keys()
                )
            )
        return self._fitted[k]


def _header_words(found: list[Cell], numbers: bool = False) -> bool:
    """Cells that may be (part of) a header row's names: short, without figures (or, with
    ``numbers``, a row number first: :func:`header_names`)."""
    if any(len(c.text.split()) > 5 for c in found):
        return False
    if numbers:
        return header_names([c.text for c in found])
    return not any(has_figure(c.text) for c in found)


def _as_columns(found: list[Cell]) -> list[Column]:
    return [Column(c.start, "other", c.text) for c in found]


def _merge_names(names: list[Cell], widths: list[int], below: list[Cell]) -> None:
    """Add the words of the next line of a header to the name each overlaps most (a name of
    its own where it overlaps none). ``widths`` holds each name's widest line."""
    for cell in below:
        end = cell.start + len(cell.text)
        overlaps = [
            min(end, name.start + width) - max(cell.start, name.start)
            for name, width in zip(names, widths, strict=True)
        ]
        best = max(range(len(names)), key=overlaps.__getitem__, default=-1)
        if best >= 0 and overlaps[best] > 0:
            names[best] = Cell(names[best].start, f"{names[best].text} {cell.text}")
            widths[best] = max(widths[best], end - names[best].start)
        else:
            at = sum(1 for name in names if name.start < cell.start)
            names.insert(at, cell)
            widths.insert(at, len(cell.text))


def _find_header(region: _Region) -> tuple[int, list[Column]] | None:
    """The first header row of the region, by its position, and its columns."""
    for k, line in enumerate(region.lines):
        if line.furniture:
            continue
        columns = region.header_at(k)
        if columns is not None:
            return k, columns
    return None


def _parse_columns(region: _Region, columns: list[Column], items: NamedItems | None) -> list[_Row]:
    return _ColumnReader(region, columns, items).rows()


@dataclass
class _PlacedLine:
    """One line of a table with columns, its cells placed in the columns."""

    k: int  # its position in the region
    line: Line
    cells: list[Cell]
    placed: dict[str, list[str]]  # role → the texts of the line's cells in that column
    code_text: str  # the text of its code cell
    # Omission columns' texts by (column, name), when the table has several (their texts are
    # in placed too)
    omitted: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    # The cell of each location text placed: (row number where the reader knew the rows,
    # else 0; column)
    location_keys: list[tuple[int, int]] = field(default_factory=list)
    codes: list[CodeMatch] = field(default_factory=list)
    named: Named | None = None  # a named item (HKEx Part B, Part D) and where its name ends

    @property
    def identified(self) -> bool:
        return bool(self.codes or self.named)

    def without_code_cell(self, description: str) -> None:
        """Read the code cell's ``description`` (what is left of it) as the description's
        first words."""
        self.placed = {role: texts for role, texts in self.placed.items() if role != "code"}
        if description:
            self.placed["description"] = [description, *self.placed.get("description", [])]


class _ColumnReader:
    """Reads the rows of one region laid out in columns, line by line: a header row (repeated
    on a later page, or another table's) sets the columns; a line that starts a row opens one;
    other lines continue the row above, name a section, or end the table."""

    def __init__(self, region: _Region, columns: list[Column], items: NamedItems | None) -> None:
        self.region = region
        self.columns = columns
        self.items = items
        self.found: list[_Row] = []
        self.carried: dict[str, str] = {}  # chapter, section, standard: carried down
        self.started = False  # a header row has been read
        self.skip = _between_tables(region, items)
        self.tabbed = "\t" in next(
            (line.text for line in region.lines if same_header(line.text, columns)), ""
        )
        self.page: str | None = None
        self.new_page = False  # the first row on a page that does not repeat the header is to come
        self.last_row: str | None = None  # the text of the last row's line
        self.current: _Row | None = None  # the row that continuation lines extend
        self.last_start = max(region.starts, default=-1)
        self.heading: int | None = None  # the number of the last heading row (rows known)
        # What the row of one cell just above set (role → text), until a row starts: a row
        # that names its own value there keeps the heading as that value's first part.
        self.headed: dict[str, str] = {}
        # The lines of a row read before its code's line (rows known), for the row to take
        self.early: list[_PlacedLine] = []

    def rows(self) -> list[_Row]:
        gap = False  # a blank line since the last line read
        for k, line in enumerate(self.region.lines):
            if not line.text.strip():
                gap = True
            if line.furniture or not line.text.strip():
                continue
            if k in self.skip or k in self.region.header_rest:
                continue
            after_gap, gap = gap, False
            if line.page != self.page:
                self.page, self.new_page = line.page, True
            if self._header(k) or not self.started:
                continue
            if self._read(k, line, after_gap) == "end":
                break
        self._flush_early()
        return self.found

    def _header(self, k: int) -> bool:
        """Whether line ``k`` is a header row: a header repeated on the next page (pdftotext
        lays out each page on its own: take its offsets), or the header of another table
        (SASB after GRI), whose carried values start afresh."""
        header = self.region.header_at(k) if self.region.headers[k] else None
        if header is None:
            return False
        if [c.name.lower() for c in header] != [c.name.lower() for c in self.columns]:
            self.carried = {}
        self.columns, self.started, self.new_page = header, True, False
        return True

    def _read(self, k: int, line: Line, after_gap: bool) -> str | None:
        """Read one line of the table; ``"end"`` when the table ended above it."""
        if self.early and self.early[0].line.number != line.number:
            self._flush_early()
        if self.new_page:
            self._follow_page(line)
        here = self._placed(k, line)
        if not here.identified:
            # A line of cells where the reader knew the rows is a row it read; a line
            # without a tab is text between its tables (a paragraph, a page's header).
            if self.region.rows_known and "\t" in line.text:
                outside = self._heading_row(k)
            else:
                outside = self._outside_rows(here, after_gap)
            if outside == "early":
                self.early.append(here)
                return None
            if outside is not None:
                return outside
        unknown = not here.identified and _unknown_identifier(here.code_text, here.placed)
        rest = _code_cell_rest(here.code_text, here.codes, here.named)
        current = self.current
        if (
            here.codes
            and current is not None
            and not self.early
            and _shares_the_row(current, line.number, rest, here.placed)
        ):
            # One metric, two codes: the row's text is both codes'.
            current.codes.extend(here.codes)
            current.code_line = line.number
            here.without_code_cell(rest)
        elif here.identified or unknown:
            # A row whose identifier is no code ("203" for the management approach of topic
            # 203, "FS6") is not reported, but its text is no other row's.
            self._start_row(here, rest, reported=not unknown)
            return None
        if current is not None:
            self._continue_row(current, here)
        return None

    def _follow_page(self, line: Line) -> None:
        """The table goes on without its header: this page is laid out on its own (a PDF
        page's text at its own character width), its columns where its codes say."""
        line_codes = self.region.row_codes(line.text)
        if not line_codes:
            return
        self.new_page = False
        before = self.region.row_codes(self.last_row) if self.last_row is not None else []
        if before:
            self.columns = _rescaled(self.columns, before[0].start, line_codes[0].start)

    def _placed(self, k: int, line: Line) -> _PlacedLine:
        """Line ``k``'s cells in the columns, and the codes or the named item that start a
        row there."""
        line_cells = self.region.cells[k]
        found = slots(line_cells, self.columns)
        placed = by_role(found, self.columns)
        here = _PlacedLine(k, line, line_cells, placed, " ".join(placed.get("code", [])))
        if sum(1 for c in self.columns if c.role == "omission") > 1:
            here.omitted = {
                (column, c.name): texts
                for column, (c, texts) in enumerate(zip(self.columns, found, strict=True))
                if c.role == "omission" and texts
            }
        # A location cell is a location column's text in one row (one row of the sheet, where
        # the reader knew the rows; else the whole row).
        record = line.number if self.region.rows_known else 0
        here.location_keys = [
            (record, column)
            for column, (c, texts) in enumerate(zip(self.columns, found, strict=True))
            if c.role == "location"
            for _ in texts
        ]
        current = self.current
        if (
            here.code_text
            and current is not None
            and current.codes
            and is_partial(current.codes[-1])
        ):
            completed = complete_code(current.codes[-1], here.code_text)
            if completed is not None:
                # The metric of a code broken over two lines of its cell ("TC-SC-" / "110a.1").
                current.codes[-1], rest = completed
                here.without_code_cell(rest)
                here.code_text = ""
        if k in self.region.starts:  # only there does a row start (row_starts)
            code_text = here.code_text
            here.codes = self.region.row_codes(code_text) if code_text else []
            if code_text and not here.codes:
                here.named = named_item(code_text, self.items)
            elif not code_text:
                description = " ".join(here.placed.get("description", []))
                here.named = _titled(named_item(description, self.items), description)
            if not here.identified:
                here.codes = unprinted_codes(self.region.starts[k])
        return here

    def _heading_row(self, k: int) -> str | None:
        """For a line without a code in a table whose rows the reader knew: ``"skip"`` for a
        line of a heading row, ``"early"`` for a line of a row whose code is on a line below
        (its cell wraps before the code: "GRI 2:" over "2-1"), None for a line of a row to
        continue (the row above's own lines, or a row without a code: a wrapped cell exported
        as a row of its own).

        A row of one cell is a heading ("Environment", "General disclosures", a band across
        the table): in a Chapter, Section or Standard column it is that column's value, in the
        Standard column only when it names a standard ("GRI 305: Emissions 2016"), and
        otherwise the section; the row right below that names its own chapter or section
        keeps the heading as its first part ("A. Environmental / Our Planet"). So is a row of
        Chapter, Section or Standard cells only. Either is carried down to the rows below.
        Cells of columns no row reads (the sheet's row numbers, SDGs) do not count."""
        lines = self.region.lines
        number = lines[k].number
        if number == self.heading:
            return "skip"
        if self.early and self.early[0].line.number == number:
            return "early"
        if k > 0 and lines[k - 1].number == number:
            return None  # a line of the row above
        filled: dict[int, list[str]] = {}
        j = k
        while j < len(lines) and lines[j].number == number:
            if j in self.region.starts:
                return "early"  # the row's code is on a line below ("GRI 2:" over "2-1")
            for c, texts in enumerate(slots(self.region.cells[j], self.columns)):
                if texts and self.columns[c].role != "other":
                    filled.setdefault(c, []).extend(texts)
            j += 1
        roles = {c: self.columns[c].role for c in filled}
        if len(filled) == 1:
            ((c, texts),) = filled.items()
            text = _join(texts)
            role = roles[c] if roles[c] in _CARRIED else "section"
            if role == "standard" and standard_from_text(text) is None:
                role = "section"
            self.carried[role] = self.headed[role] = text
        elif filled and all(role in _CARRIED for role in roles.values()):
            for role in _CARRIED:
                texts = [t for c in filled if roles[c] == role for t in filled[c]]
                if texts:
                    self.carried[role] = _join(texts)
        else:
            return None
        self.heading = number
        return "skip"

    def _outside_rows(self, here: _PlacedLine, after_gap: bool) -> str | None:
        """For a line without a code or a name: ``"skip"`` when it belongs to no row (a
        sub-heading, a note, a title), ``"end"`` when the table ended above it, ``None`` when
        it may continue the row above."""
        placed, code_text = here.placed, here.code_text
        current = self.current
        if current is not None and unprinted_codes(current.codes) and list(placed) == ["code"]:
            # Text alone in the code column below a lettered row is its letter cell's next
            # line ("a) Describe the board's" / "oversight of …"), where it would otherwise be
            # a sub-heading or a line that ends the table.
            current.add("description", code_text)
            return "skip"
        if list(placed) == ["code"] and len(code_text.split()) <= 8:
            # A sub-heading row inside the table ("Organisational profile"): it names the
            # section of the rows below it.
            self.carried["section"] = code_text.strip()
            return "skip"
        below_the_rows = here.k > self.last_start
        if (
            below_the_rows
            and after_gap
            and current is not None
            and current.fields.get("location")
            and not placed.get("location")
        ):
            return "end"  # below the last row, past a gap: a heading or text after the table
        if _ends_table(here.line.text, here.cells, placed, self.columns, self.tabbed):
            # A line that is no part of a row (a footnote, a band across the columns, a
            # caption): the table goes on when another row follows, and ends when none does.
            return "end" if self.found and below_the_rows else "skip"
        if not self.tabbed and _across(here.cells, self.columns):
            return "skip"  # a note or a title in the table (a cell's text wraps in its column)
        return None

    def _start_row(self, here: _PlacedLine, rest: str, reported: bool) -> None:
        self.last_row = here.line.text
        row = _Row(
            codes=list(here.codes),
            page=here.line.page,
            line=here.line.number,
            code_line=here.line.number,
        )
        if here.named:
            row.named = here.named
        headed, self.headed = self.headed, {}
        for role in _CARRIED:
            if here.placed.get(role):
                own = list(here.placed[role])
                if role in headed and role != "standard":
                    # "A. Environmental" over the row's own chapter "Our Planet" (a standard
                    # is named whole: the row's own replaces a heading's)
                    own[0] = f"{headed[role]} / {own[0]}"
                self.carried[role] = " ".join(own)
                # A new value starts here; later continuation lines may extend it.
                row.fields[role] = own
            elif role in self.carried:
                row.fields[role] = [self.carried[role]]
                row.carried_down.add(role)
        early, self.early = self.early, []
        for line in early:  # the row's lines above its code's, in their order
            # The code cell's text above the code ("GRI 2:" over "2-1") is no description,
            # as text before a code on its line is not.
            self._continue_row(row, line, code=False)
        if rest:
            row.add("description", rest)
        for role in _READ:
            for text in here.placed.get(role, []):
                row.add(role, text)
        row.add_omitted(here.omitted)
        row.location_keys += here.location_keys
        if reported:
            self.found.append(row)
        self.current = row

    def _flush_early(self) -> None:
        """The line of a row that held a code started no row after all: the row's lines go on
        with the row above, as any line of a row without a code does."""
        early, self.early = self.early, []
        if self.current is not None:
            for line in early:
                self._continue_row(self.current, line)

    def _continue_row(self, row: _Row, here: _PlacedLine, code: bool = True) -> None:
        """Add line ``here``'s texts to ``row`` (its code column's too, as description, when
        ``code``)."""
        row.add_omitted(here.omitted)
        row.location_keys += here.location_keys
        for role, texts in here.placed.items():
            for text in texts:
                if role in _CARRIED:
                    if role in row.carried_down:  # its own value replaces the carried one
                        row.carried_down.discard(role)
                        row.fields[role] = []
                    row.add(role, text)
                    self.carried[role] = row.text(role)
                elif role in _READ:
                    row.add(role, text)
                elif role == "code" and code:
                    row.add("description", text)


_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _shares_the_row(row: _Row, number: int, rest: str, placed: dict[str, list[str]]) -> bool:
    """A code on the line right below ``row``'s code, whose description and answer only go
    on with the row's ("Description of approach to incorporation of | FN-CB-410a.2" over
    "environmental, social … | FN-IB-410a.3", as a bank answers the commercial and the
    investment banking standards' twin metrics at once): a second code of the same row.
    ``rest`` is the text of the code's cell after it."""
    if number != row.code_line + 1 or not row.text("description"):
        return False
    description = " ".join([rest, *placed.get("description", [])]).strip()
    location = " ".join(placed.get("location", [])).strip()
    if description and not description[0].islower():
        return False  # a description of its own
    if location[:1].isdigit() or _LOCATION_START.match(location):
        return False  # pages of its own
    answer = row.text("location").rstrip()
    return not location or location[0].islower() or not answer.endswith((".", ":", ";"))


def _unknown_identifier(code_text: str, placed: dict[str, list[str]]) -> bool:
    """The code cell holds one token with a digit that is no code (nor a year), beside a
    description: a row of the table whose identifier xesg does not know."""
    token = code_text.strip()
    return (
        bool(token)
        and len(token.split()) == 1
        and any(ch.isdigit() for ch in token)
        and not _YEAR.match(token)
        and bool(placed.get("description"))
    )


def _rescaled(columns: list[Column], before: int, after: int) -> list[Column]:
    """``columns`` scaled by ``after / before`` (where the codes start on a page that goes on
    with the table, and where they started on the page before), when that is a plausible
    change of character width."""
    if before <= 0 or after == before or not 0.67 <= after / before <= 1.5:
        return columns
    return [Column(round(c.start * after / before), c.role, c.name) for c in columns]


def _titled(named: Named | None, text: str) -> Named | None:
    """Keep a name found in running text only when written as a heading ("Reporting
    Boundary"), not as words of a sentence ("reporting boundary of this report")."""
    if named is None:
        return None
    words = text[: named.end].split()
    return named if all(w[:1].isupper() for w in words) else None


def _between_tables(region: _Region, items: NamedItems | None) -> set[int]:
    """Lines that belong to no row between two parts of the index.

    Above a repeated header on its page: a title ("Content Index (continued)"), a note
    under the table before, the upper lines of the header. When a row starts on that page
    above the header, the lines that can continue it (they fit the columns of the table it
    is in) are its own, up to the first that cannot: a row's text wrapping far below its
    code is kept.

    At the top of a page that goes on with the table without its header: the lines above
    the page's first row continue the last row of the page before when every one of them
    can; when one cannot, they are the page's title and introduction, all of them."""
    skip: set[int] = set()
    lines = region.lines
    headers = [k for k, columns in enumerate(region.headers) if columns is not None]
    for h in headers[1:]:
        k = h - 1
        while k >= 0 and lines[k].page == lines[h].page and k not in region.starts:
            k -= 1
        first = k + 1
        if k >= 0 and lines[k].page == lines[h].page:
            columns = _columns_at(region, k)
            while first < h and columns is not None and _continues(region, first, columns):
                first += 1
        skip.update(range(first, h))
    for top in range(1, len(lines)):
        if lines[top].page == lines[top - 1].page:
            continue
        k = top
        while k < len(lines) and lines[k].page == lines[top].page:
            if region.headers[k] is not None or k in region.starts:
                break
            k += 1
        if k == len(lines) or lines[k].page != lines[top].page or region.headers[k] is not None:
            continue  # no row on the page, or its header repeated (above)
        columns = _columns_at(region, top)
        if columns is not None and not all(_continues(region, j, columns) for j in range(top, k)):
            skip.update(range(top, k))
    return skip


def _columns_at(region: _Region, k: int) -> list[Column] | None:
    """The columns of the last header row above line ``k``."""
    for j in range(k - 1, -1, -1):
        if region.headers[j] is not None and (columns := region.header_at(j)) is not None:
            return columns
    return None


def _continues(region: _Region, k: int, columns: list[Column]) -> bool:
    """Whether line ``k`` can continue a row of a table with ``columns`` (blank lines and
    page furniture do not stop it). A line of one cell running across a column's edge is a
    title ("GRI 205: Anti-corruption 2016") or a note: a cell's text wraps inside its
    column."""
    line = region.lines[k]
    if line.furniture or not line.text.strip():
        return True
    if region.headers[k] is not None:
        return False
    line_cells = region.cells[k]
    if _across(line_cells, columns):
        return False
    tabbed = "\t" in line.text  # a tab-separated table keeps its tabs on every row
    placed = place(line_cells, columns)
    return not _ends_table(line.text, line_cells, placed, columns, tabbed)


def _ends_table(
    text: str,
    line_cells: list[Cell],
    placed: dict[str, list[str]],
    columns: list[Column],
    tabbed: bool,
) -> bool:
    """A line that cannot continue the table: prose running across columns, a line without
    tabs in a tab-separated table, or text alone in the code column (``placed``: the line's
    cells placed in ``columns``)."""
    if tabbed:
        return "\t" not in text
    starts = [c.start for c in columns]
    for cell in line_cells:
        crossed = sum(1 for s in starts if cell.start < s - 2 < cell.start + len(cell.text))
        if crossed >= 2:
            return True
    return list(placed) == ["code"]


def _across(line_cells: list[Cell], columns: list[Column]) -> bool:
    """A line of one cell that runs across a column's edge: a title or a note, not a cell's
    text (which wraps inside its column)."""
    if len(line_cells) != 1:
        return False
    start, text = line_cells[0]
    return any(start < c.start - 2 < start + len(text) for c in columns[1:])


def _code_cell_rest(code_text: str, codes: list[CodeMatch], named: Named | None) -> str:
    """Text in the code cell after its code(s), e.g. a description set one space apart."""
    if unprinted_codes(codes):
        return after_letter(code_text.strip())
    if codes:
        body = without_row_prefix(code_text.strip())
        found = find_codes(body)
        if not found and is_partial(codes[-1]):
            return ""  # the cell holds the first part of a broken code, nothing else
        end = max(m.end for m in found) if found else 0
        return body[end:].strip(" :.-]")
    if named:
        return code_text.strip()[named.end :].strip(" :.-")
    return ""


def _parse_linear(
    region: _Region, titles: Mapping[str, str], items: NamedItems | None
) -> list[_Row]:
    rows: list[_Row] = []
    aspect: CodeMatch | None = None
    for k, line in enumerate(region.lines):
        text = line.text.strip()
        if line.furniture or not text or _STRUCTURE.match(text):
            continue
        codes = row_codes(text) if k in region.starts else []
        lettered = [] if codes else unprinted_codes(region.starts.get(k, []))
        named = named_item(text, items) if not codes and k in region.starts else None
        general = _GENERAL.match(text)
        if lettered:
            row = _Row(codes=lettered, page=line.page, line=line.number)
            rows.append(row)
            _add_description(row, after_letter(text), titles)
            continue
        if codes:
            row = _Row(codes=codes, page=line.page, line=line.number)
            body = without_row_prefix(text)
            end = max(m.end for m in find_codes(body)[: len(codes)])
            rest = body[end:].lstrip(" :.-").rstrip()
            if _ASPECT.match(text) and len(codes) == 1:
                aspect = codes[0]
                row.aspect_heading = True
            rows.append(row)
            _add_description(row, rest, titles)
            if row.aspect_heading:
                row.description_done = True
            continue
        if named and _titled(named, text):
            row = _Row(codes=[], page=line.page, line=line.number, named=named)
            rows.append(row)
            _add_description(row, text[named.end :].lstrip(" :.-").rstrip(), titles)
            continue
        if general and aspect is not None:
            rest = text[general.end() :]
            if rows and rows[-1].aspect_heading and not rows[-1].fields.get("location"):
                row = rows[-1]
                row.fields["description"] = []
                row.aspect_heading = False
                row.description_done = False
            else:
                row = _Row(codes=[aspect], page=line.page, line=line.number)
                rows.append(row)
            _add_description(row, rest, titles)
            continue
        if not rows:
            continue
        row = rows[-1]
        description = row.text("description")
        wrapped = text[:1].islower() and not description.endswith(".")
        if description and _LOCATION_START.match(text):
            row.description_done = True  # "2.1 Climate Action" on its own line is a location
        if row.description_done and not (wrapped and not row.fields.get("location")):
            row.add("location", text)
        else:
            _add_description(row, text, titles)
    return rows


def _parse_inline(region: _Region) -> list[_Row]:
    """Rows of a table whose cells text extraction ran together with single spaces, under an
    inline header: a row starts at a line with a SASB code between its words. The text before
    the code is the row's description; the cells after it, and every line below up to the
    next row, cannot be told apart: they are the row's answer and location, where page
    references are found. A code broken over lines takes the first metric below it."""
    rows: list[_Row] = []
    current: _Row | None = None
    started = False
    last = max(region.starts, default=-1)
    gap = False
    for k, line in enumerate(region.lines):
        text = line.text.strip()
        gap = gap or not text
        if line.furniture or not text:
            continue
        after_gap, gap = gap, False
        if k > last and after_gap:
            break  # past a gap below the last row: the text after the table
        if is_inline_header(text):
            started, current = True, None
            continue
        if not started:
            continue
        codes = inline_codes(line.text) if k in region.starts else []
        if codes:
            current = _Row(codes=list(codes), page=line.page, line=line.number)
            current.add("description", line.text[: codes[0].start])
            current.add("location", line.text[codes[-1].end :])
            rows.append(current)
            continue
        if current is None:
            continue
        if is_partial(current.codes[-1]):
            metric = SASB_METRIC_IN_TEXT.search(fold(text))
            if metric is not None:
                completed = complete_code(current.codes[-1], text[metric.start() :])
                if completed is not None:
                    current.codes[-1] = completed[0]
                    text = f"{text[: metric.start()]} {completed[1]}".strip()
        current.add("location", text)
    return rows


def _add_description(row: _Row, text: str, titles: Mapping[str, str]) -> None:
    """Grow a linear row's description; what follows its end is the row's location."""
    if not text:
        return
    title = titles.get(row.codes[0].code) if row.codes else None
    # "Lost days due to work injury. 2. Our People": a sentence end, then a location.
    for match in re.finditer(r"\.\s+", text):
        tail = text[match.end() :]
        head = _join([*row.fields.get("description", []), text[: match.start() + 1]])
        if _LOCATION_START.match(tail) or (title is not None and _covers(head, title)):
            row.add("description", text[: match.start() + 1])
            row.description_done = True
            row.add("location", tail)
            return
    row.add("description", text)
    description = row.text("description")
    if description.endswith(".") or (title is not None and _covers(description, title)):
        row.description_done = True


# A list item's mark: "a.", "iv.", "(b)", "2)", a bullet (not "(CBI)", an abbreviation).
_LIST_ITEM = re.compile(
    r"^(?:[a-z]{1,2}\.|[ivx]{1,4}\.|\(?(?:[a-z]{1,2}|[ivx]{1,4}|\d{1,2})\)|[•●▪◦·*\-–])\s"
)


def title_lines(lines: Sequence[str]) -> str:
    """A description's title: its lines up to the requirement text some indexes paste below
    the title ("Organizational details" / "The organization shall:" / "a. report its legal
    name;"). That text starts after the end of the title's sentence ("… emissions data." /
    "See also KPI A1.2."), at a sentence of its own ending in a colon, or at a list item —
    never below text still open ("(1) Number of data breaches,", "Energy indirect (Scope")
    nor in a title that enumerates after a colon ("Information on: (a) the policies; and" /
    "(b) compliance …"), whose items and words are the title's own."""
    kept: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if kept and not _open(kept) and not any(":" in part for part in kept):
            ended = kept[-1].endswith(".") and not _ABBREVIATION.search(kept[-1])
            if ended or (line.endswith(":") and line[:1].isupper()) or _LIST_ITEM.match(line):
                break
        kept.append(line)
    return _join(kept)


# A line ending in an abbreviation has not ended its sentence ("… (e.g." / "per unit)").
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|incl|no|vs|approx)\.$", re.I)


def _open(kept: list[str]) -> bool:
    """Whether the text so far goes on: after a comma, a semicolon, "and" or "or", or with a
    parenthesis left open."""
    last = kept[-1]
    if last.endswith((",", ";")) or last.rsplit(" ", 1)[-1].lower() in ("and", "or"):
        return True
    text = " ".join(kept)
    return text.count("(") > text.count(")")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _covers(description: str, title: str) -> bool:
    """True when ``description`` holds nearly every word of a sentence-like ``title``.

    Parentheses are left out (reports often drop "(e.g. …)"), and a short title such as an
    aspect name ("Emissions") proves nothing about where a description ends.
    """
    wanted = _words(re.sub(r"\([^)]*\)", " ", title))
    return len(wanted) >= 4 and len(wanted & _words(description)) >= 0.9 * len(wanted)


def _entries(row: _Row) -> list[IndexEntry]:
    # A code never completed ("TC-SC-" with no metric below) names no disclosure: the
    # self-check reports it among the code cells left unread.
    row.codes = [c for c in row.codes if not is_partial(c)]
    if not row.codes and row.named is None:
        return []
    standard_text = row.text("standard") or None
    from_text = standard_from_text(standard_text) if standard_text else None
    cells = row.location_cells()
    description = title_lines(row.fields.get("description", []))
    if cells:
        description, document = split_trailing_document(description)
        if document is not None:
            cells[0] = [f"{document} {cells[0][0]}", *cells[0][1:]]
    location_lines = [line for cell in cells for line in cell]
    common = {
        "description": description,
        "raw_location": "\n".join(location_lines),
        "page": row.page,
        "line": row.line,
        "chapter": row.text("chapter") or None,
        "section": row.text("section") or None,
        "standard_text": standard_text,
    }
    # One cell may list one location per merged code ("P10 P11" for "2-15/2-16").
    if row.named is not None or not row.codes:
        parts = [cells]
    elif len(cells) <= 1:
        parts = [[lines] for lines in _split_locations(location_lines, len(row.codes))]
    else:
        parts = [cells] * len(row.codes)
    return _entries_for_row(row, parts, common, from_text)


def _parse_cells(cells: list[list[str]]) -> ParsedLocation:
    """Each location cell's lines parsed as one location text: cells (location columns, rows
    of their own continuing a row) are never run together."""
    if len(cells) <= 1:
        return parse_location(cells[0] if cells else [])
    result = ParsedLocation()
    explanations: list[str] = []
    for lines in cells:
        parsed = parse_location(lines)
        result.locations.extend(parsed.locations)
        result.malformed.extend(parsed.malformed)
        if parsed.explanation:
            explanations.append(parsed.explanation)
    result.explanation = " ".join(explanations) or None
    return result


def _entries_for_row(
    row: _Row, parts: list[list[list[str]]], common: dict[str, Any], from_text: str | None
) -> list[IndexEntry]:
    """The entries of one index row: one per code (``parts`` holds each code's location
    cells), or one per code a named row without codes names (HKEx Part B by name, Part D by
    heading or IFRS S2 paragraph), each at the row's location. The explanation is the row's
    omission cells, then what its location explains ("Not applicable")."""
    codes, named, omission = row.codes, row.named, row.omission()

    def explain(explanation: str | None) -> str | None:
        return " ".join(part for part in (omission, explanation) if part) or None

    if named is not None or not codes:
        parsed = _parse_cells(parts[0])
        return [
            IndexEntry(
                standard=standard_of(code) or from_text,
                raw_code=named.text if named is not None else "",
                code=code,
                locations=tuple(parsed.locations),
                explanation=explain(parsed.explanation),
                malformed=tuple(parsed.malformed),
                **common,
            )
            for code in (named.codes if named is not None else ("",))
        ]
    merged = tuple(c.code for c in codes) if len(codes) > 1 else ()
    entries = []
    for match, part in zip(codes, parts, strict=True):
        parsed = _parse_cells(part)
        entries.append(
            IndexEntry(
                standard=from_text if from_text == standard_of(match.code) else match.standard,
                raw_code=match.raw,
                code=match.code,
                locations=tuple(parsed.locations),
                explanation=explain(parsed.explanation),
                malformed=tuple(parsed.malformed),
                normalised_by=lookalikes(match.raw),
                merged_codes=merged,
                **common,
            )
        )
    return entries


def _split_locations(lines: list[str], count: int) -> list[list[str]]:
    """Give each of ``count`` merged codes its own location when the cell lists one per code."""
    if count == 1:
        return [lines]
    parsed = parse_location(lines)
    pieces = [loc.raw for loc in parsed.locations]
    if len(pieces) == count and not parsed.explanation and not parsed.malformed:
        return [[piece] for piece in pieces]
    return [lines] * count
