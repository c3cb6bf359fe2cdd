"""HTML gap report: one self-contained page (inline CSS and JS, no network) for reviewers.

Everything that comes from the report is untrusted text. The template autoescapes, the only
markup built in Python is :func:`highlight` (which escapes every piece of text before it wraps
a match in ``<mark>``), and a Content-Security-Policy allows no script but the page's own
inline one (by hash), so even a missed escape could not run injected code.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from xesg.model.finding import Finding
from xesg.model.result import STATUSES, CheckResult, DisclosureStatus
from xesg.report import RenderOptions
from xesg.report._common import (
    SEVERITIES,
    Group,
    attach_findings,
    by_severity,
    coverage_by_standard,
    groups,
    standard_label,
    status_counts,
)

_TEMPLATES = resources.files("xesg.report") / "templates"
_CSS = (_TEMPLATES / "gap.css").read_text(encoding="utf-8")
_JS = (_TEMPLATES / "gap.js").read_text(encoding="utf-8")
if "</" in _CSS or "</" in _JS:  # would end the inline <style>/<script> element early
    raise RuntimeError("inline CSS/JS must not contain '</'")
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)

_ENV = Environment(
    loader=PackageLoader("xesg.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def highlight(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped, with every case-insensitive occurrence of ``terms`` in ``<mark>``.

    Matches are found in the plain text, then each piece is escaped on its own before the
    pieces are joined — no markup is ever built from unescaped text, and a term can never
    match inside an entity that escaping produced (``&lt;``)."""
    words = sorted({t for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    pieces: list[Markup] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(Markup("<mark>%s</mark>") % match.group(0))  # %-formatting escapes
        position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def match_terms(finding: Finding) -> list[str]:
    """What to highlight in a finding's evidence: what the rule found, when the row contains
    it — as a whole, else its comma- or semicolon-separated parts (``2-9, 2-12``)."""
    evidence, found = (finding.evidence or "").lower(), (finding.found or "").strip()
    if not found:
        return []
    if found.lower() in evidence:
        return [found]
    parts = [p.strip() for p in re.split(r"[,;]", found)]
    return [p for p in parts if len(p) >= 2 and p.lower() in evidence]


@dataclass(frozen=True)
class FindingView:
    number: int
    anchor: str
    finding: Finding
    evidence: Markup | None
    page_evidence: Markup | None  # the cited page's words, the disclosure's words marked
    status: str  # status of the disclosure it concerns, "" when it concerns none
    disclosure: str | None  # anchor of that disclosure's gap-table row


@dataclass(frozen=True)
class RowView:
    anchor: str
    status: DisclosureStatus
    findings: tuple[FindingView, ...]
    severities: str  # space-separated, for the filters
    rules: str
    group: str


@dataclass(frozen=True)
class Bar:
    label: str
    counts: dict[str, int]
    total: int

    def width(self, status: str) -> str:
        return f"{100 * self.counts[status] / self.total:.3f}%" if self.total else "0%"


@dataclass(frozen=True)
class StandardView:
    standard: str
    label: str
    anchor: str
    catalogues: tuple[str, ...]  # catalogues of its gap table, in catalogue order
    bar: Bar
    group_bars: tuple[tuple[Group, Bar], ...]
    rows: tuple[RowView, ...]
    untied: tuple[FindingView, ...]


def _anchor(prefix: str, *parts: str) -> str:
    text = "-".join(parts)
    return prefix + re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def _views(result: CheckResult) -> tuple[list[StandardView], list[FindingView]]:
    attached = attach_findings(result)
    row_anchor: dict[int, str] = {}
    used: set[str] = set()
    for position, status in enumerate(result.coverage):
        anchor = _anchor("d-", status.catalogue, status.code)
        while anchor in used:  # two codes that differ only in punctuation
            anchor += "-x"
        used.add(anchor)
        row_anchor[position] = anchor
    disclosure_of: dict[int, int] = {}
    for position, concerning in enumerate(attached.per_disclosure):
        for finding in concerning:
            disclosure_of.setdefault(id(finding), position)
    finding_views: dict[int, FindingView] = {}
    ordered: list[FindingView] = []
    for number, finding in enumerate(by_severity(result.findings), start=1):
        tied = disclosure_of.get(id(finding))
        view = FindingView(
            number=number,
            anchor=f"f-{number}",
            finding=finding,
            evidence=highlight(finding.evidence, match_terms(finding))
            if finding.evidence is not None
            else None,
            page_evidence=highlight(finding.page_evidence, finding.page_terms)
            if finding.page_evidence is not None
            else None,
            status=result.coverage[tied].status if tied is not None else "",
            disclosure=row_anchor[tied] if tied is not None else None,
        )
        finding_views[id(finding)] = view
        ordered.append(view)

    standards = []
    positions = {id(s): p for p, s in enumerate(result.coverage)}
    for standard, statuses in coverage_by_standard(result).items():
        if not statuses:  # a standard checked without a catalogue to cover
            continue
        standard_groups = groups(statuses)
        group_of = {id(m): g.key for g in standard_groups for m in g.members}
        rows = []
        for status in statuses:
            at = positions[id(status)]
            related = [finding_views[id(f)] for f in attached.per_disclosure[at]]
            related.sort(key=lambda v: v.number)
            rows.append(
                RowView(
                    anchor=row_anchor[at],
                    status=status,
                    findings=tuple(related),
                    severities=" ".join(
                        s for s in SEVERITIES if any(v.finding.severity == s for v in related)
                    ),
                    rules=" ".join(sorted({v.finding.rule for v in related})),
                    group=group_of[id(status)],
                )
            )
        untied = tuple(
            v for v in ordered if v.disclosure is None and v.finding.standard == standard
        )
        standards.append(
            StandardView(
                standard=standard,
                label=standard_label(standard),
                anchor=_anchor("s-", standard),
                catalogues=tuple(dict.fromkeys(s.catalogue for s in statuses)),
                bar=Bar(standard_label(standard), status_counts(statuses), len(statuses)),
                group_bars=tuple(
                    (g, Bar(g.label, status_counts(g.members), len(g.members)))
                    for g in standard_groups
                ),
                rows=tuple(rows),
                untied=untied,
            )
        )
    return standards, ordered


@dataclass(frozen=True)
class Filters:
    rules: tuple[tuple[str, str], ...]  # (code, name) of rules with findings
    standards: tuple[tuple[str, str], ...]  # (standard, label)
    statuses: tuple[str, ...] = STATUSES
    severities: tuple[str, ...] = SEVERITIES


def _catalogues(result: CheckResult) -> list[tuple[str, list[tuple[str, str]]]]:
    """Catalogues used, per standard: ``[(label, [(id, edition), …]), …]``."""
    per_standard: dict[str, list[tuple[str, str]]] = {}
    for catalogue in sorted(result.catalogues, key=lambda c: (c.standard, c.id)):
        per_standard.setdefault(catalogue.standard, []).append((catalogue.id, catalogue.edition))
    return [(standard_label(s), ids) for s, ids in per_standard.items()]


def claim_items(result: CheckResult) -> list[tuple[str, str]]:
    """Detected (or configured) claim levels as ``(label, value)``, standards first."""
    known = [k for k in result.claims if k in result.standards]
    other = sorted(k for k in result.claims if k not in known)
    return [(standard_label(k), result.claims[k]) for k in sorted(known)] + [
        (k.replace("_", " ").capitalize(), result.claims[k]) for k in other
    ]


def render(result: CheckResult, options: RenderOptions) -> str:
    standards, findings = _views(result)
    shown = {view.standard for view in standards}
    filters = Filters(
        rules=tuple(sorted({(f.rule, f.name) for f in result.findings})),
        standards=tuple((s.standard, s.label) for s in standards)
        + tuple(
            (s, standard_label(s))
            for s in sorted({f.standard for f in result.findings if f.standard} - shown)
        ),
    )
    template = _ENV.get_template("gap.html.j2")
    return template.render(
        result=result,
        report=result.report,
        counts=result.counts(),
        catalogues=_catalogues(result),
        standards=standards,
        findings=findings,
        other_untied=[
            v for v in findings if v.disclosure is None and v.finding.standard not in shown
        ],
        filters=filters,
        statuses=STATUSES,
        css=Markup(_CSS),
        js=Markup(_JS),
        csp=CSP,
        label=standard_label,
        claims=claim_items(result),
    )
