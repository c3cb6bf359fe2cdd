"""Reporters: one module per output format, found in one registry (:data:`REGISTRY`).

A reporter is a module with ``render(result, options) -> str`` (:class:`Reporter`); one that
writes several reports as one document has ``render_batch`` too (:class:`BatchReporter`).
Each :class:`Format` of the registry names its reporter, its file in an output directory and
how several reports share stdout; the format names, file names and batch behaviour the
command line uses are all read from it. Adding a format is a module and one entry here.

Every reporter is deterministic: the same :class:`CheckResult` and options give the same
bytes (sorted, no timestamps, no paths other than the ones in the result or the options).
What a reporter says about a rule comes with the result (``CheckResult.rules``): ``report``
imports nothing from ``rules``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

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


class Reporter(Protocol):
    """An output format: renders one checked report."""

    def render(self, result: CheckResult, options: RenderOptions) -> str: ...


@runtime_checkable
class BatchReporter(Reporter, Protocol):
    """A format that writes several reports as one document (a JSON array, one comment).
    ``html_links``, parallel to ``results``: where each report's HTML file is, for a format
    that links to it (None: ``options.html_link`` for every report)."""

    def render_batch(
        self,
        results: Sequence[CheckResult],
        options: RenderOptions,
        html_links: Sequence[str | None] | None = None,
    ) -> str: ...


# How several reports share stdout: not at all, one after the other (then a line per
# report), or as one document (the reporter's ``render_batch``).
Stdout = Literal["alone", "in-turn", "together"]


@dataclass(frozen=True)
class Format:
    """One output format of the registry. Its reporter is loaded when the format is used:
    listing the formats (``--help``, option parsing) loads no reporter and no data model."""

    name: str  # the --format value
    filename: str  # its file in --output-dir
    load: Callable[[], Reporter]
    stdout: Stdout = "alone"
    # Keeps report text as it is (JSON escapes every control character); the others render
    # report text made printable (xesg.report.printable: no terminal escape sequences).
    verbatim: bool = False
    # Several reports in one output directory get one file together (the Markdown comment,
    # linking to each report's HTML file), not one file each.
    one_file: bool = False
    # Links each rule to its page under the docs base (RenderOptions.docs_url).
    links_rules: bool = False


def _console() -> Reporter:
    from xesg.report import console_format

    return console_format


def _concise() -> Reporter:
    from xesg.report import concise_format

    return concise_format


def _json() -> Reporter:
    from xesg.report import json_format

    return json_format


def _html() -> Reporter:
    from xesg.report import html_format

    return html_format


def _sarif() -> Reporter:
    from xesg.report import sarif_format

    return sarif_format


def _junit() -> Reporter:
    from xesg.report import junit_format

    return junit_format


def _markdown() -> Reporter:
    from xesg.report import markdown_format

    return markdown_format


def _github() -> Reporter:
    from xesg.report import github_format

    return github_format


REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format("console", "xesg.txt", _console, stdout="in-turn"),
        Format("concise", "xesg-concise.txt", _concise, stdout="in-turn"),
        Format("json", "xesg.json", _json, stdout="together", verbatim=True),
        Format("html", "xesg.html", _html),
        Format("sarif", "xesg.sarif", _sarif, verbatim=True, links_rules=True),
        Format("junit", "xesg-junit.xml", _junit),
        Format(
            "markdown", "xesg.md", _markdown, stdout="together", one_file=True, links_rules=True
        ),
        Format("github", "xesg-github.txt", _github),
    )
}
FORMATS = tuple(REGISTRY)
FILENAMES = {name: f.filename for name, f in REGISTRY.items()}  # in --output-dir
# Formats that several reports can share on stdout: one after the other, or as one document.
BATCH_STDOUT = tuple(name for name, f in REGISTRY.items() if f.stdout != "alone")

# `xesg diff`'s formats (xesg.report.diff_format renders them).
DIFF_FORMATS = ("text", "json")

Renderer = Callable[["CheckResult", RenderOptions], str]


def _format(fmt: str) -> Format:
    if fmt not in REGISTRY:
        raise ValueError(f"unknown format {fmt!r}")
    return REGISTRY[fmt]


def _prepared(fmt: Format, results: Sequence[CheckResult]) -> list[CheckResult]:
    """The results as ``fmt`` renders them: report text made printable unless verbatim."""
    if fmt.verbatim:
        return list(results)
    from xesg.report.printable import printable_model

    return [printable_model(result) for result in results]


def renderer(fmt: str) -> Renderer:
    """The format's ``render``; for text formats, rendering report text made printable
    (:mod:`xesg.report.printable`: no terminal escape sequences from a hostile report)."""
    chosen = _format(fmt)
    reporter = chosen.load()
    if chosen.verbatim:
        return reporter.render

    def render_printable(result: CheckResult, options: RenderOptions) -> str:
        return reporter.render(_prepared(chosen, [result])[0], options)

    return render_printable


def indented_json(data: object) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False) + "\n"``, the same text, made by
    pydantic-core's serialiser: the standard library indents in pure Python (its C encoder
    takes no indent), about ten times slower on a long report's results. Our data holds
    no floats, where the two could spell a number differently (1e-05)."""
    from pydantic_core import to_json  # loaded with the data models, not at start-up

    return to_json(data, indent=2).decode("utf-8") + "\n"


def links_rules(formats: Iterable[str]) -> bool:
    """Whether any of ``formats`` links rules to their pages (needs a docs base)."""
    return any(_format(fmt).links_rules for fmt in formats)


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
    return _format(fmt).filename


def render_files(
    result: CheckResult, formats: Iterable[str], options: RenderOptions
) -> dict[str, str]:
    """Render several formats for one output directory: ``{file name: text}``, in the order
    given, each format once. When both ``html`` and ``markdown`` are asked for and
    ``options.html_link`` is unset, the Markdown summary links to the HTML file beside it.
    Console output is rendered without colour."""
    wanted = [_format(fmt) for fmt in dict.fromkeys(formats)]
    if REGISTRY["html"] in wanted and options.html_link is None:
        options = replace(options, html_link=REGISTRY["html"].filename)
    options = replace(options, color=False)
    return {f.filename: renderer(f.name)(result, options) for f in wanted}


def _batch_reporter(fmt: Format) -> BatchReporter:
    reporter = fmt.load()
    if not isinstance(reporter, BatchReporter):  # a registry entry wrong for its module
        raise TypeError(f"format {fmt.name!r} writes no batch")
    return reporter


def render_batch(results: Sequence[CheckResult], fmt: str, options: RenderOptions) -> str:
    """Several reports on stdout: as one document (JSON, the Markdown comment), or report by
    report and then a line per report (console, concise)."""
    chosen = _format(fmt)
    if chosen.stdout == "alone":
        raise ValueError(f"format {fmt!r} takes one report")
    if chosen.stdout == "together":
        return _batch_reporter(chosen).render_batch(_prepared(chosen, results), options)
    # The summaries alone (--quiet) do not say whose they are: each gets its report's path.
    render = renderer(fmt)
    text = "".join(
        (f"{result.report.path}:\n" if options.summary_only else "")
        + render(result, options)
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

    wanted = [_format(fmt) for fmt in dict.fromkeys(formats)]
    stems = unique_stems([Path(result.report.path) for result in results])
    files: dict[str, str] = {}
    for stem, result in zip(stems, results, strict=True):
        apart = [f.name for f in wanted if not f.one_file]
        for name, text in render_files(result, apart, options).items():
            files[f"{stem}-{name}"] = text
    html = REGISTRY["html"]
    links = [f"{stem}-{html.filename}" if html in wanted else None for stem in stems]
    for together in (f for f in wanted if f.one_file):
        files[together.filename] = _batch_reporter(together).render_batch(
            _prepared(together, results), options, links
        )
    return files
