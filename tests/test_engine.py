"""Running the rules: in two processes on a long report, with the same findings as one."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

import pytest

from tests.conftest import EXAMPLE
from xesg import engine
from xesg.model.finding import Finding
from xesg.processes import Forked
from xesg.rules.registry import discover

Findings = list[tuple[str, str | None, str | None, str, str | None]]


def _findings(jobs: int) -> Findings:
    from xesg.pipeline import run

    result = run(EXAMPLE, jobs=jobs)
    return [(f.rule, f.code, f.page, f.message, f.page_evidence) for f in result.findings]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Processes forked to run rules; the example (15 pages) counts as long."""
    monkeypatch.setattr(engine, "MIN_PAGES_TO_FORK", 1)
    started: list[object] = []

    def recorded(work: Callable[[], list[Finding]]) -> Forked[list[Finding]]:
        started.append(work)
        return Forked(work)

    monkeypatch.setattr(engine, "Forked", recorded)
    return started


def test_two_processes_find_what_one_finds(forks: list[object]) -> None:
    one = _findings(jobs=1)
    assert forks == []
    assert _findings(jobs=2) == one
    assert len(forks) == 1
    assert "TTL001" in {rule for rule, *_ in one}  # a rule of the forked half
    # the forked half's findings about rows carry their cited page's words, as here
    assert any(rule == "TTL001" and evidence for rule, *_, evidence in one)


def test_short_reports_and_one_job_run_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(engine, "Forked", lambda work: started.append(work))
    _findings(jobs=2)  # 15 pages: fewer than MIN_PAGES_TO_FORK
    monkeypatch.setattr(engine, "MIN_PAGES_TO_FORK", 1)
    _findings(jobs=1)
    assert started == []


def test_rules_of_a_failed_child_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    one = _findings(jobs=1)
    monkeypatch.setattr(engine, "MIN_PAGES_TO_FORK", 1)
    parent = os.getpid()
    rules = {r.code: r for r in discover()}
    check = rules["TTL001"].check

    def fails_in_a_child(ctx: engine.CheckContext) -> list[Finding]:
        if os.getpid() != parent:
            raise RuntimeError("a rule that fails in the forked process")
        return list(check(ctx))

    rules["TTL001"] = replace(rules["TTL001"], check=fails_in_a_child)
    monkeypatch.setattr("xesg.pipeline.discover", lambda: list(rules.values()))
    assert _findings(jobs=2) == one
    assert "TTL001" in {rule for rule, *_ in one}


def test_the_forked_groups_are_rule_groups() -> None:
    groups = {r.group for r in discover()}
    assert groups > engine.FORKED_GROUPS
