"""Console output for people: a summary, a findings table (rich) sized to the terminal, and
the findings counted by rule and severity."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from xesg.model.finding import Finding
from xesg.model.result import CheckResult
from xesg.report import RenderOptions
from xesg.report._common import summary_lines

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# From this width the table has room for each rule's name and a severity column; below it
# the severity goes under the rule code and the name is left out (`xesg explain` has it).
WIDE = 110


def render(result: CheckResult, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
    )
    if not options.summary_only:
        _header(console, result)
        if result.findings:
            console.print(_table(result.findings, options.width >= WIDE))
    for line in summary_lines(result, _styled):
        console.print(line)
    return buffer.getvalue()


def _styled(text: str, severity: str) -> str:
    return f"[{STYLE[severity]}]{escape(text)}[/]"


def _header(console: Console, result: CheckResult) -> None:
    report = result.report
    labels = (
        f"printed pages {report.first_label}–{report.last_label}"
        if report.first_label is not None
        else "no page labels"
    )
    console.print(f"[bold]{escape(report.path)}[/]: {report.page_count} page(s), {labels} "
                  f"({report.pagination}; {report.encoding})")  # fmt: skip
    index = result.index
    if index.found:
        per_standard = ", ".join(f"{k} {v}" for k, v in result.codes_per_standard().items())
        unread = f", {len(index.unread)} not read" if index.unread else ""
        console.print(
            f"Index: {len(index.entries)} entries on page(s) {', '.join(index.pages)} "
            f"({index.layout} layout; {index.code_cells} code cells seen{unread}) — "
            f"{per_standard}"
        )
    else:
        console.print("Index: none found")
    if result.catalogues:
        console.print("Catalogues: " + _catalogue_summary(result))
    for note in result.notes:
        console.print(f"[italic]Note:[/] {escape(note)}")


def _table(findings: tuple[Finding, ...], wide: bool) -> Table:
    """One row per finding. Line is the index row's line in the report's text (what an
    editor goes to); Page its printed page (what a reader of the PDF turns to)."""
    table = Table(expand=True, box=box.SQUARE if wide else box.SIMPLE_HEAD, pad_edge=wide)
    table.add_column("Rule", no_wrap=True)
    if wide:
        table.add_column("Severity", no_wrap=True)
    table.add_column("Code", max_width=12 if wide else 9, overflow="fold")
    table.add_column("Line", no_wrap=True, justify="right")
    table.add_column("Page", max_width=8, overflow="fold")
    table.add_column("Finding", ratio=1, overflow="fold")
    for finding in findings:
        severity = _styled(finding.severity.value, finding.severity.value)
        detail = escape(finding.message)
        if finding.evidence:
            detail += f"\n[dim]row: {escape(finding.evidence)}[/]"
        cells = (
            [f"{finding.rule}\n[dim]{finding.name}[/]", severity]
            if wide
            else [f"{finding.rule}\n{severity}"]
        )
        table.add_row(
            *cells,
            escape(finding.code or "—"),
            str(finding.line) if finding.line is not None else "—",
            escape(finding.page or "—"),
            detail,
        )
    return table


def _catalogue_summary(result: CheckResult) -> str:
    by_standard: dict[str, list[str]] = {}
    for catalogue in result.catalogues:
        by_standard.setdefault(catalogue.standard, []).append(catalogue.id)
    parts = []
    for standard, ids in sorted(by_standard.items()):
        parts.append(", ".join(ids) if len(ids) <= 3 else f"{standard} ({len(ids)} editions)")
    return "; ".join(parts)
