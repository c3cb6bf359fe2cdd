"""Time `xesg check` on a synthetic 300-page text report, phase by phase.

Run by hand (not part of the test suite):  .venv/bin/python benchmarks/bench_text.py
It writes the report to a temporary directory, times each stage in-process (best of N runs),
and times the whole command line end to end in a fresh process (imports included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from xesg.catalogue.load import bundled
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.pipeline import run
from xesg.report import RenderOptions, renderer

PAGES = 300
FIRST_LABEL = 98
RUNS = 5


def make_report(path: Path) -> None:
    (hkex,) = [c for c in bundled(["hkex"]).catalogues if c.edition == "2020"]
    rows = [(d.code, d.title) for d in hkex.disclosures]
    rows += [(d.code, d.title) for c in bundled(["gri"]).current("gri") for d in c.disclosures]
    pages = []
    for i in range(PAGES - 10):
        body = "\n".join(
            f"Paragraph {j}: our Scope 1 emissions were {1000 + i * 7 + j:,} tCO2e and water use "
            f"was {50 + j} megalitres across {i % 12 + 1} sites in the reporting year."
            for j in range(40)
        )
        pages.append(f"Harbourline ESG Report 2024\n{body}\n{FIRST_LABEL + i}")
    per_page = -(-len(rows) // 10)
    for k in range(10):
        lines = [f"{'Code':<24}{'Description':<120}Page"]
        for code, title in rows[k * per_page : (k + 1) * per_page]:
            lines.append(f"{code:<24}{title[:116]:<120}P{FIRST_LABEL + k * 20}")
        pages.append("\n".join([*lines, str(FIRST_LABEL + PAGES - 10 + k)]))
    path.write_text("\f".join(pages), encoding="utf-8")


def best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def catalogue_times() -> tuple[float, float]:
    """Loading every bundled catalogue: parsing the YAML (cache miss) vs the validated cache."""
    import os
    import tempfile as tf

    from xesg.catalogue import load

    with tf.TemporaryDirectory() as cache:
        os.environ["XESG_CACHE_DIR"] = cache
        load._bundled_files.cache_clear()
        start = time.perf_counter()
        load.bundled()
        cold = time.perf_counter() - start
        load._bundled_files.cache_clear()  # forget the in-process copy, keep the file cache
        start = time.perf_counter()
        load.bundled()
        warm = time.perf_counter() - start
    return cold, warm


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report-300.txt"
        make_report(path)
        size = path.stat().st_size
        read_bytes = best(path.read_bytes)
        load = best(lambda: load_report(path, TABLE_ANSWERS))
        report = load_report(path, TABLE_ANSWERS)
        hkex = bundled(["hkex"])
        parse = best(lambda: parse_index(report, hkex.titles()))
        check = best(lambda: run(path))
        result = run(path)
        render = best(lambda: renderer("json")(result, RenderOptions()))
        cli = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "xesg", "check", str(path), "--format", "json"],
                capture_output=True,
                check=False,
            )
            cli.append(time.perf_counter() - start)
        cold, warm = catalogue_times()
        print(f"catalogues (all, YAML)  {cold * 1000:8.1f} ms")
        print(f"catalogues (JSON cache) {warm * 1000:8.1f} ms")
        print(f"report: {PAGES} pages, {size / 1e6:.1f} MB, {len(result.index.entries)} index rows")
        print(f"read bytes (floor)      {read_bytes * 1000:8.1f} ms")
        print(f"load report (pages)     {load * 1000:8.1f} ms")
        print(f"parse index             {parse * 1000:8.1f} ms")
        print(f"pipeline (load→rules)   {check * 1000:8.1f} ms")
        print(f"render json             {render * 1000:8.1f} ms")
        median = statistics.median(cli) * 1000
        print(f"CLI end to end          {min(cli) * 1000:8.1f} ms (median {median:.1f})")


if __name__ == "__main__":
    main()
