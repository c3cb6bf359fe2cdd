"""`xesg check` against the PDF engine's floor on pages of real reports, not generated ones.

Run by hand (not part of the test suite; needs ``../shared/corpus/``):
    .venv/bin/python benchmarks/real_pages.py [--pages 300] [--runs N] [--keep DIR]

benchmarks/generate.py's pages are light for pdfium: ~1,500 characters in one core font,
0.5 ms a page to extract, where the corpus's PDFs take 1.3–2.8 ms a page (embedded fonts,
drawings, ~2,800 characters). The floor's cost is the pages' weight; xesg's fixed cost is
not, so the ratio on generated pages is the worst case. This script builds a report of
``--pages`` pages from the corpus's PDFs, in a temporary folder (or ``--keep DIR``; the
corpus is never copied into the repository): the first PDF of the corpus that has a content
index whole, then the other PDFs' pages in turn until the count is reached. Then it times
the same pairs as benchmarks/scale.py: ``python -m xesg check --format json`` and the floor,
one after the other, in fresh processes.
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
from pathlib import Path
from statistics import median

from bench_pdf import FLOOR, ROOT
from scale import pairs, spread

CORPUS = ROOT.parent / "shared" / "corpus"
INDEXED = "computershare-2023/esg-report.pdf"  # a whole report, its TCFD and SASB index in it
BODIES = (
    "hsbc-2024/esg-datapack.pdf",
    "standard-chartered-2024/sustainable-finance-impact-report.pdf",
    "macquarie-2023/esg-report.pdf",
)


def build(path: Path, pages: int) -> None:
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(CORPUS / INDEXED))
    bodies = [pdfium.PdfDocument(CORPUS / name) for name in BODIES]
    k = 0
    while len(out) < pages:
        body = bodies[k % len(bodies)]
        k += 1
        out.import_pages(body, list(range(min(len(body), pages - len(out)))))
    out.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5, help="pairs (default 5)")
    parser.add_argument("--keep", type=Path, help="store (and reuse) the built report here")
    args = parser.parse_args()
    if not all((CORPUS / name).exists() for name in (INDEXED, *BODIES)):
        sys.exit(f"real_pages.py: the corpus is not at {CORPUS}")
    compileall.compile_dir(ROOT / "xesg", quiet=1)  # as installing the wheel does
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"real-{args.pages}.pdf"
        if not path.exists():
            build(path, args.pages)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        check = [sys.executable, "-m", "xesg", "check", "--format", "json", str(path)]
        mine, theirs = pairs(check, [sys.executable, str(floor_script), str(path)], args.runs)
        walls = [m[0] for m in mine]
        ratios = [m[0] / f[0] for m, f in zip(mine, theirs, strict=True)]
        print(f"{args.runs} pairs; medians, (min–max) over the pairs")
        cpu = median(m[1] for m in mine)
        print(f"pages {args.pages}: xesg {spread(walls)} s (CPU {cpu:.2f} s),")
        floor_cpu = median(f[1] for f in theirs)
        print(f"  floor {spread([f[0] for f in theirs])} s (CPU {floor_cpu:.2f} s),")
        print(f"  ratio {spread(ratios)}, peak {max(m[2] for m in mine):.0f} MiB")


if __name__ == "__main__":
    main()
