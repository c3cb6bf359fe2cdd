"""Every rule runs against its own case file: cases that must fire and cases that must not.

A case file (``cases/<CODE>.yaml``) describes small synthetic reports: content pages (generic
ones, or the texts given in ``pages``) and an index page built from ``rows`` (code, description,
location; or the cells of ``columns``) — optionally on top of a complete, correct HKEx index
(``base: hkex``, ``gri``, or a SASB industry such as ``tc-hw``) from which ``drop`` removes
rows. ``config`` is passed as the run's
configuration; ``spreads: true`` lays each page out as a two-page spread (two folios in its
footer); ``documents`` ({name: {first_label, pages}}) adds numbered documents the index
may cite. ``expect`` lists the rule's findings, exactly: each one's code, page, message,
expected and found (``python -m tests.rules.update_cases`` writes them from the code; review
the diff).

A case with ``pdf`` checks a PDF instead, made by a builder of ``tests/pdf_fixtures.py``: its
name, or a mapping of ``builder`` and the builder's arguments (for what only PDFs have, such
as pages without a text layer).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import pdf_fixtures
from xesg.catalogue.load import bundled
from xesg.config import Config
from xesg.load.text import parse_text_report
from xesg.model.finding import Finding
from xesg.pipeline import run
from xesg.rules.registry import discover

CASES = Path(__file__).parent / "cases"
# What a case records of each finding: where it is, and its wording, so that a change of
# wording is reviewed in the case file's diff.
SNAPSHOT_FIELDS = ("code", "page", "message", "expected", "found")
UPDATE_HINT = (
    "after a reviewed change, rewrite the cases' expect: python -m tests.rules.update_cases"
)


def _base_rows(base: str | None) -> list[list[str]]:
    """A complete, correct index: HKEx 2020, or GRI 2 with 3-1 and 3-2, or a SASB industry."""
    if base is None:
        return []
    if base == "hkex":
        (catalogue,) = [c for c in bundled(["hkex"]).catalogues if c.edition == "2020"]
        disclosures = list(catalogue.disclosures)
    elif base == "gri":
        gri = {c.id: c for c in bundled(["gri"]).catalogues}
        disclosures = [*gri["gri-2-2021"].disclosures, *gri["gri-3-2021"].disclosures[:2]]
    else:
        (catalogue,) = [c for c in bundled(["sasb"]).catalogues if c.id == f"sasb-{base}"]
        disclosures = list(catalogue.disclosures)
    return [[d.code, d.title, "P1"] for d in disclosures]


def _folio(case: dict[str, Any], first: int, i: int) -> str:
    """The printed page number of page ``i``; with ``spreads``, each page is a two-page spread
    whose footer carries both folios."""
    if case.get("spreads"):
        return f"{first + 2 * i} Kestrel ESG Report Kestrel ESG Report {first + 2 * i + 1}"
    return str(first + i)


def build_report(case: dict[str, Any]) -> str:
    first = int(case.get("first_label", 1))
    texts = case.get("pages") or [
        f"Section {i}\nWe describe our emissions, employees and community work."
        for i in range(int(case.get("content_pages", 3)))
    ]
    pages = [f"{text.rstrip()}\n{_folio(case, first, i)}" for i, text in enumerate(texts)]
    columns = case.get("columns", ["Code", "Description", "Page"])
    rows = _base_rows(case.get("base"))
    dropped = set(case.get("drop", []))
    rows = [r for r in rows if r[0] not in dropped] + [list(r) for r in case.get("rows", [])]
    if rows:
        widths = [max(len(str(r[k])) for r in [columns, *rows]) + 4 for k in range(len(columns))]
        table = [columns, *rows]
        lines = ["CONTENT INDEX"] + [
            "".join(f"{cell!s:<{w}}" for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in table
        ]
    else:
        lines = ["Notes"]
    pages.append("\n".join([*lines, _folio(case, first, len(texts))]))
    return "\f".join(pages)


def build_pdf(spec: str | dict[str, Any]) -> bytes:
    arguments = {"builder": spec} if isinstance(spec, str) else dict(spec)
    builder = getattr(pdf_fixtures, arguments.pop("builder"))
    return bytes(builder(**arguments))


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            found.append((data["rule"], case))
    return found


def case_findings(case: dict[str, Any], tmp_path: Path) -> tuple[Finding, ...]:
    """Every finding of a check of the case's report (all rules, after the policy)."""
    if "pdf" in case:
        path = tmp_path / "report.pdf"
        path.write_bytes(build_pdf(case["pdf"]))
    else:
        path = tmp_path / "report.txt"
        path.write_text(build_report(case), encoding="utf-8")
    # Cases are written against the 2020 Guide unless they say otherwise.
    settings: dict[str, Any] = {"editions": {"hkex": "2020"}, **case.get("config", {})}
    # Other documents the index cites: {name: {first_label, pages}} → numbered text files.
    documents = {}
    for number, (name, spec) in enumerate(case.get("documents", {}).items()):
        other = tmp_path / f"document-{number}.txt"
        first = int(spec["first_label"])
        other.write_text(
            "\f".join(f"{name}, page {first + i}\n{first + i}" for i in range(int(spec["pages"]))),
            encoding="utf-8",
        )
        documents[name] = str(other)
    if documents:
        settings["documents"] = documents
    return run(path, Config.model_validate(settings)).findings


def snapshot(findings: Iterable[Finding], rule: str) -> list[dict[str, str | None]]:
    """What a case file records of each of the rule's findings, in a stable order."""
    return sorted(
        (
            {field: getattr(f, field) for field in SNAPSHOT_FIELDS}
            for f in findings
            if f.rule == rule
        ),
        key=lambda item: tuple(str(item[field]) for field in SNAPSHOT_FIELDS),
    )


def _as_written(expected: dict[str, Any]) -> dict[str, str | None]:
    """An ``expect`` item as the finding holds it (YAML reads page 33 and code 305 as ints)."""
    return {
        field: None if expected.get(field) is None else str(expected[field])
        for field in SNAPSHOT_FIELDS
    }


@pytest.mark.parametrize(
    ("rule", "case"), load_cases(), ids=[f"{r}-{c['name']}" for r, c in load_cases()]
)
def test_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    findings = case_findings(case, tmp_path)
    expected = sorted(
        (_as_written(item) for item in case["expect"]),
        key=lambda item: tuple(str(item[field]) for field in SNAPSHOT_FIELDS),
    )
    assert snapshot(findings, rule) == expected, UPDATE_HINT
    if "severity" in case:
        assert {f.severity.value for f in findings if f.rule == rule} == {case["severity"]}


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


def test_builder_uses_given_pages_and_columns() -> None:
    text = build_report(
        {
            "pages": ["About us", "Our people"],
            "columns": ["Code", "Section", "Description", "Page"],
            "rows": [["A1", "Emissions", "Emissions", "P1"]],
        }
    )
    pages = text.split("\f")
    assert pages[:2] == ["About us\n1", "Our people\n2"]
    assert pages[2].splitlines()[1].split() == ["Code", "Section", "Description", "Page"]
