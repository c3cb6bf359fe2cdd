"""Pinned facts of the SASB FN-CB / FN-AC / SV-PS lists, the HKEX 2025 Code and the crosswalk.

Counts, code lists and a sample of exact titles, so that an accidental edit of a catalogue fails CI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from xesg.catalogue.descriptors import bundled_root
from xesg.catalogue.load import bundled
from xesg.catalogue.safe_yaml import parse_yaml
from xesg.catalogue.schema import Catalogue, Disclosure, PhaseIn

SASB_CODE = re.compile(r"^(?P<topic>[A-Z]{2}-[A-Z]{2}-[1-5][1-9]0[a-z])\.[1-9][0-9]?$")
SASB_ACTIVITY = re.compile(r"^[A-Z]{2}-[A-Z]{2}-000\.[A-Z]$")


def catalogue(catalogue_id: str) -> Catalogue:
    (found,) = [c for c in bundled().catalogues if c.id == catalogue_id]
    return found


def by_code(catalogue_id: str) -> dict[str, Disclosure]:
    return {d.code: d for d in catalogue(catalogue_id).disclosures}


# ----------------------------------------------------------------------------------------------
# SASB
# ----------------------------------------------------------------------------------------------

AC_ESG_TOPIC = (
    "Incorporation of Environmental, Social, and Governance Factors"
    " in Investment Management & Advisory"
)
SASB_LISTS = {
    "sasb-fn-cb": (
        "FN-CB",
        {
            "Data Security": ["FN-CB-230a.1", "FN-CB-230a.2"],
            "Financial Inclusion & Capacity Building": [
                "FN-CB-240a.1", "FN-CB-240a.2", "FN-CB-240a.3", "FN-CB-240a.4",
            ],
            "Incorporation of Environmental, Social, and Governance Factors in Credit Analysis": [
                "FN-CB-410a.2",
            ],
            "Financed Emissions": ["FN-CB-410b.1", "FN-CB-410b.2", "FN-CB-410b.3", "FN-CB-410b.4"],
            "Business Ethics": ["FN-CB-510a.1", "FN-CB-510a.2"],
            "Systemic Risk Management": ["FN-CB-550a.1", "FN-CB-550a.2"],
            "Activity Metrics": ["FN-CB-000.A", "FN-CB-000.B"],
        },
        {"quantitative": 10, "discussion": 5, "activity-metric": 2},
    ),
    "sasb-fn-ac": (
        "FN-AC",
        {
            "Transparent Information & Fair Advice for Customers": [
                "FN-AC-270a.1", "FN-AC-270a.2", "FN-AC-270a.3",
            ],
            "Employee Diversity & Inclusion": ["FN-AC-330a.1"],
            AC_ESG_TOPIC: ["FN-AC-410a.1", "FN-AC-410a.2", "FN-AC-410a.3"],
            "Financed Emissions": ["FN-AC-410b.1", "FN-AC-410b.2", "FN-AC-410b.3", "FN-AC-410b.4"],
            "Business Ethics": ["FN-AC-510a.1", "FN-AC-510a.2"],
            "Activity Metrics": ["FN-AC-000.A", "FN-AC-000.B"],
        },
        {"quantitative": 8, "discussion": 5, "activity-metric": 2},
    ),
    "sasb-sv-ps": (
        "SV-PS",
        {
            "Data Security": ["SV-PS-230a.1", "SV-PS-230a.2", "SV-PS-230a.3"],
            "Workforce Diversity & Engagement": ["SV-PS-330a.1", "SV-PS-330a.2", "SV-PS-330a.3"],
            "Professional Integrity": ["SV-PS-510a.1", "SV-PS-510a.2"],
            "Activity Metrics": ["SV-PS-000.A", "SV-PS-000.B"],
        },
        {"quantitative": 5, "discussion": 3, "activity-metric": 2},
    ),
}  # fmt: skip


@pytest.mark.parametrize("catalogue_id", sorted(SASB_LISTS))
def test_sasb_metric_lists(catalogue_id: str) -> None:
    prefix, topics, kinds = SASB_LISTS[catalogue_id]
    found = catalogue(catalogue_id)
    by_topic: dict[str, list[str]] = {}
    for d in found.disclosures:
        by_topic.setdefault(d.parent or "", []).append(d.code)
    assert by_topic == topics
    assert Counter(d.kind for d in found.disclosures) == kinds
    assert found.standard == "sasb"
    assert found.edition == "2023-12"
    assert {d.level for d in found.disclosures} == {"recommended"}
    assert prefix in (found.source.url or "")


@pytest.mark.parametrize("catalogue_id", sorted(SASB_LISTS))
def test_sasb_code_grammar_units_and_topics(catalogue_id: str) -> None:
    prefix = SASB_LISTS[catalogue_id][0]
    topic_codes: dict[str, set[str]] = {}
    for d in catalogue(catalogue_id).disclosures:
        assert d.code.startswith(prefix + "-")
        assert d.unit, d.code
        if d.kind == "activity-metric":
            assert SASB_ACTIVITY.match(d.code), d.code
            continue
        match = SASB_CODE.match(d.code)
        assert match, d.code
        topic_codes.setdefault(d.parent or "", set()).add(match["topic"])
        assert (d.unit == "n/a") == (d.kind == "discussion"), d.code
    # one topic code (e.g. FN-CB-410b) per disclosure topic, and no topic code shared by two topics
    assert all(len(codes) == 1 for codes in topic_codes.values())
    assert len({next(iter(codes)) for codes in topic_codes.values()}) == len(topic_codes)


@pytest.mark.parametrize(
    ("catalogue_id", "code", "title"),
    [
        ("sasb-fn-cb", "FN-CB-230a.1",
         "(1) Number of data breaches, (2) percentage that are personal data breaches, "
         "(3) number of account holders affected"),
        ("sasb-fn-cb", "FN-CB-410a.2",
         "Description of approach to incorporation of environmental, social and governance (ESG)"
         " factors in credit analysis"),
        ("sasb-fn-cb", "FN-CB-410b.2", "Gross exposure for each industry by asset class"),
        ("sasb-fn-cb", "FN-CB-550a.1",
         "Global Systemically Important Bank (G-SIB) score, by category"),
        ("sasb-fn-cb", "FN-CB-000.B",
         "(1) Number and (2) value of loans by segment: (a) personal, (b) small business,"
         " and (c) corporate"),
        ("sasb-fn-ac", "FN-AC-330a.1",
         "Percentage of (1) gender and (2) diversity group representation for"
         " (a) executive management, (b) non-executive management, (c) professionals,"
         " and (d) all other employees"),
        ("sasb-fn-ac", "FN-AC-410a.3",
         "Description of proxy voting and investee engagement policies and procedures"),
        ("sasb-fn-ac", "FN-AC-410b.3",
         "Percentage of total assets under management (AUM) included in the financed emissions"
         " calculation"),
        ("sasb-fn-ac", "FN-AC-000.A", "Total assets under management (AUM)"),
        ("sasb-sv-ps", "SV-PS-230a.2",
         "Description of policies and practices relating to collection, usage, and retention"
         " of customer information"),
        ("sasb-sv-ps", "SV-PS-330a.1",
         "Percentage of (1) gender and (2) diversity group representation for"
         " (a) executive management, (b) non-executive management, and (c) all other employees"),
        ("sasb-sv-ps", "SV-PS-330a.3", "Employee engagement as a percentage"),
        ("sasb-sv-ps", "SV-PS-000.B", "Employee hours worked, percentage billable"),
    ],
)  # fmt: skip
def test_sasb_titles(catalogue_id: str, code: str, title: str) -> None:
    assert by_code(catalogue_id)[code].title == title


@pytest.mark.parametrize(
    ("catalogue_id", "code", "unit"),
    [
        ("sasb-fn-cb", "FN-CB-410b.1", "Metric tonnes (t) CO₂-e"),
        ("sasb-fn-cb", "FN-CB-550a.1", "Basis points (bps)"),
        ("sasb-fn-cb", "FN-CB-240a.1", "Number, Presentation currency"),
        ("sasb-fn-ac", "FN-AC-410a.1", "Presentation currency"),
        ("sasb-sv-ps", "SV-PS-000.B", "Hours, Percentage (%)"),
    ],
)
def test_sasb_units(catalogue_id: str, code: str, unit: str) -> None:
    assert by_code(catalogue_id)[code].unit == unit


def test_sasb_older_codes_are_not_shipped_as_current() -> None:
    # FN-CB-410a.1 (older wording only) and FN-AC-550a.* are documented as not shipped.
    assert "FN-CB-410a.1" not in by_code("sasb-fn-cb")
    assert not [c for c in by_code("sasb-fn-ac") if c.startswith("FN-AC-550a")]
    assert "FN-CB-410a.1" in (catalogue("sasb-fn-cb").confidence_note or "")


# ----------------------------------------------------------------------------------------------
# HKEX ESG Reporting Code 2025
# ----------------------------------------------------------------------------------------------

PART_D = [
    "D-GOV-1", "D-GOV-2",
    "D-STR-1", "D-STR-2", "D-STR-3", "D-STR-4", "D-STR-5",
    "D-RM-1", "D-RM-2",
    "D-MT-1", "D-MT-2", "D-MT-3", "D-MT-4", "D-MT-5",
    "D-MT-6", "D-MT-7", "D-MT-8", "D-MT-9", "D-MT-10",
]  # fmt: skip
FY2025, FY2026 = dt.date(2025, 1, 1), dt.date(2026, 1, 1)
MAIN_BOARD_PHASE_IN = (
    PhaseIn(applies_to="main-board", level="comply-or-explain", from_financial_year=FY2025),
    PhaseIn(applies_to="largecap", level="mandatory", from_financial_year=FY2026),
    PhaseIn(applies_to="gem", level="voluntary", from_financial_year=FY2025),
)


def test_hkex_2025_identity_and_succession() -> None:
    code = catalogue("hkex-esg-code-2025")
    guide = catalogue("hkex-esg-guide-2020")
    assert code.standard == "hkex"
    assert code.edition == "2025"
    assert code.effective_from == dt.date(2025, 1, 1)
    assert code.supersedes == ("hkex-esg-guide-2020",)
    assert guide.superseded_by == "hkex-esg-code-2025"
    assert guide.superseded_on == code.effective_from
    assert [c.id for c in bundled().current("hkex")] == ["hkex-esg-code-2025"]


def test_hkex_2025_counts() -> None:
    disclosures = catalogue("hkex-esg-code-2025").disclosures
    by_kind: dict[str, list[str]] = {}
    for d in disclosures:
        by_kind.setdefault(d.kind, []).append(d.code)
    assert by_kind["mandatory-disclosure"] == [
        "Governance Structure",
        "Reporting Principles",
        "Reporting Boundary",
    ]
    assert by_kind["general"] == ["A1", "A2", "A3"] + [f"B{i}" for i in range(1, 9)]
    kpis_per_aspect = {
        a: sum(k.startswith(a + ".") for k in by_kind["kpi"]) for a in by_kind["general"]
    }
    assert kpis_per_aspect == {
        "A1": 5, "A2": 5, "A3": 1,
        "B1": 2, "B2": 3, "B3": 2, "B4": 2, "B5": 4, "B6": 5, "B7": 3, "B8": 2,
    }  # fmt: skip
    assert by_kind["requirement"] == PART_D
    assert len(disclosures) == 3 + 11 + 34 + 19


def test_hkex_2025_removed_a4_and_a1_2() -> None:
    codes = by_code("hkex-esg-code-2025")
    assert not {"A1.2", "A4", "A4.1"} & set(codes)
    assert {"A1.2", "A4", "A4.1"} <= set(by_code("hkex-esg-guide-2020"))
    assert "greenhouse gas emissions" not in codes["A1"].keywords


def test_hkex_2025_part_c_titles_carried_over_from_2020() -> None:
    guide, code = by_code("hkex-esg-guide-2020"), by_code("hkex-esg-code-2025")
    shared = [c for c in code if c in guide]
    assert len(shared) == 3 + 11 + 34
    assert {c: code[c].title for c in shared} == {c: guide[c].title for c in shared}
    assert {code[c].level for c in shared} == {"mandatory", "comply-or-explain"}


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("Reporting Boundary", "Reporting Boundary"),
        ("A1", "Emissions"),
        ("A1.3",
         "Total hazardous waste produced (in tonnes) and, where appropriate, intensity "
         "(e.g. per unit of production volume, per facility)."),
        ("B2.1",
         "Number and rate of work-related fatalities occurred in each of the past three years"
         " including the reporting year."),
        ("B7.3", "Description of anti-corruption training provided to directors and staff."),
        ("D-GOV-1",
         "Governance body(s) or individual(s) responsible for oversight of climate-related risks"
         " and opportunities"),
        ("D-STR-3", "Strategy and decision-making, including transition plans"),
        ("D-MT-1", "Scope 1 and Scope 2 greenhouse gas emissions"),
        ("D-MT-2", "Scope 3 greenhouse gas emissions"),
        ("D-MT-7", "Internal carbon prices"),
    ],
)  # fmt: skip
def test_hkex_2025_titles(code: str, title: str) -> None:
    assert by_code("hkex-esg-code-2025")[code].title == title


def test_hkex_2025_phase_in() -> None:
    codes = by_code("hkex-esg-code-2025")
    scope_1_2 = codes["D-MT-1"]
    assert scope_1_2.level == "mandatory"
    assert not scope_1_2.omission_allowed
    assert scope_1_2.phase_in == (
        PhaseIn(applies_to="all", level="mandatory", from_financial_year=FY2025),
    )
    industry = codes["D-MT-9"]
    assert industry.level == "optional"
    assert industry.phase_in == ()
    assert industry.confidence == "unconfirmed"
    for code in PART_D:
        if code in ("D-MT-1", "D-MT-9"):
            continue
        assert codes[code].level == "comply-or-explain", code
        assert codes[code].phase_in == MAIN_BOARD_PHASE_IN, code
        assert codes[code].omission_allowed, code
    # only Part D carries a phase-in
    assert all(not d.phase_in for c, d in codes.items() if c not in PART_D)


def test_hkex_2025_confidence_is_honest() -> None:
    disclosures = catalogue("hkex-esg-code-2025").disclosures
    # only A1, A1.1, A1.3 and A1.4 were seen in a 2025 Code index; Part D titles are ours
    assert Counter(d.confidence for d in disclosures) == {
        "verified": 4,
        "corroborated": 62,
        "unconfirmed": 1,
    }
    part_d = {d.confidence for d in disclosures if d.code in PART_D}
    assert part_d == {"corroborated", "unconfirmed"}


# ----------------------------------------------------------------------------------------------
# Crosswalk
# ----------------------------------------------------------------------------------------------

CROSSWALK = Path(str(bundled_root().joinpath("crosswalk.yaml")))
LINK_KEYS = {"from", "to", "relation", "source", "confidence", "note"}


def crosswalk() -> dict:
    document = parse_yaml(CROSSWALK.read_text(encoding="utf-8"), "standards/crosswalk.yaml")
    assert isinstance(document, dict)
    return document


def resolve(ref: str) -> list[tuple[Catalogue, Disclosure]]:
    standard, _, rest = ref.partition(":")
    code, _, catalogue_id = rest.partition("@")
    found = bundled().lookup(standard, code)
    if catalogue_id:
        found = [(c, d) for c, d in found if c.id == catalogue_id]
    return found


def test_crosswalk_is_not_a_catalogue() -> None:
    document = crosswalk()
    assert "disclosures" not in document
    assert set(document) == {"source", "links"}
    assert not [c for c in bundled().catalogues if c.id == "crosswalk"]


def test_crosswalk_links_are_well_formed() -> None:
    links = crosswalk()["links"]
    assert len(links) == 53
    for link in links:
        assert set(link) <= LINK_KEYS, link
        assert {"from", "to", "relation", "source", "confidence"} <= set(link), link
        assert link["relation"] in {"equivalent", "partial"}, link
        assert link["confidence"] in {"verified", "corroborated", "unconfirmed"}, link
        assert isinstance(link["to"], list) and link["to"], link
        assert str(link["source"]).strip(), link


def test_every_crosswalk_code_exists_and_is_unambiguous() -> None:
    standards = {"hkex", "gri", "sasb", "tcfd", "ifrs-s2"}
    for link in crosswalk()["links"]:
        for ref in [link["from"], *link["to"]]:
            assert ref.partition(":")[0] in standards, ref
            found = resolve(ref)
            assert found, f"{ref} is not in any bundled catalogue"
            # without "@catalogue" every edition defining the code must mean the same thing
            assert len({d.title for _, d in found}) == 1, f"{ref} needs an @catalogue qualifier"


def test_crosswalk_covers_required_pairs() -> None:
    pairs = {(link["from"], ref): link for link in crosswalk()["links"] for ref in link["to"]}
    assert {f"tcfd:{c.code}" for c in catalogue("tcfd-2017").disclosures} == {
        link["from"] for link in crosswalk()["links"] if link["from"].startswith("tcfd:")
    }
    assert pairs[("tcfd:GOV-a", "ifrs-s2:S2.6(a)")]["relation"] == "equivalent"
    assert pairs[("tcfd:MT-b", "ifrs-s2:S2.29(a)")]["relation"] == "partial"
    assert ("hkex:A1.2@hkex-esg-guide-2020", "gri:305-1") in pairs
    assert ("hkex:A1.2@hkex-esg-guide-2020", "gri:305-2") in pairs
    assert ("hkex:A1.2@hkex-esg-guide-2020", "hkex:D-MT-1") in pairs
    assert pairs[("hkex:B2.1", "gri:403-9")]["relation"] == "partial"
    assert pairs[("hkex:D-MT-1", "gri:305-1")]["confidence"] == "corroborated"
    # nothing claims a standard setter's table that was not seen
    assert not [link for link in crosswalk()["links"] if link["confidence"] == "verified"]
