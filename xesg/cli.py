"""Command line: ``xesg check``, ``xesg rules``, ``xesg explain``.

Thin: flags → configuration → pipeline → reporter → exit code. Exit codes: 0 nothing at or
above ``--fail-on``; 1 findings at or above it; 2 usage, configuration or input error (one
line on stderr, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from xesg import __version__
from xesg.errors import Interrupted, XesgError
from xesg.load.decode import check_encoding
from xesg.model.severity import Confidence, Severity
from xesg.report import (
    BATCH_STDOUT,
    DIFF_FORMATS,
    FORMATS,
    Renderer,
    RenderOptions,
    links_rules,
    package_docs_url,
    render_batch,
    render_batch_files,
    render_files,
    renderer,
)
from xesg.report.files import write_atomic
from xesg.report.printable import printable
from xesg.report.terminal import COLOR_CHOICES, ColorChoice, color_enabled, terminal_width

if TYPE_CHECKING:
    from xesg.config import FailOn
    from xesg.model.result import CheckResult
    from xesg.processes import PageReading

# The data models, catalogues and rules load inside the commands that need them: start-up
# time is part of every check, and `xesg check` starts reading a PDF before it loads them
# (see docs/performance.md).

FAIL_ON = ("error", "warning", "info", "never")


def _fail(message: str) -> NoReturn:
    click.echo(f"xesg: error: {printable(message)}", err=True)
    sys.exit(2)


def _fails(result: CheckResult, fail_on: FailOn) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in result.findings)


def _read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints in a baseline file; :class:`XesgError` when it is not one."""
    from xesg.load.guard import MAX_BASELINE_BYTES, read_bytes

    data = read_bytes(path, MAX_BASELINE_BYTES, "a baseline")
    try:
        fingerprints = json.loads(data)["fingerprints"]
    except (ValueError, KeyError, TypeError, RecursionError):
        fingerprints = None
    if not isinstance(fingerprints, list) or not all(isinstance(f, str) for f in fingerprints):
        raise XesgError(
            f"{path}: not an xesg baseline (expected JSON with a 'fingerprints' list of strings)"
        )
    return frozenset(fingerprints)


def _write_baseline(path: Path, result: CheckResult) -> None:
    fingerprints = sorted({f.fingerprint for f in result.findings})
    data = {"tool": "xesg", "version": __version__, "fingerprints": fingerprints}
    _write_text(path, json.dumps(data, indent=2) + "\n")


# Errors of writing: a full device, a quota, a closed or failing stream.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}
_STOPPING = (signal.SIGINT, signal.SIGTERM)


class _Interruptible(click.Group):
    """The command line as a whole: SIGINT and SIGTERM stop a run at once, its worker
    processes with it, with status 130 or 143 (128 plus the signal's number, the convention
    for a process a signal ended; 1 means findings); a standard output that is full or closed
    is one line and status 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if sys.stdout is None:  # started with standard output closed (`xesg … >&-`)
            sys.stdout = _ClosedOutput()
        # Signal handlers belong to the main thread (xesg called from another: left alone).
        own = threading.current_thread() is threading.main_thread()
        previous = {number: signal.signal(number, _interrupt) for number in _STOPPING if own}
        try:
            return super().main(*args, **kwargs)
        except Interrupted as exc:
            name = signal.Signals(exc.signal_number).name
            click.echo(f"xesg: interrupted ({name})", err=True)
            sys.exit(128 + exc.signal_number)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRORS:
                raise
            # Writing to standard output failed (files xesg writes report their own errors).
            _fail(f"cannot write the output ({exc.strerror})")
        finally:
            for number in previous:
                signal.signal(number, signal.SIG_IGN)  # a second signal must not stop this
            from xesg.processes import stop_children

            stop_children()
            for number, handler in previous.items():
                signal.signal(number, handler)


def _interrupt(signal_number: int, frame: object) -> None:
    raise Interrupted(signal_number)


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one: writing fails as writing to a
    closed descriptor does, which :class:`_Interruptible` reports (exit status 2)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


@click.group(cls=_Interruptible, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xesg")
def main() -> None:
    """Check ESG reports' content indexes against HKEx, GRI and SASB disclosure standards."""


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Output format (repeatable with --output-dir); default: console.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of stdout (one report, one format).",
)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write every --format to files in this directory (xesg.sarif, xesg.html …).",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Only the summary by rule and severity; no progress bar or file notices.",
)
@click.option(
    "--color",
    "color_choice",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour on the terminal: auto (a terminal, unless NO_COLOR is set), always, never.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes: one report each when checking several, or a long PDF's pages split "
    "among them (default: one per core).",
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
    help="Check against this standard (repeatable): hkex, gri@2021, sasb:TC-HW …; "
    "default: those found in the index.",
)
@click.option(
    "--edition",
    "edition_pins",
    multiple=True,
    metavar="STANDARD=EDITION",
    help="Check against this edition, e.g. hkex=2020 or gri=2016 (repeatable).",
)
@click.option(
    "--first-page",
    type=click.IntRange(min=0),
    default=None,
    help="Printed label of the first page (overrides detection).",
)
@click.option(
    "--encoding",
    metavar="NAME",
    default=None,
    help="Read text, HTML, Markdown and CSV files in this encoding (big5, gb18030, "
    "shift_jis, cp1252 …) instead of detecting it.",
)
@click.option(
    "--issuer",
    type=click.Choice(["main-board", "largecap", "gem"]),
    default=None,
    help="HKEx issuer tier (default main-board): sets which Part D climate provisions are "
    "mandatory, comply-or-explain or voluntary.",
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
    "--document",
    "document_pairs",
    multiple=True,
    metavar="NAME=FILE",
    help='Another document the index cites, checked like the report: "Annual Report=ar.pdf".',
)
@click.option(
    "--columns",
    metavar="ROLE=HEADER,…",
    help="Column roles by column name, in the report's index or the --index file, e.g. "
    "code=Disclosure,location=Page.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: xesg.toml or [tool.xesg] in pyproject.toml).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules: codes, names, prefixes (PAG), groups (pages), comma lists.",
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Do not run these rules (as --select)."
)
@click.option(
    "--min-confidence",
    type=click.Choice([c.value for c in Confidence]),
    default=None,
    help="Drop findings of lower confidence.",
)
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default=None,
    help="Hide findings of lower severity (warning: no info findings).",
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
    reports: tuple[Path, ...],
    formats: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    quiet: bool,
    color_choice: ColorChoice,
    jobs: int | None,
    fail_on: FailOn | None,
    standards: tuple[str, ...],
    edition_pins: tuple[str, ...],
    first_page: int | None,
    encoding: str | None,
    issuer: str | None,
    catalogue_dir: Path | None,
    index_file: Path | None,
    document_pairs: tuple[str, ...],
    columns: str | None,
    config_path: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_confidence: str | None,
    min_severity: str | None,
    no_waivers: bool,
    baseline_path: Path | None,
    write_baseline: Path | None,
) -> None:
    """Check REPORTS (PDF, text, HTML or Markdown files, or directories of them) and print
    their findings."""
    single = len(reports) == 1 and not reports[0].is_dir()
    reading = _start_reading(reports[0], jobs) if single else None
    from xesg.batch import ReportOutcome, check_many, expand
    from xesg.config import load_config
    from xesg.model.result import CheckResult
    from xesg.pipeline import run
    from xesg.processes import available_cores
    from xesg.report.progress import check_progress

    formats = formats or ("console",)
    try:
        config, _ = load_config(config_path)
        if encoding is not None:
            check_encoding(encoding)  # one clear line, before any file is read
        names, editions, industries = _parse_standards(standards)
        config = config.merged(
            standards=names,
            editions={**config.editions, **editions, **_pairs(edition_pins, "--edition")},
            sasb_industries=industries,
            first_page=first_page,
            encoding=encoding,
            issuer=issuer,
            catalogue=catalogue_dir,
            index=index_file,
            documents={
                name: Path(file) for name, file in _pairs(document_pairs, "--document").items()
            },
            columns=_columns(columns),
            select=select,
            ignore=ignore,
            min_confidence=min_confidence,
            min_severity=min_severity,
            fail_on=fail_on,
        )
        baseline = _read_baseline(baseline_path) if baseline_path else frozenset()
        expanded = expand(reports)
        paths = expanded.reports
        if not quiet:
            for skipped, reason in expanded.skipped:
                click.echo(f"xesg: skipped {skipped}: {reason}", err=True)
        if not paths:
            raise XesgError(f"{', '.join(map(str, reports))}: no report files found")
        _check_output_options(formats, output, output_dir, single, write_baseline)
        render = renderer(formats[0])  # loaded now, while a PDF's pages may be being read
        to_stdout = output is None and output_dir is None
        options = _render_options(formats, to_stdout, color_choice, quiet, config.docs_url)
        _start_other_readers(reading)
        if single:
            with check_progress(not quiet and sys.stderr.isatty()) as progress:
                result = run(
                    paths[0],
                    config,
                    use_waivers=not no_waivers,
                    baseline=baseline,
                    progress=progress.pages if progress else None,
                    phase=progress.phase if progress else None,
                    jobs=jobs or available_cores(),
                    reading=reading,
                )
                if progress:
                    progress.phase("Writing reports")
                    if output is None and output_dir is None:
                        progress.stop()  # off the terminal before the findings go to it
                _write_outputs(
                    [(paths[0], result)], formats, output, output_dir, render, options, quiet, True
                )
            outcomes: list[tuple[Path, ReportOutcome]] = [(paths[0], result)]
        else:
            outcomes = check_many(
                paths, config, use_waivers=not no_waivers, baseline=baseline, workers=jobs
            )
    except XesgError as exc:
        _fail(str(exc))
    results = [(p, r) for p, r in outcomes if isinstance(r, CheckResult)]
    for _, outcome in outcomes:
        if isinstance(outcome, str):
            click.echo(f"xesg: error: {printable(outcome)}", err=True)
    if write_baseline is not None and results:
        _write_baseline(write_baseline, results[0][1])
    if not single:
        _write_outputs(results, formats, output, output_dir, render, options, quiet, False)
    if len(results) < len(outcomes):
        sys.exit(2)
    if any(_fails(result, config.fail_on) for _, result in results):
        sys.exit(1)


def _start_reading(path: Path, jobs: int | None) -> PageReading | None:
    """The reading of a PDF report's pages, started now in worker processes so that they
    are read while the rest of xesg loads; None for anything else (reported, with the other
    input errors, when the report is loaded). Stopped when the command ends without them."""
    from xesg.processes import available_cores, start_reading

    reading = start_reading(path, jobs or available_cores())
    if reading is not None:
        click.get_current_context().call_on_close(reading.close)
    return reading


def _start_other_readers(reading: PageReading | None) -> None:
    """The readers a long PDF needs beside the first, started before the progress bar's
    thread is (a fork beside another thread may leave the child waiting on a lock)."""
    if reading is not None:
        reading.start_others()


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    """``NAME=VALUE`` options (``--edition hkex=2020``, ``--document "Annual Report=ar.pdf"``)."""
    pairs = {}
    for value in values:
        name, sep, given = value.partition("=")
        if not sep or not name.strip() or not given.strip():
            raise XesgError(f"{option} {value!r}: expected NAME=VALUE")
        key = name.strip().lower() if option == "--edition" else name.strip()
        pairs[key] = given.strip()
    return pairs


def _columns(option: str | None) -> dict[str, str] | None:
    if not option:
        return None
    from xesg.index.tabular import parse_columns_option

    return parse_columns_option(option)


def _check_output_options(
    formats: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    single: bool,
    write_baseline: Path | None,
) -> None:
    if output is not None and output_dir is not None:
        raise XesgError("use either --output or --output-dir, not both")
    if len(formats) > 1 and output_dir is None:
        raise XesgError("several --format values need --output-dir")
    if not single and output is not None:
        raise XesgError("--output takes one report; use --output-dir for several")
    if not single and output_dir is None and formats[0] not in BATCH_STDOUT:
        raise XesgError(f"--format {formats[0]} for several reports needs --output-dir")
    if not single and write_baseline is not None:
        raise XesgError("--write-baseline takes one report")


def _render_options(
    formats: tuple[str, ...],
    to_stdout: bool,
    color_choice: ColorChoice,
    quiet: bool,
    docs_url: str | None,
) -> RenderOptions:
    """Colour, width and --quiet for stdout (a terminal, or a CI log; files are written in
    full); paths in SARIF, annotations and Markdown relative to the repository the command
    runs in; where rule pages are linked (the installed package's metadata is read only for
    a format that links them: reading it costs every other check ~2 ms)."""
    from xesg.report.paths import source_root

    return RenderOptions(
        color=to_stdout and color_enabled(color_choice, sys.stdout),
        width=terminal_width(sys.stdout) if to_stdout else RenderOptions.width,
        summary_only=quiet and to_stdout,
        source_root=str(source_root(Path.cwd())),
        docs_url=docs_url or (package_docs_url() if links_rules(formats) else None),
    )


def _write_text(target: Path, text: str) -> None:
    try:
        write_atomic(target, text)
    except OSError as exc:
        _fail(f"{target}: cannot write ({exc.strerror})")


def _write_outputs(
    results: list[tuple[Path, CheckResult]],
    formats: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    render: Renderer,
    options: RenderOptions,
    quiet: bool,
    single: bool,
) -> None:
    """Every result in every format: to ``output``, to files in ``output_dir``, or to
    stdout (several reports: each in turn, then one summary; JSON and Markdown as one)."""
    if output_dir is not None:
        files = (
            render_files(results[0][1], formats, options)
            if single
            else render_batch_files([r for _, r in results], formats, options)
        )
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"{output_dir}: cannot write ({exc.strerror})")
        for name, text in files.items():
            _write_text(output_dir / name, text)
            if not quiet:
                click.echo(f"xesg: wrote {printable(str(output_dir / name))}", err=True)
    elif output is not None:
        _write_text(output, render(results[0][1], options))
    else:
        text = (
            render(results[0][1], options)
            if single
            else render_batch([r for _, r in results], formats[0], options)
        )
        # click strips colour codes from what is not a terminal unless told: --color always
        click.echo(text, nl=False, color=options.color)


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
@click.option(
    "--on",
    "on_day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Whether each edition is in force on this day (YYYY-MM-DD; default: today).",
)
@click.option(
    "--period-end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="… for a report whose period ends on this day: editions in force when it began.",
)
@click.option(
    "--issuer",
    type=click.Choice(["main-board", "largecap", "gem"]),
    default="main-board",
    show_default=True,
    help="HKEx issuer tier whose Part D levels are listed (for the financial year from that day).",
)
@click.pass_context
def standards(
    ctx: click.Context, on_day: dt.datetime | None, period_end: dt.datetime | None, issuer: str
) -> None:
    """List the bundled catalogues: standard, edition, effective date, disclosures, and
    whether each is in force (today, --on a day, or for a --period-end); for the HKEx Code,
    the level of each Part D provision for an --issuer tier in that financial year."""
    if ctx.invoked_subcommand is not None:
        return
    from xesg.catalogue.levels import part_d_notes
    from xesg.catalogue.load import bundled

    day = _status_day(on_day, period_end)
    catalogues = bundled().catalogues
    effective_from = {c.id: c.effective_from for c in catalogues}
    for catalogue in sorted(catalogues, key=lambda c: (c.standard, c.id)):
        effective = catalogue.effective_from.isoformat() if catalogue.effective_from else "—"
        status = catalogue.status_on(day, effective_from.get(catalogue.superseded_by or ""))
        click.echo(
            f"{catalogue.id:<24} {catalogue.edition:<8} {effective:<11} "
            f"{len(catalogue.disclosures):>4}  {catalogue.title} ({status})"
        )
        for note in part_d_notes([catalogue], issuer, day):
            click.echo(f"  {note}")


def _status_day(on_day: dt.datetime | None, period_end: dt.datetime | None) -> dt.date:
    """The day editions are judged on: given, or the first day of a reporting year ending
    on ``period_end`` (as editions are chosen for a check: xesg.catalogue.editions), or today."""
    if on_day is not None and period_end is not None:
        _fail("use either --on or --period-end, not both")
    if period_end is not None:
        from xesg.catalogue.set import period_start

        return period_start(period_end.date())
    return on_day.date() if on_day is not None else dt.date.today()


@standards.command("show")
@click.argument("code")
def show_code(code: str) -> None:
    """Every edition that defines CODE (e.g. 305-1, A1.2, TC-HW-230a.1), with its source."""
    from xesg.catalogue.data import sasb_industries, sasb_prefix, sasb_unconfirmed, sasb_unknown
    from xesg.catalogue.levels import phase_in_summary
    from xesg.catalogue.load import bundled
    from xesg.index.codes import standard_of
    from xesg.index.normalize import normalise_code

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
        if disclosure.phase_in:
            click.echo(f"  phase-in by issuer tier: {phase_in_summary(disclosure)}")
        if disclosure.note:
            click.echo(f"  note: {disclosure.note}")
        if (chinese := disclosure.chinese) is not None:
            click.echo(
                f"  Chinese: {chinese.traditional} / {chinese.simplified} "
                f"(confidence: {chinese.confidence})"
            )
            if chinese.note:
                click.echo(f"  note on the Chinese: {chinese.note}")
    if found:
        return
    if standard_of(wanted) == "sasb":
        problem = sasb_unknown(wanted, bundled(("sasb",)))
        if problem is None:
            industry = sasb_prefix(wanted)
            click.echo(
                f"{wanted}: a valid SASB code of {sasb_industries()[industry]} ({industry}); "
                "its metric list is not bundled."
            )
            return
        if reason := sasb_unconfirmed(wanted):
            industry = sasb_prefix(wanted)
            click.echo(
                f"{wanted}: not in the bundled metric list of {sasb_industries()[industry]} "
                f"({industry}), but may be a metric of an older SASB edition: {reason} "
                "(not confirmed, so no title is bundled)."
            )
            return
        _fail(f"{wanted} {problem}")
    _fail(f"no bundled catalogue defines {wanted!r}")


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name, group, default severity, confidence."""
    from xesg.rules.registry import discover

    for rule in discover():
        click.echo(
            f"{rule.code}  {rule.name:<34} {rule.group:<9} {rule.severity.value:<8} "
            f"{rule.confidence.value:<7} {rule.summary}"
        )


@main.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id: str) -> None:
    """Print the documentation of RULE (code or name)."""
    from xesg.rules.docs import rule_page
    from xesg.rules.registry import discover

    for rule in discover():
        if rule_id in (rule.code, rule.name) or rule_id.upper() == rule.code:
            click.echo(rule_page(rule), nl=False)
            return
    _fail(f"unknown rule {rule_id!r} (see `xesg rules`)")


@main.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True)
def diff(old: Path, new: Path, fmt: str) -> None:
    """What changed between two JSON outputs of `xesg check`: new, fixed and unchanged
    findings, and coverage per standard. Exit 1 when there are new findings."""
    from xesg.diff import diff_files
    from xesg.report.diff_format import render_diff

    try:
        changes = diff_files(old, new)
    except XesgError as exc:
        _fail(str(exc))
    click.echo(render_diff(changes, fmt), nl=False)
    if changes.new:
        sys.exit(1)
