# ruff: noqa: E501  (rows are kept on one line so their columns stay visible)
"""Content indexes supplied as spreadsheets: CSV (encodings, mojibake) and XLSX.

Every index here is invented except the Westpac corpus file (skipped when ../shared/corpus is
absent). Workbooks are generated in the tests with openpyxl.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from xesg.errors import InputError, XesgError
from xesg.index.columns import header_role
from xesg.index.parse import title_lines
from xesg.index.tabular import (
    TabularIndex,
    parse_columns_option,
    read_index_file,
    read_tabular_index,
)
from xesg.load.spreadsheet import repair_mojibake
from xesg.model.index import IndexEntry, LocationKind

DATA = Path(__file__).parent / "data" / "tabular"
PAGE = LocationKind.PAGE
DOC = LocationKind.DOCUMENT
URL = LocationKind.URL
SECTION = LocationKind.SECTION


def by_code(index: TabularIndex) -> dict[str, IndexEntry]:
    entries = {e.code: e for e in index.table.entries}
    assert len(entries) == len(index.table.entries), [e.code for e in index.table.entries]
    return entries


def locs(entry: IndexEntry) -> list[tuple]:
    return [(loc.kind, loc.start, loc.end, loc.document, loc.target) for loc in entry.locations]


def write_csv(
    path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None
) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(title, []):
            sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


GRI_ROWS = [
    [
        "Statement of use",
        "Kestrel Mills has reported in accordance with the GRI Standards for 2024.",
        "",
        "",
    ],
    [],
    ["GRI Standard / Other source", "Disclosure", "Location", "Omission – reason"],
    ["GRI 2: General Disclosures 2021", "2-1 Organizational details", "p. 4", ""],
    ["", "2-2 Entities included in the organization’s sustainability reporting", "pp. 4-5", ""],
    ["", "2-15/2-16 Conflicts of interest; critical concerns", "P10 P11", ""],
    ["", "2-7 Employees", "Annual Report 2024, p. 88", ""],
    [
        "GRI 305: Emissions 2016",
        "305-1 Direct (Scope 1) GHG emissions",
        "https://example.com/esg/ghg",
        "",
    ],
    [
        "",
        "305-7 Nitrogen oxides (NOx), sulfur oxides (SOx), and other significant air emissions",
        "",
        "Not applicable: we operate no combustion plant.",
    ],
]


# --------------------------------------------------------------------------------------------
# 1. CSV: header detection, rows → entries


def test_csv_gri_index_with_long_headers(tmp_path):
    index = read_tabular_index(write_csv(tmp_path / "gri.csv", GRI_ROWS))
    assert index.encoding == "utf-8"
    assert index.header_rows == (3,)
    assert index.columns == {
        "standard": ("GRI Standard / Other source",),
        "code": ("Disclosure",),
        "location": ("Location",),
        "omission": ("Omission – reason",),
    }
    assert index.table.layout == "spreadsheet"
    assert index.table.pages == ()
    assert [(e.code, e.line) for e in index.table.entries] == [
        ("2-1", 4), ("2-2", 5), ("2-15", 6), ("2-16", 6), ("2-7", 7), ("305-1", 8), ("305-7", 9),
    ]  # fmt: skip
    entries = by_code(index)

    first = entries["2-1"]
    assert first == IndexEntry(
        standard="gri",
        raw_code="2-1",
        code="2-1",
        description="Organizational details",
        locations=first.locations,
        raw_location="p. 4",
        page=None,
        line=4,
        standard_text="GRI 2: General Disclosures 2021",
    )
    assert locs(first) == [(PAGE, 4, 4, None, None)]

    assert entries["2-2"].standard_text == "GRI 2: General Disclosures 2021"  # carried down
    assert (
        entries["2-2"].description
        == "Entities included in the organization’s sustainability reporting"
    )
    assert locs(entries["2-2"]) == [(PAGE, 4, 5, None, None)]

    # "2-15/2-16": one entry per code, each with its own page
    assert entries["2-15"].merged_codes == entries["2-16"].merged_codes == ("2-15", "2-16")
    assert locs(entries["2-15"]) == [(PAGE, 10, 10, None, None)]
    assert locs(entries["2-16"]) == [(PAGE, 11, 11, None, None)]
    assert entries["2-15"].description == "Conflicts of interest; critical concerns"

    assert locs(entries["2-7"]) == [(DOC, 88, 88, "Annual Report 2024", None)]
    assert entries["305-1"].standard_text == "GRI 305: Emissions 2016"
    assert locs(entries["305-1"]) == [(URL, None, None, None, "https://example.com/esg/ghg")]

    omitted = entries["305-7"]
    assert omitted.explanation == "Not applicable: we operate no combustion plant."
    assert omitted.locations == ()
    assert omitted.raw_location == ""
    assert omitted.addressed


def test_read_index_file_returns_the_table(tmp_path):
    table = read_index_file(write_csv(tmp_path / "gri.csv", GRI_ROWS))
    assert [e.code for e in table.entries][:2] == ["2-1", "2-2"]


def test_code_column_by_header_and_description_column(tmp_path):
    rows = [
        ["Aspect", "KPI", "Description", "Page / Remarks"],
        ["Emissions", "A1", "General Disclosure", "12"],
        ["", "A1.1", "Types of emissions", "12-13"],
        ["", "A1.2", "GHG emissions", "TBC"],
        ["Use of Resources", "A2", "General Disclosure", "14; Annual Report p. 3"],
        ["", "Reporting Boundary", "Scope of the report", "2"],
    ]
    index = read_tabular_index(write_csv(tmp_path / "hkex.csv", rows))
    assert index.columns == {
        "code": ("KPI",),
        "description": ("Description",),
        "location": ("Page / Remarks",),
        "section": ("Aspect",),
    }
    entries = by_code(index)
    assert [(e.code, e.standard, e.section, e.description) for e in index.table.entries] == [
        ("A1", "hkex", "Emissions", "General Disclosure"),
        ("A1.1", "hkex", "Emissions", "Types of emissions"),
        ("A1.2", "hkex", "Emissions", "GHG emissions"),
        ("A2", "hkex", "Use of Resources", "General Disclosure"),
        ("Reporting Boundary", "hkex", "Use of Resources", "Scope of the report"),
    ]
    assert locs(entries["A1"]) == [(PAGE, 12, 12, None, None)]  # a bare number is a page
    assert locs(entries["A1.1"]) == [(PAGE, 12, 13, None, None)]
    assert [(m.raw, m.reason) for m in entries["A1.2"].malformed] == [
        ("TBC", "placeholder, not a page")
    ]
    assert locs(entries["A2"]) == [(PAGE, 14, 14, None, None), (DOC, 3, 3, "Annual Report", None)]


def test_lookalike_characters_in_codes_are_normalised_and_noted(tmp_path):
    rows = [
        ["Code", "Description", "Page"],
        ["В6", "Product responsibility", "20"],
        ["A1．3", "Hazardous waste", "21"],
        ["2–9", "Governance structure", "22"],
    ]
    entries = by_code(read_tabular_index(write_csv(tmp_path / "look.csv", rows)))
    assert entries["B6"].raw_code == "В6"
    assert entries["B6"].normalised_by == ("'В' (U+0412 CYRILLIC CAPITAL LETTER VE) for 'B'",)
    assert entries["A1.3"].normalised_by == ("'．' (U+FF0E FULLWIDTH FULL STOP) for '.'",)
    assert (entries["2-9"].standard, entries["2-9"].raw_code) == ("gri", "2–9")


def test_headings_and_continuation_rows(tmp_path):
    rows = [
        ["Topic", "Code", "Disclosure title", "Page"],
        ["Environment", "", "", ""],  # a heading row: carried down as the topic
        ["", "305-1", "Direct (Scope 1) GHG emissions", "31"],
        ["", "", "continued from the row above", "32"],  # continuation of 305-1
        ["Social", "", "", ""],
        ["", "403-9", "Work-related injuries", "40"],
        ["People matters", "", "", ""],  # a single cell in the Topic column
        ["", "405-1", "Diversity of governance bodies", "41"],
    ]
    index = read_tabular_index(write_csv(tmp_path / "topics.csv", rows))
    entries = by_code(index)
    assert [(e.code, e.section, e.line) for e in index.table.entries] == [
        ("305-1", "Environment", 3),
        ("403-9", "Social", 6),
        ("405-1", "People matters", 8),
    ]
    assert (
        entries["305-1"].description
        == "Direct (Scope 1) GHG emissions continued from the row above"
    )
    assert entries["305-1"].raw_location == "31\n32"
    assert locs(entries["305-1"]) == [(PAGE, 31, 31, None, None), (PAGE, 32, 32, None, None)]


def test_csv_record_numbers_count_records_not_physical_lines(tmp_path):
    rows = [
        ["Code", "Description", "Page"],
        ["A1", "Emissions\nover two lines", "5"],
        ["A2", "Resources", "6"],
    ]
    index = read_tabular_index(write_csv(tmp_path / "multi.csv", rows))
    assert [(e.code, e.line, e.description) for e in index.table.entries] == [
        ("A1", 2, "Emissions over two lines"),
        ("A2", 3, "Resources"),
    ]


def test_semicolon_and_tab_delimited(tmp_path):
    rows = [
        ["Code", "Description", "Page"],
        ["A1", "Emissions, air", "5"],
        ["A2", "Resources", "6"],
    ]
    for delimiter, name in ((";", "semi.csv"), ("\t", "tabs.tsv")):
        index = read_tabular_index(write_csv(tmp_path / name, rows, delimiter=delimiter))
        assert [(e.code, e.description, e.raw_location) for e in index.table.entries] == [
            ("A1", "Emissions, air", "5"),
            ("A2", "Resources", "6"),
        ]


def test_repeated_header_rows_are_skipped(tmp_path):
    rows = [
        ["Code", "Description", "Page"],
        ["A1", "Emissions", "5"],
        ["Code", "Description", "Page"],
        ["A2", "Resources", "6"],
    ]
    index = read_tabular_index(write_csv(tmp_path / "repeat.csv", rows))
    assert [(e.code, e.line) for e in index.table.entries] == [("A1", 2), ("A2", 4)]
    assert index.table.entries[0].description == "Emissions"


# --------------------------------------------------------------------------------------------
# 2. CSV encodings and mojibake


def test_utf8_sig_is_recorded_and_the_bom_is_not_in_the_header(tmp_path):
    index = read_tabular_index(write_csv(tmp_path / "bom.csv", GRI_ROWS, encoding="utf-8-sig"))
    assert index.encoding == "utf-8-sig"
    assert index.columns["standard"] == ("GRI Standard / Other source",)
    assert len(index.table.entries) == 7


def test_cp1252_is_decoded(tmp_path):
    rows = [
        ["Code", "Description", "Page"],
        ["2-2", "The organization’s entities – all of them", "4"],
        ["2-3", "Reporting period", "5"],
    ]
    index = read_tabular_index(write_csv(tmp_path / "ansi.csv", rows, encoding="cp1252"))
    assert index.encoding == "cp1252"
    assert by_code(index)["2-2"].description == "The organization’s entities – all of them"
    assert index.repaired_cells == 0


def test_utf16_with_bom(tmp_path):
    rows = [["Code", "Description", "Page"], ["A1", "Émissions", "5"]]
    index = read_tabular_index(write_csv(tmp_path / "u16.csv", rows, encoding="utf-16"))
    assert (index.encoding, index.table.entries[0].description) == ("utf-16", "Émissions")


def test_csv_in_a_legacy_chinese_encoding_is_detected_and_noted(tmp_path):
    rows = [
        ["代碼", "描述", "頁碼"],
        ["A1.1", "排放物種類及相關排放數據。", "12"],
        ["B5.1", "按地區劃分的供應商數目。", "30"],
    ]
    for encoding in ("big5", "gb18030", "utf-16-le"):
        path = write_csv(tmp_path / f"{encoding}.csv", rows, encoding=encoding)
        index = read_tabular_index(
            path, {"code": "代碼", "description": "描述", "location": "頁碼"}
        )
        assert index.encoding == encoding
        assert by_code(index)["A1.1"].description == "排放物種類及相關排放數據。"
        assert index.notes[0].startswith(f"Encoding detected: {encoding} (confidence ")


def test_encoding_override_wins_over_detection(tmp_path):
    rows = [["Code", "Description", "Page"], ["2-2", "Entities in Zürich", "4"]]
    path = write_csv(tmp_path / "x.csv", rows, encoding="cp1252")
    assert by_code(read_tabular_index(path))["2-2"].description == "Entities in Zürich"
    index = read_tabular_index(path, encoding="cp1251")  # as the user says, even if wrong
    assert (index.encoding, index.notes) == ("cp1251", ())
    assert by_code(index)["2-2"].description == "Entities in Zьrich"


def double_mojibake(text: str) -> str:
    """UTF-8 decoded as latin-1, twice (what the Westpac export did)."""
    return text.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1")


def test_mojibake_is_repaired_and_counted(tmp_path):
    rows = [
        ["Code", "Description", "Location"],
        [
            "2-2",
            "Entities in the organizationÃ¢Â\x80Â\x99s reporting",
            "Annual Report Ã¢Â\x80Â\x93 Notes",
        ],  # twice, via latin-1
        ["2-3", "Reporting period â€“ annual", "p. 5"],  # once, via cp1252
        ["2-4", "Restatements in São Paulo and Zürich", "p. 6"],  # genuine accents: untouched
        ["2-5", "External assurance Ã¢ÂÂs", "p. 7"],  # the C1 bytes were lost: cannot be undone
        ["2-6", "The company’s â€\ufffdnet zeroâ€\ufffd target", "p. 8"],  # a lost last byte
    ]
    index = read_tabular_index(write_csv(tmp_path / "mojibake.csv", rows))
    entries = by_code(index)
    assert entries["2-2"].description == "Entities in the organization’s reporting"
    assert entries["2-2"].raw_location == "Annual Report – Notes"
    assert entries["2-3"].description == "Reporting period – annual"
    assert entries["2-4"].description == "Restatements in São Paulo and Zürich"
    assert entries["2-5"].description == "External assurance Ã¢ÂÂs"  # left as it was …
    # The quote whose last byte was lost is one U+FFFD, beside the correct apostrophe.
    assert entries["2-6"].description == "The company’s \ufffdnet zero\ufffd target"
    assert (index.repaired_cells, index.unrepaired_cells) == (4, 1)  # … and reported
    assert index.notes == (
        "Repaired mojibake (text decoded with the wrong encoding) in 4 cells.",
        "1 cells look like mojibake that could not be repaired.",
    )


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("organizationâ€™s", "organization’s"),
        ("Ã©tÃ©", "été"),
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("Â£5m", "£5m"),
        ("ä¸\xadæ\x96\x87", "中文"),
        ("café", "café"),
        ("naïve façade", "naïve façade"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_repair_mojibake_examples(broken, fixed):
    assert repair_mojibake(broken) == fixed


# Index text: words, codes and the non-ASCII characters indexes are written with, none of them
# a Latin-1 or cp1252 character of its own (so that its mojibake is unambiguous).
_WORDS = ["the", "company", "Scope", "2", "A1.1", "305-2", "(e.g.)", "water", "report"]
_NON_ASCII = ["’s", "“net-zero”", "–", "—", "€5m", "•", "✓", "🌏", "中文", "排放物", "한국어", "Жж"]
_CLEAN = st.lists(st.sampled_from([*_WORDS, *_NON_ASCII]), max_size=12).map(" ".join)


@given(_CLEAN)
def test_repair_undoes_mojibake_once_or_twice(text):
    assert repair_mojibake(text) == text
    assert repair_mojibake(text.encode("utf-8").decode("latin-1")) == text
    assert repair_mojibake(double_mojibake(text)) == text
    cp1252 = text.encode("utf-8").decode("cp1252", errors="ignore")
    if cp1252.encode("cp1252") == text.encode("utf-8"):  # every byte has a cp1252 character
        assert repair_mojibake(cp1252) == text


def test_a_lone_trade_mark_sign_in_mojibake_is_left_as_it_is():
    # ftfy's heuristics judge "â„¢" (™ read as cp1252) plausible text on its own, so it is
    # neither repaired nor counted; the hand-written table it replaced did repair it.
    assert repair_mojibake("Brandâ„¢ range") == "Brandâ„¢ range"


def test_escaped_line_breaks_are_restored(tmp_path):
    rows = [
        ["Code", "Description", "Location"],
        [
            "2-1",
            "Organizational details\\nThe organization shall:\\na. report",
            "a. p. 4\\nb. p. 5",
        ],
    ]
    index = read_tabular_index(write_csv(tmp_path / "escaped.csv", rows))
    entry = index.table.entries[0]
    assert entry.description == "Organizational details"
    assert entry.raw_location == "a. p. 4\nb. p. 5"
    assert index.notes == ("2 cells had line breaks written as '\\n'.",)


# --------------------------------------------------------------------------------------------
# 3. XLSX


def test_xlsx_several_sheets_title_rows_merged_cells_and_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "index.xlsx",
        {
            "Cover": [["Kestrel Mills Sustainability Index 2024"], ["Prepared for the auditor"]],
            "GRI": [
                ["GRI content index"],
                [],
                [
                    "GRI STANDARD/ OTHER SOURCE",
                    "DISCLOSURE",
                    "LOCATION",
                    "OMISSION",
                    None,
                    None,
                    "GRI SECTOR STANDARD REF. NO.",
                ],
                [None, None, None, "REQUIREMENT(S) OMITTED", "REASON", "EXPLANATION", None],
                ["General disclosures"],
                [
                    "GRI 2: General Disclosures 2021",
                    "2-1 Organizational details",
                    4,
                    None,
                    None,
                    None,
                    None,
                ],
                [
                    None,
                    "2-7 Employees",
                    12.0,
                    "2-7-b",
                    "Information unavailable",
                    "Systems are being replaced.",
                    None,
                ],
                [
                    None,
                    "2-9 Governance structure and composition",
                    "Annual Report p. 40",
                    None,
                    None,
                    None,
                    "11.1.1",
                ],
            ],
            "SASB": [
                ["Topic", "Accounting metric", "Code", "Response"],
                ["Data Security", "Number of data breaches", "TC-SI-230a.1", "p. 22"],
                [
                    None,
                    "Description of approach to data security risks",
                    "TC-SI-230a.2",
                    "pp. 22-23",
                ],
                ["Activity metrics", "Number of users", "TC-SI-000.A", "p. 3"],
            ],
        },
        merges={"GRI": ["D3:F3", "A6:A8"]},
    )
    index = read_tabular_index(path)
    assert index.encoding == "xlsx"
    assert index.sheets == ("GRI", "SASB")
    assert index.sheet == "GRI"
    assert index.header_rows == (4, 1)
    assert index.notes == ("Sheets without an index: Cover.",)
    assert index.columns == {
        "standard": ("GRI STANDARD/ OTHER SOURCE",),
        "code": ("DISCLOSURE",),
        "location": ("LOCATION",),
        "omission": ("OMISSION REQUIREMENT(S) OMITTED", "REASON", "EXPLANATION"),
    }
    assert [(e.code, e.standard, e.line) for e in index.table.entries] == [
        ("2-1", "gri", 6), ("2-7", "gri", 7), ("2-9", "gri", 8),
        ("TC-SI-230a.1", "sasb", 2), ("TC-SI-230a.2", "sasb", 3), ("TC-SI-000.A", "sasb", 4),
    ]  # fmt: skip
    entries = by_code(index)
    assert locs(entries["2-1"]) == [(PAGE, 4, 4, None, None)]  # a number cell
    assert locs(entries["2-7"]) == [(PAGE, 12, 12, None, None)]  # 12.0 is page 12
    assert entries["2-7"].standard_text == "GRI 2: General Disclosures 2021"  # merged A6:A8
    assert entries["2-9"].standard_text == "GRI 2: General Disclosures 2021"
    assert entries["2-7"].explanation == (
        "OMISSION REQUIREMENT(S) OMITTED: 2-7-b REASON: Information unavailable "
        "EXPLANATION: Systems are being replaced."
    )
    assert entries["2-1"].explanation is None
    assert locs(entries["2-9"]) == [(DOC, 40, 40, "Annual Report", None)]
    assert entries["2-1"].section == "General disclosures"  # the heading row

    sasb = entries["TC-SI-230a.2"]
    assert (sasb.description, sasb.section) == (
        "Description of approach to data security risks",
        "Data Security",
    )
    assert locs(sasb) == [(PAGE, 22, 23, None, None)]
    assert entries["TC-SI-000.A"].section == "Activity metrics"


def test_columns_override(tmp_path):
    path = write_xlsx(
        tmp_path / "odd.xlsx",
        {
            "Index": [
                ["Ref", "Wording", "Where to find it", "Cross-reference"],
                ["A1", "Emissions", "p. 5", "Annual Report p. 9"],
                ["A1.1", "Types of emissions", "p. 6", "Annual Report p. 10"],
            ]
        },
    )
    detected = by_code(read_tabular_index(path))
    assert detected["A1"].description == ""  # "Wording" names no role
    index = read_tabular_index(
        path, {"code": "ref", "description": "Wording", "location": "Cross-reference"}
    )
    assert index.columns == {
        "code": ("Ref",),
        "description": ("Wording",),
        "location": ("Cross-reference",),
    }
    entries = by_code(index)
    assert entries["A1"].description == "Emissions"
    assert locs(entries["A1"]) == [(DOC, 9, 9, "Annual Report", None)]  # only the named column
    assert locs(entries["A1.1"]) == [(DOC, 10, 10, "Annual Report", None)]


def test_columns_override_with_a_header_that_does_not_exist(tmp_path):
    path = write_csv(tmp_path / "gri.csv", GRI_ROWS)
    with pytest.raises(InputError, match="no header row with the columns code='page number'"):
        read_tabular_index(path, {"code": "Page number"})
    with pytest.raises(XesgError, match="unknown column role pages"):
        read_tabular_index(path, {"pages": "Location"})


def test_parse_columns_option():
    assert parse_columns_option("code=Disclosure, location=Page / Remarks") == {
        "code": "Disclosure",
        "location": "Page / Remarks",
    }
    assert parse_columns_option("") == {}
    with pytest.raises(XesgError, match="expected ROLE=HEADER"):
        parse_columns_option("code")
    with pytest.raises(XesgError, match="unknown column role page"):
        parse_columns_option("page=Location")


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("GRI Standard / Other source", "standard"),
        ("GRI STANDARD NUMBER", "standard"),
        ("Disclosure", "description"),
        ("Disclosure number", "code"),
        ("Code", "code"),
        ("KPI", "code"),
        ("Location", "location"),
        ("Page number", "location"),
        ("WESTPAC RESPONSE", "location"),
        ("Omission – reason", "omission"),
        ("Requirement(s) omitted", "omission"),
        ("Topic", "section"),
        ("Chapter", "chapter"),
        ("SDG INDEX", "other"),
        ("Disclosure alignment status", "other"),  # a status word decides wherever it stands
        ("Report section", "location"),
        ("Category", None),  # a SASB table's: "Quantitative", "Discussion and Analysis"
        ("GRI Sector Standard Ref. No.", "other"),
        ("Unnamed: 0", None),
        ("", None),
    ],
)
def test_header_roles(header, role):
    assert header_role(header) == role


# --------------------------------------------------------------------------------------------
# 4. errors


def test_unreadable_inputs_are_input_errors(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_index_file(tmp_path / "empty.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        read_index_file(tmp_path / "broken.xlsx")
    (tmp_path / "index.ods").write_bytes(b"x")
    with pytest.raises(InputError, match=r"not a \.csv or \.xlsx"):
        read_index_file(tmp_path / "index.ods")
    with pytest.raises(InputError, match="no such file"):
        read_index_file(tmp_path / "missing.csv")
    prose = write_csv(tmp_path / "prose.csv", [["Name", "Title"], ["Ann", "Director"]])
    with pytest.raises(InputError, match=r"no content index found .* --columns code=HEADER"):
        read_index_file(prose)


# --------------------------------------------------------------------------------------------
# 5. the real Westpac FY23 GRI index (CSV exported by a third party, with mojibake)

WESTPAC_TITLES = [
    "Organizational details",
    "Entities included in the organization’s sustainability reporting",
    "Reporting period, frequency and contact point",
    "Restatements of information",
    "External assurance",
    "Activities, value chain and other business relationships",
    "Employees",
    "Workers who are not employees",
    "Governance structure and composition",
    "Nomination and selection of the highest governance body",
    "Chair of the highest governance body",
    "Role of the highest governance body in overseeing the management of impacts",
    "Delegation of responsibility for managing impacts",
    "Role of the highest governance body in sustainability reporting",
    "Conflicts of interest",
    "Communication of critical concerns",
    "Collective knowledge of the highest governance body",
    "Evaluation of the performance of the highest governance body",
]


def test_westpac_gri_index(corpus):
    index = read_tabular_index(corpus / "westpac-2023" / "gri-index.csv")
    # Present (counted by hand): 18 rows, disclosures 2-1 … 2-18 (spreadsheet rows 14-31,
    # CSV records 5-22 below a pandas header row and two title rows).
    assert [e.code for e in index.table.entries] == [f"2-{n}" for n in range(1, 19)]
    assert [e.line for e in index.table.entries] == list(range(5, 23))
    assert [e.description for e in index.table.entries] == WESTPAC_TITLES
    assert {e.standard for e in index.table.entries} == {"gri"}
    assert {e.standard_text for e in index.table.entries} == {"GRI 2: General Disclosures 2021"}
    assert index.encoding == "utf-8"
    assert index.header_rows == (4,)
    assert index.columns == {
        "standard": ("GRI STANDARD NUMBER",),
        "code": ("DISCLOSURE",),
        "location": ("WESTPAC RESPONSE",),
    }
    assert index.repaired_cells == 17
    assert index.unrepaired_cells == 0
    entries = by_code(index)
    assert entries["2-1"].raw_location == (
        "a. Westpac Banking Corporation\n"
        "b. Publicly listed company limited by shares under the Australian Corporations Act 2001 (Cth)\n"
        "c. 275 Kent Street, Sydney NSW 2000, Australia\n"
        "d. See our Website: Global locations"
    )
    assert entries["2-9"].raw_location.startswith(
        "a. See our 2023 Annual Report: Corporate Governance – Roles and Responsibilities\n"
    )
    assert (
        entries["2-10"].raw_location
        == "a. and b. See our 2023 Annual Report: Corporate Governance – Appointment of Directors"
    )
    assert [loc.document for loc in entries["2-10"].locations] == ["2023 Annual Report"]
    every = "".join(
        e.description + e.raw_location + (e.explanation or "") for e in index.table.entries
    )
    assert "Ã" not in every and "Â" not in every and "\\n" not in every
    assert all(e.addressed for e in index.table.entries)


@pytest.mark.parametrize(
    ("cell", "title"),
    [
        (
            "Organizational details\nThe organization shall:\na. report its legal name;",
            "Organizational details",
        ),
        ("Direct (Scope 1)\nGHG emissions", "Direct (Scope 1) GHG emissions"),
        (
            "The types of emissions and\nrespective emissions data.\nSee also KPI A1.2.",
            "The types of emissions and respective emissions data.",
        ),
        ("Employees\na. total number of employees", "Employees"),
        ("\n\nWorkers who are not employees", "Workers who are not employees"),
    ],
)
def test_title_lines(cell, title):
    assert title_lines(cell.split("\n")) == title


def test_a_band_beside_the_sheets_row_numbers_is_a_heading(tmp_path):
    """An export that kept the sheet's row numbers as its first column ("13" over the header,
    "14", "15" … beside each row): the header is still the header, and a band row is a
    heading, its row number a cell no row reads."""
    rows = [
        ["", "", "Index of disclosures", "", ""],
        ["13", "", "GRI STANDARD", "DISCLOSURE", "RESPONSE"],
        [
            "14",
            "",
            "GRI 2: General Disclosures 2021",
            "Disclosure 2-1 Organizational details",
            "p. 4",
        ],
        ["15", "", "", "Disclosure 2-2 Entities included", "p. 5"],
        ["16", "", "Governance", "", ""],
        ["17", "", "", "Disclosure 2-9 Governance structure", "p. 6"],
    ]
    index = read_tabular_index(write_csv(tmp_path / "numbered.csv", rows))
    assert index.header_rows == (2,)
    assert [(e.code, e.line, e.section, e.standard_text) for e in index.table.entries] == [
        ("2-1", 3, None, "GRI 2: General Disclosures 2021"),
        ("2-2", 4, None, "GRI 2: General Disclosures 2021"),
        ("2-9", 6, "Governance", "GRI 2: General Disclosures 2021"),
    ]
    assert [e.description for e in index.table.entries] == [
        "Organizational details", "Entities included", "Governance structure",
    ]  # fmt: skip
