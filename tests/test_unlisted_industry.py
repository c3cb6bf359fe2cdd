"""A SASB industry whose metric list is not bundled: one note names its codes that could not be
checked, instead of silence."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.rules.test_rule_cases import build_report
from xesg.config import Config
from xesg.pipeline import run

STANDARDS = Path(__file__).resolve().parents[1] / "standards"


def test_an_industry_without_a_metric_list_gets_one_note(tmp_path: Path) -> None:
    # Catalogues with one SASB industry's list (Hardware) and not the other's (Software).
    catalogues = tmp_path / "standards"
    (catalogues / "sasb").mkdir(parents=True)
    for name in ("industries.yaml", "tc-hw.yaml"):
        shutil.copy(STANDARDS / "sasb" / name, catalogues / "sasb" / name)
    rows = [
        ["TC-HW-230a.1", "Description of approach to identifying data security risks", "P1"],
        ["TC-HW-000.A", "Number of units produced by product category", "P2"],
        ["TC-SI-220a.1", "Description of policies relating to behavioural advertising", "P2"],
        ["TC-SI-000.A", "Number of licences or subscriptions", "P3"],
    ]
    path = tmp_path / "report.txt"
    path.write_text(build_report({"rows": rows}), encoding="utf-8")
    result = run(path, Config(catalogue=catalogues))
    about = [note for note in result.notes if note.startswith("SASB ")]
    assert about == [
        "SASB TC-SI: no metric list for this industry, so its metrics were not checked for "
        "coverage (REQ005) and its codes only for their form (TC-SI-000.A, TC-SI-220a.1)."
    ]
    # The industry with a list is checked: its missing metrics are findings, not a note.
    assert {f.code for f in result.findings if f.rule == "REQ005"} >= {"TC-HW-330a.1"}
