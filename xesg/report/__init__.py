"""Reporters: one module per output format, each ``render(result, options) -> str``.

Every reporter is deterministic: the same :class:`CheckResult` and options give the same
bytes (sorted, no timestamps, no paths other than the ones in the result or the options).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xesg.model.result import CheckResult


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 120
    # Markdown: where the HTML gap report is, as a link target relative to the Markdown file
    # (or a URL); adds a "Full report: …" line. None: no line.
    html_link: str | None = None


Renderer = Callable[["CheckResult", RenderOptions], str]
FORMATS = ("console", "json", "html", "sarif", "junit", "markdown", "github")

# File name of each format in ``--output-dir``.
FILENAMES = {
    "console": "xesg.txt",
    "json": "xesg.json",
    "html": "xesg.html",
    "sarif": "xesg.sarif",
    "junit": "xesg-junit.xml",
    "markdown": "xesg.md",
    "github": "xesg-github.txt",
}


def renderer(fmt: str) -> Renderer:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f"xesg.report.{fmt}_format")
    render: Renderer = module.render
    return render


def indented_json(data: object) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False) + "\n"``, the same text, made by
    pydantic-core's serialiser: the standard library indents in pure Python (its C encoder
    takes no indent), about ten times slower on a long report's results. Our data holds
    no floats, where the two could spell a number differently (1e-05)."""
    from pydantic_core import to_json  # loaded with the data models, not at start-up

    return to_json(data, indent=2).decode("utf-8") + "\n"


def default_filename(fmt: str) -> str:
    """The file name ``fmt`` gets in an output directory (``xesg.sarif``, ``xesg.html`` …)."""
    if fmt not in FILENAMES:
        raise ValueError(f"unknown format {fmt!r}")
    return FILENAMES[fmt]


def render_files(
    result: CheckResult, formats: Iterable[str], options: RenderOptions
) -> dict[str, str]:
    """Render several formats for one output directory: ``{file name: text}``, in the order
    given, each format once. When both ``html`` and ``markdown`` are asked for and
    ``options.html_link`` is unset, the Markdown summary links to the HTML file beside it.
    Console output is rendered without colour."""
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}")
    if "html" in wanted and options.html_link is None:
        options = replace(options, html_link=FILENAMES["html"])
    options = replace(options, color=False)
    return {FILENAMES[fmt]: renderer(fmt)(result, options) for fmt in wanted}
