"""Time `xesg check` on a synthetic 300-page PDF report against the PDF engine's floor.

Run by hand (not part of the test suite):
    .venv/bin/python benchmarks/bench_pdf.py [--keep DIR] [--runs N]

The report (tests/pdf_fixtures.py ``benchmark_report``: printed labels from 98, KPI tables on
every page, a 10-page content index cycling through ruled, gridded, zebra and plain tables)
takes fpdf2 ~15 s to write; ``--keep DIR`` stores it there and reuses it on the next run.

Measured, each in a fresh process, in N rounds that run the floor and then each command
followed by the floor again (wall time; CPU time and peak RSS of the child and the processes
it forks, from ``os.wait4``):
  floor       a bare script: open the PDF with pypdfium2, extract every page's text
              (``textpage.get_text_range()``), close pages;
  end to end  ``python -m xesg check --format json REPORT`` as it runs by default (the
              pages read by one process per core, started before the rest of xesg loads),
              and with ``--jobs 1`` (everything in one process).
The ratio is the median over runs of each xesg time / the mean of the floor runs just before
and after it: a shared machine's speed drifts by ±25 % within seconds, and runs next to each
other see about the same speed (the middle half of those ratios, and the best xesg run over
the best floor run, are printed too).
xesg's modules are byte-compiled first, as installing the wheel does (a checkout run under
``PYTHONDONTWRITEBYTECODE`` would otherwise compile them on every run).
Then, in this process, the stages (best of 5): the floor again, ``load_report`` (text,
layout text on index pages, labels, unreadable-page checks), ``parse_index``, the pipeline.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]

PAGES = 300
FIRST_LABEL = 98
RUNS = 15
FLOOR = """
import sys
import pypdfium2 as pdfium

document = pdfium.PdfDocument(sys.argv[1])
for i in range(len(document)):
    page = document[i]
    textpage = page.get_textpage()
    textpage.get_text_range()
    textpage.close()
    page.close()
document.close()
"""


def child(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = 0  # reaped by wait4
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def rounds(
    floor: list[str], commands: dict[str, list[str]], count: int
) -> tuple[list[tuple[float, ...]], dict[str, list[tuple[tuple[float, ...], float]]]]:
    """``count`` rounds running the floor, then each command followed by the floor again.
    The machine's speed drifts, by ±25 % within seconds on a shared VM: each command's run
    is compared with the mean of the floor runs just before and after it. Returns the floor
    runs and, per command, its runs with that floor time."""
    floors = [child(floor)]
    runs: dict[str, list[tuple[tuple[float, ...], float]]] = {name: [] for name in commands}
    for _ in range(count):
        for name, command in commands.items():
            measured = child(command)
            floors.append(child(floor))
            runs[name].append((measured, (floors[-2][0] + floors[-1][0]) / 2))
    return floors, runs


def best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def report_path(keep: Path | None, tmp: Path) -> Path:
    folder = keep or tmp
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"report-{PAGES}.pdf"
    if not path.exists():
        # In a child: fpdf2 and Pillow in this process would inflate the children's peak RSS
        # (a forked child starts with its parent's pages).
        start = time.perf_counter()
        write = (
            "import sys; from pathlib import Path; from tests.pdf_fixtures import "
            "benchmark_report; Path(sys.argv[1]).write_bytes(benchmark_report(%d, %d))"
        )
        subprocess.run(
            [sys.executable, "-c", write % (PAGES, FIRST_LABEL), str(path)], cwd=ROOT, check=True
        )
        print(f"wrote {path} in {time.perf_counter() - start:.1f} s")
    return path


def in_process(path: Path) -> None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from xesg.catalogue.load import bundled
    from xesg.index.answers import TABLE_ANSWERS
    from xesg.index.parse import parse_index
    from xesg.load import load_report
    from xesg.pipeline import run

    def floor() -> None:
        document = pdfium.PdfDocument(path)
        for i in range(len(document)):
            page = document[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()

    report = load_report(path, TABLE_ANSWERS)
    hkex = bundled(["hkex"])
    index = parse_index(report, hkex.titles())
    layout = sum(1 for p in report.pages if "  " in p.text)
    print(
        f"report: {len(report.pages)} pages, labels {report.first_label}–{report.last_label} "
        f"({report.label_method}), {len(index.entries)} index rows on pages "
        f"{index.pages[0]}–{index.pages[-1]}, {layout} pages as layout text"
    )
    stages = {
        "floor (in process)": best(floor),
        "load_report": best(lambda: load_report(path, TABLE_ANSWERS)),
        "parse_index": best(lambda: parse_index(report, hkex.titles())),
        "pipeline (load → rules)": best(lambda: run(path)),
    }
    for name, seconds in stages.items():
        print(f"  {name:<26}{seconds * 1000:8.1f} ms")
    ratio = stages["load_report"] / stages["floor (in process)"]
    print(f"  load_report / floor       {ratio:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="store (and reuse) the generated PDF here")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"rounds (default {RUNS})")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = report_path(args.keep, Path(tmp))
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        compileall.compile_dir(ROOT / "xesg", quiet=1)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"{path.stat().st_size / 1e6:.2f} MB; {cores} cores; {args.runs} rounds")
        check = [sys.executable, "-m", "xesg", "check", "--format", "json", str(path)]
        floors, runs = rounds(
            [sys.executable, str(floor_script), str(path)],
            {"xesg check --format json": check, "  … --jobs 1": [*check, "--jobs", "1"]},
            args.runs,
        )
        measured_runs = {"floor": floors, **{n: [m for m, _ in r] for n, r in runs.items()}}
        for name, measured in measured_runs.items():
            wall = [m[0] for m in measured]
            cpu = min(m[1] for m in measured)
            rss = max(m[2] for m in measured)
            print(
                f"  {name:<26}{min(wall) * 1000:6.0f} ms wall (median {median(wall) * 1000:4.0f})"
                f"{cpu * 1000:6.0f} ms CPU {rss:4.0f} MiB peak"
            )
        for name, pairs in runs.items():
            ratios = sorted(m[0] / floor for m, floor in pairs)
            quartiles = f"{ratios[len(ratios) // 4]:.2f}–{ratios[3 * len(ratios) // 4]:.2f}"
            best_ratio = min(m[0] for m, _ in pairs) / min(f[0] for f in floors)
            cpu_ratio = min(m[1] for m, _ in pairs) / min(f[1] for f in floors)
            print(
                f"  {name:<26}ratio {median(ratios):.2f} wall (middle half {quartiles}; "
                f"best to best {best_ratio:.2f}; target ≤ 1.5), {cpu_ratio:.2f} CPU"
            )
        in_process(path)


if __name__ == "__main__":
    main()
