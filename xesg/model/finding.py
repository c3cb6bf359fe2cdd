"""Findings: what a rule reports, with the evidence a reviewer needs to judge it."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict

from xesg.model.severity import Confidence, Severity

__all__ = ["Confidence", "Finding", "Severity"]


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
