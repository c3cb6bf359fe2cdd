"""Markdown: a summary sized for a pull-request or merge-request comment.

Counts by severity, coverage per standard, the ten most severe findings and, when
``RenderOptions.html_link`` is set, a link to the full HTML gap report. Report text is escaped
(Markdown punctuation, HTML, table pipes) so a report cannot inject markup into the comment.
"""

from __future__ import annotations

import re

from xesg.model.finding import Finding
from xesg.model.result import CheckResult
from xesg.report import RenderOptions
from xesg.report._common import (
    STATUSES,
    by_severity,
    coverage_by_standard,
    shorten,
    standard_label,
    status_counts,
)

TOP = 10
_MESSAGE = 220
_MARKDOWN = re.compile(r"([\\`*_\[\]|~$])")
# "@name" mentions and "#12" references are linked after rendering, whatever the escaping:
# a word joiner (U+2060) after the sign keeps them plain text.
_REFERENCE = re.compile(r"(?<!\w)([@#])(?=\w)")
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def md(text: str) -> str:
    """Inline text safe for a GitHub/GitLab Markdown table cell: one line, HTML and Markdown
    punctuation escaped, ``@`` mentions and ``#`` references defused."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", text)
    return _REFERENCE.sub("\\1\u2060", text)


def _link_target(target: str) -> str:
    return target.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def _finding_row(finding: Finding) -> str:
    parts = (standard_label(finding.standard) if finding.standard else "", finding.code or "")
    subject = " ".join(md(p) for p in parts if p) or "—"
    page = md(finding.page) if finding.page is not None else "—"
    message = md(shorten(finding.message, _MESSAGE))
    return (
        f"| {_ICON[finding.severity.value]} {finding.severity.value} | "
        f"`{finding.rule}` {md(finding.name)} | {subject} | "
        f"{page} | {message} |"
    )


def render(result: CheckResult, options: RenderOptions) -> str:
    report = result.report
    counts = result.counts()
    total = len(result.findings)
    lines = [f"### xesg: `{report.path.replace('`', 'ʼ')}`", ""]
    pages = (
        f"printed pages {md(report.first_label)}–{md(report.last_label or '')}"
        if report.first_label is not None
        else "no printed page numbers"
    )
    index = f"{len(result.index.entries)} index rows" if result.index.found else "no content index"
    lines.append(f"{report.page_count} pages, {pages}; {index}; {result.tool} {result.version}")
    claims = [
        (standard_label(k), v) for k, v in sorted(result.claims.items()) if k in result.standards
    ]
    if claims:
        lines[-1] += "  \nClaims: " + "; ".join(f"{md(k)} {md(v)}" for k, v in claims)
    lines.append("")
    if total:
        lines.append(
            f"**{_plural(total, 'finding')}**: {_plural(counts['error'], 'error')}, "
            f"{_plural(counts['warning'], 'warning')}, {counts['info']} info"
        )
    else:
        lines.append("**No findings.**")
    accepted = []
    if result.waived:
        accepted.append(f"{len(result.waived)} waived")
    if result.baselined:
        accepted.append(f"{result.baselined} hidden by the baseline")
    if accepted:
        lines[-1] += f" (not counted: {', '.join(accepted)})"
    lines.append("")
    coverage = coverage_by_standard(result)
    if any(coverage.values()):
        lines += [
            "| Standard | Disclosures | " + " | ".join(s.capitalize() for s in STATUSES) + " |",
            "|---|--:|" + "--:|" * len(STATUSES),
        ]
        for standard, statuses in coverage.items():
            if not statuses:
                continue
            n = status_counts(statuses)
            cells = " | ".join(str(n[s]) for s in STATUSES)
            lines.append(f"| {md(standard_label(standard))} | {len(statuses)} | {cells} |")
        lines.append("")
    if total:
        top = by_severity(result.findings)[:TOP]
        heading = "Top findings" if total > TOP else "Findings"
        lines += [
            f"#### {heading}",
            "",
            "| Severity | Rule | Code | Page | Finding |",
            "|---|---|---|---|---|",
        ]
        lines += [_finding_row(f) for f in top]
        if total > TOP:
            lines += ["", f"…and {total - TOP} more."]
        lines.append("")
    for note in result.notes:
        lines += [f"> {md(note)}", ""]
    if options.html_link is not None:
        lines += [f"Full report: [{md(options.html_link)}]({_link_target(options.html_link)})", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
