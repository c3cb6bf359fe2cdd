"""Dump what `xesg check --format json` prints — stdout, stderr and exit status — for the
example, every report of the corpus and the benchmarks' generated reports, so that two
versions of the code can be compared byte for byte (a speed change must not change output).

Run by hand (not part of the test suite):
    .venv/bin/python benchmarks/outputs.py OUT_DIR [--tree DIR] [--reports DIR] [--quick]

``--tree DIR`` runs the xesg found in DIR (a checkout or ``git archive`` of another commit;
default: this one). ``--reports DIR`` stores the generated reports and reuses them (they
take fpdf2 a minute to write). ``--quick`` leaves out the largest (3,000 pages). Then
``diff -r OUT_A OUT_B`` says whether anything changed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SIZES = (10, 50, 300, 1000, 3000)
REPORT_SUFFIXES = {".pdf", ".txt", ".csv", ".xlsx", ".md", ".html", ".htm"}


def generated(folder: Path, quick: bool) -> list[Path]:
    """The benchmarks' reports, written once into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for pages in SIZES[:-1] if quick else SIZES:
        for suffix in (".pdf", ".txt"):
            path = folder / f"generated-{pages}{suffix}"
            if not path.exists():
                script = ROOT / "benchmarks" / "generate.py"
                subprocess.run([sys.executable, str(script), str(pages), str(path)], check=True)
            paths.append(path)
    bench = folder / "bench-300.pdf"
    if not bench.exists():
        code = "import sys; from tests.pdf_fixtures import benchmark_report as b; "
        code += "open(sys.argv[1], 'wb').write(b())"
        subprocess.run([sys.executable, "-c", code, str(bench)], cwd=ROOT, check=True)
    text = folder / "bench-300.txt"
    if not text.exists():
        code = "import sys, pathlib; sys.path.insert(0, 'benchmarks'); "
        code += "from bench_text import make_report; make_report(pathlib.Path(sys.argv[1]))"
        subprocess.run([sys.executable, "-c", code, str(text)], cwd=ROOT, check=True)
    return [*paths, bench, text]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the xesg to run")
    parser.add_argument("--reports", type=Path, default=Path("/tmp/xesg-outputs-reports"))
    parser.add_argument("--quick", action="store_true", help="leave out 3,000 pages")
    args = parser.parse_args()
    reports = [ROOT / "examples" / "harbourline-esg-2024.txt"]
    if CORPUS.is_dir():
        reports += sorted(
            p for p in CORPUS.rglob("*") if p.suffix in REPORT_SUFFIXES and p.name != "README.md"
        )
    reports += generated(args.reports, args.quick)
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(args.tree.resolve())}
    runs = [(path, []) for path in reports]
    # The page readers split a long PDF among processes; one process must read it the same.
    runs += [(path, ["--jobs", "1"]) for path in reports if path.suffix == ".pdf"]
    for path, extra in runs:
        command = [sys.executable, "-m", "xesg", "check", "--format", "json", *extra, str(path)]
        done = subprocess.run(command, capture_output=True, env=env, cwd=args.tree)
        name = path.parent.name + "-" + path.name + "".join(extra).replace("-", "_")
        (args.out / f"{name}.json").write_bytes(done.stdout)
        (args.out / f"{name}.err").write_bytes(done.stderr + f"exit {done.returncode}\n".encode())
        print(f"{name}: exit {done.returncode}, {len(done.stdout):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
