"""Command line: ``xesg check``, ``xesg rules``, ``xesg explain``.

Thin: flags → configuration → pipeline → reporter → exit code. Exit codes: 0 nothing at or
above ``--fail-on``; 1 findings at or above it; 2 usage, configuration or input error (one
line on stderr, never a traceback).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from xesg import __version__
from xesg.catalogue.data import sasb_code_problem, sasb_industries
from xesg.catalogue.load import bundled
from xesg.config import FailOn, load_config
from xesg.errors import XesgError
from xesg.index.codes import standard_of
from xesg.index.normalize import normalise_code
from xesg.load.tabular import parse_columns_option
from xesg.model.finding import Confidence, Severity
from xesg.model.result import CheckResult
from xesg.pipeline import run
from xesg.report import FORMATS, RenderOptions, renderer
from xesg.rules.docs import rule_page
from xesg.rules.registry import discover

FAIL_ON = ("error", "warning", "info", "never")


def _fail(message: str) -> NoReturn:
    click.echo(f"xesg: error: {message}", err=True)
    sys.exit(2)


def _fails(result: CheckResult, fail_on: FailOn) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in result.findings)


def _read_baseline(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(str(f) for f in data["fingerprints"])
    except OSError as exc:
        _fail(f"{path}: cannot read baseline ({exc.strerror})")
    except (ValueError, KeyError, TypeError):
        _fail(f"{path}: not an xesg baseline (expected JSON with a 'fingerprints' list)")


def _write_baseline(path: Path, result: CheckResult) -> None:
    fingerprints = sorted({f.fingerprint for f in result.findings})
    data = {"tool": "xesg", "version": __version__, "fingerprints": fingerprints}
    try:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror})")


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
    default=None,
    help="Lowest severity that makes the exit code 1 (default: error).",
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
@click.option(
    "--index",
    "index_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the content index from this CSV/XLSX file instead of the report.",
)
@click.option(
    "--columns",
    metavar="ROLE=HEADER,…",
    help="Column roles in the --index file, e.g. code=Disclosure,location=Page.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: xesg.toml or [tool.xesg] in pyproject.toml).",
)
@click.option(
    "--select", multiple=True, metavar="RULE", help="Run only these rules (code or name)."
)
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not run these rules.")
@click.option(
    "--min-confidence",
    type=click.Choice([c.value for c in Confidence]),
    default=None,
    help="Drop findings of lower confidence.",
)
@click.option("--no-waivers", is_flag=True, help="Ignore waivers in the configuration (audits).")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the current findings' fingerprints to this file.",
)
def check(
    report: Path,
    fmt: str,
    output: Path | None,
    fail_on: FailOn | None,
    standards: tuple[str, ...],
    first_page: int | None,
    catalogue_dir: Path | None,
    index_file: Path | None,
    columns: str | None,
    config_path: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_confidence: str | None,
    no_waivers: bool,
    baseline_path: Path | None,
    write_baseline: Path | None,
) -> None:
    """Check REPORT (text, pages separated by form feeds) and print its findings."""
    try:
        config, _ = load_config(config_path)
        names, editions, industries = _parse_standards(standards)
        config = config.merged(
            standards=names,
            editions={**config.editions, **editions},
            sasb_industries=industries,
            first_page=first_page,
            catalogue=catalogue_dir,
            index=index_file,
            columns=parse_columns_option(columns) if columns else None,
            select=select,
            ignore=ignore,
            min_confidence=min_confidence,
            fail_on=fail_on,
        )
        baseline = _read_baseline(baseline_path) if baseline_path else frozenset()
        result = run(report, config, use_waivers=not no_waivers, baseline=baseline)
    except XesgError as exc:
        _fail(str(exc))
    if write_baseline is not None:
        _write_baseline(write_baseline, result)
    color = output is None and fmt == "console" and sys.stdout.isatty()
    text = renderer(fmt)(result, RenderOptions(color=color))
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror})")
    else:
        click.echo(text, nl=False)
    if _fails(result, config.fail_on):
        sys.exit(1)


def _parse_standards(
    values: tuple[str, ...],
) -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """``hkex``, ``gri@2021`` (an edition), ``sasb:TC-HW`` (an industry) → standards,
    editions, SASB industries."""
    standards: list[str] = []
    editions: dict[str, str] = {}
    industries: list[str] = []
    for value in values:
        name, _, industry = value.partition(":")
        name, _, edition = name.partition("@")
        name = name.strip().lower()
        standards.append(name)
        if edition:
            editions[name] = edition.strip()
        if industry:
            industries.append(industry.strip().upper())
    return tuple(dict.fromkeys(standards)), editions, tuple(industries)


@main.group(invoke_without_command=True)
@click.pass_context
def standards(ctx: click.Context) -> None:
    """List the bundled catalogues: standard, edition, effective date, disclosures."""
    if ctx.invoked_subcommand is not None:
        return
    for catalogue in sorted(bundled().catalogues, key=lambda c: (c.standard, c.id)):
        status = (
            "withdrawn"
            if catalogue.withdrawn
            else f"superseded by {catalogue.superseded_by}"
            if catalogue.superseded_by
            else "in force"
        )
        effective = catalogue.effective_from.isoformat() if catalogue.effective_from else "—"
        click.echo(
            f"{catalogue.id:<24} {catalogue.edition:<8} {effective:<11} "
            f"{len(catalogue.disclosures):>4}  {catalogue.title} ({status})"
        )


@standards.command("show")
@click.argument("code")
def show_code(code: str) -> None:
    """Every edition that defines CODE (e.g. 305-1, A1.2, TC-HW-230a.1), with its source."""
    wanted = normalise_code(code)
    found = [(c, d) for c in bundled().catalogues for d in c.disclosures if d.code == wanted]
    for catalogue, disclosure in found:
        source = catalogue.source
        where = f", {source.reference}" if source.reference else ""
        click.echo(f"{disclosure.code}  {disclosure.title}")
        click.echo(f"  {catalogue.title} — edition {catalogue.edition} ({catalogue.id})")
        click.echo(
            f"  level: {disclosure.level}; kind: {disclosure.kind}; "
            f"confidence: {disclosure.confidence}"
        )
        click.echo(f"  source: {source.document}{where}")
        if disclosure.note:
            click.echo(f"  note: {disclosure.note}")
    if found:
        return
    if standard_of(wanted) == "sasb" and sasb_code_problem(wanted) is None:
        industry = "-".join(wanted.split("-")[:2])
        click.echo(
            f"{wanted}: a valid SASB code of {sasb_industries()[industry]} ({industry}); "
            "its metric list is not bundled."
        )
        return
    _fail(f"no bundled catalogue defines {wanted!r}")


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name, group, default severity, confidence."""
    for rule in discover():
        click.echo(
            f"{rule.code}  {rule.name:<34} {rule.group:<9} {rule.severity.value:<8} "
            f"{rule.confidence.value:<7} {rule.summary}"
        )


@main.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id: str) -> None:
    """Print the documentation of RULE (code or name)."""
    for rule in discover():
        if rule_id in (rule.code, rule.name) or rule_id.upper() == rule.code:
            click.echo(rule_page(rule), nl=False)
            return
    _fail(f"unknown rule {rule_id!r} (see `xesg rules`)")
