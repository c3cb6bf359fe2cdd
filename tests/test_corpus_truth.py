"""Row recall and phantom rows on the corpus, against truth files written by reading each report.

Each report is held to the floor its truth file stores (``min_recall``: what main reaches,
rounded down; raised as parsing improves, towards 0.98 everywhere) and to a ceiling of phantom
rows (``max_phantom``; the target is 0). Skipped where ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.accuracy import TRUTH, load_truth, measure, truths

TRUTH_FILES = sorted(p for p in TRUTH.glob("*.yaml") if p.name[0].isalnum())


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
