"""Regenerate docs/rules/ from the rules' docstrings: ``python scripts/gen_rule_docs.py``."""

from __future__ import annotations

from pathlib import Path

from xesg.rules.docs import rule_doc_file
from xesg.rules.registry import discover

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    rules = discover()
    for rule in rules:
        (DOCS / f"{rule.code}.md").write_text(rule_doc_file(rule), encoding="utf-8")
    index = ["# Rules", "", "| Code | Name | Group | Severity | Summary |", "|---|---|---|---|---|"]
    index += [
        f"| [{r.code}]({r.code}.md) | {r.name} | {r.group} | {r.severity.value} | {r.summary} |"
        for r in rules
    ]
    (DOCS / "README.md").write_text("\n".join(index) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
