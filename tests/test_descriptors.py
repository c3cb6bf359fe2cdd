"""Standards as data: each standard's descriptor (``standards/<standard>/standard.yaml``) is
read in one place, and a standard added from data alone is read, checked and reported."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given
from hypothesis import strategies as st

from xesg.analysis.claim_levels import claim_of
from xesg.catalogue.descriptors import CodeShape, bundled_descriptors, load_descriptors, use
from xesg.catalogue.load import bundled, bundled_standards
from xesg.cli import main
from xesg.errors import CatalogueError
from xesg.index.codes import (
    _LETTERED_LINE,
    count_code_cells,
    find_codes,
    maybe_code,
    standard_of,
)
from xesg.index.normalize import fold
from xesg.report._common import standard_label

BUNDLED = bundled_descriptors()
SHAPES = {shape.name: shape for shape in BUNDLED.shapes}


@pytest.fixture(autouse=True)
def _bundled_descriptors() -> Iterator[None]:
    """A check with ``--catalogue`` makes its descriptors the process's; undo that."""
    yield
    use(None)


def test_every_bundled_standard_has_a_descriptor() -> None:
    assert sorted(d.standard for d in BUNDLED.descriptors) == sorted(bundled_standards())
    assert {c.standard for c in bundled().catalogues} <= set(bundled_standards())


def test_the_bundled_coverage_policy() -> None:
    # Universal: every HKEx edition, GRI's universal standards; topic standards, SASB
    # industries, TCFD and IFRS S2 only when the index cites them.
    assert BUNDLED.is_universal("hkex", "hkex-esg-code-2025")
    assert BUNDLED.is_universal("gri", "gri-2-2021") and BUNDLED.is_universal("gri", "gri-3-2021")
    assert not BUNDLED.is_universal("gri", "gri-305-2016")
    assert not any(BUNDLED.is_universal(s, f"{s}-x") for s in ("sasb", "tcfd", "ifrs-s2"))
    assert not BUNDLED.is_universal("iso", "iso-14001")
    # Required: HKEx by level (voluntary Part D is not), GRI by the report's claim, the
    # others by level.
    hkex = [BUNDLED.required("hkex", level, {}) for level in ("mandatory", "comply-or-explain")]
    assert hkex == [True, True]
    assert not BUNDLED.required("hkex", "voluntary", {})
    assert BUNDLED.required("gri", "recommended", {"gri": "in-accordance"})
    assert not BUNDLED.required("gri", "mandatory", {"gri": "with-reference"})
    for standard in ("sasb", "tcfd", "ifrs-s2"):
        assert BUNDLED.required(standard, "required", {})
        assert not BUNDLED.required(standard, "recommended", {})


def test_the_standards_whose_items_may_be_printed_without_codes() -> None:
    assert BUNDLED.uncoded == ("hkex", "tcfd")  # Part B by name; TCFD by group and letter


def test_the_bundled_edition_facts() -> None:
    hkex, gri = BUNDLED.get("hkex"), BUNDLED.get("gri")
    assert hkex is not None and gri is not None
    assert hkex.one_edition and not gri.one_edition
    assert hkex.edition_by_claim == (
        ("guide", "2020", "ESG Reporting Guide"),
        ("code", "2025", "ESG Reporting Code"),
    )
    assert dict(gri.systems) == {
        "2021": ("gri-102-2016", "gri-103-2016"),
        "2016": ("gri-1-2021", "gri-2-2021", "gri-3-2021"),
    }
    # Every catalogue a system leaves out exists: a typo would leave it in silently.
    ids = {c.id for c in bundled(("gri",)).catalogues}
    assert {i for _, left_out in gri.systems for i in left_out} <= ids


def test_labels_come_from_the_descriptors() -> None:
    labels = {s: standard_label(s) for s in ("hkex", "gri", "sasb", "tcfd", "ifrs-s2")}
    assert labels == {
        "hkex": "HKEx",
        "gri": "GRI",
        "sasb": "SASB",
        "tcfd": "TCFD",
        "ifrs-s2": "IFRS S2",
    }
    assert standard_label("esrs") == "ESRS"  # no descriptor: the name in capitals
    assert standard_label(None) == "Report"


def _code(shape: CodeShape) -> st.SearchStrategy[str]:
    return st.from_regex(re.compile(shape.pattern, re.ASCII), fullmatch=True)


@given(
    st.sampled_from(sorted(SHAPES)).flatmap(
        lambda name: st.tuples(st.just(name), _code(SHAPES[name]))
    )
)
def test_each_shape_is_found_and_passes_the_pre_tests(named: tuple[str, str]) -> None:
    name, code = named
    # Topic 000 holds activity metrics only ("000.A"): "000a.1" is written as one and
    # normalised to "000A.1", a shape of nothing.
    assume(not re.search(r"000[a-z]", code))
    text = f"See {code} for this"
    found = find_codes(text)
    assert [(m.raw, m.standard) for m in found] == [(code, name)]
    assert standard_of(found[0].code) == name
    # The cheap pre-tests never say no where a code stands.
    assert maybe_code(fold(text))
    hyphen = text.replace("-", "\u2010")  # as pdfium may give it
    assert count_code_cells(f"{text} {hyphen}") >= 1


def test_a_page_counts_distinct_codes_of_every_shape() -> None:
    page = "A1.2 Emissions 12\n305-1 Scope 1 14\nFN-CB-410a.2 Financed 15\nFS6 Portfolio 16\n"
    assert count_code_cells(page) == 4
    assert count_code_cells(page.replace("-", "\u2013")) == 4  # an en dash, as pdfium gives it
    assert count_code_cells("a1.2 and 2021 prose, no codes") == 0


def test_a_page_counts_lettered_items_from_a_and_b() -> None:
    page = "Governance a) Board oversight\nb) Role of management\nStrategy c) Risks\n"
    assert count_code_cells(page) == 3
    assert count_code_cells(page.replace("a)", "(i)")) == 0  # no "a)": no lettered table
    # Only a page with ") " somewhere is looked at for lettered items.
    assert count_code_cells("a)\nGovernance\nb)\nStrategy\nc)\nRisk\n") == 0


@given(
    st.text(alphabet="abcxG( )\n\r\t", max_size=60),
)
def test_lettered_items_need_a_and_b_in_the_text(text: str) -> None:
    # count_code_cells runs the lettered-line pattern only when "a)" and "b)" are in the text:
    # wherever the pattern finds items that count, both are there.
    letters = [m.group("letter") for m in _LETTERED_LINE.finditer(text)]
    if len(letters) >= 3 and "a" in letters and "b" in letters:
        assert "a)" in text and "b)" in text


def _descriptor(root: Path, text: str, folder: str = "toy") -> Path:
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / "standard.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("standard: toy\nlabel: Toy\ncolour: red\n", "unknown keys ['colour']"),
        ("standard: other\nlabel: Toy\n", "must be the folder's name"),
        ("standard: toy\n", "label: expected a text"),
        ("standard: toy\nlabel: Toy\nnames: ['(']\n", "names: not a regular expression"),
        (
            "standard: toy\nlabel: Toy\ncodes:\n  - {shape: toy, pattern: 'T{n}'}\n",
            "codes.0.pattern: no fragment 'n'",
        ),
        (
            "standard: toy\nlabel: Toy\ncodes:\n  - {shape: toy, pattern: 'T\\d'}\n",
            "codes.0.marker: expected a mapping",
        ),
        ("standard: toy\nlabel: Toy\nrequired: {levels: mandatory}\n", "levels: expected a list"),
        (
            "standard: toy\nlabel: Toy\nclaims:\n  - {pattern: 'Toy\\s+Standard'}\n",
            "claims.0: claim: expected a text",
        ),
        (
            "standard: toy\nlabel: Toy\nclaims:\n  - {pattern: 'T', claim: x, starts: [Toy]}\n",
            "claims.0.starts: 'Toy': lower-case ASCII words and punctuation",
        ),
        (
            "standard: toy\nlabel: Toy\nclaims:\n  - {pattern: '(', claim: x}\n",
            "claims.0: not a regular expression",
        ),
        (
            "standard: toy\nlabel: Toy\nclaims:\n  - {pattern: T, claim: x, near: {word: t}}\n",
            "claims.0.near: before and after are whole numbers",
        ),
        (
            "standard: toy\nlabel: Toy\nclaims:\n  - {pattern: '(T)', claim: {T: x}}\n",
            "claims.0.claim: 'T': lower-case, words separated by one space",
        ),
        (
            "standard: toy\nlabel: Toy\neditions: {by_claim: {guide: {edition: '1'}}}\n",
            "editions.by_claim: document: expected a text",
        ),
    ],
)
def test_a_bad_descriptor_is_named_with_its_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(CatalogueError, match=re.escape(problem)) as raised:
        load_descriptors(_descriptor(tmp_path, text), "mine")
    assert str(raised.value).startswith("mine/toy/standard.yaml: ")


# A standard xesg has never heard of, added as data: a descriptor and a catalogue.
TOY_DESCRIPTOR = r"""
standard: toy
label: Toy Standard
names: ['\bToy\b']
prefixes: [TOY]
codes:
  - shape: toy
    pattern: 'TY-\d{2}'
    marker: {at: T, after: 'Y-\d'}
universal: all
required:
  levels: [mandatory]
# How a report says it follows the toy standard: the first pattern that matches decides.
claims:
  - pattern: 'prepared\s+under\s+the\s+Toy\s+Standard\s*\((Full|Core)\s+level\)'
    claim: {full: full, core: core}
    starts: ['prepared under']
  - pattern: '玩具標準'
    claim: referenced
    contains: [玩具]
  - pattern: 'with\s+regard\s+to\s+the\s+Toy\s+Standard'
    claim: referenced
    starts: ['with regard']
"""
TOY_CATALOGUE = """
id: toy-2024
standard: toy
title: Toy Standard
edition: "2024"
source: {document: A standard written for this test, publisher: xesg tests}
disclosures:
  - {code: TY-01, title: Water withdrawn, level: mandatory, kind: quantitative}
  - {code: TY-02, title: Water discharged, level: mandatory, kind: quantitative}
  - {code: TY-03, title: Water recycled, level: recommended, kind: quantitative}
  - {code: TY-04, title: Water stress areas, level: recommended, kind: quantitative}
  - {code: TY-05, title: Water targets, level: recommended, kind: quantitative}
"""
TOY_REPORT = "\f".join(
    [
        "Our water\n\nWe withdrew water from rivers. This report was prepared\nunder the Toy"
        " Standard (Full level).\n",
        "Water data\n\nWe recycle water and set targets.\n",
        "Toy Standard content index\n\nCode\tDisclosure\tPage\n"
        "TY-01\tWater withdrawn\t1\nTOY TY-03\tWater recycled\t2\n"
        "TY-04\tWater stress areas\t2\nTY-05\tWater targets\t2\nTY-09\tWater prices\t2\n",
    ]
)


def _check(tmp_path: Path, fmt: str) -> tuple[int, str, str]:
    catalogues = _descriptor(tmp_path / "catalogues", TOY_DESCRIPTOR)
    (catalogues / "toy" / "toy-2024.yaml").write_text(TOY_CATALOGUE, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(TOY_REPORT, encoding="utf-8")
    args = ["check", "--catalogue", str(catalogues), "--format", fmt, str(report)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def test_a_standard_added_as_data_is_checked_end_to_end(tmp_path: Path) -> None:
    _, out, _ = _check(tmp_path, "json")
    result = json.loads(out)
    assert result["standards"] == ["toy"]
    rows = [(e["standard"], e["code"]) for e in result["index"]["entries"]]
    assert rows == [("toy", c) for c in ("TY-01", "TY-03", "TY-04", "TY-05", "TY-09")]
    unknown = [(f["rule"], f["code"]) for f in result["findings"] if f["rule"] == "IDX002"]
    assert unknown == [("IDX002", "TY-09")]
    coverage = {c["code"]: (c["status"], c["required"]) for c in result["coverage"]}
    assert coverage == {
        "TY-01": ("located", True),
        "TY-02": ("missing", True),  # the required item the index leaves out
        "TY-03": ("located", False),
        "TY-04": ("located", False),
        "TY-05": ("located", False),
    }
    assert result["claims"]["toy"] == "full"  # read by the descriptor's own claims
    _, markdown, _ = _check(tmp_path, "markdown")
    assert "Toy Standard" in markdown


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Prepared  under the TOY standard (core Level).", "core"),
        # The first pattern decides, wherever in the text the others match.
        ("With regard to the Toy Standard; prepared under the Toy Standard (Full level)", "full"),
        ("本報告參照玩具標準編製。", "referenced"),
        ("written with\nregard to the Toy Standard", "referenced"),
        ("prepared under the Toy Standard", None),  # no level: no claim
        # The pattern asks no word boundary before "with", and the starts do not add one.
        ("notwith regard to the Toy Standard", "referenced"),
        ("Toy Standard content index", None),
    ],
)
def test_a_standard_added_as_data_is_claimed_by_its_own_phrases(
    tmp_path: Path, text: str, claim: str | None
) -> None:
    use(_descriptor(tmp_path, TOY_DESCRIPTOR))
    assert claim_of("toy", text) == claim
    assert claim_of("gri", "in accordance with the GRI Standards") == "in-accordance"


def test_a_catalogue_without_a_descriptor_is_refused(tmp_path: Path) -> None:
    catalogues = tmp_path / "catalogues"
    catalogues.mkdir()
    (catalogues / "toy-2024.yaml").write_text(TOY_CATALOGUE, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(TOY_REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--catalogue", str(catalogues), str(report)])
    assert result.exit_code == 2
    assert "no descriptor for standard toy" in result.stderr
    assert "Traceback" not in result.stderr


def test_ifrs_s2_paragraphs_are_read_in_the_forms_reports_write(tmp_path: Path) -> None:
    index = (
        "IFRS S2 content index\n\nParagraph\tDisclosure\tPage\n"
        "S2.6(a)\tBoard oversight\t1\nS2-6(b)\tManagement's role\t1\n"
        "IFRS S2 25(a)\tRisk processes\t2\nS2.10\tRisks and opportunities\t2\n"
        "S2.99\tNo such paragraph\t2\n"
    )
    report = tmp_path / "report.txt"
    report.write_text("Climate\n\nThe board oversees climate.\n\f" + index, encoding="utf-8")
    result = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(report)]).stdout)
    rows = [(e["standard"], e["code"]) for e in result["index"]["entries"]]
    codes = ("S2.6(a)", "S2.6(b)", "S2.25(a)", "S2.10", "S2.99")
    assert rows == [("ifrs-s2", code) for code in codes]
    unknown = [f["code"] for f in result["findings"] if f["rule"] == "IDX002"]
    assert unknown == ["S2.99"]


def test_an_edition_system_the_descriptor_does_not_list_is_refused() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "harbourline-esg-2024.txt"
    result = CliRunner().invoke(main, ["check", "--edition", "gri=2019", str(example)])
    assert result.exit_code == 2
    assert "unknown GRI edition '2019'; use 2021 or 2016" in result.stderr
