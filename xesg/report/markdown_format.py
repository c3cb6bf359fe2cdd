"""Markdown: a summary sized for a pull-request or merge-request comment.

Counts by severity, coverage per standard, the ten most severe findings and, when
``RenderOptions.html_link`` is set, a link to the full HTML gap report. Report text is escaped
(Markdown punctuation, HTML, table pipes) so a report cannot inject markup into the comment.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace

from xesg.model.finding import Finding
from xesg.model.result import STATUSES, CheckResult
from xesg.report import RenderOptions, rule_doc_url
from xesg.report._common import (
    by_severity,
    coverage_by_standard,
    plural,
    shorten,
    standard_label,
    status_counts,
)
from xesg.report.paths import display_path

TOP = 10
COMMENT_LIMIT = 65_000  # GitHub refuses comments longer than 65,536 characters
_MESSAGE = 220
_MARKDOWN = re.compile(r"([\\`*_\[\]|~$])")
# "@name" mentions and "#12" references are linked after rendering, whatever the escaping:
# a word joiner (U+2060) after the sign keeps them plain text.
_REFERENCE = re.compile(r"(?<!\w)([@#])(?=\w)")
_JOINED = "\\1\u2060"
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def md(text: str) -> str:
    """Inline text safe for a GitHub/GitLab Markdown table cell: one line, HTML and Markdown
    punctuation escaped, ``@`` mentions and ``#`` references defused."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", text)
    return _REFERENCE.sub(_JOINED, text)


def _link_target(target: str) -> str:
    return target.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def _rule(code: str, result: CheckResult, docs_url: str | None) -> str:
    """The rule's code, linked to its page under the docs base (a rule the result does not
    describe, from a result built elsewhere, has no page)."""
    url = rule_doc_url(docs_url, code) if result.rule(code) is not None else None
    return f"[`{code}`]({_link_target(url)})" if url else f"`{code}`"


def _finding_row(finding: Finding, result: CheckResult, docs_url: str | None) -> str:
    parts = (standard_label(finding.standard) if finding.standard else "", finding.code or "")
    subject = " ".join(md(p) for p in parts if p) or "—"
    page = md(finding.page) if finding.page is not None else "—"
    message = md(shorten(finding.message, _MESSAGE))
    return (
        f"| {_ICON[finding.severity.value]} {finding.severity.value} | "
        f"{_rule(finding.rule, result, docs_url)} {md(finding.name)} | {subject} | "
        f"{page} | {message} |"
    )


def _code_span(text: str) -> str:
    return f"`{text.replace('`', 'ʼ')}`"


def render(result: CheckResult, options: RenderOptions) -> str:
    path = display_path(result.report.path, options.source_root)
    lines = [f"### xesg: {_code_span(path)}", "", *_body(result, options)]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_batch(
    results: Sequence[CheckResult],
    options: RenderOptions,
    html_links: Sequence[str | None] | None = None,
) -> str:
    """One comment for several reports: a table of their counts, then each report's summary
    folded (``<details>``), as many as fit GitHub's comment size."""
    links = list(html_links) if html_links is not None else [options.html_link] * len(results)
    if len(results) == 1:
        return render(results[0], replace(options, html_link=links[0]))
    total = sum(len(r.findings) for r in results)
    lines = [
        f"### xesg: {len(results)} reports, {plural(total, 'finding')}",
        "",
        "| Report | Errors | Warnings | Info |",
        "|---|--:|--:|--:|",
    ]
    for result in results:
        counts = result.counts()
        path = _code_span(display_path(result.report.path, options.source_root))
        lines.append(f"| {path} | {counts['error']} | {counts['warning']} | {counts['info']} |")
    lines.append("")
    size = sum(len(line) + 1 for line in lines)
    left_out = 0
    for result, link in zip(results, links, strict=True):
        path = display_path(result.report.path, options.source_root)
        section = [
            f"<details><summary>{_REFERENCE.sub(_JOINED, html.escape(path))}: "
            f"{plural(len(result.findings), 'finding')}</summary>",
            "",
            *_body(result, replace(options, html_link=link)),
            "</details>",
            "",
        ]
        length = sum(len(line) + 1 for line in section)
        if size + length > COMMENT_LIMIT:
            left_out += 1
            continue
        lines += section
        size += length
    if left_out:
        lines.append(
            f"{left_out} more report(s) left out: a comment holds {COMMENT_LIMIT} characters."
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def _body(result: CheckResult, options: RenderOptions) -> list[str]:
    report = result.report
    counts = result.counts()
    total = len(result.findings)
    lines: list[str] = []
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
            f"**{plural(total, 'finding')}**: {plural(counts['error'], 'error')}, "
            f"{plural(counts['warning'], 'warning')}, {counts['info']} info"
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
        lines += [_finding_row(f, result, options.docs_url) for f in top]
        if total > TOP:
            lines += ["", f"…and {total - TOP} more."]
        lines.append("")
    for note in result.notes:
        lines += [f"> {md(note)}", ""]
    if options.html_link is not None:
        lines += [f"Full report: [{md(options.html_link)}]({_link_target(options.html_link)})", ""]
    return lines
