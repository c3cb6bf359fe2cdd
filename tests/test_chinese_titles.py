"""Official Chinese titles of the HKEx provisions (Traditional and Simplified) in the
catalogues, and TTL001 comparing a Chinese description with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from xesg.catalogue.load import bundled
from xesg.catalogue.match import TitleMatcher, chinese_words, title_words
from xesg.config import Config
from xesg.pipeline import run

CATALOGUES = {c.edition: c for c in bundled(["hkex"]).catalogues}


@pytest.mark.parametrize(("edition", "count"), [("2020", 48), ("2025", 45)])
def test_part_c_has_chinese_titles_and_nothing_else_does(edition: str, count: int) -> None:
    catalogue = CATALOGUES[edition]
    titled = [d for d in catalogue.disclosures if d.chinese is not None]
    assert len(titled) == count  # every aspect and KPI of Part C
    assert all(d.kind in ("general", "kpi") for d in titled)  # not Part B, not Part D
    assert catalogue.chinese_source is not None
    for d in titled:
        assert d.chinese is not None
        assert d.chinese.confidence == "corroborated"  # one copy; Simplified converted
        assert len(d.chinese.traditional) == len(d.chinese.simplified)  # character by character


def test_sample_of_exact_chinese_titles() -> None:
    by_code = {d.code: d.chinese for d in CATALOGUES["2020"].disclosures if d.chinese}
    assert by_code["A1.1"] is not None
    assert by_code["A1.1"].traditional == "排放物種類及相關排放數據。"
    assert by_code["A1.1"].simplified == "排放物种类及相关排放数据。"
    assert by_code["B5"].traditional == "供應鏈管理"
    assert by_code["B5"].simplified == "供应链管理"
    assert by_code["B8.2"].traditional == "在專注範疇所動用資源（如金錢或時間）。"
    assert (
        by_code["A4.1"].simplified
        == "描述已经及可能会对发行人产生影响的重大气候相关事宜，及应对行动。"
    )


def test_chinese_words_are_pairs_of_characters() -> None:
    assert chinese_words("層面A1：排放物") == ["排放", "放物"]  # "aspect" tells none apart
    assert chinese_words("有關廢氣及溫室氣體排放") == [
        "廢氣",
        "溫室",
        "室氣",
        "氣體",
        "體排",
        "排放",
    ]
    assert chinese_words("Emissions") == []
    assert title_words("KPI A1.1 排放物") == ["kpi", "a1", "1", "排放", "放物"]


def test_matcher_ranks_the_chinese_title_first() -> None:
    matcher = TitleMatcher(CATALOGUES["2020"].disclosures)
    for text in ("按地區劃分的供應商數目", "按地区划分的供应商数目"):
        assert next(matcher.best_first(text)).disclosure.code == "B5.1"
    assert next(matcher.best_first("接获关于产品及服务的投诉数目")).disclosure.code == "B6.2"


# Rows of a Chinese index: own titles (with the examples dropped, as reports do), and one
# description copied from another KPI's row.
TRADITIONAL = {
    "title": "環境、社會及管治報告指引內容索引",
    "header": "層面、一般披露及關鍵績效指標\t描述\t頁碼",
    "pages": ["環境\n我們的排放物數據。\n1", "社會\n僱員資料。\n2"],
    "rows": [
        ("A1.1", "排放物種類及相關排放數據。"),
        ("A2.2", "總耗水量及密度。"),
        ("B1.2", "按性別、年齡組別及地區劃分的僱員流失比率。"),
        ("B5.1", "接獲關於產品及服務的投訴數目以及應對方法。"),  # B6.2's words
        ("B7.3", "描述向董事及員工提供的反貪污培訓。"),
    ],
}
SIMPLIFIED = {
    "title": "环境、社会及管治报告指引内容索引",
    "header": "层面、一般披露及关键绩效指标\t描述\t页码",
    "pages": ["环境\n我们的排放物数据。\n1", "社会\n雇员资料。\n2"],
    "rows": [
        ("A1.1", "排放物种类及相关排放数据。"),
        ("A2.2", "总耗水量及密度。"),
        ("B1.2", "按性别、年龄组别及地区划分的雇员流失比率。"),
        ("B5.1", "接获关于产品及服务的投诉数目以及应对方法。"),  # B6.2's words
        ("B7.3", "描述向董事及员工提供的反贪污培训。"),
    ],
}


def _report(script: dict[str, object]) -> str:
    rows = script["rows"]
    pages = script["pages"]
    assert isinstance(rows, list) and isinstance(pages, list)
    page = "页" if script is SIMPLIFIED else "頁"
    lines = [str(script["title"]), str(script["header"])]
    lines += [f"{code}\t{text}\t第2{page}" for code, text in rows]
    return "\f".join([*pages, "\n".join(lines) + "\n3"])


@pytest.mark.parametrize("script", [TRADITIONAL, SIMPLIFIED])
def test_ttl001_compares_chinese_descriptions_with_chinese_titles(
    tmp_path: Path, script: dict[str, object]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(_report(script), encoding="utf-8")
    result = run(path, Config())
    assert {e.code for e in result.index.entries} == {"A1.1", "A2.2", "B1.2", "B5.1", "B7.3"}
    titles = [f for f in result.findings if f.rule == "TTL001"]
    assert [(f.code, f.severity.value) for f in titles] == [("B5.1", "error")]
    (finding,) = titles
    assert "reads like B6.2" in finding.message
    assert finding.message.isascii()  # messages stay in English


def test_standards_show_prints_the_chinese_title() -> None:
    from click.testing import CliRunner

    from xesg.cli import main

    result = CliRunner().invoke(main, ["standards", "show", "B5.1"])
    assert result.exit_code == 0
    assert (
        "Chinese: 按地區劃分的供應商數目。 / 按地区划分的供应商数目。 (confidence: corroborated)"
        in (result.output)
    )
