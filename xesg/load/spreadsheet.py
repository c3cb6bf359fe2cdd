"""Read a spreadsheet (``.csv``, ``.xlsx``) as sheets of rows of cells — nothing more.

CSV files are decoded as text reports are (:mod:`xesg.load.decode`: UTF-8, a byte-order mark,
then charset-normalizer's detection of Big5, GB18030, Shift-JIS or UTF-16 without a mark,
else cp1252; ``--encoding`` overrides it; the encoding used is recorded, and an uncertain one
noted); the delimiter (comma, semicolon or tab) is sniffed. XLSX files are read with openpyxl
in read-only mode (cached values, never formulas), every sheet in workbook order, after
:func:`xesg.load.guard.check_workbook` has refused a workbook whose reading would cost out of
all proportion.

Every cell is cleaned: text that went through a wrong decoding once or more
(``organizationÃ¢Â\\x80Â\\x99s`` for ``organization’s``, ``â€“`` for ``–``, ``â€�`` for a
quote whose last byte was lost) is repaired by ftfy; repaired cells are counted, and cells
whose mojibake could not be repaired are counted and left as they were. Cells holding the two
characters ``\\n`` instead of line breaks (some exporters write them) get their line breaks
back.

:func:`sheet_page` lays a sheet out as a report page of tab-separated lines, as an HTML
table is (:func:`xesg.load.rows.table_lines`), each line numbered by its row of the sheet;
the index's one row assembler (:mod:`xesg.index.parse`) reads its rows from there.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xesg.errors import InputError
from xesg.load.decode import decode_report
from xesg.load.guard import MAX_INDEX_ROWS, check_workbook, read_lines_bytes, regular_size
from xesg.load.rows import table_lines
from xesg.model.document import Page

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

WORKBOOKS = (".xlsx", ".xlsm")
_MAX_COLUMNS = 200


@dataclass(frozen=True)
class Sheet:
    """One sheet (a CSV file is one): its rows, each with its number (for CSV, the record
    number) and its cleaned cells."""

    name: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Spreadsheet:
    """The sheets of a file, with how they were read."""

    sheets: tuple[Sheet, ...]
    encoding: str  # utf-8 | utf-8-sig | utf-16 | cp1252 … for CSV; xlsx for workbooks
    workbook: bool  # an .xlsx file (its sheets have names of their own)
    repaired_cells: int = 0  # cells whose mojibake was repaired
    unrepaired_cells: int = 0  # cells that still look like mojibake
    notes: tuple[str, ...] = ()  # how it was decoded, what was cut, what was repaired


def read_spreadsheet(path: Path, encoding: str | None = None) -> Spreadsheet:
    """The sheets of a ``.csv`` (or ``.tsv``, ``.txt``) or ``.xlsx`` file; ``encoding``
    overrides a CSV file's detected one. :class:`InputError` for an unreadable file."""
    regular_size(path)
    suffix = path.suffix.lower()
    if suffix in WORKBOOKS:
        (raw, notes), read_as = _read_xlsx(path), "xlsx"
    elif suffix in (".csv", ".tsv", ".txt"):
        rows, read_as, notes = _read_csv(path, encoding)
        raw = [(path.stem, rows)]
    else:
        raise InputError(f"{path}: not a .csv or .xlsx index file")
    cleaner = _Cleaner()
    sheets = tuple(
        Sheet(name, tuple((number, tuple(map(cleaner.clean, cells))) for number, cells in rows))
        for name, rows in raw
    )
    said = list(notes)
    if cleaner.repaired:
        said.append(
            f"Repaired mojibake (text decoded with the wrong encoding) in {cleaner.repaired} cells."
        )
    if cleaner.unrepaired:
        said.append(f"{cleaner.unrepaired} cells look like mojibake that could not be repaired.")
    if cleaner.unescaped:
        said.append(f"{cleaner.unescaped} cells had line breaks written as '\\n'.")
    return Spreadsheet(
        sheets=sheets,
        encoding=read_as,
        workbook=suffix in WORKBOOKS,
        repaired_cells=cleaner.repaired,
        unrepaired_cells=cleaner.unrepaired,
        notes=tuple(said),
    )


def sheet_page(sheet: Sheet, number: int = 1) -> Page:
    """A sheet as a page of tab-separated lines, as an HTML table's rows become lines
    (:func:`xesg.load.rows.table_lines`): one per row, more for a row whose cells hold several
    lines, an empty line for an empty row. Every line keeps its row's number (for CSV, the
    record number), so what is read from it cites the sheet's row.
    """
    grid = [[cell.split("\n") if cell else [] for cell in cells] for _, cells in sheet.rows]
    texts: list[str] = []
    numbers: list[int] = []
    for (row, _), lines in zip(sheet.rows, table_lines(grid), strict=True):
        texts += lines or [""]
        numbers += [row] * max(1, len(lines))
    return Page(
        number=number,
        label=None,
        label_source="none",
        text="\n".join(texts),
        line_numbers=tuple(numbers),
    )


# --------------------------------------------------------------------------------------------
# reading files

Rows = list[tuple[int, list[str]]]


def _read_csv(path: Path, encoding: str | None) -> tuple[Rows, str, tuple[str, ...]]:
    """The file's records, its encoding and what was noted about it."""
    data = read_lines_bytes(path, "a CSV index", report=False)
    if not data.strip():
        raise InputError(f"{path}: the index file is empty")
    decoded = decode_report(data, str(path), encoding, "a CSV file")
    text = decoded.text
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: Rows = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            if number > MAX_INDEX_ROWS:
                return rows, decoded.encoding, (*decoded.notes, _cut(path.stem))
            rows.append((number, cells[:_MAX_COLUMNS]))
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})") from exc
    return rows, decoded.encoding, decoded.notes


def _cut(sheet: str) -> str:
    return f"{sheet}: only the first {MAX_INDEX_ROWS:,} rows were read (see docs/limits.md)."


def _read_xlsx(path: Path) -> tuple[list[tuple[str, Rows]], tuple[str, ...]]:
    """The sheets' rows, and notes on what was not read."""
    # openpyxl is imported here: reading reports never needs it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook(path)
    notes: list[str] = []
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    sheets: list[tuple[str, Rows]] = []
    try:
        for worksheet in workbook.worksheets:
            if not hasattr(worksheet, "iter_rows"):
                continue  # a chart sheet
            worksheet.reset_dimensions()  # trust the cells, not a stale <dimension>
            rows: Rows = []
            for number, values in enumerate(worksheet.iter_rows(values_only=True), 1):
                if number > MAX_INDEX_ROWS:
                    notes.append(_cut(str(worksheet.title)))
                    break
                rows.append((number, [_cell_text(v) for v in values[:_MAX_COLUMNS]]))
            sheets.append((str(worksheet.title), rows))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    finally:
        workbook.close()
    return sheets, tuple(notes)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a page number typed as 12.0
    return str(value)


# --------------------------------------------------------------------------------------------
# cleaning cells: mojibake, escaped line breaks


def repair_mojibake(text: str) -> str:
    """Undo text that went through a wrong decoding once or more (UTF-8 read as cp1252 or
    latin-1), with ftfy; genuine accented text (``café``, ``São``) is left alone, and so is
    text whose mojibake ftfy cannot fully undo."""
    if text.isascii():
        return text
    # ftfy loads here (~150 ms): only CSV and XLSX cells need it.
    import ftfy
    from ftfy.badness import is_bad

    config = _only_mojibake()
    fixed = ftfy.fix_text(text, config)
    if is_bad(fixed):
        # ftfy undoes mojibake mixed with correct text ("company’s … Ã©"), but not a
        # sequence whose last byte was lost ("â€�" for a quote) beside correct text: word by
        # word, such a sequence stands alone and becomes the one U+FFFD it stands for.
        fixed = _WORD.sub(lambda m: ftfy.fix_text(m.group(0), config), fixed)
    return text if is_bad(fixed) else fixed


def looks_mojibake(text: str) -> bool:
    if text.isascii():
        return False
    from ftfy.badness import is_bad

    return is_bad(text)


_WORD = re.compile(r"\S+")


@functools.cache
def _only_mojibake() -> TextFixerConfig:
    """ftfy's fixes of mojibake without its other normalisations: a cell's quotes, widths,
    ligatures, entities, control characters and line breaks are the report's own."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


_ESCAPED_BREAK = re.compile(r"(?:\\r)?\\n")


class _Cleaner:
    def __init__(self) -> None:
        self.repaired = 0
        self.unrepaired = 0
        self.unescaped = 0

    def clean(self, cell: str) -> str:
        text = cell.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
        if "\n" not in text and _ESCAPED_BREAK.search(text):
            text = _ESCAPED_BREAK.sub("\n", text)
            self.unescaped += 1
        if not text.isascii():
            fixed = repair_mojibake(text)
            if fixed != text:
                self.repaired += 1
                text = fixed
            elif looks_mojibake(text):
                self.unrepaired += 1
        return text.strip()
