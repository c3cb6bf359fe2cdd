"""``xesg diff OLD.json NEW.json``: what changed between two runs — the year-over-year view.

:func:`diff_results` is a pure function of two JSON outputs (``--format json``, as parsed):
findings are matched by fingerprint (rule, standard, code and what was found — never page or
line, so a renumbered report does not make every finding "new"); a fingerprint that occurs
several times is matched as often as it occurs on both sides. Coverage is compared per
standard (counts per status) and per disclosure (status before → after).

Fingerprints are recomputed from each finding's fields with the current algorithm rather than
read from the file, so outputs written before findings carried a ``fingerprint`` compare too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from xesg.errors import XesgError
from xesg.load.guard import MAX_RESULT_BYTES, read_bytes
from xesg.model.finding import Finding
from xesg.report import indented_json
from xesg.report.json_format import finding_data

STATUSES = ("located", "explained", "missing", "defective")
DIFF_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class DisclosureChange:
    standard: str
    code: str
    title: str
    before: str | None  # status in the old run; None: not in its gap table
    after: str | None


@dataclass(frozen=True)
class CoverageChange:
    standard: str
    before: dict[str, int] | None  # counts per status; None: the standard was not covered
    after: dict[str, int] | None
    changes: tuple[DisclosureChange, ...]


@dataclass(frozen=True)
class ResultDiff:
    old_report: str
    new_report: str
    new: tuple[Finding, ...]  # in the new run only
    fixed: tuple[Finding, ...]  # in the old run only
    unchanged: tuple[tuple[Finding, Finding], ...]  # (old, new) pairs with one fingerprint
    coverage: tuple[CoverageChange, ...]
    notes: tuple[str, ...] = ()

    @property
    def moved(self) -> tuple[tuple[Finding, Finding], ...]:
        """Unchanged findings whose index row moved to another page."""
        return tuple((old, new) for old, new in self.unchanged if old.page != new.page)


def _finding(data: Mapping[str, Any], side: str) -> Finding:
    try:
        return Finding.model_validate(dict(data))
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise XesgError(f"{side}: a finding is not valid ({where}: {problem['msg']})") from None


def _findings(data: Mapping[str, Any], side: str) -> list[Finding]:
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise XesgError(f"{side}: no 'findings' list; is it xesg's JSON output?")
    return [_finding(f, side) for f in findings if isinstance(f, Mapping)]


def _match(
    old: Sequence[Finding], new: Sequence[Finding]
) -> tuple[list[Finding], list[Finding], list[tuple[Finding, Finding]]]:
    waiting: dict[str, list[Finding]] = {}
    for finding in old:
        waiting.setdefault(finding.fingerprint, []).append(finding)
    added, unchanged = [], []
    for finding in new:
        candidates = waiting.get(finding.fingerprint)
        if candidates:
            unchanged.append((candidates.pop(0), finding))
        else:
            added.append(finding)
    left = {id(f) for remaining in waiting.values() for f in remaining}
    fixed = [f for f in old if id(f) in left]
    return added, fixed, unchanged


def _statuses(data: Mapping[str, Any]) -> dict[tuple[str, str], tuple[str, str]] | None:
    """``{(standard, code): (status, title)}`` in catalogue order, or None without coverage."""
    coverage = data.get("coverage")
    if not isinstance(coverage, list):
        return None
    statuses: dict[tuple[str, str], tuple[str, str]] = {}
    for item in coverage:
        if isinstance(item, Mapping):
            key = (str(item.get("standard")), str(item.get("code")))
            statuses.setdefault(key, (str(item.get("status")), str(item.get("title") or "")))
    return statuses


def _counts(statuses: Mapping[tuple[str, str], tuple[str, str]], standard: str) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for (std, _), (status, _) in statuses.items():
        if std == standard:
            counts[status] = counts.get(status, 0) + 1
    return counts


def _coverage(
    old: Mapping[tuple[str, str], tuple[str, str]], new: Mapping[tuple[str, str], tuple[str, str]]
) -> tuple[CoverageChange, ...]:
    keys = list(new) + [k for k in old if k not in new]
    standards = list(dict.fromkeys(k[0] for k in keys))
    changes = []
    for standard in standards:
        disclosures = []
        for key in keys:
            if key[0] != standard:
                continue
            before, after = old.get(key), new.get(key)
            if (before and before[0]) != (after and after[0]):
                title = (after or before or ("", ""))[1]
                disclosures.append(
                    DisclosureChange(
                        standard,
                        key[1],
                        title,
                        before[0] if before else None,
                        after[0] if after else None,
                    )
                )
        changes.append(
            CoverageChange(
                standard=standard,
                before=_counts(old, standard) if any(k[0] == standard for k in old) else None,
                after=_counts(new, standard) if any(k[0] == standard for k in new) else None,
                changes=tuple(disclosures),
            )
        )
    return tuple(changes)


def _report_path(data: Mapping[str, Any]) -> str:
    report = data.get("report")
    path = report.get("path") if isinstance(report, Mapping) else None
    return str(path) if path is not None else "?"


def diff_results(old: Mapping[str, Any], new: Mapping[str, Any]) -> ResultDiff:
    """Compare two runs, each the parsed JSON output of ``xesg check --format json``."""
    added, fixed, unchanged = _match(_findings(old, "old"), _findings(new, "new"))
    notes = []
    old_statuses, new_statuses = _statuses(old), _statuses(new)
    if old_statuses is None or new_statuses is None:
        which = " and ".join(
            side for side, s in (("old", old_statuses), ("new", new_statuses)) if s is None
        )
        notes.append(
            f"No coverage in the {which} output (written by an older xesg): "
            "coverage was not compared."
        )
        coverage: tuple[CoverageChange, ...] = ()
    else:
        coverage = _coverage(old_statuses, new_statuses)
    return ResultDiff(
        old_report=_report_path(old),
        new_report=_report_path(new),
        new=tuple(added),
        fixed=tuple(fixed),
        unchanged=tuple(unchanged),
        coverage=coverage,
        notes=tuple(notes),
    )


def load_output(path: Path) -> dict[str, Any]:
    """Read one JSON output; :class:`XesgError` (exit 2) when it is not one."""
    raw = read_bytes(path, MAX_RESULT_BYTES, "an xesg JSON output")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise XesgError(f"{path}: not UTF-8 text; expected xesg's JSON output") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise XesgError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:
        raise XesgError(f"{path}: JSON nested too deeply; expected xesg's JSON output") from None
    if not isinstance(data, dict) or "findings" not in data or "schema_version" not in data:
        raise XesgError(f"{path}: not xesg's JSON output (no schema_version/findings)")
    if data["schema_version"] != 1:
        raise XesgError(f"{path}: unsupported schema_version {data['schema_version']!r}")
    return data


def diff_files(old: Path, new: Path) -> ResultDiff:
    """:func:`diff_results` of two JSON output files, errors naming the file at fault."""
    old_data, new_data = load_output(old), load_output(new)
    try:
        return diff_results(old_data, new_data)
    except XesgError as exc:
        side, _, problem = str(exc).partition(": ")
        raise XesgError(f"{old if side == 'old' else new}: {problem}") from None


# --- rendering ---------------------------------------------------------------------------


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


DIFF_FORMATS = ("text", "json")


def render_diff(diff: ResultDiff, fmt: str = "text") -> str:
    """``text`` for people, ``json`` for tools (see docs/json-output.md)."""
    if fmt == "text":
        return _text(diff)
    if fmt == "json":
        return indented_json(to_data(diff))
    raise ValueError(f"unknown diff format {fmt!r}")
