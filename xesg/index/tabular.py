"""Read a content index supplied as a spreadsheet (``.xlsx``) or ``.csv`` file.

Auditors often receive the index as a spreadsheet, separate from the report. Each row is one
index row; column roles come from the header row's names, which may be long ("GRI Standard /
Other source", "Omission – reason"), by the vocabulary every index table's header is read
with (:func:`xesg.index.columns.header_role`): standard, code, description, location,
omission, chapter, section, and "other" for columns no row reads (SDG, assurance, status,
unit …).

The *code* column is the one whose cells start with disclosure codes (so a "Disclosure"
column holding ``2-1 Organizational details`` is the code column and the rest of its text the
description). ``columns`` overrides the detection, role → header name, e.g. ``{"code":
"Disclosure", "location": "Page"}``. The header row is the nearest row naming at least two
roles above the first row with a code (exports have title rows above it); two header rows
("OMISSION" above "REASON") are read as one; a header repeated further down is skipped.

Rows become :class:`IndexEntry` objects as rows of a report's index table do: codes found and
normalised the same way (look-alike characters noted), several codes in one cell split into
one entry each, location cells parsed by ``parse_location`` (each cell on its own), empty
Standard / Chapter / Section cells carried down from above. The description is the title
beside the code (``2-1 Organizational details``) and the description cell's title lines — up
to a sentence end, a line ending in a colon or a list item, so not the requirement text some
indexes paste below the title. ``page`` is None and ``line`` is the row number in the sheet
(for CSV, the record number, header rows included). The omission cells become the
``explanation``. A row without a code holding only Standard/Chapter/Section text, or a single
cell, is a heading and is carried down; any other row without a code continues the row above
(a wrapped cell exported as a row of its own).

The file is read by :func:`xesg.load.spreadsheet.read_spreadsheet` (encodings, the CSV
delimiter, XLSX sheets, mojibake, line breaks written as ``\\n``); every sheet with a code
column is read, in workbook order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xesg.errors import InputError, XesgError
from xesg.index.codes import (
    CodeMatch,
    Named,
    NamedItems,
    find_codes,
    named_item,
    standard_from_text,
    without_row_prefix,
)
from xesg.index.columns import header_role, named_column
from xesg.index.locate import row_codes
from xesg.index.locations import ParsedLocation, parse_location
from xesg.index.parse import entries_for_row, split_locations, with_omission
from xesg.load.spreadsheet import Rows, read_spreadsheet
from xesg.model.index import IndexEntry, IndexTable

ROLES = ("standard", "code", "description", "location", "omission", "chapter", "section")
_CARRIED = ("chapter", "section", "standard")
_HEADER_SEARCH = 50  # rows searched for the header row


@dataclass(frozen=True)
class TabularIndex:
    """A content index read from a spreadsheet, with how it was read."""

    table: IndexTable
    encoding: str  # utf-8 | utf-8-sig | utf-16 | cp1252 for CSV; xlsx for workbooks
    repaired_cells: int = 0  # cells whose mojibake was repaired
    unrepaired_cells: int = 0  # cells that still look like mojibake
    sheets: tuple[str, ...] = ()  # sheets read (XLSX), in order
    # role → header names of the columns used, per the first sheet read
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    header_rows: tuple[int, ...] = ()  # row number of the header row on each sheet read
    notes: tuple[str, ...] = ()

    @property
    def sheet(self) -> str | None:
        return self.sheets[0] if self.sheets else None


def read_index_file(
    path: Path,
    columns: Mapping[str, str] | None = None,
    names: Mapping[str, tuple[str, ...]] | None = None,
) -> IndexTable:
    """The index rows of a ``.csv`` or ``.xlsx`` file (see the module docstring)."""
    return read_tabular_index(path, columns, names).table


def read_tabular_index(
    path: Path,
    columns: Mapping[str, str] | None = None,
    names: Mapping[str, tuple[str, ...]] | None = None,
    encoding: str | None = None,
) -> TabularIndex:
    """Read ``path`` and say how: encoding, repaired cells, sheets, columns used.

    ``columns`` maps roles (:data:`ROLES`) to header names and overrides their detection;
    ``names`` (lower-case name → the codes it names) lists items named rather than coded, as for
    :func:`xesg.index.parse.parse_index`; ``encoding`` overrides a CSV file's detected one.
    Raises :class:`InputError` for an unreadable file or one without a column of disclosure
    codes.
    """
    overrides = _check_overrides(columns or {})
    spreadsheet = read_spreadsheet(path, encoding)
    sheets = spreadsheet.sheets
    items = NamedItems(names) if names else None
    entries: list[IndexEntry] = []
    used: list[str] = []
    header_rows: list[int] = []
    roles_used: dict[str, tuple[str, ...]] = {}
    notes: list[str] = list(spreadsheet.notes)
    problems: list[str] = []
    for sheet in sheets:
        rows: Rows = [(number, list(cells)) for number, cells in sheet.rows]
        try:
            layout = _layout(rows, overrides, items)
        except _NoIndex as exc:
            problems.append(f"{sheet.name}: {exc}" if len(sheets) > 1 else str(exc))
            continue
        sheet_entries = _entries(rows, layout, items)
        if not sheet_entries:
            problems.append(f"{sheet.name}: no index rows below the header")
            continue
        entries.extend(sheet_entries)
        used.append(sheet.name)
        header_rows.append(layout.header_row)
        if not roles_used:
            roles_used = layout.role_names()
    if not entries:
        detail = "; ".join(problems) if problems else "no rows"
        raise InputError(
            f"{path}: no content index found ({detail}); name the columns with "
            "--columns code=HEADER,location=HEADER"
        )
    if spreadsheet.workbook and len(sheets) > len(used):
        skipped = [sheet.name for sheet in sheets if sheet.name not in used]
        notes.append(f"Sheets without an index: {', '.join(skipped)}.")
    return TabularIndex(
        table=IndexTable(entries=tuple(entries), pages=(), layout="spreadsheet"),
        encoding=spreadsheet.encoding,
        repaired_cells=spreadsheet.repaired_cells,
        unrepaired_cells=spreadsheet.unrepaired_cells,
        sheets=tuple(used) if spreadsheet.workbook else (),
        columns=roles_used,
        header_rows=tuple(header_rows),
        notes=tuple(notes),
    )


def parse_columns_option(text: str) -> dict[str, str]:
    """``code=Disclosure,location=Page`` → ``{"code": "Disclosure", "location": "Page"}``."""
    result: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        role, sep, header = part.partition("=")
        if not sep or not header.strip():
            raise XesgError(f"--columns: expected ROLE=HEADER, got {part.strip()!r}")
        result[role.strip().lower()] = header.strip()
    _check_overrides(result)
    return result


def _check_overrides(columns: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(columns) - set(ROLES))
    if unknown:
        raise XesgError(f"unknown column role {', '.join(unknown)}; roles are: {', '.join(ROLES)}")
    return {role: _norm(name) for role, name in columns.items()}


# --------------------------------------------------------------------------------------------
# header and column roles


class _NoIndex(Exception):
    pass


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class _Layout:
    header_row: int
    header: list[str]
    code: int
    roles: dict[str, list[int]]  # role → column indexes (code excluded)

    def role_names(self) -> dict[str, tuple[str, ...]]:
        names: dict[str, tuple[str, ...]] = {"code": (self.header[self.code],)}
        for role in ROLES:
            if role in self.roles:
                names[role] = tuple(self.header[k] for k in self.roles[role])
        return {role: names[role] for role in ROLES if role in names}


def _cell(cells: list[str], k: int) -> str:
    return cells[k] if k < len(cells) else ""


def _cell_codes(text: str, items: NamedItems | None) -> tuple[list[CodeMatch], Named | None]:
    """Codes that open the first line of a cell, or the name of a named item."""
    first = text.split("\n", 1)[0].strip()
    if not first:
        return [], None
    codes = row_codes(first)
    if codes:
        return codes, None
    return [], named_item(first, items)


def _layout(rows: Rows, overrides: dict[str, str], items: NamedItems | None) -> _Layout:
    """The header nearest above the first row with a code (title rows come before it)."""
    first = next(
        (
            index
            for index, (_, cells) in enumerate(rows)
            if any(_cell_codes(cell, items) != ([], None) for cell in cells)
        ),
        None,
    )
    if first is None:
        raise _NoIndex("no disclosure codes in any column")
    for index in range(first - 1, max(-1, first - 1 - _HEADER_SEARCH), -1):
        number, cells = rows[index]
        header = [" ".join(cell.split()) for cell in cells]
        if sum(1 for cell in header if cell) < 2:
            continue
        if index > 0 and _known_roles(rows[index - 1][1]) >= 2:
            # Two header rows ("OMISSION" above "REASON", "EXPLANATION"): read them as one.
            above = [" ".join(cell.split()) for cell in rows[index - 1][1]]
            width = max(len(above), len(header))
            header = [
                " ".join(p for p in (_cell(above, k), _cell(header, k)) if p) for k in range(width)
            ]
        below = rows[index + 1 :]
        if overrides:
            layout = _overridden(number, header, below, overrides, items)
        else:
            layout = _detected(number, header, below, items)
        if layout is not None:
            return layout
    if overrides:
        wanted = ", ".join(f"{role}={name!r}" for role, name in overrides.items())
        raise _NoIndex(f"no header row with the columns {wanted}")
    raise _NoIndex("no header row naming the columns above the first code")


def _known_roles(cells: list[str]) -> int:
    return sum(1 for cell in cells if header_role(cell) not in (None, "other"))


def _code_counts(below: Rows, width: int, items: NamedItems | None) -> list[int]:
    counts = [0] * width
    for _, cells in below[:500]:
        for k in range(min(width, len(cells))):
            codes, named = _cell_codes(cells[k], items)
            if codes or named:
                counts[k] += 1
    return counts


def _detected(
    number: int, header: list[str], below: Rows, items: NamedItems | None
) -> _Layout | None:
    roles = [header_role(cell) for cell in header]
    known = [r for r in roles if r is not None and r != "other"]
    if len(known) < 2:
        return None
    counts = _code_counts(below, len(header), items)
    candidates = [k for k, n in enumerate(counts) if n and roles[k] not in ("other", "location")]
    if not candidates:
        return None
    # The column most cells of which start with a code; a "Code" header wins a tie.
    code = max(candidates, key=lambda k: (counts[k], roles[k] == "code", -k))
    by_role: dict[str, list[int]] = {}
    for k, role in enumerate(roles):
        if k != code and role is not None and role not in ("other", "code"):
            by_role.setdefault(role, []).append(k)
    return _Layout(number, header, code, by_role)


def _overridden(
    number: int,
    header: list[str],
    below: Rows,
    overrides: dict[str, str],
    items: NamedItems | None,
) -> _Layout | None:
    chosen: dict[str, int] = {}
    for role, name in overrides.items():
        found = named_column(name, header)
        if found is None:
            return None
        chosen[role] = found
    roles: list[str | None] = [header_role(cell) for cell in header]
    for role, k in chosen.items():
        roles = [None if r == role and j not in chosen.values() else r for j, r in enumerate(roles)]
        roles[k] = role
    if "code" in chosen:
        code = chosen["code"]
    else:
        counts = _code_counts(below, len(header), items)
        free = [k for k, n in enumerate(counts) if n and k not in chosen.values()]
        if not free:
            return None
        code = max(free, key=lambda k: (counts[k], roles[k] == "code", -k))
    by_role: dict[str, list[int]] = {}
    for k, kind in enumerate(roles):
        if k != code and kind is not None and kind not in ("other", "code"):
            by_role.setdefault(kind, []).append(k)
    return _Layout(number, header, code, by_role)


# --------------------------------------------------------------------------------------------
# rows → entries


@dataclass
class _Row:
    codes: list[CodeMatch]
    named: Named | None
    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, role: str, text: str) -> None:
        if text.strip():
            self.fields.setdefault(role, []).append(text.strip())


def _entries(rows: Rows, layout: _Layout, items: NamedItems | None) -> list[IndexEntry]:
    parsed: list[_Row] = []
    carried: dict[str, str] = {}
    header_key = [_norm(cell) for cell in layout.header]
    for number, cells in rows:
        if number <= layout.header_row or not any(cell.strip() for cell in cells):
            continue
        if [_norm(cell) for cell in cells] == header_key:
            continue  # the header repeated
        code_text = _cell(cells, layout.code)
        codes, named = _cell_codes(code_text, items)
        if codes or named:
            row = _Row(codes=codes, named=named, line=number)
            for role in _CARRIED:
                value = _role_text(cells, layout, role)
                if value:
                    carried[role] = value
                if role in carried:
                    row.add(role, carried[role])
            row.add("description", _code_cell_rest(code_text, codes, items))
            _add_cells(row, cells, layout)
            parsed.append(row)
            continue
        _codeless(cells, layout, carried, parsed)
    entries: list[IndexEntry] = []
    for row in parsed:
        entries.extend(_row_entries(row))
    return entries


def _add_cells(row: _Row, cells: list[str], layout: _Layout) -> None:
    """Description (its title lines), location and omission cells; several omission columns
    ("Requirement(s) omitted", "Reason", "Explanation") are each prefixed with their header."""
    for role in ("description", "location", "omission"):
        columns = layout.roles.get(role, [])
        for k in columns:
            text = _cell(cells, k)
            if role == "description":
                text = title_lines(text)
            elif role == "omission" and len(columns) > 1 and text.strip():
                text = f"{layout.header[k]}: {text}"
            row.add(role, text)


def _role_text(cells: list[str], layout: _Layout, role: str) -> str:
    return " ".join(
        " ".join(_cell(cells, k).split()) for k in layout.roles.get(role, []) if _cell(cells, k)
    )


def _codeless(cells: list[str], layout: _Layout, carried: dict[str, str], rows: list[_Row]) -> None:
    """A row without a code: a heading (carried down) or the continuation of the row above.

    One cell alone is a heading: in a Chapter or Section column it is that column's value, in
    the Standard column it is the standard when it names one ("GRI 305: Emissions 2016") and
    otherwise, like a lone cell anywhere else ("General disclosures"), the section.
    """
    filled = [k for k, cell in enumerate(cells) if cell.strip()]
    column_role = {k: role for role in _CARRIED for k in layout.roles.get(role, [])}
    if len(filled) == 1:
        text = " ".join(cells[filled[0]].split())
        role = column_role.get(filled[0], "section")
        if role == "standard" and standard_from_text(text) is None:
            role = "section"
        carried[role] = text
        return
    if all(k in column_role for k in filled):
        for role in _CARRIED:
            value = _role_text(cells, layout, role)
            if value:
                carried[role] = value
        return
    if not rows:
        return  # text between the header and the first row: notes, not index rows
    row = rows[-1]
    row.add("description", _cell(cells, layout.code))
    _add_cells(row, cells, layout)
    for role in _CARRIED:
        value = _role_text(cells, layout, role)
        if value:
            carried[role] = value


def _code_cell_rest(code_text: str, codes: list[CodeMatch], items: NamedItems | None) -> str:
    """The title beside the code in its cell: ``2-1 Organizational details``, or the title
    on the lines below a code standing alone."""
    first, _, more = code_text.strip().partition("\n")
    rest = ""
    if codes:
        body = without_row_prefix(first.strip())
        found = find_codes(body)
        end = max(m.end for m in found[: len(codes)]) if found else 0
        rest = body[end:]
    elif found_name := named_item(first, items):
        rest = first[found_name.end :]
    rest = rest.strip(" :.-–—")
    return title_lines(f"{rest}\n{more}" if rest else more)


_LIST_ITEM = re.compile(r"^(?:[a-z]{1,2}\.|[ivx]{1,4}\.|\(?[a-z0-9]{1,3}\)|[•●▪◦·*\-–])\s", re.I)


def title_lines(text: str) -> str:
    """The title at the top of a cell: its lines up to the end of a sentence, a line ending
    in a colon, or a list item — what follows is the requirement text some indexes paste
    below the title ("The organization shall: a. report its legal name; …")."""
    kept: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if kept and (line.endswith(":") or _LIST_ITEM.match(line) or kept[-1].endswith(".")):
            break
        kept.append(line)
    return " ".join(kept)


def _row_entries(row: _Row) -> list[IndexEntry]:
    """One entry per code, as :func:`xesg.index.parse.parse_index` makes them."""
    standard_text = " ".join(row.fields.get("standard", [])) or None
    from_text = standard_from_text(standard_text) if standard_text else None
    location_cells = [_lines(text) for text in row.fields.get("location", [])]
    location_lines = [line for cell in location_cells for line in cell]
    omission = " ".join(" ".join(text.split()) for text in row.fields.get("omission", []))
    common = {
        "description": " ".join(" ".join(row.fields.get("description", [])).split()),
        "raw_location": "\n".join(location_lines),
        "page": None,
        "line": row.line,
        "chapter": " ".join(row.fields.get("chapter", [])) or None,
        "section": " ".join(row.fields.get("section", [])) or None,
        "standard_text": standard_text,
    }
    # One cell may list one location per merged code ("P10 P11" for "2-15/2-16").
    if not row.codes:
        parts = [location_cells]
    elif len(location_cells) == 1:
        parts = [[lines] for lines in split_locations(location_lines, len(row.codes))]
    else:
        parts = [location_cells] * len(row.codes)
    return entries_for_row(
        row.codes,
        row.named,
        parts,
        _parse_cells,
        common,
        from_text,
        lambda explanation: with_omission(omission, explanation),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _parse_cells(cells: list[list[str]]) -> ParsedLocation:
    """Each cell's lines parsed as one location text; cells (location columns, continuation
    rows) are never run together."""
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
