"""Helpers shared by the reporters: ordering, coverage counts, findings per disclosure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from xesg.catalogue.descriptors import active
from xesg.model.finding import Finding, Severity
from xesg.model.result import STATUSES, CheckResult, DisclosureStatus

SEVERITIES = ("error", "warning", "info")


def detail_lines(finding: Finding, end: str = "") -> list[str]:
    """What a finding expected and found, and the index row, one line each (``end`` closes
    the expected/found sentences where a format wants full stops)."""
    lines = []
    if finding.expected is not None:
        lines.append(f"Expected: {finding.expected}{end}")
    if finding.found is not None:
        lines.append(f"Found: {finding.found}{end}")
    if finding.evidence is not None:
        lines.append(f"Index row: {finding.evidence}")
    return lines


def standard_label(standard: str | None) -> str:
    if standard is None:
        return "Report"
    return active().label(standard)


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; within a severity, most confident first, then report order."""
    return sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence.rank, *f.sort_key()))


def standards_in_order(result: CheckResult) -> list[str]:
    """Standards of the coverage in catalogue order, then any other checked standard."""
    order = list(dict.fromkeys(d.standard for d in result.coverage))
    return order + [s for s in result.standards if s not in order]


def status_counts(statuses: Iterable[DisclosureStatus]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status.status] += 1
    return counts


def coverage_by_standard(result: CheckResult) -> dict[str, list[DisclosureStatus]]:
    grouped: dict[str, list[DisclosureStatus]] = {s: [] for s in standards_in_order(result)}
    for status in result.coverage:
        grouped[status.standard].append(status)
    return grouped


@dataclass
class Attached:
    """Findings split between the disclosures they concern and the rest."""

    per_disclosure: list[list[Finding]]  # parallel to result.coverage
    untied: list[Finding] = field(default_factory=list)


def attach_findings(result: CheckResult) -> Attached:
    """Tie each finding to the coverage rows it concerns (same standard and code, and the
    coverage row lists its rule); findings tied to none are ``untied``."""
    index: dict[tuple[str | None, str | None], list[int]] = {}
    for position, status in enumerate(result.coverage):
        index.setdefault((status.standard, status.code), []).append(position)
    attached = Attached(per_disclosure=[[] for _ in result.coverage])
    for finding in result.findings:
        positions = [
            p
            for p in index.get((finding.standard, finding.code), [])
            if finding.rule in result.coverage[p].findings
        ]
        for p in positions:
            attached.per_disclosure[p].append(finding)
        if not positions:
            attached.untied.append(finding)
    return attached


@dataclass(frozen=True)
class Group:
    """Disclosures under one HKEx aspect or GRI section (``DisclosureStatus.parent``)."""

    key: str
    label: str
    members: tuple[DisclosureStatus, ...]


def groups(statuses: Sequence[DisclosureStatus]) -> list[Group]:
    """Group one standard's disclosures by aspect/section, in catalogue order. A disclosure
    whose parent is itself a disclosure (HKEx KPI A1.1 → aspect A1) joins its parent's group,
    and a disclosure that is a parent (aspect A1) heads its own; the others group by their
    parent (GRI "3. Governance", HKEx "Part B")."""
    codes = {(s.catalogue, s.code): s for s in statuses}
    parents = {(s.catalogue, s.parent) for s in statuses if s.parent is not None}
    keys: dict[str, str] = {}
    members: dict[str, list[DisclosureStatus]] = {}
    for status in statuses:
        head = codes.get((status.catalogue, status.parent or ""))
        if head is not None:
            key, label = f"{head.catalogue}/{head.code}", f"{head.code} {head.title}"
        elif (status.catalogue, status.code) in parents:
            key, label = f"{status.catalogue}/{status.code}", f"{status.code} {status.title}"
        else:
            parent = status.parent or status.catalogue
            key, label = f"{status.catalogue}/{parent}", parent
        keys.setdefault(key, label)
        members.setdefault(key, []).append(status)
    return [Group(key, keys[key], tuple(members[key])) for key in keys]


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary_lines(result: CheckResult, style: Callable[[str, str], str]) -> list[str]:
    """The findings counted by rule (most severe, then most frequent first; as ruff's
    ``--statistics``), then the totals by severity. ``style(text, severity)`` colours."""
    counts: dict[tuple[Severity, str, str], int] = {}
    for finding in result.findings:
        key = (finding.severity, finding.rule, finding.name)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda i: (-i[0][0].rank, -i[1], i[0][1]))
    width = len(str(max(counts.values(), default=0)))
    lines = [
        f"{n:>{width}}  {style(f'{severity.value:<7}', severity.value)}  {rule}  {name}"
        for (severity, rule, name), n in ordered
    ]
    total = result.counts()
    parts = [style(plural(total[s], s), s) for s in SEVERITIES]
    lines.append(f"{plural(len(result.findings), 'finding')}: {', '.join(parts)}")
    return lines
