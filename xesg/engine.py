"""Run the selected rules and apply the configured policy: severity overrides, minimum
confidence, waivers and the baseline."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from xesg.config import Config, Waiver
from xesg.errors import XesgError
from xesg.model.finding import Finding
from xesg.model.index import IndexTable
from xesg.model.result import WaivedFinding
from xesg.model.severity import Confidence
from xesg.rules.context import CheckContext
from xesg.rules.page_evidence import with_page_evidence
from xesg.rules.registry import Need, Reading, Rule, Walk


def _terms(values: Iterable[str]) -> list[str]:
    """``--select PAG001,PAG002 --select claims`` → ``PAG001``, ``PAG002``, ``claims``."""
    return [term.strip() for value in values for term in value.split(",") if term.strip()]


def expand_selectors(values: Iterable[str], rules: Sequence[Rule], option: str) -> set[str]:
    """The codes of the rules that ``values`` name, as ruff reads ``--select``: comma lists of
    codes or names (``PAG001``, ``page-out-of-range``), code prefixes (``PAG``, ``PAG00``),
    groups (``pages``) or ``ALL``. A term that names no rule is an error, never ignored."""
    codes: set[str] = set()
    for term in _terms(values):
        upper = term.upper()
        chosen = {
            r.code
            for r in rules
            if upper == "ALL" or r.code.startswith(upper) or term.lower() in (r.name, r.group)
        }
        if not chosen:
            raise XesgError(
                f"unknown rule {term} in {option}: no rule has this code, code prefix, name "
                "or group (see `xesg rules`)"
            )
        codes |= chosen
    return codes


def select_rules(rules: Sequence[Rule], config: Config) -> list[Rule]:
    known = {r.code for r in rules} | {r.name for r in rules}
    asked = {*config.severity, *config.rules} | {w.rule for w in config.waivers}
    unknown = sorted(asked - known)
    if unknown:
        raise XesgError(f"unknown rule {', '.join(unknown)} (see `xesg rules`)")
    selected = expand_selectors(config.select, rules, "select") if config.select else None
    ignored = expand_selectors(config.ignore, rules, "ignore")
    return [r for r in rules if (selected is None or r.code in selected) and r.code not in ignored]


def run_rules(
    ctx: CheckContext, rules: Sequence[Rule], options: Mapping[str, BaseModel] | None = None
) -> tuple[Finding, ...]:
    """Every applicable rule's findings with the words of the pages their rows cite, sorted.
    ``options`` are the rules' validated options by code (a rule's defaults where absent)."""
    findings = with_page_evidence(
        ctx,
        [
            _as_sure_as_the_reading(ctx.index, rule, f)
            for rule in rules
            if _applies(ctx, rule)
            for f in _check(ctx, rule, (options or {}).get(rule.code))
        ],
    )
    # Dict keys drop exact duplicates (one malformed reference repeated in a merged cell).
    unique = dict.fromkeys(findings)
    return tuple(sorted(unique, key=Finding.sort_key))


def _applies(ctx: CheckContext, rule: Rule) -> bool:
    """The report has what the rule needs (e.g. no HKEx coverage rules on a GRI-only index)."""
    if rule.standards and not set(rule.standards) & set(ctx.standards):
        return False
    if Need.INDEX in rule.needs and not ctx.index.found:
        return False
    return Need.PRINTED_PAGES not in rule.needs or ctx.printed_pages


def _check(ctx: CheckContext, rule: Rule, options: BaseModel | None) -> Iterator[Finding]:
    """The rule's check called on each subject of its walk, with its options."""
    last: tuple[BaseModel, ...] = ()
    if rule.options is not None:
        last = (options if options is not None else rule.options(),)
    for subject in _subjects(ctx, rule):
        yield from rule.check(ctx, *subject, *last)


def _subjects(ctx: CheckContext, rule: Rule) -> Iterable[tuple[object, ...]]:
    if rule.walks is Walk.REPORT:
        return [()]
    if rule.walks is Walk.ROW:
        rows = ctx.catalogued_rows() if Need.CATALOGUE in rule.needs else ctx.index.entries
        return ((e,) for e in rows if not rule.standards or e.standard in rule.standards)
    if rule.walks is Walk.PAGE:
        return ((page,) for page in ctx.report.pages)
    if rule.walks is Walk.TEXT_PAGE:
        return ((page,) for page in ctx.report.pages if page.label not in ctx.index.pages)
    standards = [s for s in ctx.standards if not rule.standards or s in rule.standards]
    return ((c, d) for s in standards for c in ctx.current(s) for d in c.disclosures)


def _as_sure_as_the_reading(index: IndexTable, rule: Rule, finding: Finding) -> Finding:
    """A finding that rests on an uncertain reading says so in its confidence (low): a
    coverage finding while the index was read short (IDX009), a title finding when a table's
    cells ran together so that its descriptions were cut where the code stood (the inline
    layout, whose columns are guessed)."""
    uncertain = (Reading.COMPLETE_INDEX in rule.rests_on and not index.complete) or (
        Reading.COLUMNS in rule.rests_on and "inline" in index.layout.split("+")
    )
    if not uncertain or finding.confidence is Confidence.LOW:
        return finding
    return finding.model_copy(update={"confidence": Confidence.LOW})


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...]  # what counts: not waived, not in the baseline
    waived: tuple[WaivedFinding, ...]
    unused_waivers: tuple[str, ...]
    baselined: int


def _waiver_for(finding: Finding, waivers: Sequence[Waiver]) -> Waiver | None:
    for waiver in waivers:
        if waiver.rule not in (finding.rule, finding.name):
            continue
        if waiver.code is not None and waiver.code != finding.code:
            continue
        if waiver.page is not None and waiver.page != finding.page:
            continue
        return waiver
    return None


def _describe(waiver: Waiver) -> str:
    where = "".join(
        f" {k}={v}" for k, v in (("code", waiver.code), ("page", waiver.page)) if v is not None
    )
    return f"{waiver.rule}{where} ({waiver.reason})"


def apply_policy(
    findings: Sequence[Finding],
    rules: Sequence[Rule],
    config: Config,
    *,
    use_waivers: bool = True,
    baseline: Collection[str] = (),
) -> Outcome:
    overrides = {r.code: config.severity.get(r.code) or config.severity.get(r.name) for r in rules}
    kept: list[Finding] = []
    waived: list[WaivedFinding] = []
    used: set[int] = set()
    hidden = 0
    for finding in findings:
        severity = overrides.get(finding.rule)
        if severity is not None:
            finding = finding.model_copy(update={"severity": severity})
        if (
            finding.confidence.rank < config.min_confidence.rank
            or finding.severity.rank < config.min_severity.rank
        ):
            continue
        waiver = _waiver_for(finding, config.waivers) if use_waivers else None
        if waiver is not None:
            used.add(id(waiver))
            waived.append(WaivedFinding(finding=finding, reason=waiver.reason))
        elif finding.fingerprint in baseline:
            hidden += 1
        else:
            kept.append(finding)
    unused = tuple(_describe(w) for w in config.waivers if id(w) not in used) if use_waivers else ()
    return Outcome(tuple(kept), tuple(waived), unused, hidden)
