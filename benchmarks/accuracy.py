"""Measure how completely xesg reads the content indexes of the real reports in the corpus.

Run by hand:  .venv/bin/python benchmarks/accuracy.py [--markdown FILE]
(tests/test_corpus_truth.py runs the same measurement and holds each report to its floor.)

Each ``tests/corpus/<name>.yaml`` is a truth file written by reading the report itself (never
from xesg's output): the index's rows, one per code (a cell naming two codes is two rows), with
the code as a reader understands it and where it is printed. Only the index parse runs here
(reader + parse_index), not the rules, so the whole corpus takes seconds.

Per report it prints rows parsed / careful count (row recall), the truth rows no parsed row
matches (codes missed), and phantom rows: parsed rows whose code is no row of the truth.
Rows are matched by code as a multiset: an index that lists 103-1 six times needs six parsed
103-1 rows.

Findings: ``tests/corpus/labels*.yaml`` label error and warning findings of `xesg check` on the
corpus true or false, each judged by reading the report where the finding points. With
``--findings`` the script also runs every rule on every report (slower: tens of seconds) and
prints, per rule, how many findings there are, how many are labelled true and false, the
precision, and every finding no label covers (to be judged and labelled).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from xesg.catalogue.descriptors import bundled_descriptors
from xesg.catalogue.load import bundled
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.parse import parse_index
from xesg.index.tabular import read_tabular_index
from xesg.load import load_report
from xesg.model.finding import Finding
from xesg.model.index import IndexTable
from xesg.pipeline import SPREADSHEETS, named_items, run

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "tests" / "corpus"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Truth:
    name: str  # the truth file's stem
    report: str  # path under the corpus
    has_index: bool
    codes: tuple[str, ...]  # one per row of the index, in printed order
    other_codes: frozenset[str]  # rows counted but not measured (no code of a shipped standard)
    min_recall: float
    max_phantom: int


@dataclass(frozen=True)
class Measurement:
    truth: Truth
    parsed: int  # rows (entries) the parser produced
    matched: int  # truth rows with a parsed row of the same code
    missed: tuple[str, ...]  # truth codes without a parsed row (repeated when missed twice)
    phantom: tuple[str, ...]  # parsed codes that are no row of the truth

    @property
    def careful(self) -> int:
        return len(self.truth.codes)

    @property
    def recall(self) -> float:
        return self.matched / self.careful if self.careful else 1.0


def _key(code: str) -> str:
    return " ".join(code.split()).upper()


def load_truth(path: Path) -> Truth:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    has_index = data["index"] == "present"
    rows = data.get("rows", []) if has_index else []
    codes = tuple(str(r["code"]) for r in rows)
    if has_index and len(codes) != data["careful_count"]:
        raise ValueError(f"{path.name}: {len(codes)} rows listed, careful_count says otherwise")
    return Truth(
        name=path.stem,
        report=data["report"],
        has_index=has_index,
        codes=codes,
        other_codes=frozenset(_key(str(r["code"])) for r in data.get("other_rows", [])),
        min_recall=float(data.get("min_recall", 0.0)),
        max_phantom=int(data["max_phantom"]),
    )


def truth_files() -> list[Path]:
    """The truth files: every YAML file of tests/corpus except the finding labels."""
    return sorted(p for p in TRUTH.glob("*.yaml") if not p.name.startswith("labels"))


def truths() -> list[Truth]:
    return [load_truth(p) for p in truth_files()]


@cache
def _hkex() -> tuple[dict[str, str], dict[str, str]]:
    return bundled(["hkex"]).titles(), named_items(bundled(bundled_descriptors().uncoded))


def parse(path: Path) -> IndexTable:
    """The index rows xesg reads from ``path``, as `xesg check` reads them (no rules run)."""
    titles, names = _hkex()
    if path.suffix.lower() in SPREADSHEETS:
        return read_tabular_index(path, None, names).table
    return parse_index(load_report(path, TABLE_ANSWERS), titles, names)


def measure(truth: Truth, corpus: Path = CORPUS) -> Measurement:
    entries = parse(corpus / truth.report).entries
    parsed = Counter(_key(e.code) for e in entries)
    wanted = Counter(_key(c) for c in truth.codes)
    unmatched = wanted - parsed
    missed = []
    for code in truth.codes:  # in printed order, as the truth file writes them
        if unmatched[_key(code)] > 0:
            unmatched[_key(code)] -= 1
            missed.append(code)
    known = set(wanted) | truth.other_codes
    return Measurement(
        truth=truth,
        parsed=len(entries),
        matched=sum((wanted & parsed).values()),
        missed=tuple(missed),
        phantom=tuple(e.code for e in entries if _key(e.code) not in known),
    )


@dataclass(frozen=True)
class Label:
    report: str
    rule: str
    code: str | None
    page: str | None
    fingerprint: str
    true: bool
    why: str


def load_labels() -> list[Label]:
    labels = []
    for path in sorted(TRUTH.glob("labels*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["labels"]:
            labels.append(
                Label(
                    report=item["report"],
                    rule=item["rule"],
                    code=item.get("code"),
                    page=None if item.get("page") is None else str(item["page"]),
                    fingerprint=item["fingerprint"],
                    true=item["label"] is True,
                    why=item["why"],
                )
            )
    return labels


def label_of(report: str, finding: Finding, labels: list[Label]) -> Label | None:
    """The label judging ``finding``: the one with its fingerprint, else the only one with its
    rule, code and page (a finding whose wording changed keeps its judgement)."""
    mine = [label for label in labels if label.report == report and label.rule == finding.rule]
    for label in mine:
        if label.fingerprint == finding.fingerprint:
            return label
    same_place = [lab for lab in mine if (lab.code, lab.page) == (finding.code, finding.page)]
    return same_place[0] if len(same_place) == 1 else None


@dataclass
class RuleScore:
    count: int = 0
    true: int = 0
    false: int = 0

    @property
    def precision(self) -> float | None:
        judged = self.true + self.false
        return self.true / judged if judged else None


Judged = tuple[str, Finding, Label | None]  # report, finding, its label if any


def judged_findings(reports: list[str], labels: list[Label], corpus: Path = CORPUS) -> list[Judged]:
    """Every error and warning finding of `xesg check` (default configuration) on ``reports``,
    with the label that judges it."""
    return [
        (report, finding, label_of(report, finding, labels))
        for report in reports
        for finding in run(corpus / report).findings
        if finding.severity.value in ("error", "warning")
    ]


def scores(judged: list[Judged], key: Callable[[str, Finding], str]) -> dict[str, RuleScore]:
    """Findings, true and false labels, grouped by ``key`` (the rule, or the report)."""
    out: dict[str, RuleScore] = {}
    for report, finding, label in judged:
        score = out.setdefault(key(report, finding), RuleScore())
        score.count += 1
        if label is not None and label.true:
            score.true += 1
        elif label is not None:
            score.false += 1
    return dict(sorted(out.items()))


def precision_table(by: str, groups: dict[str, RuleScore]) -> str:
    def line(name: str, s: RuleScore) -> str:
        p = "—" if s.precision is None else f"{s.precision:.0%}"
        unlabelled = s.count - s.true - s.false
        return f"| {name} | {s.count} | {s.true} | {s.false} | {unlabelled} | {p} |"

    total = RuleScore(
        sum(s.count for s in groups.values()),
        sum(s.true for s in groups.values()),
        sum(s.false for s in groups.values()),
    )
    head = f"| {by} | Errors and warnings | True | False | Unlabelled | Precision |"
    rows = [head, "|---|---|---|---|---|---|", *(line(k, s) for k, s in groups.items())]
    return "\n".join([*rows, line("all", total)]) + "\n"


def markdown(results: list[Measurement]) -> str:
    lines = [
        "| Report | Rows parsed / careful count | Row recall | Codes missed | Phantom rows |",
        "|---|---|---|---|---|",
    ]
    for m in results:
        if not m.truth.has_index:
            lines.append(
                f"| `{m.truth.report}` | no index; {m.parsed} rows parsed | — | — | "
                f"{len(m.phantom)} |"
            )
            continue
        missed = ", ".join(m.missed) if len(m.missed) <= 12 else f"{len(m.missed)} codes"
        lines.append(
            f"| `{m.truth.report}` | {m.matched} / {m.careful} ({m.parsed} parsed) | "
            f"{m.recall:.0%} | {missed or '—'} | {len(m.phantom)} |"
        )
    return "\n".join(lines) + "\n"


def _rule(report: str, finding: Finding) -> str:
    return finding.rule


def _report(report: str, finding: Finding) -> str:
    return f"`{report}`"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument(
        "--findings", action="store_true", help="also run every rule and score the labels"
    )
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    results = [measure(t) for t in truths()]
    for m in results:
        print(
            f"{m.truth.name}: {m.matched} / {m.careful} rows (recall {m.recall:.1%}), "
            f"{m.parsed} parsed, {len(m.phantom)} phantom"
        )
        if m.missed:
            print(f"  missed: {' '.join(m.missed)}")
        if m.phantom:
            print(f"  phantom: {' '.join(m.phantom)}")
    table = markdown(results)
    print()
    print(table, end="")
    if args.findings:
        judged = judged_findings([t.report for t in truths()], load_labels())
        for by, key in (("Rule", _rule), ("Report", _report)):
            precision = precision_table(by, scores(judged, key))
            print()
            print(precision, end="")
            table += "\n" + precision
        for report, f, label in judged:
            if label is not None:
                continue
            print(
                f"unlabelled: {report} {f.rule} {f.severity.value} code={f.code} page={f.page} "
                f"line={f.line} fingerprint={f.fingerprint}: {f.message}"
            )
    if args.markdown is not None:
        args.markdown.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
