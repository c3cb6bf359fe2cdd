"""Write every output format of every report to a folder, to compare reporters before and
after a change to them: ``diff -r BEFORE AFTER`` must be empty when the change is meant to
leave the bytes alone.

    .venv/bin/python scripts/dump_outputs.py OUT [REPORT ...]

Without REPORT: the example report and every report of ``../shared/corpus/`` (when present).
Each report is checked once; its result is rendered in every format with several option sets
(colour and width of the console, a repository root and a docs base, an HTML link); then the
reports together as a batch (stdout formats and an output directory), and ``xesg diff`` of
each report against the example, as text and as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from xesg.diff import diff_results
from xesg.model.result import CheckResult
from xesg.pipeline import run
from xesg.report import (
    BATCH_STDOUT,
    FORMATS,
    RenderOptions,
    render_batch,
    render_batch_files,
    render_files,
    renderer,
)
from xesg.report.diff_format import render_diff

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
REPORT_SUFFIXES = {".txt", ".pdf", ".csv", ".xlsx", ".md", ".html"}

OPTION_SETS = {
    "plain": RenderOptions(),
    "colour-80": RenderOptions(color=True, width=80),
    "quiet": RenderOptions(summary_only=True),
    "linked": RenderOptions(
        source_root=str(ROOT.parent),
        docs_url="https://docs.example.org/xesg/",
        html_link="gap.html",
    ),
}


def reports() -> list[Path]:
    found = [ROOT / "examples" / "harbourline-esg-2024.txt"]
    if CORPUS.is_dir():
        found += sorted(
            p
            for p in CORPUS.rglob("*")
            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and p.name != "README.md"
        )
    return found


def name_of(path: Path) -> str:
    try:
        return "-".join(path.relative_to(CORPUS).parts)
    except ValueError:
        return path.name


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    paths = [Path(p).resolve() for p in argv[1:]] or reports()
    results = []
    for path in paths:
        result = run(path)
        results.append(result)
        folder = out / name_of(path)
        folder.mkdir(parents=True, exist_ok=True)
        for label, options in OPTION_SETS.items():
            for fmt in FORMATS:
                text = renderer(fmt)(result, options)
                (folder / f"{label}.{fmt}").write_text(text, encoding="utf-8")
            for name, text in render_files(result, FORMATS, options).items():
                (folder / f"{label}-files-{name}").write_text(text, encoding="utf-8")
        print(f"{name_of(path)}: {len(result.findings)} findings", file=sys.stderr)
    batch = out / "_batch"
    batch.mkdir(parents=True, exist_ok=True)
    for label, options in OPTION_SETS.items():
        for fmt in BATCH_STDOUT:
            text = render_batch(results, fmt, options)
            (batch / f"{label}.{fmt}").write_text(text, encoding="utf-8")
        for name, text in render_batch_files(results, FORMATS, options).items():
            (batch / f"{label}-files-{name}").write_text(text, encoding="utf-8")

    def data(result: CheckResult) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(renderer("json")(result, RenderOptions()))
        return parsed

    example = data(results[0])
    for path, result in zip(paths, results, strict=True):
        changes = diff_results(example, data(result))
        for fmt in ("text", "json"):
            target = out / "_diff" / f"{name_of(path)}.{fmt}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_diff(changes, fmt), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
