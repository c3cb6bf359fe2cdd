"""Rewrite the ``expect`` of every rule case from what the code reports now.

    .venv/bin/python -m tests.rules.update_cases [CODE ...]

Only the ``expect`` entries are rewritten; the rest of each case file stays as written. Run
it after a change of a rule's findings or wording, then review the case files' diff: it is
the review of that change.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from tests.rules.test_rule_cases import CASES, case_findings, snapshot

_EXPECT = re.compile(r"^(?P<indent> *)expect:")


def _block(indent: str, found: list[dict[str, str | None]]) -> list[str]:
    if not found:
        return [f"{indent}expect: []\n"]
    text = yaml.safe_dump(found, allow_unicode=True, sort_keys=False, width=10_000)
    return [f"{indent}expect:\n", *(f"{indent}  {line}\n" for line in text.splitlines())]


def rewrite(path: Path) -> bool:
    """Rewrite ``path``'s expectations; True when anything changed."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    cases: list[dict[str, Any]] = data["cases"]
    at = 0
    i = 0
    while i < len(lines):
        match = _EXPECT.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        indent = match["indent"]
        i += 1  # the old value: the rest of the line, the lines indented deeper, and the
        # items of a block sequence written at the key's own indent
        while (
            i < len(lines)
            and lines[i].strip()
            and lines[i].startswith((f"{indent} ", f"{indent}- "))
        ):
            i += 1
        with tempfile.TemporaryDirectory() as tmp:
            found = snapshot(case_findings(cases[at], Path(tmp)), data["rule"])
        out += _block(indent, found)
        at += 1
    if at != len(cases):
        raise SystemExit(f"{path}: {len(cases)} cases but {at} expect entries")
    new = "".join(out)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(codes: list[str]) -> None:
    for path in sorted(CASES.glob("*.yaml")):
        if codes and path.stem not in codes:
            continue
        if rewrite(path):
            print(f"rewrote {path.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
