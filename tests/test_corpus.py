"""Real reports from ../shared/corpus (skipped where the corpus is absent)."""

from __future__ import annotations

from pathlib import Path

from xesg.catalogue.load import bundled
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.pipeline import run


def test_pccw_pages_follow_the_running_footer(corpus: Path) -> None:
    report = load_report(corpus / "pccw-2021" / "report.txt", TABLE_ANSWERS)
    assert report.pagination == "running-header"
    labels = [p.label for p in report.pages]
    # Cover and contents (printed pages 1-3) carry no number; then 4 … 70 as printed.
    assert labels == [None, *[str(n) for n in range(4, 71)]]


def test_pccw_index_parses_as_a_reader_sees_it(corpus: Path) -> None:
    report = load_report(corpus / "pccw-2021" / "report.txt", TABLE_ANSWERS)
    index = parse_index(report, bundled().titles())
    (catalogue,) = [c for c in bundled().for_standard("hkex") if c.edition == "2020"]
    part_c = [d.code for d in catalogue.disclosures if d.level == "comply-or-explain"]
    assert [e.code for e in index.entries] == part_c  # the index covers Part C, in order
    assert index.pages == tuple(str(n) for n in range(63, 71))
    by_code = {e.code: e for e in index.entries}
    assert by_code["A1.1"].description == "The types of emissions and respective emissions data."
    assert [loc.target for loc in by_code["A1.1"].locations] == ["Performance Data Summary"]
    assert by_code["A2.2"].description == "Water consumption in total and intensity."
    assert [loc.target for loc in by_code["B2.2"].locations] == [
        "2. Our People",
        "2.2 Occupational Safety and Health",
    ]
    assert by_code["B6.1"].explanation == "It is not material to PCCW’s business."
    assert by_code["A2.4"].explanation is not None and "water" in by_code["A2.4"].explanation
    # Every description is the Guide's wording, not a location glued on.
    assert all(not e.description.endswith("Summary") for e in index.entries)


def test_pccw_findings(corpus: Path) -> None:
    result = run(corpus / "pccw-2021" / "report.txt")
    assert sorted((f.rule, f.code) for f in result.findings) == [
        # The index lists no Part B item; B4.2's row has no location of its own in the text.
        ("REQ001", "Governance Structure"),
        ("REQ001", "Reporting Boundary"),
        ("REQ001", "Reporting Principles"),
        ("REQ002", "B4.2"),
    ]


def test_china_yuhua_has_no_index(corpus: Path) -> None:
    result = run(corpus / "china-yuhua-2019" / "report.txt")
    assert [f.rule for f in result.findings] == ["IDX001"]
    assert result.report.pagination == "running-header"
    assert result.report.last_label == "24"
