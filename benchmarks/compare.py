"""Time two versions of xesg on one report against the PDF engine's floor, interleaved.

Run by hand (not part of the test suite):
    .venv/bin/python benchmarks/compare.py REPORT BEFORE_DIR AFTER_DIR [--runs N] [-- ARGS]

BEFORE_DIR and AFTER_DIR are checkouts (or ``git archive``s) of the two commits; each runs
as ``python -m xesg check --format json ARGS REPORT`` in its directory, with ``PYTHONPATH``
set to it. Each
round runs the floor (bench_pdf.py's: open the PDF, extract every page's text), the code
before and the code after, in an order that rotates from round to round, each in a fresh
process. Printed: medians (min–max) of wall and CPU time (the process and every process it
waited for), each version's ratio to the floor run of its round and its excess over it, and
after / before pair by pair.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile
from pathlib import Path
from statistics import median

from bench_pdf import FLOOR, child


def spread(values: list[float], digits: int = 3) -> str:
    return f"{median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("args", nargs="*", help="more arguments for xesg check")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        commands: dict[str, tuple[list[str], Path | None]] = {
            "floor": ([sys.executable, str(floor_script), str(args.report)], None)
        }
        for name in ("before", "after"):
            tree = getattr(args, name).resolve()
            compileall.compile_dir(tree / "xesg", quiet=1)  # as installing the wheel does
            check = [sys.executable, "-m", "xesg", "check", "--format", "json", *args.args]
            commands[name] = ([*check, str(args.report.resolve())], tree)

        def run(name: str) -> tuple[float, ...]:
            command, tree = commands[name]
            if tree is None:
                return child(command)
            # In the tree: ``python -m`` puts the working directory first on the path.
            here = Path.cwd()
            os.environ["PYTHONPATH"] = str(tree)
            os.chdir(tree)
            try:
                return child(command)
            finally:
                os.chdir(here)
                os.environ.pop("PYTHONPATH", None)

        names = list(commands)
        for name in names:
            run(name)  # warm-up: the catalogue cache, the file in the page cache
        times: dict[str, list[tuple[float, ...]]] = {name: [] for name in names}
        for r in range(args.runs):
            for name in names[r % 3 :] + names[: r % 3]:
                times[name].append(run(name))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.report}: {args.runs} rounds, load average {load}")
    for name in names:
        walls, cpus = [t[0] for t in times[name]], [t[1] for t in times[name]]
        print(f"  {name:6} wall {spread(walls)} s, CPU {spread(cpus)} s")
    floors = [t[0] for t in times["floor"]]
    for name in ("before", "after"):
        walls = [t[0] for t in times[name]]
        ratios = [w / f for w, f in zip(walls, floors, strict=True)]
        excess = [w - f for w, f in zip(walls, floors, strict=True)]
        print(f"  {name} / floor {spread(ratios, 2)}, {name} − floor {spread(excess)} s")
    pairs = zip(times["after"], times["before"], strict=True)
    wall, cpu = zip(*((a[0] / b[0], a[1] / b[1]) for a, b in pairs), strict=True)
    print(f"  after / before: wall {spread(list(wall), 2)}, CPU {spread(list(cpu), 2)}")


if __name__ == "__main__":
    main()
