"""HKEx ESG Reporting Code Part D levels by issuer tier and financial year, and codes the
Code dropped from Part C (A1.2, A4) answered with where they now lie."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.rules.test_rule_cases import build_report
from xesg.catalogue.levels import applied_level
from xesg.catalogue.load import bundled
from xesg.config import Config
from xesg.model.result import CheckResult
from xesg.pipeline import run

(CODE,) = [c for c in bundled(["hkex"]).catalogues if c.edition == "2025"]
PART_D = {d.code: d for d in CODE.disclosures if d.code.startswith("D-")}


def _check(tmp_path: Path, rows: list[list[str]], **settings: str) -> CheckResult:
    """A 2025 Code index with every Part B/C row located, plus ``rows``."""
    base = [[d.code, d.title, "P1"] for d in CODE.disclosures if d.code not in PART_D]
    path = tmp_path / "report.txt"
    path.write_text(build_report({"rows": base + rows}), encoding="utf-8")
    return run(path, Config.model_validate({"editions": {"hkex": "2025"}, **settings}))


def _part_d(result: CheckResult) -> dict[str, str]:
    """Part D code -> the rule reporting it missing (REQ001 mandatory, REQ002 comply-or-explain)."""
    return {
        str(f.code): f.rule
        for f in result.findings
        if f.rule in ("REQ001", "REQ002") and str(f.code).startswith("D-")
    }


@pytest.mark.parametrize(
    ("issuer", "period_end", "governance"),
    [
        ("main-board", "2025-12-31", "REQ002"),
        ("main-board", "2026-12-31", "REQ002"),
        ("largecap", "2025-12-31", "REQ002"),  # a Main Board issuer until its own step in 2026
        ("largecap", "2026-12-31", "REQ001"),
        ("gem", "2025-12-31", None),  # voluntary
        ("gem", "2026-12-31", None),
    ],
)
def test_part_d_level_follows_tier_and_year(
    tmp_path: Path, issuer: str, period_end: str, governance: str | None
) -> None:
    result = _check(tmp_path, [], issuer=issuer, period_end=period_end)
    found = _part_d(result)
    assert found["D-MT-1"] == "REQ001"  # Scope 1 and 2: mandatory for every issuer from 2025
    assert found.get("D-GOV-1") == governance
    assert found.get("D-MT-9") is None  # optional for everyone (industry-based metrics)
    status = {s.code: s for s in result.coverage}
    assert status["D-GOV-1"].required is (governance is not None)
    note = next(n for n in result.notes if "Part D levels" in n)
    assert f"for a {issuer} issuer in the financial year from" in note


def test_finding_says_which_level_applied_and_why(tmp_path: Path) -> None:
    result = _check(tmp_path, [], issuer="largecap", period_end="2026-12-31")
    (message,) = [f.message for f in result.findings if f.code == "D-GOV-1"]
    assert "mandatory for largecap issuers from financial years starting 2026-01-01" in message
    assert "largecap issuer, financial year from 2026-01-01" in message


def test_unknown_period_is_taken_as_the_first_year_and_the_default_tier_is_stated(
    tmp_path: Path,
) -> None:
    result = _check(tmp_path, [])
    assert _part_d(result)["D-GOV-1"] == "REQ002"
    note = next(n for n in result.notes if "Part D levels" in n)
    assert "main-board issuer in an unknown period" in note
    assert "default main-board" in note


def test_largecap_step_waits_for_its_year() -> None:
    governance = PART_D["D-GOV-1"]
    assert applied_level(governance, "largecap", dt.date(2025, 4, 1)).level == "comply-or-explain"
    assert applied_level(governance, "largecap", dt.date(2026, 1, 1)).level == "mandatory"
    assert applied_level(governance, "gem", dt.date(2030, 1, 1)).level == "voluntary"
    before = applied_level(governance, "main-board", dt.date(2024, 1, 1))
    assert before.level == "voluntary" and "not yet in force" in before.why
    # Without a phase-in the catalogue's level stands, with nothing to explain.
    plain = next(d for d in CODE.disclosures if d.code == "A1.1")
    assert applied_level(plain, "gem", None) == applied_level(plain, "largecap", None)
    assert applied_level(plain, "gem", None).why == ""


def test_codes_the_code_dropped_say_where_they_went(tmp_path: Path) -> None:
    rows = [["A1.2", "Scope 1 and 2 emissions", "P2"], ["A4.1", "Climate-related issues", "P3"]]
    result = _check(tmp_path, rows, period_end="2025-12-31")
    unknown = {str(f.code): f.message for f in result.findings if f.rule == "IDX002"}
    assert "now lies under D-MT-1 (Scope 1 and Scope 2 greenhouse gas emissions)" in unknown["A1.2"]
    assert "D-STR-1" in unknown["A4.1"]
    # The row under the old code locates the disclosure: no second finding for the same cause.
    assert "D-MT-1" not in _part_d(result)
    assert "D-STR-1" not in _part_d(result)


def test_issuer_from_configuration_and_flag_and_bad_tier(tmp_path: Path) -> None:
    from tests.test_config import findings, invoke

    base = [[d.code, d.title, "P1"] for d in CODE.disclosures if d.code not in PART_D]
    (tmp_path / "r.txt").write_text(build_report({"rows": base}), encoding="utf-8")
    (tmp_path / "xesg.toml").write_text(
        'issuer = "gem"\neditions = { hkex = "2025" }\nfail_on = "never"\n', encoding="utf-8"
    )
    _, out, _ = invoke("check", "r.txt", "--format", "json", cwd=tmp_path)
    assert ("REQ002", "D-GOV-1") not in findings(out)  # voluntary for GEM
    _, out, _ = invoke("check", "r.txt", "--format", "json", "--issuer", "main-board", cwd=tmp_path)
    assert ("REQ002", "D-GOV-1") in findings(out)  # the flag overrides the file
    code, _, err = invoke("check", "r.txt", "--issuer", "smallcap", cwd=tmp_path)
    assert code == 2 and "smallcap" in err
    (tmp_path / "xesg.toml").write_text('issuer = "smallcap"\n', encoding="utf-8")
    code, _, err = invoke("check", "r.txt", cwd=tmp_path)
    assert code == 2 and "issuer" in err and len(err.strip().splitlines()) == 1


def test_standards_lists_part_d_levels_for_a_tier_and_year() -> None:
    from tests.test_config import invoke

    _, out, _ = invoke("standards", "--period-end", "2026-12-31", "--issuer", "largecap")
    line = next(x for x in out.splitlines() if "Part D levels" in x)
    assert "largecap issuer in the financial year from 2026-01-01" in line
    assert "mandatory: D-GOV-1" in line
    _, out, _ = invoke("standards", "--period-end", "2026-12-31", "--issuer", "gem")
    line = next(x for x in out.splitlines() if "Part D levels" in x)
    assert "mandatory: D-MT-1;" in line and "voluntary: D-GOV-1" in line
    _, out, _ = invoke("standards", "show", "D-GOV-1")
    assert "largecap: mandatory from 2026-01-01" in out


def test_html_report_says_which_level_applied_and_why(tmp_path: Path) -> None:
    from xesg.report import RenderOptions
    from xesg.report.html_format import render

    result = _check(tmp_path, [], issuer="largecap", period_end="2026-12-31")
    page = render(result, RenderOptions())
    assert "Part D levels for a largecap issuer in the financial year from 2026-01-01" in page
    assert "mandatory for largecap issuers from financial years starting 2026-01-01" in page
