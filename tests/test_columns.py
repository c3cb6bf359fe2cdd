"""Placing cells in columns: the column a cell overlaps most wins, the leftmost on a tie."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xesg.index.columns import Column, place
from xesg.index.lines import Cell


def _most_overlapped(cell: Cell, columns: list[Column]) -> int:
    """The definition: overlap with each column's span, from 2 left of its header to 2 left
    of the next header."""
    bounds = [c.start - 2 for c in columns] + [10**9]
    end = cell.start + len(cell.text)
    overlaps = [min(end, bounds[k + 1]) - max(cell.start, bounds[k]) for k in range(len(columns))]
    return overlaps.index(max(overlaps))


@given(
    st.lists(st.integers(0, 80), min_size=1, max_size=6, unique=True).map(sorted),
    st.integers(0, 100),
    st.integers(1, 40),
)
def test_a_cell_goes_to_the_column_it_overlaps_most(starts: list[int], at: int, width: int) -> None:
    columns = [Column(start, f"role{k}", f"name{k}") for k, start in enumerate(starts)]
    cell = Cell(at, "x" * width)
    assert place([cell], columns) == {f"role{_most_overlapped(cell, columns)}": [cell.text]}
