"""Decoding text reports: byte-order marks, UTF-8, detected legacy encodings, --encoding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.catalogue.load import bundled
from xesg.config import Config, ConfigError, load_config
from xesg.errors import InputError
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.load.decode import decode_report

# An HKEx ESG index in Traditional Chinese, as a Hong Kong issuer's text report has it: form
# feeds between pages, the index a tab table. (Reading "第3頁" as a page is the index
# parser's business, not decoding's: only the rows' codes, lines and text are compared.)
CHINESE_REPORT = "\f".join(
    [
        "香港海港有限公司\n環境、社會及管治報告 2024\n",
        "關於本報告\n本報告涵蓋本集團於二零二四年的環境、社會及管治表現。\n2",
        "層面A1：排放物\n本集團的溫室氣體排放量為1,234噸二氧化碳當量。\n3",
        "層面B5：供應鏈管理\n本集團按地區劃分的供應商數目載於下表。\n4",
        "香港聯交所《環境、社會及管治報告指引》內容索引\n"
        "層面\t描述\t頁碼\n"
        "A1.1\t排放物種類及相關排放數據。\t第3頁\n"
        "A1.2\t直接（範圍1）及能源間接（範圍2）溫室氣體排放量（以噸計算）及（如適用）密度。\t第3頁\n"
        "B5.1\t按地區劃分的供應商數目。\t第4頁\n"
        "B5.2\t描述有關聘用供應商的慣例，向其執行有關慣例的供應商數目、以及有關慣例的執行及監察方法。\t第4頁\n"
        "5",
    ]
)


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_a_chinese_report_reads_like_its_utf8_twin(tmp_path: Path, encoding: str) -> None:
    twin = tmp_path / "utf8.txt"
    twin.write_bytes(CHINESE_REPORT.encode("utf-8"))
    legacy = tmp_path / f"{encoding}.txt"
    legacy.write_bytes(CHINESE_REPORT.encode(encoding))
    expected, report = load_report(twin, TABLE_ANSWERS), load_report(legacy, TABLE_ANSWERS)
    assert report.encoding == encoding
    assert report.notes[0].startswith(f"Encoding detected: {encoding} (confidence ")
    assert [p.text for p in report.pages] == [p.text for p in expected.pages]
    assert [p.label for p in report.pages] == [p.label for p in expected.pages]
    titles = bundled(["hkex"]).titles()
    rows = [(e.code, e.line, e.page, e.description) for e in parse_index(report, titles).entries]
    assert rows == [
        (e.code, e.line, e.page, e.description) for e in parse_index(expected, titles).entries
    ]
    assert [code for code, *_ in rows] == ["A1.1", "A1.2", "B5.1", "B5.2"]
    assert rows[2][3].startswith("按地區劃分的供應商數目。")  # (its page: the parser's business)


JAPANESE = (
    "環境報告書 目次\nA1.1 排出物の種類と関連する排出データ。 12ページ\n"
    "スコープ1とスコープ2の温室効果ガス排出量\n"
)


@pytest.mark.parametrize(
    ("text", "written", "read"),
    [
        (CHINESE_REPORT, "gbk", "gb18030"),  # GB18030 is a superset of GBK: same text
        (JAPANESE, "shift_jis", "cp932"),  # Microsoft's Shift-JIS, a superset
        (CHINESE_REPORT, "utf-16-le", "utf-16-le"),  # no byte-order mark
        (CHINESE_REPORT, "utf-16-be", "utf-16-be"),
        ("Scope 1 emissions\nA1.1 Types of emissions 12\n", "utf-16-le", "utf-16-le"),
    ],
)
def test_legacy_and_unmarked_encodings_are_detected(text: str, written: str, read: str) -> None:
    decoded = decode_report(text.encode(written), "x")
    assert (decoded.text, decoded.encoding) == (text, read)
    assert decoded.note is not None and decoded.note.startswith("Encoding detected")


def test_utf8_and_byte_order_marks_need_no_detection() -> None:
    assert decode_report("café".encode(), "x") == ("café", "utf-8", None)
    assert decode_report(b"\xef\xbb\xbf" + "café".encode(), "x") == ("café", "utf-8-sig", None)
    assert decode_report("café".encode("utf-16"), "x") == ("café", "utf-16", None)


def test_western_single_byte_text_is_read_as_cp1252_and_doubt_is_noted() -> None:
    assert decode_report(b"Soci\xe9t\xe9 g\xe9n\xe9rale \x96 \xe9nergie\n", "x") == (
        "Société générale – énergie\n",
        "cp1252",
        None,  # every candidate code page reads it the same
    )
    # "naïve" in cp1250 is "naďve": the detector prefers cp1250, so the choice is noted.
    text, encoding, note = decode_report("Our company’s “naïve” café\n".encode("cp1252") * 5, "x")
    assert (text, encoding) == ("Our company’s “naïve” café\n" * 5, "cp1252")
    assert note is not None and note.startswith("The encoding is uncertain: the text was read as")
    assert "--encoding" in note


def test_binary_data_is_refused() -> None:
    for data in (b"PK\x03\x04\x00\x00", bytes(range(256)) * 4, b"\x01\x02\x03\x04 text"):
        with pytest.raises(InputError, match="binary data, not a text report"):
            decode_report(data, "x")
    with pytest.raises(InputError, match="the report is empty"):
        decode_report(b" \n", "x")


def test_encoding_override() -> None:
    data = CHINESE_REPORT.encode("big5")
    assert decode_report(data, "x", "big5") == (CHINESE_REPORT, "big5", None)
    assert decode_report(data, "x", "latin-1").encoding == "iso8859-1"  # as told, even if wrong
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_report(data, "x", "klingon")


@given(st.text(max_size=200))
def test_any_utf8_text_without_controls_decodes_to_itself(text: str) -> None:
    text = "".join(c for c in text if c >= " " or c in "\t\n\f") + "x"
    assert decode_report(text.encode("utf-8"), "x") == (text, "utf-8", None)


def test_encoding_option_and_config(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(CHINESE_REPORT.encode("big5"))
    argv = [sys.executable, "-m", "xesg", "check", "-q", "--format", "json", "--jobs", "1"]
    done = subprocess.run(
        [*argv, "--encoding", "big5", "--fail-on", "never", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["report"]["encoding"] == "big5"
    assert not any("Encoding" in note for note in result["notes"])  # told, not detected
    bad = subprocess.run(
        [*argv, "--encoding", "klingon", str(report)], capture_output=True, text=True, check=False
    )
    assert (bad.returncode, bad.stderr.strip()) == (
        2,
        "xesg: error: --encoding: unknown encoding 'klingon'",
    )
    config = tmp_path / "xesg.toml"
    config.write_text('encoding = "big5"\n', encoding="utf-8")
    assert load_config(config)[0] == Config(encoding="big5")
    config.write_text('encoding = "klingon"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"encoding: .*unknown encoding 'klingon'"):
        load_config(config)


def test_the_readers_libraries_load_only_when_needed() -> None:
    # Start-up (and a PDF check's time before its pages are read) pays for none of them.
    script = (
        "import sys, xesg.cli, xesg.pipeline\n"
        "from xesg.rules.registry import discover\n"
        "discover()\n"
        "print(sorted(m for m in ('rapidfuzz', 'charset_normalizer', 'ftfy', 'markdown_it')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
