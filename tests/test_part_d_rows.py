"""HKEx ESG Reporting Code Part D rows named by heading or by IFRS S2 / HKFRS S2 paragraph
(no report writes our provisional codes D-GOV-1 …), and HKFRS S2 taken for IFRS S2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index_cases import SUFFIX, render
from tests.test_index_cases import LETTERED, LETTERED_ROWS
from xesg.analysis.claim_levels import claim_of
from xesg.catalogue.descriptors import bundled_descriptors
from xesg.catalogue.load import bundled
from xesg.config import Config
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.codes import Named, NamedItems
from xesg.index.columns import column_role, header_roles
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.model.result import CheckResult
from xesg.pipeline import named_items, run

(CODE,) = [c for c in bundled(["hkex"]).catalogues if c.edition == "2025"]
PART_D = [d.code for d in CODE.disclosures if d.code.startswith("D-")]
PART_C = [d for d in CODE.disclosures if d.parent and not d.parent.startswith(("Part", "D"))]
CODE_TITLE = (
    "Harbourline Logistics ESG Report 2025\nThis report follows the Environmental, Social "
    "and Governance Reporting Code for the year ended 31 December 2025."
)
GUIDE_TITLE = (
    "Harbourline Logistics ESG Report 2021\nThis report follows the Environmental, Social "
    "and Governance Reporting Guide for the year ended 31 December 2021."
)
# Part D rows by heading: in the code column, or (code column empty) as the description.
BY_HEADING = [
    ("Governance", "Board and management oversight of climate matters", "2"),
    ("Climate-related risks and opportunities", "Physical and transition risks", "3"),
    ("Business model and value chain", "Effects on our depots and routes", "3"),
    ("Transition plans", "Our fleet electrification plan", "4"),
    ("", "Financial Effects: climate-related risks and our cash flows", "4"),
    ("Climate resilience", "Scenario analysis at 1.5°C and 3°C", "5"),
    ("Risk Management", "How climate risks enter the risk register", "5"),
    ("Scope 1 and Scope 2 emissions", "Fuel and electricity emissions", "6"),
    ("Scope 3", "Purchased goods and subcontracted haulage", "6"),
    ("Cross-industry metrics", "Assets exposed, capital deployed, carbon price", "7"),
    ("Industry-based metrics", "Fleet fuel economy", "7"),
    ("", "Targets and progress against them", "8"),
]
# The same rows by paragraph, in the ways reports cite IFRS S2 and its Hong Kong name.
BY_PARAGRAPH = [
    ("IFRS S2 para 6(a)", "Governance body", "2"),
    ("HKFRS S2 paragraph 6(b)", "Management's role", "2"),
    ("IFRS S2 paras 10-12", "Risks and opportunities", "3"),
    ("IFRS S2.13", "Business model", "3"),
    ("HKFRS S2 14", "Strategy and decision-making", "4"),
    ("IFRS S2 15-21", "Financial effects", "4"),
    ("IFRS S2 ¶22", "Climate resilience", "5"),
    ("IFRS S2 para 25", "Risk management", "5"),
    ("IFRS S2 para 29(a)", "Greenhouse gases", "6"),
    ("IFRS S2 paras 29(b)-(g)", "Other cross-industry metrics", "7"),
    ("IFRS S2 32", "Industry-based metrics", "7"),
    ("HKFRS S2 paragraphs 33 to 36", "Climate-related targets", "8"),
]


def _report(title: str, part_d: list[tuple[str, str, str]], header: str) -> str:
    pages = [title + "\n1"] + [
        f"Section {n}\nOur climate work, part {n}.\n{n}" for n in range(2, 9)
    ]
    rows = [f"{d.code}\t{d.title}\t2" for d in PART_C if d.code[0] in "AB"]
    index = ["Content Index", header, *rows, "Part D: Climate-related Disclosures"]
    index += ["\t".join(row) for row in part_d]
    return "\f".join([*pages, "\n".join([*index, "9"])])


def _check(tmp_path: Path, text: str, **settings: str) -> CheckResult:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, Config.model_validate(settings))


def _part_d(result: CheckResult) -> dict[str, list[int]]:
    return {
        e.code: [loc.start for loc in e.locations]
        for e in result.index.entries
        if e.code.startswith("D-")
    }


@pytest.mark.parametrize(
    ("rows", "header"),
    [(BY_HEADING, "Code\tDisclosure\tPage"), (BY_PARAGRAPH, "IFRS S2 paragraph\tDisclosure\tPage")],
)
def test_part_d_rows_located_without_codes(
    tmp_path: Path, rows: list[tuple[str, str, str]], header: str
) -> None:
    result = _check(tmp_path, _report(CODE_TITLE, rows, header), issuer="largecap")
    located = _part_d(result)
    assert sorted(located) == sorted(PART_D)
    assert located["D-GOV-1"] == located["D-GOV-2"] == [2]
    assert located["D-STR-4"] == [4]  # "15-21" in one row; by heading, the description
    assert located["D-MT-1"] == located["D-MT-2"] == [6]  # 29(a): every scope; or by heading
    assert located["D-MT-3"] == located["D-MT-8"] == [7]
    assert located["D-MT-10"] == [8]
    assert all(e.standard == "hkex" for e in result.index.entries if e.code in PART_D)
    # Every Part D provision is located: none is reported missing or unknown, whatever its
    # level (the fixture's pages are too thin for the page-evidence rules).
    assert not [
        (f.rule, f.code)
        for f in result.findings
        if str(f.code).startswith("D-") and not f.rule.startswith("PAG")
    ]


def test_headings_name_no_part_d_rows_in_a_guide_report(tmp_path: Path) -> None:
    # The Guide has no Part D: there "Governance" or "Targets" is a heading of the report's own.
    result = _check(tmp_path, _report(GUIDE_TITLE, BY_HEADING, "Code\tDisclosure\tPage"))
    assert result.claims["hkex"] == "guide"
    assert _part_d(result) == {}


def test_a_code_report_with_part_d_unlocated_still_misses_it(tmp_path: Path) -> None:
    result = _check(tmp_path, _report(CODE_TITLE, [], "Code\tDisclosure\tPage"))
    assert {str(f.code) for f in result.findings if f.rule == "REQ001"} >= {"D-MT-1"}


ITEMS = NamedItems(named_items(bundled(["hkex"]), part_d=True))
PARAGRAPHS = {
    "6(a)": ("D-GOV-1",),
    "6": ("D-GOV-1", "D-GOV-2"),
    "25(c)": ("D-RM-2",),
    "29(a)": ("D-MT-1", "D-MT-2"),
    "29(a)(i)(3)": ("D-MT-2",),
    "29(a)(iii)": ("D-MT-1", "D-MT-2"),  # not listed: its paragraph's
    "29(f)": ("D-MT-7",),
    "34": ("D-MT-10",),
}


@given(
    st.sampled_from(sorted(PARAGRAPHS)),
    st.sampled_from(["IFRS", "HKFRS", "ifrs", "ＩＦＲＳ"]),
    st.sampled_from([" ", " para ", " para. ", " paragraph ", " paras ", ".", " ¶ ", ", "]),
    st.sampled_from(["", " Greenhouse gases", "\tp. 12", ": targets"]),
)
def test_s2_citations_name_their_paragraphs_provisions(
    paragraph: str, name: str, joiner: str, after: str
) -> None:
    found = ITEMS.match(f"{name} S2{joiner}{paragraph}{after}")
    assert found is not None
    assert found.codes == PARAGRAPHS[paragraph]


def test_s2_citations_that_name_nothing() -> None:
    assert ITEMS.match("IFRS S2 para 40") is None  # no Part D provision there
    assert ITEMS.match("IFRS S1 para 6(a)") is None  # the general standard, not S2
    assert ITEMS.match("Section 6(a)") is None
    ranged = ITEMS.match("IFRS S2 29(b)-(d) Assets and capital")
    assert ranged == Named(("D-MT-3", "D-MT-4", "D-MT-5"), "IFRS S2 29(b)-(d)", 17)


def test_hkfrs_and_ifrs_s2_columns_hold_the_row_identifier() -> None:
    assert column_role("IFRS S2 paragraph") == "code"
    assert column_role("HKFRS S2 reference") == "code"
    columns = header_roles("HKFRS S2 paragraph    Disclosure    Page")
    assert columns is not None
    assert [c.role for c in columns] == ["code", "description", "location"]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "This report is prepared with reference to HKFRS S2 Climate-related Disclosures.",
            "HKFRS S2",
        ),
        ("We report in accordance with IFRS S1 and S2.", "IFRS S2"),
        ("Our disclosures are aligned with the TCFD and with HKFRS  S2.", "HKFRS S2"),
        ("In line with HKFRS S2; see also the index, which follows IFRS S2.", "HKFRS S2 / IFRS S2"),
        ("IFRS S2 para 29(a) Greenhouse gases 12", None),  # an index row, no statement
        ("prepared in accordance with HKFRS 16 Leases", None),  # another HKFRS
    ],
)
def test_the_report_says_it_follows_ifrs_s2_under_either_name(text: str, claim: str | None) -> None:
    assert claim_of("ifrs-s2", text) == claim


def test_the_s2_claim_is_among_the_claims(tmp_path: Path) -> None:
    statement = "This report is prepared with reference to HKFRS S2.\n"
    result = _check(
        tmp_path, _report(statement + CODE_TITLE, BY_PARAGRAPH, "Code\tDisclosure\tPage")
    )
    assert result.claims["ifrs-s2"] == "HKFRS S2"
    assert result.claims["hkex"] == "code"


@pytest.mark.parametrize("fmt", ["tabs", "pdf"])
def test_a_tcfd_table_stays_tcfds_where_part_d_headings_are_read(tmp_path: Path, fmt: str) -> None:
    # TCFD's pillars are Part D's headings too ("Governance" over "a) Describe …"): the
    # lettered rows are TCFD's, not Part D provisions, in a Code report as anywhere.
    path = tmp_path / f"tcfd{SUFFIX[fmt]}"
    path.write_bytes(render(LETTERED, fmt))
    names = named_items(bundled(bundled_descriptors().uncoded), part_d=True)
    table = parse_index(load_report(path, TABLE_ANSWERS), None, names)
    assert [e.code for e in table.entries] == [code for code, _, _ in LETTERED_ROWS]
