"""Console output for people: a summary and a findings table (rich)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from xesg.model.result import CheckResult
from xesg.report import RenderOptions

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


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
        console.print(
            f"Index: {len(index.entries)} entries on page(s) {', '.join(index.pages)} "
            f"({index.layout} layout) — {per_standard}"
        )
    else:
        console.print("Index: none found")
    if result.catalogues:
        console.print("Catalogues: " + _catalogue_summary(result))
    for note in result.notes:
        console.print(f"[italic]Note:[/] {escape(note)}")
    if result.findings:
        table = Table(expand=True)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Code", max_width=12, overflow="fold")
        table.add_column("Page", no_wrap=True)
        table.add_column("Finding", ratio=1, overflow="fold")
        for finding in result.findings:
            detail = escape(finding.message)
            if finding.evidence:
                detail += f"\n[dim]row: {escape(finding.evidence)}[/]"
            table.add_row(
                f"{finding.rule}\n[dim]{finding.name}[/]",
                f"[{_STYLE[finding.severity.value]}]{finding.severity.value}[/]",
                escape(finding.code or "—"),
                escape(finding.page or "—"),
                detail,
            )
        console.print(table)
    counts = result.counts()
    console.print(
        f"[bold]{len(result.findings)} finding(s):[/] [red]{counts['error']} error(s)[/], "
        f"[yellow]{counts['warning']} warning(s)[/], [cyan]{counts['info']} info[/]"
    )
    return buffer.getvalue()


def _catalogue_summary(result: CheckResult) -> str:
    by_standard: dict[str, list[str]] = {}
    for catalogue in result.catalogues:
        by_standard.setdefault(catalogue.standard, []).append(catalogue.id)
    parts = []
    for standard, ids in sorted(by_standard.items()):
        parts.append(", ".join(ids) if len(ids) <= 3 else f"{standard} ({len(ids)} editions)")
    return "; ".join(parts)
