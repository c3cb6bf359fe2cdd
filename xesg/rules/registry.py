"""Rule registration: a decorator records a rule's metadata; ``discover`` collects them.

A rule declares what it walks (:class:`Walk`: the report once, each index row, each page, each
disclosure) and what it needs (:class:`Need`: an index, printed pages, a catalogue for the row;
its ``standards``); the engine walks, applies those guards once, and calls the check with each
subject and the rule's typed options. What a finding's confidence rests on (:class:`Reading`)
is declared too, and applied by the engine.

Registration is explicit — importing a module registers nothing. ``discover`` walks the rule
packages, collects the :class:`Rule` objects each module defines, and fails loudly when a
module defines none (a rule file that forgot its decorator) or two rules share a code or name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from xesg.config import Config
from xesg.errors import XesgError
from xesg.model.finding import Confidence, Finding, Severity
from xesg.model.index import IndexEntry, row_evidence

# A check's arguments are the context, the subjects of its walk and (when the rule has them)
# its options: the decorator checks the count, mypy each rule's own annotations.
CheckFn = Callable[..., Iterable[Finding]]


class Walk(Enum):
    """What a rule's check is called on, one call per subject (the engine walks)."""

    REPORT = "the report, once"  # check(ctx)
    ROW = "each index row"  # check(ctx, entry): rows of the rule's standards, in index order
    PAGE = "each page"  # check(ctx, page)
    TEXT_PAGE = "each page outside the index"  # check(ctx, page): the report's own text
    # check(ctx, catalogue, disclosure): each disclosure of the editions in force of the rule's
    # standards (of every selected standard when it names none)
    DISCLOSURE = "each disclosure in force"


class Need(Enum):
    """What a rule needs of the report; without it the engine does not call the check."""

    INDEX = "an index"  # a content index was found
    # Page references that point into this document: it has printed page numbers (page
    # breaks), and it is not a standalone index whose references point into another report.
    PRINTED_PAGES = "printed pages"
    CATALOGUE = "a catalogue"  # with Walk.ROW: only rows of a standard with a catalogue


class Reading(Enum):
    """What a rule's findings stand on besides the rule: where the reading of the index is
    uncertain there, the engine gives the findings low confidence."""

    COMPLETE_INDEX = "every row of the index"  # read short: IDX009
    COLUMNS = "the index's columns"  # guessed where a table's cells ran together (inline)


class Wording(NamedTuple):
    """What a finding says: its message, what was expected and what was found instead."""

    message: str
    expected: str | None
    found: str | None


@dataclass(frozen=True)
class Message:
    """A finding's wording as templates over named fields (``str.format``: ``{code}``,
    ``{score:.2f}``, ``{raw!r}``). A rule declares its messages beside it — the wording of
    every finding it makes, in one place — and its check fills in the fields:
    ``REVERSED(code=entry.code, raw=location.raw)``. A field the template names and the
    check does not give is an error (KeyError), never an empty gap."""

    text: str
    expected: str | None = None
    found: str | None = None

    def __call__(self, **fields: object) -> Wording:
        return Wording(
            self.text.format(**fields),
            None if self.expected is None else self.expected.format(**fields),
            None if self.found is None else self.found.format(**fields),
        )


_SUBJECTS = {
    Walk.REPORT: 0,
    Walk.ROW: 1,
    Walk.PAGE: 1,
    Walk.TEXT_PAGE: 1,
    Walk.DISCLOSURE: 2,
}
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
    walks: Walk = Walk.REPORT
    needs: frozenset[Need] = frozenset()
    rests_on: frozenset[Reading] = frozenset()

    @property
    def doc(self) -> str:
        return (sys.modules[self.module].__doc__ or "").strip()

    def finding(
        self,
        wording: Wording,
        *,
        standard: str | None = None,
        code: str | None = None,
        page: str | None = None,
        line: int | None = None,
        evidence: str | None = None,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
    ) -> Finding:
        """A finding that says ``wording`` (a :class:`Message` filled in) about the place
        given."""
        message, expected, found = wording
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
        self, entry: IndexEntry, wording: Wording, *, severity: Severity | None = None
    ) -> Finding:
        """A finding about an index row: its standard, code, page, line and text as evidence."""
        return self.finding(wording, severity=severity, **_row_fields(entry))


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
    walks: Walk = Walk.REPORT,
    needs: Iterable[Need] = (),
    rests_on: Iterable[Reading] = (),
) -> Callable[[CheckFn], Rule]:
    """Declare a rule. The module's docstring is its documentation; the check takes the
    context, the subjects of what it ``walks``, and its ``options`` when it has them."""
    if not re.fullmatch(r"[A-Z]{3}\d{3}", code):
        raise ValueError(f"rule code {code!r} must look like ABC123")
    if not re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    needed = frozenset(needs)
    if Need.CATALOGUE in needed and walks is not Walk.ROW:
        raise ValueError(f"{code}: Need.CATALOGUE chooses rows; the rule walks {walks.value}")

    def wrap(check: CheckFn) -> Rule:
        arguments = 1 + _SUBJECTS[walks] + (options is not None)
        if len(inspect.signature(check).parameters) != arguments:
            raise ValueError(
                f"{code}: a check that walks {walks.value}"
                f"{' with options' if options else ''} takes {arguments} arguments"
            )
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
            walks,
            needed,
            frozenset(rests_on),
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
