"""Render a rule's docstring as its documentation page (``docs/rules/<CODE>.md``)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection

from xesg.model.result import RuleDescriptor
from xesg.rules.registry import Rule, discover

SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")
OPTIONAL_SECTIONS = ("Options",)
GENERATED_MARK = "<!-- Generated from the rule's docstring by scripts/gen_rule_docs.py. -->"
_EXAMPLE_ITEM = re.compile(r"^(Fails|Passes|Reported|Not reported)", re.MULTILINE)


def _sentence(text: str) -> str:
    text = " ".join(text.split()).replace("``", "`")
    return text[:1].upper() + text[1:]


def rule_page(rule: Rule) -> str:
    doc = rule.doc
    head, _, body = doc.partition("\n\n")
    names = "|".join((*SECTIONS, *OPTIONAL_SECTIONS))
    parts = re.split(rf"^({names})\n", body, flags=re.MULTILINE)
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        _sentence(head.split(": ", 1)[-1]),
        "",
        f"- **Group:** {rule.group}",
        f"- **Default severity:** {rule.severity.value}",
        f"- **Confidence:** {rule.confidence.value}",
        f"- **Applies to:** {', '.join(rule.standards) if rule.standards else 'any standard'}",
        "",
    ]
    for title, text in zip(parts[1::2], parts[2::2], strict=True):
        body_text = textwrap.dedent(text).strip().replace("``", "`")
        if title == "Example":
            body_text = _EXAMPLE_ITEM.sub(r"- \1", body_text)
        lines += [f"## {title}", "", body_text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def descriptor(rule: Rule) -> RuleDescriptor:
    """What an output says about ``rule`` (carried in the result for the reporters)."""
    return RuleDescriptor(
        code=rule.code,
        name=rule.name,
        summary=rule.summary,
        group=rule.group,
        severity=rule.severity,
        confidence=rule.confidence,
        doc=rule.doc,
        page=rule_page(rule),
    )


def descriptors(codes: Collection[str]) -> tuple[RuleDescriptor, ...]:
    """The descriptors of the rules with these codes, by code: every rule xesg has, selected
    or not (a finding may come from the engine on a rule's behalf); a code no rule has, none."""
    return tuple(
        descriptor(rule) for rule in sorted(discover(), key=lambda r: r.code) if rule.code in codes
    )


def rule_doc_file(rule: Rule) -> str:
    """The page as ``docs/rules/<CODE>.md`` holds it: marked as generated (for its editors;
    ``xesg explain`` and SARIF help show the page without the mark)."""
    return rule_page(rule) + "\n" + GENERATED_MARK + "\n"
