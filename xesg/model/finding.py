"""Findings: what a rule reports, with the evidence a reviewer needs to judge it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Finding(BaseModel):
    """One finding. Ordered by page, rule and code so output is deterministic."""

    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: Severity
    standard: str | None
    code: str | None
    page: str | None  # printed label of the index row's page, None when the row is absent
    line: int | None = None
    message: str
    expected: str | None = None
    found: str | None = None
    evidence: str | None = None

    def sort_key(self) -> tuple[int, int, str, str]:
        return (
            self.line if self.line is not None else 10**9,
            -self.severity.rank,
            self.rule,
            self.code or "",
        )
