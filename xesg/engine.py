"""Run the selected rules over a check context and order their findings."""

from __future__ import annotations

from collections.abc import Sequence

from xesg.model.finding import Finding
from xesg.rules.context import CheckContext
from xesg.rules.registry import Rule


def run_rules(ctx: CheckContext, rules: Sequence[Rule]) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(ctx))
    # Dict keys drop exact duplicates (one malformed reference repeated in a merged cell).
    unique = dict.fromkeys(findings)
    return tuple(sorted(unique, key=Finding.sort_key))
