"""PAG008 scans a page for cross-references only where a cheap hint says one may be: the hints
must hold wherever the reference patterns match."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xesg.rules.pages.pag008_cross_reference_broken import (
    _NAMED_SECTION_REF,
    _PAGE_REF,
    _SECTION_REF,
    _hints,
    _section_refs,
)

_PIECES = st.sampled_from(
    [
        "see", "See", "SEE", "ſee", "refer to", "Refer\nto", "on", "at", "At", "page", "Page",
        "PAGE", "p.", "P.", "pp", "pp.", "Pp.", "P", "p", "12", "106", "١٢", "the", "“", "”", '"',
        "‘", "’", "'", "Our People", "Green Finance", "section", "Section", "SECTION", "ſection",
        "sectıon", "SECTİON", "chapter", "Chapter", "note 28", "of the Annual Report", "Refer",
        "referefer", "seesee", "Xsee", "Green", "and", "Of", "refer to the “Our People” section",
        "see the Green Finance section", "See Our People and Planet chapter", "see 'Water' section",
        "SEE THE “see the “Water” section", "ſee the “Water” section", "İ",
    ]
)  # fmt: skip
_GAPS = st.sampled_from([" ", "", "\n", "\u00a0", "  ", "\t"])
_TEXT = st.lists(st.tuples(_PIECES, _GAPS), max_size=16).map(
    lambda parts: "".join(p + g for p, g in parts)
)


@given(_TEXT)
def test_hints_hold_wherever_a_reference_matches(text: str) -> None:
    page_hints, section_hints = _hints()
    if _PAGE_REF.search(text):
        assert any(h.search(text) for h in page_hints)
    if _SECTION_REF.search(text):
        assert any(q in text and h.search(text) for q, h in section_hints)


@given(_TEXT)
def test_section_references_are_found_as_finditer_finds_them(text: str) -> None:
    for pattern in (_SECTION_REF, _NAMED_SECTION_REF):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _section_refs(pattern, text)] == expected
