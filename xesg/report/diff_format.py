"""``xesg diff`` as text for people and JSON for tools (docs/json-output.md): the
rendering of a :class:`xesg.diff.ResultDiff`, with the reporters' JSON and status order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from xesg.model.finding import Finding
from xesg.model.result import STATUSES
from xesg.report import DIFF_FORMATS, indented_json
from xesg.report.json_format import finding_data

if TYPE_CHECKING:
    from xesg.diff import ResultDiff

DIFF_SCHEMA_VERSION = 1


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, *f.sort_key()))


def _line(finding: Finding, was: Finding | None = None) -> str:
    subject = " ".join(p for p in (finding.standard or "", finding.code or "") if p)
    page = f"p. {finding.page}" if finding.page is not None else "no row"
    if was is not None and was.page != finding.page:
        page += f" (was {'p. ' + was.page if was.page is not None else 'no row'})"
    message = " ".join(finding.message.split())
    return (
        f"  {finding.severity.value:<7} {finding.rule} {finding.name:<30} "
        f"{subject or '—':<14} {page:<8} {message}"
    )


def _delta(before: int, after: int) -> str:
    return f"{before} → {after}" + (f" ({after - before:+d})" if after != before else "")


def _text(diff: ResultDiff) -> str:
    lines = [
        f"xesg diff: {diff.old_report} → {diff.new_report}",
        f"Findings: {len(diff.new)} new, {len(diff.fixed)} fixed, "
        f"{len(diff.unchanged)} unchanged ({len(diff.moved)} on another page)",
    ]
    for title, findings in (("New", diff.new), ("Fixed", diff.fixed)):
        if findings:
            lines += ["", f"{title} ({len(findings)}):"]
            lines += [_line(f) for f in _ordered(findings)]
    if diff.unchanged:
        lines += ["", f"Unchanged ({len(diff.unchanged)}):"]
        pairs = sorted(diff.unchanged, key=lambda p: (-p[1].severity.rank, *p[1].sort_key()))
        lines += [_line(new, was=old) for old, new in pairs]
    if diff.coverage:
        lines += ["", "Coverage:"]
        for change in diff.coverage:
            before = change.before or dict.fromkeys(STATUSES, 0)
            after = change.after or dict.fromkeys(STATUSES, 0)
            counts = ", ".join(f"{s} {_delta(before[s], after[s])}" for s in STATUSES)
            suffix = (
                " (new)" if change.before is None else " (gone)" if change.after is None else ""
            )
            lines.append(f"  {change.standard}{suffix}: {counts}")
            for item in change.changes:
                lines.append(
                    f"    {item.code:<12} {item.before or 'not listed'} → "
                    f"{item.after or 'not listed'}  {item.title}"
                )
    for note in diff.notes:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines) + "\n"


def to_data(diff: ResultDiff) -> dict[str, Any]:
    return {
        "schema_version": DIFF_SCHEMA_VERSION,
        "old": {"report": diff.old_report},
        "new": {"report": diff.new_report},
        "summary": {
            "new": len(diff.new),
            "fixed": len(diff.fixed),
            "unchanged": len(diff.unchanged),
            "moved": len(diff.moved),
        },
        "findings": {
            "new": [finding_data(f) for f in diff.new],
            "fixed": [finding_data(f) for f in diff.fixed],
            "unchanged": [
                {**finding_data(new), "old_page": old.page, "old_line": old.line}
                for old, new in diff.unchanged
            ],
        },
        "coverage": [
            {
                "standard": c.standard,
                "before": c.before,
                "after": c.after,
                "changes": [
                    {"code": d.code, "title": d.title, "before": d.before, "after": d.after}
                    for d in c.changes
                ],
            }
            for c in diff.coverage
        ],
        "notes": list(diff.notes),
    }


def render_diff(diff: ResultDiff, fmt: str = "text") -> str:
    """``text`` for people, ``json`` for tools (see docs/json-output.md)."""
    if fmt not in DIFF_FORMATS:
        raise ValueError(f"unknown diff format {fmt!r}")
    return _text(diff) if fmt == "text" else indented_json(to_data(diff))
