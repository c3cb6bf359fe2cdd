"""GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message``.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, so at most
:data:`CAP` of each are printed, most severe (then most confident, then in report order) first,
followed by one summary line with the totals and how many findings were not annotated. Values
are escaped as the runner expects: ``%``, CR and LF in messages; additionally ``:`` and ``,``
in properties.
"""

from __future__ import annotations

from xesg.model.finding import Finding, Severity
from xesg.model.result import CheckResult
from xesg.report import RenderOptions
from xesg.report._common import by_severity, detail_lines, standard_label
from xesg.report.paths import display_path

CAP = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, path: str) -> str:
    properties = [f"file={escape_property(path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
    properties.append(f"title={escape_property(f'{finding.rule} {finding.name}')}")
    subject = " ".join(
        p
        for p in (
            standard_label(finding.standard) if finding.standard else "",
            finding.code or "",
            f"(page {finding.page})" if finding.page is not None else "",
        )
        if p
    )
    lines = [
        f"{subject}: {finding.message}" if subject else finding.message,
        *detail_lines(finding),
    ]
    return (
        f"::{COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(chr(10).join(lines))}"
    )


def render(result: CheckResult, options: RenderOptions) -> str:
    # Annotations attach to the repository's files: the path relative to its root.
    path = display_path(result.report.path, options.source_root)
    lines: list[str] = []
    shown = 0
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        of_severity = by_severity(f for f in result.findings if f.severity is severity)
        lines += [command(f, path) for f in of_severity[:CAP]]
        shown += min(len(of_severity), CAP)
    counts = result.counts()
    total = len(result.findings)
    hidden = total - shown
    summary = (
        f"xesg: {total} finding{'' if total == 1 else 's'} in {path} "
        f"({counts['error']} error{'' if counts['error'] == 1 else 's'}, "
        f"{counts['warning']} warning{'' if counts['warning'] == 1 else 's'}, "
        f"{counts['info']} info); {shown} annotated"
        + (f", {hidden} not annotated (GitHub shows at most {CAP} per type)" if hidden else "")
        + "."
    )
    # One plain line: a line break in the path must not start a workflow command.
    lines.append(summary.replace("\r", " ").replace("\n", " "))
    return "\n".join(lines) + "\n"
