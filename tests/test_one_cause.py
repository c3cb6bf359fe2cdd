"""One cause, many findings: a defect the index repeats in every row is one finding, and the
rows it touches are still read, located and counted as such in coverage."""

from __future__ import annotations

from pathlib import Path

from tests.rules.test_rule_cases import build_report
from xesg.pipeline import run

TITLES = {
    "2-1": "Organizational details",
    "2-2": "Entities included in the organization's sustainability reporting",
    "2-3": "Reporting period, frequency and contact point",
    "2-4": "Restatements of information",
    "2-5": "External assurance",
}


def test_a_typographic_hyphen_in_every_code_is_one_finding_and_the_rows_are_located(
    tmp_path: Path,
) -> None:
    rows = [[code.replace("-", "\u2010"), title, "P2"] for code, title in TITLES.items()]
    path = tmp_path / "report.txt"
    path.write_text(build_report({"rows": rows}), encoding="utf-8")
    result = run(path)
    lookalikes = [f for f in result.findings if f.rule == "IDX003"]
    assert len(lookalikes) == 1
    assert lookalikes[0].message.startswith("5 codes are written with '\u2010' (U+2010 HYPHEN)")
    status = {s.code: s.status for s in result.coverage if s.code in TITLES}
    assert status == dict.fromkeys(TITLES, "located")
