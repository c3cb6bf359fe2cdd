"""The case updater writes each case's findings from the code, and touches nothing else."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.rules.update_cases import rewrite

CASE = """\
rule: PAG003
cases:
  - name: range written backwards
    rows:
      - [2-1, Organizational details, P3 - 1]
      - [2-2, Entities included in the organization's sustainability reporting, P2]
      - [2-3, "Reporting period, frequency and contact point", P2]
      - [2-4, Restatements of information, P2]
    expect: [[2-1, 9]]
  - name: a range written forwards
    rows:
      - [2-1, Organizational details, P1 - 3]
      - [2-2, Entities included in the organization's sustainability reporting, P2]
      - [2-3, "Reporting period, frequency and contact point", P2]
      - [2-4, Restatements of information, P2]
    expect:
    - code: 2-1
      page: '4'
    severity: error
"""


def test_rewrite_replaces_only_the_expectations(tmp_path: Path) -> None:
    path = tmp_path / "PAG003.yaml"
    path.write_text(CASE, encoding="utf-8")
    assert rewrite(path)
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    backwards, forwards = written["cases"]
    assert backwards["expect"] == [
        {
            "code": "2-1",
            "page": "4",
            "message": "2-1 cites the reversed range 'P3 - 1'.",
            "expected": "P1-3",
            "found": "P3 - 1",
        }
    ]
    assert forwards["expect"] == []
    assert forwards["severity"] == "error"  # a key after the expectations is kept
    before = yaml.safe_load(CASE)["cases"]
    for old, new in zip(before, written["cases"], strict=True):
        assert {k: v for k, v in old.items() if k != "expect"} == {
            k: v for k, v in new.items() if k != "expect"
        }
    assert not rewrite(path)  # written from the code: nothing left to change
