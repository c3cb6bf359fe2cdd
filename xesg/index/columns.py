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
    """Assign each cell to the column it starts in (a cell may start a little left of it)."""
    placed: dict[Role, list[str]] = {}
    for cell in line_cells:
        index = 0
        for k, column in enumerate(columns):
            if cell.start >= column.start - 2:
                index = k
        placed.setdefault(columns[index].role, []).append(cell.text)
    return placed


def same_header(text: str, columns: list[Column]) -> bool:
    found = cells(text)
    return [c.text.lower() for c in found] == [c.name.lower() for c in columns]
