"""``xesg.diff``: new / fixed / unchanged findings by fingerprint, coverage changes."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_reporters import EXAMPLE, assert_snapshot, edge, example
from xesg.diff import diff_files, diff_results, load_output
from xesg.errors import XesgError
from xesg.pipeline import run
from xesg.report.diff_format import render_diff
from xesg.report.json_format import to_data


def data(which: Any = example) -> dict[str, Any]:
    """A fresh JSON output (parsed), as ``xesg check --format json`` writes it."""
    result: dict[str, Any] = json.loads(json.dumps(to_data(which())))
    return result


def _finding(output: dict[str, Any], rule: str, code: str | None) -> dict[str, Any]:
    found: dict[str, Any] = next(
        f for f in output["findings"] if f["rule"] == rule and f["code"] == code
    )
    return found


def test_identical_runs_have_no_changes() -> None:
    diff = diff_results(data(), data())
    assert diff.new == diff.fixed == ()
    assert len(diff.unchanged) == len(example().findings)
    assert diff.moved == ()
    assert all(change.changes == () for change in diff.coverage)
    assert [c.standard for c in diff.coverage] == list(
        dict.fromkeys(d.standard for d in example().coverage)
    )


def test_new_fixed_moved_and_coverage_changes() -> None:
    old, new = data(), data()
    # Fixed: B2.2's page is corrected, so PAG001 is gone and B2.2 is located.
    new["findings"].remove(_finding(new, "PAG001", "B2.2"))
    b22 = next(d for d in new["coverage"] if d["code"] == "B2.2")
    b22.update(status="located", findings=[], pages=["38"])
    # New: a finding the old run did not have.
    added = copy.deepcopy(_finding(new, "PAG003", "B3.2"))
    added.update(code="B3.1", found="P40 - 38", page="44", line=526)
    new["findings"].append(added)
    # Moved: the index went to other pages; same finding, same fingerprint.
    moved = _finding(new, "IDX003", "A1.3")
    moved.update(page="45", line=700)

    diff = diff_results(old, new)
    assert [(f.rule, f.code) for f in diff.new] == [("PAG003", "B3.1")]
    assert [(f.rule, f.code) for f in diff.fixed] == [("PAG001", "B2.2")]
    assert len(diff.unchanged) == len(example().findings) - 1
    assert [(o.page, n.page, n.code) for o, n in diff.moved] == [("43", "45", "A1.3")]
    (hkex,) = [c for c in diff.coverage if c.standard == "hkex"]
    assert [(d.code, d.before, d.after) for d in hkex.changes] == [("B2.2", "defective", "located")]
    assert hkex.before is not None and hkex.after is not None
    assert hkex.after["located"] == hkex.before["located"] + 1
    assert hkex.after["defective"] == hkex.before["defective"] - 1
    text = render_diff(diff)
    assert "Findings: 1 new, 1 fixed" in text
    assert "B2.2         defective → located" in text
    assert "p. 45 (was p. 43)" in text


def test_a_fingerprint_counts_as_often_as_it_occurs() -> None:
    old, new = data(), data()
    twice = _finding(old, "IDX002", "A2.6")
    old["findings"].append(copy.deepcopy(twice))  # the same row listed twice last year
    diff = diff_results(old, new)
    assert [(f.rule, f.code) for f in diff.fixed] == [("IDX002", "A2.6")]
    assert diff.new == ()
    diff = diff_results(new, old)
    assert [(f.rule, f.code) for f in diff.new] == [("IDX002", "A2.6")]


def test_fingerprints_ignore_page_line_and_spacing_of_what_was_found() -> None:
    old, new = data(), data()
    finding = _finding(new, "PAG003", "B3.2")
    finding.update(found="p39  -  37".upper(), page="50", line=1)
    finding.pop("fingerprint")
    diff = diff_results(old, new)
    assert diff.new == diff.fixed == ()


def test_outputs_without_fingerprint_confidence_or_coverage_still_compare() -> None:
    old, new = data(), data()
    for finding in old["findings"]:
        del finding["fingerprint"], finding["confidence"]
    del old["coverage"]
    diff = diff_results(old, new)
    assert diff.new == diff.fixed == ()
    assert diff.coverage == ()
    assert diff.notes == (
        "No coverage in the old output (written by an older xesg): coverage was not compared.",
    )


def test_standards_and_disclosures_that_appear_or_disappear() -> None:
    old, new = data(edge), data(edge)
    new["coverage"] = [d for d in new["coverage"] if d["standard"] != "gri"]
    new["coverage"].append(
        {**new["coverage"][0], "standard": "sasb", "catalogue": "sasb-x", "code": "X-1",
         "title": "A SASB metric", "status": "missing"}
    )  # fmt: skip
    diff = diff_results(old, new)
    by_standard = {c.standard: c for c in diff.coverage}
    assert by_standard["gri"].after is None and by_standard["gri"].before is not None
    assert [(d.code, d.before, d.after) for d in by_standard["gri"].changes] == [
        ("2-9", "defective", None),
        ("2-10", "located", None),
    ]
    assert by_standard["sasb"].before is None
    assert [(d.code, d.before, d.after) for d in by_standard["sasb"].changes] == [
        ("X-1", None, "missing")
    ]
    text = render_diff(diff)
    assert "  gri (gone):" in text and "  sasb (new):" in text
    assert "X-1          not listed → missing" in text


def test_render_snapshots() -> None:
    old, new = data(edge), data(edge)
    new["report"]["path"] = "reports/ESG 2025.txt"
    new["findings"] = [f for f in new["findings"] if f["rule"] != "TTL001"]
    new["findings"][0].update(page="15", line=90)
    a11 = next(d for d in new["coverage"] if d["code"] == "A1.1")
    a11.update(status="located", findings=[])
    diff = diff_results(old, new)
    assert_snapshot("diff.txt", render_diff(diff, "text"))
    assert_snapshot("diff.json", render_diff(diff, "json"))
    rendered = json.loads(render_diff(diff, "json"))
    assert rendered["summary"] == {"new": 0, "fixed": 1, "unchanged": 6, "moved": 1}
    with pytest.raises(ValueError):
        render_diff(diff, "xml")


def test_diff_of_two_real_runs(tmp_path: Path) -> None:
    """A year later: the out-of-range page is corrected and the index moved down a page's
    worth of lines — one finding fixed, none new, the rest unchanged."""
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8")
    assert "P58" in text
    fixed = tmp_path / "fixed.txt"
    fixed.write_text(text.replace("P58", "P38"), encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        new = json.loads(json.dumps(to_data(run(Path("fixed.txt")))))
    finally:
        os.chdir(cwd)
    diff = diff_results(data(), new)
    assert [(f.rule, f.code) for f in diff.fixed] == [("PAG001", "B2.2")]
    assert diff.new == ()
    (hkex,) = [c for c in diff.coverage if c.standard == "hkex"]
    assert [(d.code, d.before, d.after) for d in hkex.changes] == [("B2.2", "defective", "located")]


def test_files_and_their_errors(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(data()), encoding="utf-8")
    new.write_text(json.dumps(data()), encoding="utf-8")
    assert diff_files(old, new).new == ()
    assert load_output(old)["schema_version"] == 1
    cases = {
        "missing.json": None,
        "notjson.json": "{not json",
        "array.json": "[]",
        "version.json": json.dumps({**data(), "schema_version": 2}),
        "latin1.json": b"\xff\xfe\x00",
    }
    messages = {}
    for name, content in cases.items():
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        with pytest.raises(XesgError) as error:
            load_output(path)
        messages[name] = str(error.value)
        assert str(path) in messages[name]
    assert "no such file" in messages["missing.json"]
    assert "not JSON" in messages["notjson.json"]
    assert "not xesg's JSON output" in messages["array.json"]
    assert "unsupported schema_version 2" in messages["version.json"]
    broken = data()
    broken["findings"][0]["severity"] = "fatal"
    new.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(XesgError, match=r"new\.json: a finding is not valid \(severity"):
        diff_files(old, new)
