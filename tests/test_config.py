"""Configuration, rule selection, severity overrides, waivers and the baseline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from xesg.cli import main
from xesg.config import Config, ConfigError, Waiver, load_config
from xesg.pipeline import run


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def findings(out: str) -> list[tuple[str, str | None]]:
    return [(f["rule"], f["code"]) for f in json.loads(out)["findings"]]


def test_without_a_configuration_file_no_toml_parser_loads(tmp_path: Path) -> None:
    code = (
        "import contextlib, sys\n"
        "from xesg.cli import main\n"
        "with contextlib.suppress(SystemExit):\n"
        f"    main(['check', {str(EXAMPLE)!r}, '--format', 'json', '-o', 'out.json'])\n"
        "print('tomllib' in sys.modules)\n"
    )
    for config in (None, "xesg.toml"):
        if config is not None:
            (tmp_path / config).write_text('select = ["PAG"]\n', encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.stdout.strip() == str(config is not None), done.stderr
        assert json.loads((tmp_path / "out.json").read_text())["findings"]


def test_pyproject_table_is_found_from_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "docs"\n\n[tool.xesg]\nignore = ["PAG006"]\nfail_on = "never"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "reports"
    sub.mkdir()
    config, path = load_config(start=sub)
    assert path == tmp_path / "pyproject.toml"
    assert config.ignore == ("PAG006",)
    code, out, _ = invoke("check", str(EXAMPLE), "--format", "json", cwd=sub)
    assert code == 0  # fail_on = "never"
    assert ("PAG006", "B7") not in findings(out)


def test_xesg_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.xesg]\nfail_on = "never"\n', encoding="utf-8")
    (tmp_path / "xesg.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    assert load_config(start=tmp_path)[0].fail_on == "info"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ignroe = ['PAG006']\n", "ignroe: Extra inputs are not permitted"),
        ("fail_on = 'sometimes'\n", "fail_on: Input should be"),
        ("fail_on = \n", "invalid TOML"),
        ("[[waivers]]\nrule = 'PAG001'\n", "waivers.0.reason: Field required"),
    ],
)
def test_broken_config_is_one_line_exit_2(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "xesg.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)
    code, out, err = invoke("check", str(EXAMPLE), "--config", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message.split(":")[0] in err


def test_unknown_rule_in_config_is_an_error() -> None:
    code, _, err = invoke("check", str(EXAMPLE), "--select", "NOPE001")
    assert code == 2
    assert "unknown rule NOPE001" in err


def test_select_ignore_by_code_or_name() -> None:
    only = run(EXAMPLE, Config(select=("page-out-of-range", "PAG003")))
    assert sorted((f.rule, f.code) for f in only.findings) == [
        ("PAG001", "B2.2"),
        ("PAG003", "B3.2"),
    ]
    without = run(EXAMPLE, Config(ignore=("TTL001", "code-lookalike-characters")))
    assert {f.rule for f in without.findings}.isdisjoint({"TTL001", "IDX003"})
    assert len(without.findings) == 14 - 4


def test_severity_override_changes_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "xesg.toml"
    path.write_text(
        '[severity]\nIDX002 = "info"\nTTL001 = "info"\nREQ001 = "info"\nREQ002 = "info"\n'
        'PAG001 = "info"\nPAG003 = "warning"\n',
        encoding="utf-8",
    )
    code, out, _ = invoke("check", str(EXAMPLE), "--config", str(path), "--format", "json")
    assert code == 0
    severities = {f["rule"]: f["severity"] for f in json.loads(out)["findings"]}
    assert severities["PAG001"] == "info" and severities["PAG003"] == "warning"
    assert invoke("check", str(EXAMPLE), "--config", str(path), "--fail-on", "warning")[0] == 1


def test_min_confidence_drops_medium_confidence_rules() -> None:
    result = run(EXAMPLE, Config(min_confidence="high"))  # type: ignore[arg-type]
    assert "TTL001" not in {f.rule for f in result.findings}  # title matching is medium
    assert len(result.findings) == 12


def test_rule_options_are_typed() -> None:
    loose = run(EXAMPLE, Config(rules={"TTL001": {"dissimilar_below": 0.0}}))
    assert ("TTL001", "B8.1") not in {(f.rule, f.code) for f in loose.findings}
    assert ("TTL001", "A4") in {(f.rule, f.code) for f in loose.findings}
    with pytest.raises(Exception, match="options of rule TTL001: dissimilar_bellow"):
        run(EXAMPLE, Config(rules={"TTL001": {"dissimilar_bellow": 0.1}}))
    with pytest.raises(Exception, match="rule PAG001 takes no options"):
        run(EXAMPLE, Config(rules={"PAG001": {"x": 1}}))


def test_waivers_need_reasons_match_and_unused_ones_are_reported() -> None:
    config = Config(
        waivers=(
            Waiver(rule="PAG006", code="B7", reason="Annual Report pages checked by hand"),
            Waiver(rule="page-out-of-range", code="B2.2", page="43", reason="typo fixed in print"),
            Waiver(rule="PAG003", code="A1.1", reason="stale: A1.1 has no reversed range"),
        )
    )
    result = run(EXAMPLE, config)
    assert [(w.finding.rule, w.finding.code, w.reason) for w in result.waived] == [
        ("PAG001", "B2.2", "typo fixed in print"),
        ("PAG006", "B7", "Annual Report pages checked by hand"),
    ]
    assert {f.rule for f in result.findings}.isdisjoint({"PAG001", "PAG006"})
    assert result.unused_waivers == ("PAG003 code=A1.1 (stale: A1.1 has no reversed range)",)
    audit = run(EXAMPLE, config, use_waivers=False)
    assert len(audit.findings) == 14 and audit.waived == () and audit.unused_waivers == ()


def test_waiver_page_must_match() -> None:
    config = Config(waivers=(Waiver(rule="PAG001", code="B2.2", page="44", reason="other page"),))
    result = run(EXAMPLE, config)
    assert ("PAG001", "B2.2") in {(f.rule, f.code) for f in result.findings}


def test_baseline_hides_known_findings_and_survives_renumbering(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, _ = invoke("check", str(EXAMPLE), "--write-baseline", str(baseline))
    assert code == 1
    assert len(json.loads(baseline.read_text())["fingerprints"]) == 14
    code, out, _ = invoke("check", str(EXAMPLE), "--baseline", str(baseline), "--format", "json")
    assert code == 0 and findings(out) == []
    # The same report with pages renumbered (printed labels now start at 130): still known.
    code, out, _ = invoke(
        "check",
        str(EXAMPLE),
        "--baseline",
        str(baseline),
        "--first-page",
        "130",
        "--format",
        "json",
    )
    new = findings(out)
    # Only what renumbering really changes is new: pages 30–44 cited (by the index and by the
    # text's cross-references) from a report now printed 130–144.
    assert new and {rule for rule, _ in new} == {"PAG001", "PAG008"}
    # A new defect is reported.
    changed = tmp_path / "changed.txt"
    changed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("P58", "P59"), encoding="utf-8")
    code, out, _ = invoke("check", str(changed), "--baseline", str(baseline), "--format", "json")
    assert code == 1 and findings(out) == [("PAG001", "B2.2")]


def test_bad_baseline_file_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    code, _, err = invoke("check", str(EXAMPLE), "--baseline", str(bad))
    assert code == 2 and "not an xesg baseline" in err


def test_explain_prints_the_rule_page() -> None:
    code, out, _ = invoke("explain", "page-out-of-range")
    assert code == 0
    assert out.startswith("# PAG001 page-out-of-range")
    assert "## How to fix" in out
    assert invoke("explain", "pag001")[1] == out
    assert invoke("explain", "XYZ999")[0] == 2


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (("PAG",), {"PAG001", "PAG002", "PAG003", "PAG006"}),  # a code prefix
        (("pages",), {"PAG001", "PAG002", "PAG003", "PAG006"}),  # a group
        (("PAG001,PAG003",), {"PAG001", "PAG003"}),  # a comma list
        (("PAG00", "idx003"), {"PAG001", "PAG002", "PAG003", "PAG006", "IDX003"}),
    ],
)
def test_select_takes_prefixes_groups_and_comma_lists(
    select: tuple[str, ...], expected: set[str]
) -> None:
    assert {f.rule for f in run(EXAMPLE, Config(select=select)).findings} == expected


def test_selectors_work_on_the_command_line_and_in_config(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "check", str(EXAMPLE), "--select", "pages,IDX", "--ignore", "PAG00", "--format", "json"
    )
    assert code == 1
    assert {f["rule"][:3] for f in json.loads(out)["findings"]} == {"IDX"}
    path = tmp_path / "xesg.toml"
    path.write_text('select = "PAG001, titles"\nignore = ["TTL"]\n', encoding="utf-8")
    code, out, _ = invoke("check", str(EXAMPLE), "--config", str(path), "--format", "json")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"PAG001"}
    code, _, err = invoke("check", str(EXAMPLE), "--ignore", "PAG,NOPE")
    assert code == 2 and "unknown rule NOPE in ignore" in err


def test_min_severity_hides_lower_findings(tmp_path: Path) -> None:
    full = run(EXAMPLE)
    warnings = run(EXAMPLE, Config(min_severity="warning"))  # type: ignore[arg-type]
    assert any(f.severity == "info" for f in full.findings)
    assert [f for f in full.findings if f.severity != "info"] == list(warnings.findings)
    code, out, _ = invoke("check", str(EXAMPLE), "--min-severity", "error", "--format", "json")
    assert code == 1
    assert {f["severity"] for f in json.loads(out)["findings"]} == {"error"}
