"""Column layouts: a header row names the columns; cells are placed by their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xesg.index.lines import Cell, cells

Role = str  # chapter | section | standard | code | description | location | other

_CODE_HEADER = (
    r"^(?:code|no\.?|number|kpi|indicator|gri|sasb\s*code|metric\s*code|ref\.?|"
    r"disclosure\s*(?:no\.?|number|code))$"
)
_ROLE_WORDS: list[tuple[Role, re.Pattern[str]]] = [
    (role, re.compile(pattern, re.I))
    for role, pattern in (
        ("location", r"page|location|reference|explanation|remark|comment|response|omission|where"),
        ("code", _CODE_HEADER),
        ("description", r"description|disclosure|title|content|requirement|indicator|metric|item"),
        ("standard", r"standard|framework"),
        ("chapter", r"chapter|pillar|part"),
        ("section", r"section|topic|aspect|area|subject"),
    )
]


@dataclass(frozen=True)
class Column:
    start: int
    role: Role
    name: str


def header_roles(text: str) -> list[Column] | None:
    """Columns named by a header row, or None when ``text`` is not one."""
    found = cells(text)
    if len(found) < 3:
        return None
    columns = []
    for cell in found:
        role = next((r for r, pattern in _ROLE_WORDS if pattern.search(cell.text)), None)
        if role is None or len(cell.text.split()) > 4:
            return None
        columns.append(Column(cell.start, role, cell.text))
    roles = [c.role for c in columns]
    if "code" not in roles and roles.count("description") >= 2:
        # "Disclosure | Disclosure title | Page": the first description-like column holds codes.
        first = roles.index("description")
        columns[first] = Column(columns[first].start, "code", columns[first].name)
    if "code" not in [c.role for c in columns] or "location" not in [c.role for c in columns]:
        return None
    return columns


def place(line_cells: list[Cell], columns: list[Column]) -> dict[Role, list[str]]:
    """Assign each cell to the column whose span it overlaps most.

    A column spans from (just left of) its header to the next header. Headers are often
    centred, so a cell may start well left of its own header: overlap, not the start offset,
    decides. When two cells still land in one column and the column to its right is empty,
    the second moves right.
    """
    bounds = [c.start - 2 for c in columns] + [10**9]
    slots: list[list[str]] = [[] for _ in columns]
    for cell in line_cells:
        end = cell.start + len(cell.text)
        overlaps = [
            min(end, bounds[k + 1]) - max(cell.start, bounds[k]) for k in range(len(columns))
        ]
        slots[overlaps.index(max(overlaps))].append(cell.text)
    for k in range(len(slots) - 1):
        if len(slots[k]) > 1 and not slots[k + 1]:
            slots[k + 1].insert(0, slots[k].pop())
    placed: dict[Role, list[str]] = {}
    for column, texts in zip(columns, slots, strict=True):
        if texts:
            placed.setdefault(column.role, []).extend(texts)
    return placed


def same_roles(text: str, columns: list[Column]) -> bool:
    """True for a header row naming the same columns (a header repeated on a later page)."""
    header = header_roles(text)
    return header is not None and [c.role for c in header] == [c.role for c in columns]
