"""``xesg diff OLD.json NEW.json``: what changed between two runs — the year-over-year view.

:func:`diff_results` is a pure function of two JSON outputs (``--format json``, as parsed):
findings are matched by fingerprint (rule, standard, code and what was found — never page or
line, so a renumbered report does not make every finding "new"); a fingerprint that occurs
several times is matched as often as it occurs on both sides. Coverage is compared per
standard (counts per status) and per disclosure (status before → after).

Fingerprints are recomputed from each finding's fields with the current algorithm rather than
read from the file, so outputs written before findings carried a ``fingerprint`` compare too.
A :class:`ResultDiff` is rendered by :mod:`xesg.report.diff_format`, with the other outputs.
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
from xesg.model.result import STATUSES


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
