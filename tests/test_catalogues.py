"""Catalogue facts (counts and exact titles) and the loader's handling of bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xesg.catalogue.load import bundled, load_user_directory
from xesg.errors import CatalogueError


def codes(catalogue_id: str) -> dict[str, str]:
    (catalogue,) = [c for c in bundled().catalogues if c.id == catalogue_id]
    return {d.code: d.title for d in catalogue.disclosures}


def test_hkex_2020_counts_and_levels() -> None:
    (catalogue,) = [c for c in bundled().for_standard("hkex") if c.edition == "2020"]
    by_kind: dict[str, list[str]] = {}
    for d in catalogue.disclosures:
        by_kind.setdefault(d.kind, []).append(d.code)
    assert by_kind["mandatory-disclosure"] == [
        "Governance Structure",
        "Reporting Principles",
        "Reporting Boundary",
    ]
    assert by_kind["general"] == [f"A{i}" for i in range(1, 5)] + [f"B{i}" for i in range(1, 9)]
    kpis_per_aspect = {
        a: sum(k.startswith(a + ".") for k in by_kind["kpi"]) for a in by_kind["general"]
    }
    assert kpis_per_aspect == {
        "A1": 6, "A2": 5, "A3": 1, "A4": 1,
        "B1": 2, "B2": 3, "B3": 2, "B4": 2, "B5": 4, "B6": 5, "B7": 3, "B8": 2,
    }  # fmt: skip
    levels = {d.code: d.level for d in catalogue.disclosures}
    assert {levels[c] for c in by_kind["mandatory-disclosure"]} == {"mandatory"}
    assert {levels[c] for c in by_kind["general"] + by_kind["kpi"]} == {"comply-or-explain"}
    assert catalogue.edition == "2020"
    assert "Appendix 27" in (catalogue.source.reference or "")


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("A1", "Emissions"),
        ("A4", "Climate Change"),
        ("B7", "Anti-corruption"),
        ("A1.1", "The types of emissions and respective emissions data."),
        ("B2.2", "Lost days due to work injury."),
        ("B5.1", "Number of suppliers by geographical region."),
        ("B7.3", "Description of anti-corruption training provided to directors and staff."),
    ],
)
def test_hkex_titles(code: str, title: str) -> None:
    assert codes("hkex-esg-guide-2020")[code] == title


def test_gri_counts_and_titles() -> None:
    gri2 = codes("gri-2-2021")
    assert list(gri2) == [f"2-{i}" for i in range(1, 31)]
    assert gri2["2-9"] == "Governance structure and composition"
    assert gri2["2-27"] == "Compliance with laws and regulations"
    assert codes("gri-3-2021") == {
        "3-1": "Process to determine material topics",
        "3-2": "List of material topics",
        "3-3": "Management of material topics",
    }
    assert list(codes("gri-102-2016")) == [f"102-{i}" for i in range(1, 57)]
    assert codes("gri-305-2016")["305-1"] == "Direct (Scope 1) GHG emissions"


def test_gri_may_not_omit() -> None:
    gri2 = {d.code: d for c in bundled().catalogues if c.id == "gri-2-2021" for d in c.disclosures}
    assert [c for c, d in gri2.items() if not d.omission_allowed] == [f"2-{i}" for i in range(1, 6)]


def test_sasb_hardware_counts() -> None:
    (hardware,) = [c for c in bundled().catalogues if c.id == "sasb-tc-hw"]
    kinds = [d.kind for d in hardware.disclosures]
    assert len([k for k in kinds if k != "activity-metric"]) == 9
    assert kinds.count("activity-metric") == 3


def test_tcfd_has_eleven_recommended_disclosures() -> None:
    assert len(codes("tcfd-2017")) == 11


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = """\
id: mine-1
standard: hkex
title: Mine
edition: "1"
source: {document: Mine, publisher: Me}
disclosures:
  - code: A1
    title: Emissions
    level: comply-or-explain
    kind: general
"""


def test_user_catalogue_loads(tmp_path: Path) -> None:
    loaded = load_user_directory(write(tmp_path, GOOD, "mine.yaml"))
    assert [c.id for c in loaded.catalogues] == ["mine-1"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: [unclosed\n", "bad.yaml:2: invalid YAML"),
        (GOOD + "    colour: blue\n",
         "bad.yaml:7: disclosures.0.colour: Extra inputs are not permitted"),
        (GOOD + "  - code: A1\n    title: Again\n    level: mandatory\n    kind: general\n",
         "duplicate code 'A1'"),
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "YAML aliases are not allowed"),
        ("- just\n- a list\n", "expected a mapping"),
    ],
)  # fmt: skip
def test_bad_user_catalogues_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(message)):
        load_user_directory(write(tmp_path, text))


def test_huge_catalogue_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    with pytest.raises(
        CatalogueError, match=r"huge\.yaml: .* over the limit of 2 MiB for a catalogue"
    ):
        load_user_directory(tmp_path)


def test_editions_in_force_follow_the_reporting_period() -> None:
    """GRI 302 (2016) gives way to GRI 103: Energy (2025) on 2027-01-01, GRI 304 (2016) to
    GRI 101 (2024) on 2026-01-01, GRI 307 (2016) was withdrawn on 2023-01-01: for a report,
    what was in force when its year began; without a period, the newest state."""
    import datetime as dt

    gri = bundled(["gri"])

    def current(end: dt.date | None) -> set[str]:
        return {c.id for c in gri.current("gri", end)}

    for_2024 = current(dt.date(2024, 12, 31))
    assert {"gri-302-2016", "gri-304-2016", "gri-2-2021"} <= for_2024
    assert not {"gri-307-2016", "gri-102-2016"} & for_2024
    assert "gri-307-2016" in current(dt.date(2022, 12, 31))
    for_2026 = current(dt.date(2026, 12, 31))
    assert "gri-302-2016" in for_2026 and "gri-304-2016" not in for_2026
    assert not {"gri-302-2016", "gri-304-2016"} & current(dt.date(2027, 12, 31))
    assert not {"gri-302-2016", "gri-304-2016", "gri-307-2016"} & current(None)


def test_a_2024_reports_gap_table_has_the_topic_standards_then_in_force(tmp_path: Path) -> None:
    from xesg.pipeline import run

    report = tmp_path / "report.txt"
    report.write_text(
        "Sustainability Report for the year ended 31 December 2024\n1\f"
        "Energy. We used 120 GJ of electricity.\n2\f"
        "GRI Content Index\n"
        "Code    Disclosure                                        Page\n"
        "2-1     Organizational details                            P1\n"
        "302-1   Energy consumption within the organization        P2\n"
        "302-3   Energy intensity                                  P2\n"
        "304-1   Operational sites in or near protected areas      P2\n"
        "304-2   Significant impacts of activities on biodiversity P2\n3\f",
        encoding="utf-8",
    )
    result = run(report)
    assert result.claims["period_end"] == "2024-12-31"
    catalogues = {d.catalogue for d in result.coverage}
    assert {"gri-302-2016", "gri-304-2016"} <= catalogues
    located = {(d.catalogue, d.code) for d in result.coverage if d.status == "located"}
    assert {("gri-302-2016", "302-1"), ("gri-304-2016", "304-1")} <= located
