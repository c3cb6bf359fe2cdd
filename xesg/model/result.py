"""The outcome of one check: what was read, what was parsed, what was found."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from xesg.model.finding import Finding
from xesg.model.index import IndexTable
from xesg.model.severity import Confidence, Severity


class ReportSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str = ""
    encoding: str
    pagination: str
    label_method: str = ""
    page_count: int
    first_label: str | None
    last_label: str | None
    label_sources: dict[str, int]  # how many pages got their label how


class CatalogueUsed(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    standard: str
    edition: str


Status = Literal["located", "explained", "missing", "defective"]
STATUSES: tuple[str, ...] = get_args(Status)  # in the order outputs list them


class DisclosureStatus(BaseModel):
    """How the index covers one catalogue disclosure (the gap table of the HTML report)."""

    model_config = ConfigDict(frozen=True)

    standard: str
    catalogue: str
    code: str
    title: str
    level: str
    parent: str | None
    status: Status
    required: bool = True  # does the report's claim level require it?
    rows: tuple[str, ...]  # the index rows as written (evidence)
    pages: tuple[str, ...]  # cited printed pages
    findings: tuple[str, ...]  # rule codes of findings about this disclosure


class WaivedFinding(BaseModel):
    """A finding accepted by a waiver in the configuration, with the waiver's reason."""

    model_config = ConfigDict(frozen=True)

    finding: Finding
    reason: str


class RuleDescriptor(BaseModel):
    """A rule as an output describes it. The result carries one for each rule with a finding
    (or a waived finding) in it, so that a reporter says what a rule is without knowing the
    rule registry (``xesg.report`` imports nothing from ``xesg.rules``)."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    summary: str  # one line, as `xesg rules` lists it
    group: str
    severity: Severity  # its default severity
    confidence: Confidence
    doc: str  # its docstring: the rule's documentation as text
    page: str  # its documentation page in Markdown, as `xesg explain` prints it


class CheckResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    tool: str
    version: str
    report: ReportSummary
    standards: tuple[str, ...]
    catalogues: tuple[CatalogueUsed, ...]
    index: IndexTable
    findings: tuple[Finding, ...]
    coverage: tuple[DisclosureStatus, ...] = ()
    claims: dict[str, str] = {}  # standard -> claim level detected in the report's text
    waived: tuple[WaivedFinding, ...] = ()
    unused_waivers: tuple[str, ...] = ()  # waivers that matched nothing (stale config)
    baselined: int = 0  # findings hidden because the baseline already holds them
    notes: tuple[str, ...] = ()
    rules: tuple[RuleDescriptor, ...] = ()  # the rules of the findings and waived findings

    def rule(self, code: str) -> RuleDescriptor | None:
        """The descriptor of rule ``code``; None for a rule the result does not describe (a
        finding built elsewhere, of a rule xesg does not have)."""
        return next((rule for rule in self.rules if rule.code == code), None)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def codes_per_standard(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.index.entries:
            key = entry.standard or "unknown"
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))
