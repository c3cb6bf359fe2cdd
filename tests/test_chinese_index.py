"""Chinese-language HKEx indexes (Traditional and Simplified): column headers, Chinese page
references, named Part B items, Guide vs Code from the Chinese title, and planted defects."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.analysis.claim_levels import hkex_claim
from xesg.config import Config
from xesg.index.columns import column_role
from xesg.index.locations import parse_location
from xesg.pipeline import run

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
TRADITIONAL = {
    "title": "香港聯合交易所有限公司《環境、社會及管治報告指引》內容索引",
    "header": "主要範疇\t層面、一般披露及關鍵績效指標\t描述\t頁碼／備註",
    "named": ["管治架構", "匯報原則", "匯報範圍"],
    "page": "頁",
}
SIMPLIFIED = {
    "title": "香港联合交易所有限公司《环境、社会及管治报告守则》内容索引",
    "header": "主要范畴\t层面、一般披露及关键绩效指标\t描述\t页码／备注",
    "named": ["管治架构", "汇报原则", "汇报范围"],
    "page": "页",
}


def _report(script: dict[str, object]) -> str:
    page = script["page"]
    named = script["named"]
    assert isinstance(named, list)
    rows = [
        (named[0], "董事會聲明", f"第2{page}"),
        (named[1], "重要性、量化及一致性", f"第2-3{page}"),
        (named[2], "報告範圍", f"{page}3"),
        ("A1", "層面A1：排放物 / 一般披露", f"第2至3{page}"),
        ("A1.1", "排放物種類及相關排放數據。", f"第2{page}"),
        ("A1.3", "所產生有害廢棄物總量。", f"第3{page}、第2{page}"),
        ("Ｂ5.1", "按地區劃分的供應商數目。", f"第99{page}"),  # full-width code, out of range
        ("B1.1", "按性別劃分的僱員總數。", f"第3-2{page}"),  # reversed range
    ]
    pages = ["環境\n我們的排放物數據。\n1", "社會\n僱員資料。\n2", "社區\n社區投資。\n3"]
    lines = [str(script["title"]), str(script["header"])]
    lines += [f"環境\t{code}\t{text}\t{where}" for code, text, where in rows]
    return "\f".join([*pages, "\n".join(lines) + "\n4"])


@pytest.mark.parametrize(("script", "claim"), [(TRADITIONAL, "guide"), (SIMPLIFIED, "code")])
def test_chinese_index_parses_and_planted_defects_are_found(
    tmp_path: Path, script: dict[str, object], claim: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(_report(script), encoding="utf-8")
    result = run(path, Config())
    rows = {e.code: [(loc.start, loc.end) for loc in e.locations] for e in result.index.entries}
    assert rows == {
        "Governance Structure": [(2, 2)],
        "Reporting Principles": [(2, 3)],
        "Reporting Boundary": [(3, 3)],
        "A1": [(2, 3)],
        "A1.1": [(2, 2)],
        "A1.3": [(3, 3), (2, 2)],
        "B5.1": [(99, 99)],
        "B1.1": [(3, 2)],
    }
    assert result.claims["hkex"] == claim
    found = {(f.rule, f.code) for f in result.findings}
    assert {("PAG001", "B5.1"), ("PAG003", "B1.1"), ("IDX003", "B5.1")} <= found
    assert not [
        f
        for f in result.findings
        if f.rule in ("PAG001", "PAG003") and f.code != "B5.1" and f.code != "B1.1"
    ]
    # Part B named in Chinese is found (the Code's REQ001 on Part D's Scope 1 and 2 remains).
    assert not [
        f for f in result.findings if f.rule == "REQ001" and not str(f.code).startswith("D-")
    ]


def test_chinese_headers_have_roles() -> None:
    assert column_role("層面、一般披露及關鍵績效指標") == "code"
    assert column_role("关键绩效指标") == "code"
    assert column_role("頁碼／備註") == "location"
    assert column_role("页码") == "location"
    assert column_role("描述") == "description"
    assert column_role("主要範疇") == "section"


@given(
    st.integers(1, 9000),
    st.integers(0, 999),
    st.sampled_from(["-", "至", "到", "～"]),
    st.sampled_from(["頁", "页"]),
    st.booleans(),
)
def test_chinese_page_ranges(start: int, length: int, joiner: str, page: str, wide: bool) -> None:
    # Ranges run forwards here: a shorter end ("第150-2頁") follows the English grammar's
    # abbreviated ends (150-152), tested with it.
    end = start + length
    text = f"第{start}{joiner}{end}{page}"
    parsed = parse_location([text.translate(_FULL_WIDTH) if wide else text])
    (location,) = parsed.locations
    assert (location.start, location.end) == (start, end)
    (single,) = parse_location([f"{page}{start}"]).locations
    assert (single.start, single.end) == (start, start)


def test_chinese_title_names_guide_or_code() -> None:
    assert hkex_claim("本報告按照《環境、社會及管治報告指引》編製。") == "guide"
    assert hkex_claim("本报告按照《环境、社会及管治报告守则》编制。") == "code"
    assert hkex_claim("本報告按照《環境、社會及管治報告守則》編製。") == "code"
    assert hkex_claim("內容索引") is None
