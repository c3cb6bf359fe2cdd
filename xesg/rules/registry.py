"""Rule registration: a decorator records a rule's metadata; ``discover`` collects them.

Registration is explicit — importing a module registers nothing. ``discover`` walks the rule
packages, collects the :class:`Rule` objects each module defines, and fails loudly when a
module defines none (a rule file that forgot its decorator) or two rules share a code or name.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ValidationError

from xesg.config import Config
from xesg.errors import XesgError
from xesg.model.finding import Confidence, Finding, Severity
from xesg.model.index import IndexEntry, row_evidence
from xesg.rules.context import CheckContext

CheckFn = Callable[[CheckContext], Iterable[Finding]]
_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")
_NOT_RULES = {"registry", "context", "helpers", "docs", "page_evidence"}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    group: str
    severity: Severity
    summary: str
    check: CheckFn
    module: str
    confidence: Confidence = Confidence.HIGH
    options: type[BaseModel] | None = None  # typed options, set in [tool.xesg.rules.CODE]
    standards: tuple[str, ...] = ()  # the standards it applies to; empty: any

    @property
    def doc(self) -> str:
        return (sys.modules[self.module].__doc__ or "").strip()

    def finding(
        self,
        *,
        message: str,
        standard: str | None = None,
        code: str | None = None,
        page: str | None = None,
        line: int | None = None,
        expected: str | None = None,
        found: str | None = None,
        evidence: str | None = None,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
    ) -> Finding:
        return Finding(
            rule=self.code,
            name=self.name,
            severity=severity or self.severity,
            confidence=confidence or self.confidence,
            standard=standard,
            code=code,
            page=page,
            line=line,
            message=message,
            expected=expected,
            found=found,
            evidence=evidence,
        )

    def row_finding(
        self,
        entry: IndexEntry,
        *,
        message: str,
        expected: str | None = None,
        found: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding about an index row: its standard, code, page, line and text as evidence."""
        return self.finding(
            message=message, expected=expected, found=found, severity=severity, **_row_fields(entry)
        )


def _row_fields(entry: IndexEntry) -> dict[str, Any]:
    return {
        "standard": entry.standard,
        "code": entry.code,
        "page": entry.page,
        "line": entry.line,
        "evidence": row_evidence(entry),
    }


def rule(
    *,
    code: str,
    name: str,
    group: str,
    severity: Severity,
    summary: str,
    confidence: Confidence = Confidence.HIGH,
    options: type[BaseModel] | None = None,
    standards: tuple[str, ...] = (),
) -> Callable[[CheckFn], Rule]:
    """Declare a rule. The module's docstring is its documentation."""
    if not re.fullmatch(r"[A-Z]{3}\d{3}", code):
        raise ValueError(f"rule code {code!r} must look like ABC123")
    if not re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", name):
        raise ValueError(f"rule name {name!r} must be kebab-case")

    def wrap(check: CheckFn) -> Rule:
        return Rule(
            code,
            name,
            group,
            severity,
            summary,
            check,
            check.__module__,
            confidence,
            options,
            standards,
        )

    return wrap


def _rule_modules(package: ModuleType) -> Iterable[ModuleType]:
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        leaf = info.name.rsplit(".", 1)[-1]
        if info.ispkg or leaf in _NOT_RULES or leaf.startswith("_"):
            continue
        yield importlib.import_module(info.name)


def discover(package: ModuleType | None = None) -> list[Rule]:
    """Every rule of the ``xesg.rules`` packages (or of ``package``), sorted by code."""
    if package is None:
        package = importlib.import_module("xesg.rules")
    rules: list[Rule] = []
    for module in _rule_modules(package):
        found = [
            v for v in vars(module).values() if isinstance(v, Rule) and v.module == module.__name__
        ]
        if not found:
            raise RuntimeError(f"{module.__name__} defines no rule (missing @rule decorator?)")
        missing = [s for s in _SECTIONS if f"{s}\n" not in (module.__doc__ or "")]
        if missing:
            raise RuntimeError(
                f"{module.__name__}: docstring lacks section(s) {', '.join(missing)}"
            )
        rules.extend(found)
    for attribute in ("code", "name"):
        values = [getattr(r, attribute) for r in rules]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise RuntimeError(f"rule {attribute} used twice: {', '.join(duplicates)}")
    return sorted(rules, key=lambda r: r.code)


def rule_options(rules: Iterable[Rule], config: Config) -> dict[str, BaseModel]:
    """Each rule's validated options (its defaults where the configuration says nothing)."""
    validated: dict[str, BaseModel] = {}
    for rule in rules:
        given = config.rules.get(rule.code) or config.rules.get(rule.name) or {}
        if rule.options is None:
            if given:
                raise XesgError(f"rule {rule.code} takes no options")
            continue
        try:
            validated[rule.code] = rule.options.model_validate(given)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"])
            raise XesgError(f"options of rule {rule.code}: {where}: {error['msg']}") from None
    return validated
