"""Read a content index supplied as a spreadsheet (``.xlsx``) or ``.csv`` file.

Auditors often receive the index as a spreadsheet, separate from the report. The file is read
by :func:`xesg.load.spreadsheet.read_spreadsheet` (encodings, the CSV delimiter, XLSX sheets,
mojibake, line breaks written as ``\\n``) and each sheet laid out as a page of tab-separated
lines (:func:`xesg.load.spreadsheet.sheet_page`: a row whose cells hold several lines gives
several lines, each numbered by the row). Its rows are then read by the one row assembler
every report's index table is read by (:func:`xesg.index.parse.read_index`): the header row
and the roles of its columns, codes, descriptions, locations, omissions, headings and
continuation rows are found there, the same way for every format. What is left here is what
only a spreadsheet has: its sheets (every sheet with an index is read, in workbook order; the
others are noted), the encoding it was read in, its repaired cells, the columns and header row
used on each sheet, and ``--columns`` naming columns the header must have.

``page`` is None and ``line`` is the row number in the sheet (for CSV, the record number,
header rows included).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xesg.errors import InputError, XesgError
from xesg.index.columns import named_column
from xesg.index.parse import Header, read_index
from xesg.load.spreadsheet import read_spreadsheet, sheet_page
from xesg.model.document import Report
from xesg.model.index import IndexEntry, IndexTable, UnreadCode

ROLES = ("standard", "code", "description", "location", "omission", "chapter", "section")


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

    ``columns`` maps roles (:data:`ROLES`) to header names: a sheet's header must name those
    columns, which take those roles; ``names`` (lower-case name → the codes it names) lists
    items named rather than coded, as for :func:`xesg.index.parse.parse_index`; ``encoding``
    overrides a CSV file's detected one. Raises :class:`InputError` for an unreadable file or
    one without a content index.
    """
    overrides = _check_overrides(columns or {})
    spreadsheet = read_spreadsheet(path, encoding)
    sheets = spreadsheet.sheets
    tables: list[IndexTable] = []
    used: list[str] = []
    header_rows: list[int] = []
    roles_used: dict[str, tuple[str, ...]] = {}
    notes: list[str] = list(spreadsheet.notes)
    problems: list[str] = []
    for number, sheet in enumerate(sheets, start=1):
        report = Report(
            path=str(path), encoding="", pagination="none", pages=(sheet_page(sheet, number),)
        )
        table, headers = read_index(report, names=names, column_names=overrides, index_file=True)
        header = next((h for h in headers if _names_all(h, overrides)), None)
        problem = None
        if header is None:
            problem = _no_header(overrides)
        elif not table.entries:
            problem = "no index rows below the header"
        if problem is not None:
            problems.append(f"{sheet.name}: {problem}" if len(sheets) > 1 else problem)
            continue
        assert header is not None
        tables.append(table)
        used.append(sheet.name)
        header_rows.append(header.line)
        roles_used = roles_used or _role_names(header)
    if not tables:
        detail = "; ".join(problems) if problems else "no rows"
        raise InputError(
            f"{path}: no content index found ({detail}); name the columns with "
            "--columns code=HEADER,location=HEADER"
        )
    if spreadsheet.workbook and len(sheets) > len(used):
        skipped = [sheet.name for sheet in sheets if sheet.name not in used]
        notes.append(f"Sheets without an index: {', '.join(skipped)}.")
    entries: list[IndexEntry] = [e for t in tables for e in t.entries]
    unread: list[UnreadCode] = [u for t in tables for u in t.unread]
    return TabularIndex(
        table=IndexTable(
            entries=tuple(entries),
            pages=(),
            layout="spreadsheet",
            code_cells=sum(t.code_cells for t in tables),
            unread=tuple(unread),
            printed_codes=tuple(dict.fromkeys(c for t in tables for c in t.printed_codes)),
        ),
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
    return {role: " ".join(name.split()).lower() for role, name in columns.items()}


def _names_all(header: Header, overrides: Mapping[str, str]) -> bool:
    """Whether ``header`` has every column the user named."""
    names = [c.name for c in header.columns]
    return all(named_column(name, names) is not None for name in overrides.values())


def _no_header(overrides: Mapping[str, str]) -> str:
    if overrides:
        wanted = ", ".join(f"{role}={name!r}" for role, name in overrides.items())
        return f"no header row with the columns {wanted}"
    return "no header row naming the columns of a table of disclosure codes"


def _role_names(header: Header) -> dict[str, tuple[str, ...]]:
    """Role → the names of the columns that have it, in :data:`ROLES` order."""
    names: dict[str, tuple[str, ...]] = {}
    for role in ROLES:
        found = tuple(c.name for c in header.columns if c.role == role)
        if found:
            names[role] = found
    return names
