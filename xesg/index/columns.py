"""Column layouts: a header row names the columns; cells are placed by their offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from xesg.index.codes import CodeMatch, without_row_prefix
from xesg.index.lines import Cell, cells

Role = str  # chapter | section | standard | code | description | location | omission | other

# The one vocabulary of column names, for every format (report tables and spreadsheets).
_CODE_HEADER = re.compile(
    r"^(?:(?:gri|sasb|hkex|tcfd|esg|disclosure|indicator|kpi|metric|accounting\s+metric)\s*)?"
    r"(?:code|no\.?|number|num|#|id|ref\.?(?:\s*no\.?)?)$|^(?:kpi|gri|sasb|hkex)$|"
    # Chinese indexes (Traditional / Simplified): "層面、一般披露及關鍵績效指標" holds the codes.
    r"^.*(?:關鍵績效指標|关键绩效指标)$|^(?:編號|编号)$",
    re.I,
)
# Words that decide a name's role wherever they stand ("Page no./ Explanation", "Report page
# reference", "Omission – reason", "GRI Sector Standard Ref. No."), in this order.
_DECIDING: list[tuple[Role, re.Pattern[str]]] = [
    (role, re.compile(pattern, re.I))
    for role, pattern in (
        ("location", r"page|location|reference|remark|comment|response|where|"
                     r"頁碼|页码|頁數|页数|備註|备注|索引"),
        ("omission", r"omi(?:ss|tt)|reason|explanation"),
        # Columns no index row reads: SDG or UNGC mappings, GRI sector standard references,
        # assurance, status, units.
        ("other", r"\bsdgs?\b|sustainable\s+development|sector\s+standard|global\s+compact|"
                  r"\bungc\b|assur|\bstatus\b|\bunit\b"),
    )
]  # fmt: skip
# Otherwise the last of these words decides, as a name's head noun comes last in English
# ("ESG Disclosure Standards" is a standard, "Disclosure topic" a topic).
_HEAD_NOUNS: list[tuple[Role, re.Pattern[str]]] = [
    (role, re.compile(pattern, re.I))
    for role, pattern in (
        ("location", r"source|link|cross[-\s]?ref|report\s+section"),
        ("standard", r"standard|framework"),
        ("description", r"description|disclosure|title|content|requirement|indicator|metric|"
                        r"item|\bname\b|描述|內容|内容"),
        ("chapter", r"chapter|pillar|\bpart\b"),
        # Not "category": a SASB table's Category column says "Quantitative" or "Discussion
        # and Analysis".
        ("section", r"section|topic|aspect|area|subject|theme|"
                    r"範疇|范畴|層面|层面|章節|章节"),
    )
]  # fmt: skip
_ALTERNATIVES = re.compile(r"\s*[/／]\s*")


# A column of IFRS S2 paragraphs, under the standard's name or its Hong Kong one (HKFRS S2):
# "IFRS S2 reference", "HKFRS S2 paragraph". Its paragraphs identify the rows, as codes do,
# and the "2" of the name is no figure (header names have none).
_S2_COLUMN = re.compile(r"\b(?:IFRS|HKFRS)\s*S2\b", re.I)


# A year in a column's name ("GRI 2021 Disclosure", "Page in Annual Report 2024") is no figure.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def has_figure(name: str) -> bool:
    """Whether a cell has a digit other than a standard's or a year's in its name: then it is
    no header name (a row with codes or pages is no header)."""
    if not any(ch.isdecimal() for ch in name):
        return False
    return any(ch.isdecimal() for ch in _YEAR.sub("", _S2_COLUMN.sub("", name)))


def header_names(names: list[str]) -> bool:
    """Whether a line's cells may be a header row's names: without figures, but for a bare
    number in the first column (a sheet's row numbers exported with it: "13" over "14",
    "15" …; a page column, holding numbers too, is never the first)."""
    return all(
        not has_figure(name) or (k == 0 and name.isdecimal()) for k, name in enumerate(names)
    )


@dataclass(frozen=True)
class Column:
    start: int
    role: Role
    name: str


def header_role(name: str) -> Role | None:
    """The role a column's name gives it, or None for a name that gives none (an empty or
    over-long one, "Unnamed: 0", "Category 2").

    A code column's name is one of the code words (:data:`_CODE_HEADER`); otherwise a
    deciding word decides wherever it stands; otherwise the last head noun does, in the first
    of the name's alternatives that has one ("GRI Standard / Other source" names a standard).
    """
    name = " ".join(name.split())
    if not name or len(name) > 80:
        return None
    if _CODE_HEADER.match(name) or _S2_COLUMN.search(name):
        return "code"
    for role, pattern in _DECIDING:
        if pattern.search(name):
            return role
    for part in _ALTERNATIVES.split(name):
        if _CODE_HEADER.match(part):
            return "code"
        # The last word; on a tie ("Report section"), the one listed first.
        last = max(
            (
                (match.end(), -rank, role)
                for rank, (role, pattern) in enumerate(_HEAD_NOUNS)
                for match in pattern.finditer(part)
            ),
            default=None,
        )
        if last is not None:
            return last[2]
    return None


def column_role(name: str) -> Role:
    """:func:`header_role`, a column of no known role being "other"."""
    return header_role(name) or "other"


def header_roles(text: str) -> list[Column] | None:
    """Columns named by a header row (roles from their names), or None when ``text`` is not
    one. Columns with names we do not know ("Category", "Unit of measure") have role "other";
    :func:`fit_roles` then checks the roles against the rows below."""
    return header_columns(cells(text))


def header_columns(
    found: list[Cell], named: Mapping[Role, str] | None = None
) -> list[Column] | None:
    """:func:`header_roles` of a line already split into cells; ``named`` (role → column
    name, ``--columns code=Ref,location=Found in``) gives the columns so named their role."""
    if len(found) < 2 or any(len(cell.text.split()) > 5 for cell in found):
        return None
    if not header_names([cell.text for cell in found]):
        return None  # header names have no figures; a row with codes or pages is not a header
    columns = [Column(cell.start, column_role(cell.text), cell.text) for cell in found]
    for role, name in (named or {}).items():
        k = named_column(name, [c.name for c in columns])
        if k is not None:
            # The column named takes the role; another that took it by its name loses it.
            columns = (
                [_with_role(c, "other") if c.role == role else c for c in columns[:k]]
                + [_with_role(columns[k], role)]
                + [_with_role(c, "other") if c.role == role else c for c in columns[k + 1 :]]
            )
    known = [c for c in columns if c.role != "other"]
    if len(known) < 2 or not {"code", "location", "description"} & {c.role for c in known}:
        return None
    return columns


def named_column(name: str, names: list[str]) -> int | None:
    """The column of ``names`` called ``name`` (case and spacing aside), or else the one
    column whose name holds it."""
    wanted = _norm(name)
    normalised = [_norm(n) for n in names]
    if wanted in normalised:
        return normalised.index(wanted)
    holding = [k for k, n in enumerate(normalised) if wanted in n]
    return holding[0] if len(holding) == 1 else None


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _with_role(column: Column, role: Role) -> Column:
    return Column(column.start, role, column.name)


def align_to_rows(columns: list[Column], rows: Iterable[list[Cell]]) -> list[Column]:
    """Move a column's start left to the edge its cells start at, when its name is set right
    of that edge (centred or right-aligned over a wide column).

    The edge is the leftmost x, between the end of the previous column's name and the start
    of this one's, where at least three of ``rows`` (the lines below the header, each split
    into cells) start a cell."""
    starts: dict[int, int] = {}
    for line_cells in rows:
        for cell in line_cells:
            starts[cell.start] = starts.get(cell.start, 0) + 1
    aligned = list(columns[:1])
    for previous, column in pairwise(columns):
        after = previous.start + len(previous.name)
        edges = [
            x
            for x in starts
            if after < x < column.start
            and starts[x] + starts.get(x - 1, 0) + starts.get(x + 1, 0) >= 3
        ]
        aligned.append(Column(min(edges), column.role, column.name) if edges else column)
    return aligned


def fit_roles(
    columns: list[Column],
    rows: Iterable[list[Cell]],
    row_codes: Callable[[str], list[CodeMatch]],
    named: Collection[Role] = (),
) -> list[Column] | None:
    """Correct a header's roles with the rows below it, each split into cells: the code column
    is where codes are ("Reference" can name it); without a location column, the rightmost
    other column holds the locations. None when the result has no code or no location column.

    ``row_codes`` is :func:`xesg.index.locate.row_codes` (locate builds on this module), or
    the caller's memo of it. The code column of a table whose code column the user named
    (``named``: the roles named) stays where it was named.
    """
    votes: dict[int, int] = {}
    bounds = _bounds(columns)
    for line_cells in rows:
        for cell in line_cells:
            codes = row_codes(cell.text)
            # A code at the start of its cell, after the word that may introduce it
            # ("Disclosure 2-1 Organizational details").
            opening = len(cell.text) - len(without_row_prefix(cell.text))
            if codes and codes[0].start - opening <= 8:
                index = _column_of(cell, bounds)
                votes[index] = votes.get(index, 0) + 1
                break
    fitted = list(columns)
    if votes and "code" not in named:
        code = max(votes, key=lambda i: (votes[i], -i))
        fitted = [
            _with_role(c, "code")
            if i == code
            else _with_role(c, "description")
            if c.role == "code"
            else c
            for i, c in enumerate(fitted)
        ]
    roles = [c.role for c in fitted]
    if "code" not in roles and roles.count("description") >= 2:
        # "Disclosure | Disclosure title | Page": the first description-like column holds codes.
        first = roles.index("description")
        fitted[first] = _with_role(fitted[first], "code")
    roles = [c.role for c in fitted]
    if "location" not in roles and "code" in roles:
        right = max(i for i, r in enumerate(roles) if r != "code")
        if right > roles.index("code"):
            fitted[right] = _with_role(fitted[right], "location")
    roles = [c.role for c in fitted]
    if "code" not in roles or "location" not in roles:
        return None
    return fitted


def _bounds(columns: list[Column]) -> list[int]:
    """Where each column starts (just left of its header), then the end of the last one.

    Columns are in order, as the header row lists them, so column ``k`` spans
    ``[bounds[k], bounds[k + 1])`` and the spans do not overlap.
    """
    return [c.start - 2 for c in columns] + [10**9]


def _column_of(cell: Cell, bounds: list[int]) -> int:
    """The column that ``cell`` overlaps most; the leftmost on a tie."""
    end = cell.start + len(cell.text)
    k = bisect_right(bounds, cell.start) - 1
    if 0 <= k < len(bounds) - 1 and end <= bounds[k + 1]:
        return k  # the cell lies within column k, so it overlaps no other column
    overlaps = [min(end, right) - max(cell.start, left) for left, right in pairwise(bounds)]
    return overlaps.index(max(overlaps))


def place(line_cells: list[Cell], columns: list[Column]) -> dict[Role, list[str]]:
    """Assign each cell to the column whose span it overlaps most.

    A column spans from (just left of) its header to the next header. Headers are often
    centred, so a cell may start well left of its own header: overlap, not the start offset,
    decides. When two cells still land in one column and the column to its right is empty,
    the second moves right.
    """
    return by_role(slots(line_cells, columns), columns)


def by_role(found: list[list[str]], columns: list[Column]) -> dict[Role, list[str]]:
    """The texts of :func:`slots` by the role of their column."""
    placed: dict[Role, list[str]] = {}
    for column, texts in zip(columns, found, strict=True):
        if texts:
            placed.setdefault(column.role, []).extend(texts)
    return placed


def slots(line_cells: list[Cell], columns: list[Column]) -> list[list[str]]:
    """The texts of ``line_cells`` in each of ``columns``, as :func:`place` places them."""
    found: list[list[str]] = [[] for _ in columns]
    bounds = _bounds(columns)
    for cell in line_cells:
        found[_column_of(cell, bounds)].append(cell.text)
    for k in range(len(found) - 1):
        if len(found[k]) > 1 and not found[k + 1]:
            found[k + 1].insert(0, found[k].pop())
    return found


def same_header(text: str, columns: list[Column]) -> bool:
    """True for a header row naming the same columns (a header repeated on a later page)."""
    found = cells(text)
    return [c.text.lower() for c in found] == [c.name.lower() for c in columns]
