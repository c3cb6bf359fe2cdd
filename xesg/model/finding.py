"""Findings: what a rule reports, with the evidence a reviewer needs to judge it."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Confidence(StrEnum):
    """How sure a rule is (text matching is uncertain); separate from severity."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class Finding(BaseModel):
    """One finding. Ordered by page, rule and code so output is deterministic."""

    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: Severity
    confidence: Confidence = Confidence.HIGH
    standard: str | None
    code: str | None
    page: str | None  # printed label of the index row's page, None when the row is absent
    line: int | None = None
    message: str
    expected: str | None = None
    found: str | None = None
    evidence: str | None = None
    # The cited page's own words: "P38: …lost days due to work injury fell to 120…", and the
    # words in it that match the disclosure (highlighted in the HTML report).
    page_evidence: str | None = None
    page_terms: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Stable identity across runs: rule, standard, code and the finding's subject text —
        never page or line numbers, so renumbering a report does not make findings "new"."""
        subject = " ".join((self.found or "").lower().split())
        basis = "\x1f".join((self.rule, self.standard or "", self.code or "", subject))
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[int, int, str, str]:
        return (
            self.line if self.line is not None else 10**9,
            -self.severity.rank,
            self.rule,
            self.code or "",
        )
