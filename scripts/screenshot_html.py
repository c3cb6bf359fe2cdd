"""Render the HTML gap report in headless Chromium and save a PNG, to look at it as a reader.

    python scripts/screenshot_html.py                      # the bundled example → gap.png
    python scripts/screenshot_html.py --html out/xesg.html --out page.png --height 4000
    python scripts/screenshot_html.py --scroll 1800        # from 1800 px down the page
    python scripts/screenshot_html.py --print-css          # the print styles, on screen
    python scripts/screenshot_html.py --print-pdf gap.pdf  # also print it to a PDF

Needs Debian's ``chromium`` (``apt-get install -y chromium``). Writes the HTML (when not given)
and a throw-away browser profile to a temporary directory; never touches the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbourline-esg-2024.txt"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("screenshot_html: chromium not found (apt-get install -y chromium)")


def example_html(directory: Path, report: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from xesg.pipeline import run
    from xesg.report import RenderOptions, renderer

    try:
        shown = report.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = report
    result = run(shown)
    path = directory / "gap.html"
    path.write_text(renderer("html")(result, RenderOptions()), encoding="utf-8")
    return path


def adjusted_copy(html: Path, directory: Path, pixels: int, print_css: bool) -> Path:
    """A copy of ``html`` shifted up by ``pixels`` (headless screenshots ignore #fragments),
    with its ``@media print`` rules applied on screen when ``print_css``."""
    text = html.read_text(encoding="utf-8")
    if pixels:
        text = text.replace("</head>", f"<style>body {{ margin-top: -{pixels}px; }}</style></head>")
    if print_css:
        text = text.replace("@media print {", "@media all {")
    copy = directory / f"adjusted-{pixels}-{int(print_css)}.html"
    copy.write_text(text, encoding="utf-8")
    return copy


def run_chromium(html: Path, extra: list[str], profile: Path) -> None:
    command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, html.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"screenshot_html: chromium failed ({done.returncode}):\n{done.stderr}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--html", type=Path, help="HTML file to render (default: the example)")
    parser.add_argument("--report", type=Path, default=EXAMPLE, help="report to check first")
    parser.add_argument("--out", type=Path, default=Path("gap.png"), help="PNG to write")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--scroll", type=int, default=0, help="shoot from this many px down")
    parser.add_argument("--print-css", action="store_true", help="apply the print styles")
    parser.add_argument("--print-pdf", type=Path, help="also print the page to this PDF")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xesg-shot-") as tmp:
        work = Path(tmp)
        html = args.html.resolve() if args.html else example_html(work, args.report)
        shot = [f"--screenshot={args.out.resolve()}", f"--window-size={args.width},{args.height}"]
        adjust = args.scroll or args.print_css
        page = adjusted_copy(html, work, args.scroll, args.print_css) if adjust else html
        run_chromium(page, shot, work / "profile-shot")
        if args.print_pdf:
            pdf = [f"--print-to-pdf={args.print_pdf.resolve()}", "--no-pdf-header-footer"]
            run_chromium(html, pdf, work / "profile-pdf")
    print(args.out)
    if args.print_pdf:
        print(args.print_pdf)


if __name__ == "__main__":
    main()
