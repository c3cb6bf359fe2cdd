"""Command line: ``xesg check``, ``xesg rules``. Thin: flags → pipeline → reporter → exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or input
error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from xesg import __version__
from xesg.errors import XesgError
from xesg.model.finding import Severity
from xesg.pipeline import CheckOptions, run
from xesg.report import FORMATS, RenderOptions, renderer
from xesg.rules.registry import discover

FAIL_ON = ("error", "warning", "info", "never")


def _fail(message: str) -> NoReturn:
    click.echo(f"xesg: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xesg")
def main() -> None:
    """Check ESG reports' content indexes against HKEx, GRI and SASB disclosure standards."""


@main.command()
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="console", show_default=True)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--standard",
    "standards",
    multiple=True,
    metavar="NAME",
    help="Check against this standard (repeatable); default: those found in the index.",
)
@click.option(
    "--first-page",
    type=click.IntRange(min=0),
    default=None,
    help="Printed label of the first page (overrides detection).",
)
@click.option(
    "--catalogue",
    "catalogue_dir",
    type=click.Path(path_type=Path),
    help="Use the catalogues in this directory instead of the bundled ones.",
)
def check(
    report: Path,
    fmt: str,
    output: Path | None,
    fail_on: str,
    standards: tuple[str, ...],
    first_page: int | None,
    catalogue_dir: Path | None,
) -> None:
    """Check REPORT (plain text, pages separated by form feeds) and print its findings."""
    options = CheckOptions(
        standards=tuple(s.lower() for s in standards),
        first_page=first_page,
        catalogue_dir=catalogue_dir,
    )
    try:
        result = run(report, options)
    except XesgError as exc:
        _fail(str(exc))
    color = output is None and fmt == "console" and sys.stdout.isatty()
    text = renderer(fmt)(result, RenderOptions(color=color))
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror})")
    else:
        click.echo(text, nl=False)
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in result.findings):
            sys.exit(1)


@main.command("rules")
def list_rules() -> None:
    """List every rule with its code, name, group and default severity."""
    for rule in discover():
        click.echo(
            f"{rule.code}  {rule.name:<34} {rule.group:<9} {rule.severity.value:<8} {rule.summary}"
        )
