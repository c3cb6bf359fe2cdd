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
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from xesg.catalogue.load import bundled
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.load.tabular import read_tabular_index
from xesg.model.index import IndexTable
from xesg.pipeline import SPREADSHEETS, named_items

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


def truths() -> list[Truth]:
    return [load_truth(p) for p in sorted(TRUTH.glob("*.yaml")) if p.name[0].isalnum()]


@cache
def _hkex() -> tuple[dict[str, str], dict[str, str]]:
    hkex = bundled(["hkex"])
    return hkex.titles(), named_items(hkex)


def parse(path: Path) -> IndexTable:
    """The index rows xesg reads from ``path``, as `xesg check` reads them (no rules run)."""
    titles, names = _hkex()
    if path.suffix.lower() in SPREADSHEETS:
        return read_tabular_index(path, None, names).table
    return parse_index(load_report(path), titles, names)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
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
    if args.markdown is not None:
        args.markdown.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
