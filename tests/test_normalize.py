"""Code normalisation: look-alikes, dashes, full-width forms, prefixes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.catalogue.descriptors import bundled_descriptors
from xesg.catalogue.load import bundled
from xesg.index.codes import find_codes, named_item, standard_of
from xesg.index.normalize import fold, fold_char, lookalikes, normalise_code

MANDATORY_NAMES = tuple(bundled_descriptors().named_items().values())  # HKEx Part B

ALL_CODES = sorted({d.code for c in bundled().catalogues for d in c.disclosures})
# Codes of our own that no report writes are left out: TCFD's ("GOV-a": rows print the group
# and letter) and the provisional HKEx Part D codes ("D-GOV-1": rows name those provisions by
# heading or IFRS S2 paragraph, tests/test_part_d_rows.py).
CODES = [c for c in ALL_CODES if standard_of(c) not in (None, "tcfd") and not c.startswith("D-")]

# Plain character -> characters that imitate it.
IMITATIONS = {
    "A": "АΑＡ", "B": "ВΒＢ", "C": "СＣ", "E": "ЕΕ", "H": "НΗ", "K": "КΚ", "M": "МΜ",
    "O": "ОΟ", "P": "РΡ", "T": "ТΤ", "X": "ХΧ", "-": "‐‑‒–—−－", ".": "．",
    **{str(d): chr(0xFF10 + d) for d in range(10)},
}  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("В6", "B6"),
        ("A1.３", "A1.3"),
        ("2–9", "2-9"),
        ("KPI A1.1", "A1.1"),
        ("fn‐cb‐410B.2", "FN-CB-410b.2"),
        ("tc-hw-000.a", "TC-HW-000.A"),
        ("GRI 305-1", "305-1"),
        ("Aspect A1:", "A1"),
        ("General Disclosure B8", "B8"),
        ("a1.2.", "A1.2"),
    ],
)
def test_normalise_examples(raw: str, code: str) -> None:
    assert normalise_code(raw) == code


def test_lookalikes_name_the_characters() -> None:
    assert lookalikes("В6") == ("'В' (U+0412 CYRILLIC CAPITAL LETTER VE) for 'B'",)
    assert lookalikes("B6") == ()


@given(st.text(max_size=30))
def test_normalising_is_idempotent(raw: str) -> None:
    once = normalise_code(raw)
    assert normalise_code(once) == once


@given(st.text(max_size=40))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_folds_each_character_as_fold_char_does() -> None:
    # fold only visits the characters it knows to fold: none may be missing from that set.
    for plane_start in (0, 0x10000):
        chars = "".join(chr(c) for c in range(plane_start, plane_start + 0x10000))
        assert fold(chars) == "".join(fold_char(ch) for ch in chars)


@given(st.text(max_size=40))
def test_fold_is_fold_char_on_every_character(text: str) -> None:
    assert fold(text) == "".join(fold_char(ch) for ch in text)


@given(st.sampled_from(CODES), st.data())
def test_catalogue_codes_survive_lookalike_substitution(code: str, data: st.DataObject) -> None:
    disguised = "".join(
        data.draw(st.sampled_from(ch + IMITATIONS.get(ch, ""))) if ch in IMITATIONS else ch
        for ch in code
    )
    if code in MANDATORY_NAMES:
        assert named_item(f"{disguised}  P12") == ((code,), disguised, len(disguised))
        return
    assert normalise_code(disguised) == code
    found = find_codes(f"  {disguised}  Some description  P12")
    assert [m.code for m in found] == [code]
    assert found[0].raw == disguised


def test_codes_in_prose_are_shape_checked() -> None:
    assert [m.code for m in find_codes("see 305-1, 305-2 and A1.2.")] == ["305-1", "305-2", "A1.2"]
    assert find_codes("in 2023-24 the ratio was 1.2-3") == []
    assert find_codes("version a1 of the plan") == []
