"""Concise output, one line per finding, as ruff's ``--output-format concise``:
``path:line: CODE [severity] message (page P)``, then the findings counted by rule.

The line is where in the report's text the finding is (its index row, or the sentence a
claims rule read); a finding about nothing written (a disclosure missing from the index) has
none: ``path: CODE [severity] message``. Editors and CI logs turn ``path:line:`` into a link.
"""

from __future__ import annotations

from xesg.model.finding import Finding
from xesg.model.result import CheckResult
from xesg.report import RenderOptions
from xesg.report._common import summary_lines

_ANSI = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def line(finding: Finding, path: str, color: bool = False) -> str:
    where = f"{path}:{finding.line}:" if finding.line is not None else f"{path}:"
    tag = _paint(f"[{finding.severity.value}]", finding.severity.value, color)
    message = " ".join(finding.message.split())
    page = f" (page {finding.page})" if finding.page is not None else ""
    return f"{where} {finding.rule} {tag} {message}{page}"


def _paint(text: str, severity: str, color: bool) -> str:
    return f"{_ANSI[severity]}{text}\x1b[0m" if color else text


def render(result: CheckResult, options: RenderOptions) -> str:
    path = " ".join(result.report.path.splitlines())  # one finding, one line
    lines = [] if options.summary_only else [line(f, path, options.color) for f in result.findings]
    if lines:
        lines.append("")
    lines += summary_lines(result, lambda text, severity: _paint(text, severity, options.color))
    return "\n".join(lines) + "\n"
