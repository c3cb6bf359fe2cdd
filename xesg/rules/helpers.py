"""Small helpers shared by rules: evidence snippets and page wording."""

from __future__ import annotations

from xesg.model.index import IndexEntry

_SNIPPET = 160


def row_evidence(entry: IndexEntry) -> str:
    """The index row as written: code, description, location (shortened)."""
    parts = [entry.raw_code, entry.description, entry.raw_location.replace("\n", " ")]
    text = " | ".join(p for p in parts if p)
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def page_range(start: int, end: int) -> str:
    return f"P{start}" if start == end else f"P{start}-{end}"
