"""Row recall and phantom rows on the corpus, against truth files written by reading each report.

Each report is held to the floor its truth file stores (``min_recall``: what main reaches,
rounded down; raised as parsing improves, towards 0.98 everywhere) and to a ceiling of phantom
rows (``max_phantom``; the target is 0). Skipped where ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.accuracy import load_labels, load_truth, measure, truth_files, truths
from xesg.rules.registry import discover

TRUTH_FILES = truth_files()


@pytest.mark.parametrize("path", TRUTH_FILES, ids=[p.stem for p in TRUTH_FILES])
def test_index_rows_against_truth(path: Path, corpus: Path) -> None:
    truth = load_truth(path)
    result = measure(truth, corpus)
    assert result.recall >= truth.min_recall, (
        f"{truth.report}: {result.matched}/{result.careful} rows, missed {result.missed}"
    )
    assert len(result.phantom) <= truth.max_phantom, f"phantom rows {result.phantom}"


def test_every_truth_file_names_a_corpus_report(corpus: Path) -> None:
    assert TRUTH_FILES
    for truth in truths():
        assert (corpus / truth.report).is_file(), truth.report
        assert 0.0 <= truth.min_recall <= 1.0
        assert truth.has_index == bool(truth.codes), truth.name


def test_every_label_names_a_corpus_report_a_rule_and_a_reason() -> None:
    reports = {t.report for t in truths()}
    rules = {rule.code for rule in discover()}
    labels = load_labels()
    assert labels
    for label in labels:
        assert label.report in reports, label
        assert label.rule in rules, label
        assert len(label.fingerprint) == 16 and label.why.strip(), label
