"""A Chinese-language HKEx index in every format a report comes in (text, PDF, HTML,
Markdown), read as completely as its English twin, with its planted defects found: a page
out of range, a reversed range, a code written in full-width characters (Ｂ5.1).

The PDF is set in Noto Sans CJK, which the ``manimgx-fonts-cjk`` package (a dev
dependency) ships; Helvetica has no Chinese characters. Names and sentences are invented.
"""

from __future__ import annotations

import re
from functools import partial
from importlib.resources import files
from pathlib import Path

import pytest

from tests.index_cases import FORMATS, SUFFIX, Band, Layout, PageBreak, Row, render
from xesg.config import Config
from xesg.model.result import CheckResult
from xesg.pipeline import run

FONT = str(files("manimgx_fonts_cjk") / "NotoSansCJK-VF.otf.ttc")

# (section, code, Chinese description, English description, Chinese pages, English pages)
ROWS = [
    ("環境", "管治架構", "董事會聲明", "Board statement", "第1頁", "P1"),
    (
        "",
        "匯報原則",
        "重要性、量化及一致性",
        "Materiality, quantitative and consistency",
        "第1-2頁",
        "P1-2",
    ),
    ("", "匯報範圍", "報告範圍", "Reporting boundary of this report", "頁2", "P2"),
    (
        "",
        "A1",
        "層面A1：排放物 一般披露",
        "Emissions: air emissions and waste, general disclosure",
        "第1至2頁",
        "P1-2",
    ),
    (
        "",
        "A1.1",
        "排放物種類及相關排放數據。",
        "The types of emissions and respective emissions data.",
        "第1頁",
        "P1",
    ),
    (
        "",
        "A1.3",
        "所產生有害廢棄物總量。",
        "Total hazardous waste produced.",
        "第2頁、第1頁",
        "P2, P1",
    ),
    (
        "社會",
        "Ｂ5.1",
        "按地區劃分的供應商數目。",
        "Number of suppliers by geographical region.",
        "第99頁",
        "P99",
    ),
    ("", "B1.1", "按性別劃分的僱員總數。", "Total workforce by gender.", "第3-2頁", "P3-2"),
    ("", "B1.2", "按性別劃分的僱員流失比率。", "Employee turnover rate by gender.", "第2頁", "P2"),
    (
        "",
        "B6.2",
        "接獲關於產品及服務的投訴數目以及應對方法。",
        "Number of products and service related complaints received and how they are dealt with.",
        "第３頁",
        "P3",
    ),
    (
        "",
        "B7.3",
        "描述向董事及員工提供的反貪污培訓。",
        "Anti-corruption training for directors.",
        "第3頁",
        "P3",
    ),
    ("", "B8.1", "專注貢獻範疇。", "Focus areas of contribution.", "第1頁", "P1"),
]
NAMED = {"管治架構": "Governance Structure", "匯報原則": "Reporting Principles",
         "匯報範圍": "Reporting Boundary"}  # fmt: skip
EXPECTED = [
    (NAMED.get(code, code.replace("Ｂ", "B")), pages)
    for code, pages in [
        ("管治架構", ((1, 1),)),
        ("匯報原則", ((1, 2),)),
        ("匯報範圍", ((2, 2),)),
        ("A1", ((1, 2),)),
        ("A1.1", ((1, 1),)),
        ("A1.3", ((2, 2), (1, 1))),
        ("Ｂ5.1", ((99, 99),)),  # out of range: the report has 6 pages
        ("B1.1", ((3, 2),)),  # reversed
        ("B1.2", ((2, 2),)),
        ("B6.2", ((3, 3),)),
        ("B7.3", ((3, 3),)),
        ("B8.1", ((1, 1),)),
    ]
]


NOTE = "附註：排放數據涵蓋渡輪及巴士業務。"
CHINESE_PAGES = ["我們的排放物數據。", "社會：僱員資料。", "社區投資及供應商。"]
ENGLISH_PAGES = ["Our emissions data.", "Social: our employees.", "Community and suppliers."]


def _layout(chinese: bool) -> Layout:
    def row(k: int) -> Row:
        section, code, zh, en, zh_pages, en_pages = ROWS[k]
        english_code = NAMED.get(code, code)
        if not chinese:
            section = {"環境": "Environmental", "社會": "Social"}.get(section, "")
        return Row((section, code if chinese else english_code, zh if chinese else en,
                    zh_pages if chinese else en_pages))  # fmt: skip

    items = (
        *(row(k) for k in range(4)),
        Band(NOTE if chinese else "Note: emissions cover ferries and buses."),
        *(row(k) for k in range(4, 6)),
        PageBreak(header=True),
        *(row(k) for k in range(6, 9)),
        PageBreak(header=False),  # the table goes on without its header
        *(row(k) for k in range(9, 12)),
    )  # fmt: skip
    # Both in Noto Sans CJK: the English twin has the full-width code too, which Helvetica lacks.
    layout = partial(Layout, items=items, first_page=4, font=FONT)
    if not chinese:
        return layout(
            header=("Subject area", "Aspect, general disclosure and KPI", "Description", "Page"),
            widths=(16, 38, 90, 12),
            pages_before=tuple(ENGLISH_PAGES),
            title="HKEX Environmental, Social and Governance Reporting Guide Content Index",
        )
    return layout(
        header=("主要範疇", "層面、一般披露及關鍵績效指標", "描述", "頁碼／備註"),
        widths=(16, 30, 60, 16),
        pages_before=tuple(CHINESE_PAGES),
        title="香港聯合交易所有限公司《環境、社會及管治報告指引》內容索引",
        report_title="翠灣控股 環境、社會及管治報告 2024",
        prose="翠灣控股經營港口渡輪及巴士車廠。本年度我們將{n}輛巴士改為電池驅動，並每月量度燃料、電力及用水。",
        after=("核證聲明", "獨立核證機構已審閱本報告所載的排放數據。"),
    )


def _check(chinese: bool, fmt: str, tmp_path: Path) -> CheckResult:
    path = tmp_path / f"{'zh' if chinese else 'en'}{SUFFIX[fmt]}"
    path.write_bytes(render(_layout(chinese), fmt))
    return run(path, Config())


def _rows(result: CheckResult) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    return [
        (e.code, tuple((loc.start, loc.end) for loc in e.locations if loc.start is not None))
        for e in result.index.entries
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_index_reads_as_its_english_twin(fmt: str, tmp_path: Path) -> None:
    chinese = _check(True, fmt, tmp_path)
    english = _check(False, fmt, tmp_path)
    assert _rows(chinese) == _rows(english) == EXPECTED
    descriptions = [e.description for e in chinese.index.entries]
    assert descriptions == [zh for _, _, zh, _, _, _ in ROWS]
    assert chinese.claims["hkex"] == english.claims["hkex"] == "guide"
    # The planted defects, found in Chinese as in English, and nothing else of their kind
    # (Markdown has no pages: there no page is out of range).
    defects = {("PAG003", "B1.1"), ("IDX003", "B5.1")}
    if fmt != "markdown":
        defects.add(("PAG001", "B5.1"))
    said = []
    for result in (chinese, english):
        found = [f for f in result.findings if f.rule in ("PAG001", "PAG003", "IDX003")]
        assert {(f.rule, f.code) for f in found} == defects
        said.append({re.sub(r"'[^']*'", "'…'", f.message) for f in found})
    assert said[0] == said[1]  # the same English messages, quoting each report's own text
    # Every other finding is the same in both languages, but for whether a cited page holds
    # the row's words or its section's heading (PAG004, PAG005): looked for in English words
    # only, they say nothing of a Chinese report.
    evidence = ("PAG004", "PAG005")
    assert {(f.rule, f.code) for f in chinese.findings if f.rule not in evidence} == {
        (f.rule, f.code) for f in english.findings if f.rule not in evidence
    }
