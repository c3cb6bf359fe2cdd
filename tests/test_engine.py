"""How the engine runs rules: what it applies to every finding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from xesg.catalogue.load import bundled
from xesg.catalogue.set import CatalogueSet
from xesg.engine import run_rules
from xesg.index.parse import parse_index
from xesg.load.text import parse_text_report
from xesg.model.finding import Finding, Severity
from xesg.model.severity import Confidence
from xesg.pipeline import run
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Need, Rule, Walk, rule

HEAD = "Our year\nWe ran ferries.\n1\fCONTENT INDEX\nCode  Description  Page"
ROWS = "\n".join(f"A1.{k}  Emissions data item {k}.  P1" for k in range(1, 7))
NOTE = "\n".join(f"Note {k}: restated figures for the depots." for k in range(45))
LATE = "\n".join(f"B{k}  Employment item {k}.  P1" for k in range(1, 4))


def test_findings_on_an_uncertain_reading_say_so_in_their_confidence(tmp_path: Path) -> None:
    # Coverage findings while the index was read short (its last rows stand apart below a long
    # note: IDX009) have low confidence; on the complete index they keep their own.
    short = f"{HEAD}\n{ROWS}\n{NOTE}\n{LATE}\n2"
    full = f"{HEAD}\n{ROWS}\n{LATE}\n2"
    for text, complete in ((short, False), (full, True)):
        path = tmp_path / "r.txt"
        path.write_text(text)
        result = run(path)
        assert result.index.complete is complete
        coverage = [f for f in result.findings if f.rule.startswith("REQ")]
        assert coverage
        assert all((f.confidence == Confidence.LOW) is not complete for f in coverage)


# What a rule declares it walks and needs, the engine walks and guards: a rule of the test
# records what its check was called with.
INDEXED = f"{HEAD}\n{ROWS}\n305-1  Direct (Scope 1) GHG emissions  P1\nB1  Employment.  P1\n2"


def _context(text: str, standards: tuple[str, ...] = ("hkex",)) -> CheckContext:
    report = parse_text_report(text)
    loaded = bundled(["hkex", "gri"])
    index = parse_index(report, loaded.titles())
    chosen = CatalogueSet([c for c in loaded.catalogues if c.standard in standards])
    return CheckContext(report=report, index=index, catalogues=chosen, standards=standards)


def _recording(seen: list[object], **declared: Any) -> Rule:
    """A rule whose check records what it was called with (one argument as itself)."""

    def note(*arguments: object) -> Iterator[Finding]:
        seen.append(arguments[0] if len(arguments) == 1 else arguments)
        return iter(())

    # The decorator counts the check's parameters: one check for each count a walk needs.
    def once(ctx: CheckContext) -> Iterator[Finding]:
        return note()

    def each(ctx: CheckContext, subject: object) -> Iterator[Finding]:
        return note(subject)

    def each_pair(ctx: CheckContext, first: object, second: object) -> Iterator[Finding]:
        return note(first, second)

    count = {Walk.REPORT: 0, Walk.DISCLOSURE: 2}.get(declared.get("walks", Walk.REPORT), 1)
    check = (once, each, each_pair)[count + ("options" in declared)]
    return rule(
        code="TST001",
        name="recorded",
        group="test",
        severity=Severity.INFO,
        summary="s",
        **declared,
    )(check)


def test_a_row_rule_sees_the_rows_of_its_standards_with_a_catalogue() -> None:
    ctx = _context(INDEXED)
    every: list[object] = []
    catalogued: list[object] = []
    gri: list[object] = []
    run_rules(ctx, [_recording(every, walks=Walk.ROW)])
    run_rules(ctx, [_recording(catalogued, walks=Walk.ROW, needs=(Need.CATALOGUE,))])
    run_rules(ctx, [_recording(gri, walks=Walk.ROW, standards=("gri",))])
    codes = [f"A1.{k}" for k in range(1, 7)]
    assert [e.code for e in every] == [*codes, "305-1", "B1"]  # type: ignore[attr-defined]
    assert [e.code for e in catalogued] == [*codes, "B1"]  # type: ignore[attr-defined]
    assert gri == []  # GRI is not among the selected standards: the rule does not apply


def test_page_walks_and_the_printed_pages_guard() -> None:
    pages: list[object] = []
    text_pages: list[object] = []
    run_rules(_context(INDEXED), [_recording(pages, walks=Walk.PAGE)])
    run_rules(_context(INDEXED), [_recording(text_pages, walks=Walk.TEXT_PAGE)])
    assert [p.label for p in pages] == ["1", "2"]  # type: ignore[attr-defined]
    assert [p.label for p in text_pages] == ["1"]  # type: ignore[attr-defined]
    printed: list[object] = []
    run_rules(_context(INDEXED), [_recording(printed, needs=(Need.PRINTED_PAGES,))])
    assert printed == [()]
    unpaginated = INDEXED.replace("\f", "\n")
    assert _context(unpaginated).report.pagination == "none"
    run_rules(_context(unpaginated), [_recording(printed, needs=(Need.PRINTED_PAGES,))])
    assert printed == [()]  # not called again: the report has no page breaks


def test_the_index_guard() -> None:
    called: list[object] = []
    run_rules(_context("Our year\nWe ran ferries.\n1"), [_recording(called, needs=(Need.INDEX,))])
    run_rules(_context(INDEXED), [_recording(called, needs=(Need.INDEX,))])
    assert called == [()]


def test_a_disclosure_rule_walks_the_editions_in_force() -> None:
    ctx = _context(INDEXED)
    seen: list[Any] = []
    run_rules(ctx, [_recording(seen, walks=Walk.DISCLOSURE, standards=("hkex",))])
    assert seen == [(c, d) for c in ctx.current("hkex") for d in c.disclosures]
    assert len({c.id for c, _ in seen}) == 1  # one edition in force, not every edition loaded


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int = 3


def test_options_arrive_typed_with_defaults_where_none_are_configured() -> None:
    seen: list[object] = []
    recorded = _recording(seen, options=_Options)
    run_rules(_context(INDEXED), [recorded])
    run_rules(_context(INDEXED), [recorded], {"TST001": _Options(limit=5)})
    assert seen == [_Options(limit=3), _Options(limit=5)]


def test_a_check_whose_signature_does_not_fit_its_walk_is_refused() -> None:
    def by_row(ctx: CheckContext) -> Iterator[Finding]:
        return iter(())

    declare = rule(
        code="TST002",
        name="misfit",
        group="test",
        severity=Severity.INFO,
        summary="s",
        walks=Walk.ROW,
    )
    with pytest.raises(ValueError, match="each index row takes 2 arguments"):
        declare(by_row)
    with pytest.raises(ValueError, match=r"Need\.CATALOGUE chooses rows"):
        rule(
            code="TST003",
            name="misfit",
            group="test",
            severity=Severity.INFO,
            summary="s",
            needs=(Need.CATALOGUE,),
        )


def test_a_message_fills_its_templates_and_refuses_a_missing_field() -> None:
    message = Message("{code} scores {score:.2f} on {page!r}.", expected="{code}", found="P{page}")
    assert message(code="A1.1", score=0.123, page="4") == ("A1.1 scores 0.12 on '4'.", "A1.1", "P4")
    assert Message("No index.")() == ("No index.", None, None)
    with pytest.raises(KeyError, match="score"):
        message(code="A1.1", page="4")
