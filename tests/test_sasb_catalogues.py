"""The SASB metric lists: every one of the 77 industries has one, with the counts of the table
kept beside the data; for every industry, ``standards show`` prints a metric's title and refuses
a metric the industry does not define, ``check`` flags that metric and a title copied from another
metric, and the two agree on which codes exist. The cases are made from the data."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from click.testing import CliRunner

from tests.rules.test_rule_cases import build_report
from xesg.catalogue.data import data_file, sasb_prefix, sasb_unconfirmed, sasb_unknown
from xesg.catalogue.load import bundled
from xesg.catalogue.match import tokens
from xesg.catalogue.schema import Catalogue
from xesg.cli import main
from xesg.config import Config
from xesg.pipeline import run

SASB = bundled(["sasb"])
CURRENT = sorted(SASB.current("sasb"), key=lambda c: c.id)
INDUSTRIES = data_file("sasb", "industries.yaml")
NOT_CODES = ("IF-EU-260a.9", "FN-IN-410a.7", "TC-HW-230a.9", "FN-CB-000.Z", "TC-ZZ-230a.1")
UNCONFIRMED = sorted(INDUSTRIES["unconfirmed_codes"])


def _prefix(catalogue: Catalogue) -> str:
    return sasb_prefix(catalogue.disclosures[0].code)


def test_metric_counts_match_the_table() -> None:
    table = data_file("sasb", "industries.yaml")["metric_counts"]
    counted = {
        _prefix(c): {
            "quantitative": sum(d.kind == "quantitative" for d in c.disclosures),
            "discussion": sum(d.kind == "discussion" for d in c.disclosures),
            "activity": sum(d.kind == "activity-metric" for d in c.disclosures),
        }
        for c in CURRENT
    }
    assert counted == table
    assert all(c.id == f"sasb-{_prefix(c).lower()}" for c in CURRENT)
    assert len(CURRENT) == len({_prefix(c) for c in CURRENT})  # one current list an industry


def test_every_industry_has_its_metric_list() -> None:
    prefixes = sorted(str(i["prefix"]) for i in INDUSTRIES["industries"])
    assert len(prefixes) == INDUSTRIES["count"] == 77
    assert sorted(_prefix(c) for c in CURRENT) == prefixes


def test_older_editions_name_their_successor() -> None:
    older = [c for c in SASB.catalogues if c not in CURRENT]
    assert older, "FN-CB and IF-EU keep their 2018 wording"
    for catalogue in older:
        successor = next(c for c in CURRENT if c.id == catalogue.superseded_by)
        assert _prefix(successor) == _prefix(catalogue)
        assert successor.edition > catalogue.edition


def _unlike(catalogue: Catalogue) -> tuple[str, str]:
    """A metric and the title of the metric of its industry that shares fewest words with it."""
    first = catalogue.disclosures[0]
    own = set(tokens(first.title))
    other = min(catalogue.disclosures[1:], key=lambda d: len(own & set(tokens(d.title))))
    return first.code, other.title


def _show(code: str) -> tuple[bool, str]:
    """Whether ``xesg standards show CODE`` knows the code, and what it prints."""
    result = CliRunner().invoke(main, ["standards", "show", code])
    assert result.exit_code in (0, 2), result.output
    return result.exit_code == 0, result.output


@pytest.mark.parametrize("catalogue", CURRENT, ids=_prefix)
def test_show_and_check_on_every_industry(catalogue: Catalogue, tmp_path: Path) -> None:
    """``show`` prints a metric's title and refuses a metric the industry does not define;
    ``check`` flags that metric (IDX002) and a title copied from another metric (TTL001)."""
    code, copied = _unlike(catalogue)
    unknown = f"{_prefix(catalogue)}-260a.9"
    known, output = _show(code)
    assert known and catalogue.disclosures[0].title in output
    assert not _show(unknown)[0]
    case = {
        "base": catalogue.id.removeprefix("sasb-"),
        "drop": [code],
        "rows": [[code, copied, "P2"], [unknown, "Community relations programme", "P2"]],
    }
    path = tmp_path / "report.txt"
    path.write_text(build_report(case), encoding="utf-8")
    findings = run(path, Config()).findings
    assert [f.code for f in findings if f.rule == "IDX002"] == [unknown]
    assert [(f.code, f.severity.value) for f in findings if f.rule == "TTL001"] == [(code, "error")]


def test_show_and_check_agree_on_every_code(tmp_path: Path) -> None:
    """``check`` knows every bundled code (an index citing all of them, each under its title,
    has no IDX002), calls exactly the codes ``show`` refuses no code (an error), and only
    warns of the unconfirmed codes, which ``show`` explains."""
    bundled_codes = {d.code for c in SASB.catalogues for d in c.disclosures}
    codes = sorted(bundled_codes | set(NOT_CODES) | set(UNCONFIRMED))
    titles = SASB.titles()
    path = tmp_path / "report.txt"
    rows = [[code, titles.get(code, "Metric of the industry"), "P2"] for code in codes]
    path.write_text(build_report({"rows": rows}), encoding="utf-8")
    flagged = {
        (f.code, f.severity.value) for f in run(path, Config()).findings if f.rule == "IDX002"
    }
    assert flagged == {(c, "error") for c in NOT_CODES} | {(c, "warning") for c in UNCONFIRMED}
    assert not any(_show(code)[0] for code in NOT_CODES)
    for code in UNCONFIRMED:
        known, output = _show(code)
        assert known and "not confirmed" in output and "older SASB edition" in output


def test_unconfirmed_codes_are_gaps_of_a_bundled_list() -> None:
    """An unconfirmed code is a valid code of an industry with a list, in none of its editions
    (a code later confirmed and shipped must leave the list), next to a code of the same topic."""
    for code in UNCONFIRMED:
        assert sasb_unknown(code, SASB) is not None, f"{code} is bundled: drop it from the list"
        prefix = sasb_prefix(code)
        own = {d.code for c in SASB.sasb_industry(prefix) for d in c.disclosures}
        topic = code.rsplit(".", 1)[0]
        assert any(c.startswith(f"{topic}.") for c in own), code
        assert sasb_unconfirmed(code) == INDUSTRIES["unconfirmed_codes"][code]
    assert sasb_unconfirmed("HC-BP-240b.2") is None  # a bundled code is not "unconfirmed"


def test_an_unconfirmed_code_gets_a_warning_with_its_reason(tmp_path: Path) -> None:
    """A report citing a possibly-real code of an older edition is warned, not told the code
    does not exist; beside it, a code that is no metric at all is still an error."""
    reason = INDUSTRIES["unconfirmed_codes"]["HC-BP-240b.1"]
    case = {
        "base": "hc-bp",
        "rows": [
            ["HC-BP-240b.1", "Settlements of generic-entry litigation", "P2"],
            ["HC-BP-240b.9", "Community relations programme", "P2"],
        ],
    }
    path = tmp_path / "report.txt"
    path.write_text(build_report(case), encoding="utf-8")
    found = {f.code: f for f in run(path, Config()).findings if f.rule == "IDX002"}
    assert sorted(found) == ["HC-BP-240b.1", "HC-BP-240b.9"]
    soft, hard = found["HC-BP-240b.1"], found["HC-BP-240b.9"]
    assert soft.severity.value == "warning" and reason in soft.message
    assert "older SASB edition" in soft.message and "not a code" not in soft.message
    assert hard.severity.value == "error" and "is not a code of sasb-hc-bp" in hard.message


def _converter() -> ModuleType:
    path = Path(__file__).parents[1] / "scripts" / "sasb_catalogue.py"
    spec = importlib.util.spec_from_file_location("sasb_catalogue", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sasb_catalogue"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_converter_takes_the_title_from_the_protocol_heading(tmp_path: Path) -> None:
    """S1 rows as the source repository writes them: one row per sub-metric, the heading
    wrapped over lines, then the protocol's numbered paragraphs (which are never kept)."""
    heading = (
        "TC-YY-240a.3. (1) Number of residential customer electric disconnections for non-\n"
        "payment, (2) percentage reconnected within 30 days\n"
        "1\nThe entity shall disclose (1) the total number of electricity disconnections.\n"
        "    1.1   A disconnection is defined as …"
    )
    rows = [
        {
            "Code": "TC-YY-240a.3",
            "Category": "Quantitative",
            "Unit": unit,
            "Topic": "Affordability",
            "Type": "Sustainability Disclosure Topics & Metrics",
            "definition": heading,
        }
        for unit in ("Number", "Percentage (%)")
    ] + [
        {
            "Code": "TC-YY-240a.4",
            "Category": "Discussion and\nAnalysis",
            "Unit": "n/a",
            "Topic": "",  # S1 leaves some empty: the topic of 240a.3 is meant
            "Type": "Sustainability Disclosure Topics & Metrics",
            "definition": "TC-YY-240a.4. Discussion of impact of external factors on customer\n"
            "affordability of electricity\n1   The entity shall describe the external factors …",
        },
        {
            "Code": "TC-YY-000.A",
            "Category": "Quantitative",
            "Unit": "Number",
            "Topic": "",
            "Type": "Activity Metrics",
            "definition": "TC-YY-000.A. Number of policies in force, by segment: (1) property "
            "and\ncasualty, (2) life\nNote to TC-YY-000.A – The entity may disaggregate …",
        },
    ]
    source = tmp_path / "Example.json"
    source.write_text(json.dumps(rows), encoding="utf-8")
    converter = _converter()
    prefix, metrics = converter.read_s1(source)
    assert prefix == "TC-YY"
    assert [(m.code, m.title, m.units) for m in metrics] == [
        (
            "TC-YY-240a.3",
            "(1) Number of residential customer electric disconnections for non-payment, "
            "(2) percentage reconnected within 30 days",
            ["Number", "Percentage (%)"],
        ),
        (
            "TC-YY-240a.4",
            "Discussion of impact of external factors on customer affordability of electricity",
            ["n/a"],
        ),
        (
            "TC-YY-000.A",
            "Number of policies in force, by segment: (1) property and casualty, (2) life",
            ["Number"],
        ),
    ]
    text = converter.render(prefix, "Example", source.name, metrics, {})
    (catalogue,) = [Catalogue.model_validate(yaml.safe_load(text))]
    assert [d.parent for d in catalogue.disclosures[:2]] == ["Affordability", "Affordability"]
    kinds = [d.kind for d in catalogue.disclosures]
    assert kinds == ["quantitative", "discussion", "activity-metric"]
    assert all(d.confidence == "corroborated" for d in catalogue.disclosures)  # S1 alone
    assert "shall disclose" not in text  # the protocol itself is not shipped


def test_docs_state_each_industrys_coverage() -> None:
    """docs/catalogues.md has one row an industry: its list's size, or that it has none, and
    the codes it could not confirm."""
    docs = (Path(__file__).parents[1] / "docs" / "catalogues.md").read_text(encoding="utf-8")
    cells_of = {
        cells[1]: cells
        for line in docs.splitlines()
        if len(cells := [c.strip() for c in line.split("|")]) > 4
        and re.fullmatch(r"[A-Z]{2}-[A-Z]{2}", cells[1])
    }
    rows = {prefix: cells[3] for prefix, cells in cells_of.items()}
    table = data_file("sasb", "industries.yaml")
    assert sorted(rows) == sorted(str(i["prefix"]) for i in table["industries"])
    for prefix, cells in cells_of.items():
        unconfirmed = [c.removeprefix(f"{prefix}-") for c in UNCONFIRMED if c.startswith(prefix)]
        named = cells[4].partition("not confirmed: ")[2]
        assert named == ", ".join(unconfirmed), prefix
    for prefix, size in rows.items():
        counts = table["metric_counts"].get(prefix)
        expected = (
            f"{counts['quantitative'] + counts['discussion']} + {counts['activity']}"
            if counts
            else "not bundled (codes checked by grammar)"
        )
        assert size == expected, prefix


def test_a_check_reads_only_the_industries_the_index_cites(tmp_path: Path) -> None:
    assert {c.id for c in bundled(["sasb"], ["FN-IN", "IF-EU"]).catalogues} == {
        "sasb-fn-in",
        "sasb-if-eu",
        "sasb-if-eu-2018",
    }
    path = tmp_path / "report.txt"
    path.write_text(build_report({"base": "fn-in"}), encoding="utf-8")
    result = run(path, Config())
    assert [c.id for c in result.catalogues] == ["sasb-fn-in"]
    assert not [f for f in result.findings if f.rule in ("IDX002", "REQ005")]
