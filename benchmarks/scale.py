"""How `xesg check` scales with a report's length, against the PDF engine's floor.

Run by hand (not part of the test suite):
    .venv/bin/python benchmarks/scale.py [--keep DIR] [--runs N] [--sizes 50,300,1000,3000]
                                         [--text]

Reports come from benchmarks/generate.py (sections, a cross-reference on every page, KPI
tables, a content index of ~190 rows naming sections); ``--keep DIR`` stores them and reuses
them on the next run. For each size, N rounds each run the floor (bench_pdf.py's: open the
PDF with pypdfium2, extract every page's text) and ``python -m xesg check --format json``
one after the other, in fresh processes; each pair's ratio is xesg's wall time over the
floor's, and the table gives the median of the pairs' ratios with their range (a shared
machine's speed drifts: runs next to each other see about the same speed). Time per page is
xesg's median wall time over the pages; peak RSS the largest of xesg's runs (its worker
processes included). Then start-up: the same pairs on a 10-page PDF, as xesg's median
minus the floor's. With ``--text`` the same reports as text files are timed too (no floor:
there is no PDF engine to compare with).
"""

from __future__ import annotations

import argparse
import compileall
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from bench_pdf import FLOOR, ROOT, child

SIZES = (50, 300, 1000, 3000)
RUNS = 5


def report(folder: Path, pages: int, suffix: str) -> Path:
    path = folder / f"generated-{pages}{suffix}"
    if not path.exists():
        # In a child, so that fpdf2 stays out of this process (it would not matter to the
        # timed children, which are started fresh, but keeps this one small).
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(pages)]
        subprocess.run([*generate, str(path)], cwd=ROOT, check=True)
    return path


def pairs(
    xesg: list[str], floor: list[str] | None, runs: int
) -> tuple[list[tuple[float, ...]], list[tuple[float, ...]]]:
    """``runs`` runs of xesg, each followed by one of the floor (when there is one)."""
    child(xesg)  # warm-up: the catalogue cache, the file in the page cache
    mine: list[tuple[float, ...]] = []
    theirs: list[tuple[float, ...]] = []
    for _ in range(runs):
        mine.append(child(xesg))
        if floor is not None:
            theirs.append(child(floor))
    return mine, theirs


def spread(values: list[float], digits: int = 2) -> str:
    return f"{median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="store (and reuse) the generated reports here")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"pairs a size (default {RUNS})")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="pages, comma-separated")
    parser.add_argument("--text", action="store_true", help="time the text reports too")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compileall.compile_dir(ROOT / "xesg", quiet=1)  # as installing the wheel does
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        check = [sys.executable, "-m", "xesg", "check", "--format", "json"]
        print(f"{args.runs} pairs a size; medians, (min–max) over the pairs")
        print(
            f"{'pages':>6} | {'xesg s':>20} | {'floor s':>20} | {'ratio':>20} | "
            f"{'ms / page':>9} | peak MiB"
        )
        for pages in sizes:
            path = report(folder, pages, ".pdf")
            mine, theirs = pairs(
                [*check, str(path)], [sys.executable, str(floor_script), str(path)], args.runs
            )
            walls = [m[0] for m in mine]
            ratios = [m[0] / f[0] for m, f in zip(mine, theirs, strict=True)]
            print(
                f"{pages:>6} | {spread(walls):>20} | {spread([f[0] for f in theirs]):>20} | "
                f"{spread(ratios):>20} | {median(walls) / pages * 1000:>9.2f} | "
                f"{max(m[2] for m in mine):.0f}"
            )
        path = report(folder, 10, ".pdf")
        mine, theirs = pairs(
            [*check, str(path)], [sys.executable, str(floor_script), str(path)], args.runs * 2
        )
        extra = [m[0] - f[0] for m, f in zip(mine, theirs, strict=True)]
        print(
            f"start-up, 10 pages: xesg {spread([m[0] for m in mine], 3)} s, floor "
            f"{spread([f[0] for f in theirs], 3)} s, xesg − floor {spread(extra, 3)} s"
        )
        if args.text:
            print(f"{'pages':>6} | {'xesg s (text)':>20} | {'ms / page':>9} | peak MiB")
            for pages in sizes:
                path = report(folder, pages, ".txt")
                mine, _ = pairs([*check, str(path)], None, args.runs)
                walls = [m[0] for m in mine]
                print(
                    f"{pages:>6} | {spread(walls):>20} | {median(walls) / pages * 1000:>9.2f} | "
                    f"{max(m[2] for m in mine):.0f}"
                )


if __name__ == "__main__":
    main()
