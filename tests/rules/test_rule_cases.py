"""Every rule runs against its own case file: cases that must fire and cases that must not.

A case file (``cases/<CODE>.yaml``) describes small synthetic reports: a few content pages
and an index page built from ``rows`` (code, description, location) — optionally on top of a
complete, correct HKEx index (``base: hkex``) from which ``drop`` removes rows. ``expect`` lists
the (code, page) pairs of the rule's findings, exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from xesg.catalogue.load import bundled
from xesg.load.text import parse_text_report
from xesg.pipeline import CheckOptions, run
from xesg.rules.registry import discover

CASES = Path(__file__).parent / "cases"


def _hkex_rows() -> list[list[str]]:
    (catalogue,) = bundled().for_standard("hkex")
    return [[d.code, d.title, "P2"] for d in catalogue.disclosures]


def build_report(case: dict[str, Any]) -> str:
    first = int(case.get("first_label", 1))
    content_pages = int(case.get("content_pages", 3))
    pages = [
        f"Section {i}\nWe describe our emissions, employees and community work.\n{first + i}"
        for i in range(content_pages)
    ]
    rows = _hkex_rows() if case.get("base") == "hkex" else []
    dropped = set(case.get("drop", []))
    rows = [r for r in rows if r[0] not in dropped] + [list(r) for r in case.get("rows", [])]
    width = max((len(r[1]) for r in rows), default=0) + 4
    lines = ["CONTENT INDEX", f"{'Code':<24}{'Description':<{width}}Page"] if rows else ["Notes"]
    lines += [f"{code:<24}{title:<{width}}{where}".rstrip() for code, title, where in rows]
    pages.append("\n".join([*lines, str(first + content_pages)]))
    return "\f".join(pages)


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            found.append((data["rule"], case))
    return found


@pytest.mark.parametrize(
    ("rule", "case"), load_cases(), ids=[f"{r}-{c['name']}" for r, c in load_cases()]
)
def test_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(build_report(case), encoding="utf-8")
    result = run(path, CheckOptions(standards=tuple(case.get("standards", ()))))
    got = sorted(
        ((f.code, f.page) for f in result.findings if f.rule == rule),
        key=lambda p: (str(p[0]), str(p[1])),
    )
    expected = sorted(
        (
            (None if code is None else str(code), None if page is None else str(page))
            for code, page in case["expect"]
        ),
        key=lambda p: (str(p[0]), str(p[1])),
    )
    assert got == expected
    if "severity" in case:
        assert {f.severity.value for f in result.findings if f.rule == rule} == {case["severity"]}


def test_every_rule_has_failing_and_passing_cases() -> None:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for rule, case in load_cases():
        by_rule.setdefault(rule, []).append(case)
    for rule in discover():
        cases = by_rule.get(rule.code, [])
        assert any(c["expect"] for c in cases), f"{rule.code} has no case that must fire"
        assert any(not c["expect"] for c in cases), f"{rule.code} has no case that must pass"


def test_builder_makes_a_parseable_report() -> None:
    report = parse_text_report(build_report({"base": "hkex", "first_label": 30}))
    assert [p.label for p in report.pages] == ["30", "31", "32", "33"]
