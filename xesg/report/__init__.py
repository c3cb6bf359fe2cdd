"""Reporters: one module per output format, each ``render(result, options) -> str``.

Every reporter is deterministic: the same :class:`CheckResult` and options give the same
bytes (sorted, no timestamps, no paths other than the ones in the result or the options).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import import_module
from typing import TYPE_CHECKING

from xesg.report.terminal import DEFAULT_WIDTH

if TYPE_CHECKING:
    from xesg.model.result import CheckResult


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = DEFAULT_WIDTH  # console: the terminal's width (xesg.report.terminal)
    summary_only: bool = False  # console, concise: only the counts by rule and severity
    # Markdown: where the HTML gap report is, as a link target relative to the Markdown file
    # (or a URL); adds a "Full report: …" line. None: no line.
    html_link: str | None = None
    # SARIF: the directory report paths are made relative to (``%SRCROOT%``), as a path;
    # None: paths as given. Markdown: the directory paths are shown relative to.
    source_root: str | None = None
    # Base URL of the rule pages (``{docs_url}/rules/PAG001.md``): SARIF helpUri, the rule
    # links of the Markdown comment (the HTML report links only within itself). None: no
    # links (`xesg explain` prints the pages).
    docs_url: str | None = None


Renderer = Callable[["CheckResult", RenderOptions], str]
FORMATS = ("console", "concise", "json", "html", "sarif", "junit", "markdown", "github")

# File name of each format in ``--output-dir``.
FILENAMES = {
    "console": "xesg.txt",
    "concise": "xesg-concise.txt",
    "json": "xesg.json",
    "html": "xesg.html",
    "sarif": "xesg.sarif",
    "junit": "xesg-junit.xml",
    "markdown": "xesg.md",
    "github": "xesg-github.txt",
}


# Formats that keep report text as it is: JSON escapes every control character.
VERBATIM = frozenset({"json", "sarif"})


def renderer(fmt: str) -> Renderer:
    """The format's ``render``; for text formats, rendering report text made printable
    (:mod:`xesg.report.printable`: no terminal escape sequences from a hostile report)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f"xesg.report.{fmt}_format")
    render: Renderer = module.render
    if fmt in VERBATIM:
        return render

    def render_printable(result: CheckResult, options: RenderOptions) -> str:
        from xesg.report.printable import printable_model

        return render(printable_model(result), options)

    return render_printable


def indented_json(data: object) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False) + "\n"``, the same text, made by
    pydantic-core's serialiser: the standard library indents in pure Python (its C encoder
    takes no indent), about ten times slower on a long report's results. Our data holds
    no floats, where the two could spell a number differently (1e-05)."""
    from pydantic_core import to_json  # loaded with the data models, not at start-up

    return to_json(data, indent=2).decode("utf-8") + "\n"


def package_docs_url() -> str | None:
    """The ``Documentation`` address of the installed package's ``[project.urls]``, the
    default base of rule-page links; None when the package names none."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls: list[str] = metadata("xesg").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip()
    return None


def rule_doc_url(docs_url: str | None, code: str) -> str | None:
    """Where rule ``code``'s page is under the docs base (``{base}/rules/{code}.md``)."""
    return f"{docs_url.rstrip('/')}/rules/{code}.md" if docs_url else None


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


# Formats that several reports can share on stdout: one after the other, or as one document.
BATCH_STDOUT = ("console", "concise", "json", "markdown")


def render_batch(results: Sequence[CheckResult], fmt: str, options: RenderOptions) -> str:
    """Several reports on stdout: JSON as one document, Markdown as one comment, console and
    concise output report by report and then a line per report."""
    if fmt not in BATCH_STDOUT:
        raise ValueError(f"format {fmt!r} takes one report")
    if fmt == "json":
        from xesg.report.json_format import to_data

        return indented_json({"reports": [to_data(result) for result in results]})
    if fmt == "markdown":
        from xesg.report.markdown_format import render_comment
        from xesg.report.printable import printable_model

        return render_comment([printable_model(r) for r in results], options)
    # The summaries alone (--quiet) do not say whose they are: each gets its report's path.
    text = "".join(
        (f"{result.report.path}:\n" if options.summary_only else "")
        + renderer(fmt)(result, options)
        + "\n"
        for result in results
    )
    lines = [f"{len(results)} report(s):"]
    for result in results:
        counts = result.counts()
        lines.append(
            f"  {result.report.path}: {len(result.index.entries)} index entries; "
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
        )
    return text + "\n".join(lines) + "\n"


def render_batch_files(
    results: Sequence[CheckResult], formats: Iterable[str], options: RenderOptions
) -> dict[str, str]:
    """Several reports in one output directory: each report's files named after the report
    (``a-esg-xesg.json``, ``b-esg-xesg.json`` for ``a/esg.pdf`` and ``b/esg.pdf``: never one
    report's file over another's), and one Markdown comment for them all, linking to each
    report's HTML file when that is written too."""
    from pathlib import Path

    from xesg.report.paths import unique_stems

    wanted = list(dict.fromkeys(formats))
    stems = unique_stems([Path(result.report.path) for result in results])
    files: dict[str, str] = {}
    for stem, result in zip(stems, results, strict=True):
        for name, text in render_files(
            result, [f for f in wanted if f != "markdown"], options
        ).items():
            files[f"{stem}-{name}"] = text
    if "markdown" in wanted:
        from xesg.report.markdown_format import render_comment

        links = [f"{stem}-{FILENAMES['html']}" if "html" in wanted else None for stem in stems]
        from xesg.report.printable import printable_model

        files[FILENAMES["markdown"]] = render_comment(
            [printable_model(r) for r in results], options, links
        )
    return files
