"""The bundled example's documented findings are exactly what xesg reports."""

from __future__ import annotations

import csv

from tests.conftest import EXAMPLE
from xesg.pipeline import run

EXPECTED = EXAMPLE.parent / "expected-findings.tsv"


def test_example_findings_match_the_documented_ones() -> None:
    with EXPECTED.open(encoding="utf-8") as handle:
        expected = sorted(
            (row["rule"], row["code"], row["page"] or None)
            for row in csv.DictReader(handle, delimiter="\t")
        )
    result = run(EXAMPLE)
    actual = sorted((f.rule, f.code or "", f.page) for f in result.findings)
    assert actual == expected


def test_example_has_every_foundation_rule() -> None:
    with EXPECTED.open(encoding="utf-8") as handle:
        rules = {row["rule"] for row in csv.DictReader(handle, delimiter="\t")}
    assert rules >= {
        "IDX002", "IDX003", "IDX004", "TTL001", "REQ001", "REQ002",
        "PAG001", "PAG002", "PAG003", "PAG006",
    }  # fmt: skip
