"""Rules are documented: every rule has its generated page, and the pages are up to date."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from xesg.rules.docs import SECTIONS, rule_doc_file
from xesg.rules.registry import Rule, discover, rule

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"
RULES = discover()


@pytest.mark.parametrize("rule_obj", RULES, ids=[r.code for r in RULES])
def test_rule_page_is_generated_and_current(rule_obj: Rule) -> None:
    page = DOCS / f"{rule_obj.code}.md"
    assert page.exists(), f"run scripts/gen_rule_docs.py: {page.name} is missing"
    assert page.read_text(encoding="utf-8") == rule_doc_file(rule_obj), f"{page.name} is stale"
    for section in SECTIONS:
        assert f"## {section}" in page.read_text(encoding="utf-8")


def test_no_orphan_pages() -> None:
    documented = {p.stem for p in DOCS.glob("*.md")} - {"README"}
    assert documented == {r.code for r in RULES}


def test_registration_is_explicit() -> None:
    """Rule modules register nothing at import time: no module-level calls besides @rule."""
    package = Path(__file__).resolve().parents[1] / "xesg" / "rules"
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            assert not isinstance(node, ast.Expr) or isinstance(node.value, ast.Constant), (
                f"{path.name} runs code at import time"
            )


def test_bad_rule_metadata_is_refused() -> None:
    with pytest.raises(ValueError, match="must look like"):
        rule(code="X1", name="x", group="g", severity=RULES[0].severity, summary="s")
    with pytest.raises(ValueError, match="kebab-case"):
        rule(code="XYZ001", name="Not_Kebab", group="g", severity=RULES[0].severity, summary="s")


def _package(tmp_path: Path, name: str, module: str) -> object:
    import importlib
    import sys

    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "orphan.py").write_text(module, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp_path))


def test_module_without_rule_is_an_error(tmp_path: Path) -> None:
    package = _package(tmp_path, "fake_rules_a", '"""No rule here."""\n')
    with pytest.raises(RuntimeError, match="orphan defines no rule"):
        discover(package)  # type: ignore[arg-type]


def test_rule_without_doc_sections_is_an_error(tmp_path: Path) -> None:
    source = (
        '"""XYZ001 thing: undocumented."""\n'
        "from xesg.model.finding import Severity\n"
        "from xesg.rules.registry import rule\n\n"
        "@rule(code='XYZ001', name='thing', group='g', severity=Severity.INFO, summary='s')\n"
        "def thing(ctx):\n    return []\n"
    )
    package = _package(tmp_path, "fake_rules_b", source)
    with pytest.raises(RuntimeError, match="docstring lacks section"):
        discover(package)  # type: ignore[arg-type]
