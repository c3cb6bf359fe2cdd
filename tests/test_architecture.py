"""The house's layout is its data flow, load → index → catalogue → analysis → rules → report:
a package imports nothing from a stage after it. Read from the source (tests/test_imports.py
builds the graph: imports inside functions count, ``if TYPE_CHECKING:`` ones do not).
"""

from __future__ import annotations

import pytest

from tests.test_imports import cycles, import_graph


def _package(module: str) -> str:
    """``xesg.load.pdf`` → ``xesg.load``; a top-level module (``xesg.pipeline``) is its own."""
    return ".".join(module.split(".")[:2])


def package_graph() -> dict[str, set[str]]:
    return package_of(import_graph())


def package_of(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph of packages that a graph of modules makes."""
    graph: dict[str, set[str]] = {}
    for module, imported in modules.items():
        here = _package(module)
        graph.setdefault(here, set()).update(_package(m) for m in imported if _package(m) != here)
    for package in {p for imported in graph.values() for p in imported}:
        graph.setdefault(package, set())
    return graph


def forbidden_imports(
    graph: dict[str, set[str]], package: str, forbidden: tuple[str, ...]
) -> dict[str, list[str]]:
    """The modules of ``package`` that import a module starting with one of ``forbidden``,
    and those imports."""
    found = {
        module: sorted(m for m in imported if m.startswith(forbidden) and _package(m) != package)
        for module, imported in graph.items()
        if _package(module) == package
    }
    return {module: names for module, names in found.items() if names}


def test_packages_import_one_another_without_a_cycle() -> None:
    graph = package_graph()
    assert {"xesg.load", "xesg.index", "xesg.analysis", "xesg.model", "xesg.rules"} <= set(graph)
    assert cycles(graph) == []


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        # Readers read: codes, rows and headers are the index parser's, asked through
        # xesg.load.questions with answers the caller passes in.
        ("xesg.load", ("xesg.index",)),
        ("xesg.index", ("xesg.rules",)),
        # What rules consult about a report is read before them and knows none of them.
        ("xesg.analysis", ("xesg.rules", "xesg.engine", "xesg.report")),
        ("xesg.catalogue", ("xesg.index", "xesg.analysis", "xesg.rules", "xesg.report")),
        # Reporters render a result: what they say about a rule (SARIF's rule descriptions,
        # the Markdown comment's rule links) comes with the result (CheckResult.rules).
        ("xesg.report", ("xesg.rules",)),
        # The data models are shared by every stage and know none of them.
        ("xesg.model", ("xesg.",)),
    ],
)
def test_a_stage_imports_nothing_from_a_later_one(package: str, forbidden: tuple[str, ...]) -> None:
    assert forbidden_imports(import_graph(), package, forbidden) == {}


def test_the_checks_see_a_wrong_import() -> None:
    graph = {
        "xesg.load.pdf": {"xesg.index.locate", "xesg.model.document"},
        "xesg.load.text": {"xesg.model.document"},
        "xesg.index.parse": {"xesg.load.text"},
    }
    assert forbidden_imports(graph, "xesg.load", ("xesg.index",)) == {
        "xesg.load.pdf": ["xesg.index.locate"]
    }
    assert forbidden_imports(graph, "xesg.index", ("xesg.rules",)) == {}
    assert cycles(package_of(graph)) == [["xesg.index", "xesg.load"]]
