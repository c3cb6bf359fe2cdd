"""Limits and guards on what xesg reads (docs/limits.md), in process: bad configuration,
baselines and catalogue directories give one line and exit 2; the parsers never raise on
any text but a clean :class:`InputError`, and finish in bounded time (hypothesis)."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from xesg.cli import main
from xesg.errors import InputError
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.locations import parse_location
from xesg.index.tabular import read_tabular_index
from xesg.load.guard import (
    MAX_INDEX_ROWS,
    MAX_LINE_BYTES,
    MAX_LINES,
    MAX_PAGE_CHARS,
    MAX_PAGES,
    MAX_TEXT_BYTES,
    long_line,
    read_bytes,
)
from xesg.load.html import MAX_ATTRIBUTES, MAX_HTML_ELEMENTS, parse_html_document
from xesg.load.html_tables import MAX_SPAN_CELLS
from xesg.load.markdown import parse_markdown_document
from xesg.load.text import parse_text_report
from xesg.report.printable import printable

# Each example must finish well inside this (seconds): the parsers are linear or close.
EXAMPLE_SECONDS = 5.0
FUZZ = settings(max_examples=60)


def _one_line_error(tmp_path: Path, *args: str) -> str:
    """Run the command line in ``tmp_path``; its one error line."""
    result = CliRunner().invoke(main, [a if a.startswith("-") else _in(tmp_path, a) for a in args])
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("xesg: error: "), result.stderr
    return lines[0]


def _in(folder: Path, name: str) -> str:
    return name if Path(name).is_absolute() or name in ("check", "diff") else str(folder / name)


# --- configuration, baselines, catalogues -----------------------------------------------------


@pytest.mark.parametrize(
    "config",
    ["x = " + "[" * 600 + "]" * 600, "a = " + "{b = " * 600 + "1" + "}" * 600],
    ids=["arrays", "inline-tables"],
)
def test_a_config_nested_too_deeply_is_one_line(tmp_path: Path, config: str) -> None:
    (tmp_path / "xesg.toml").write_text(config + "\n")
    line = _one_line_error(tmp_path, "check", "--config", "xesg.toml", str(EXAMPLE))
    assert "xesg.toml: invalid TOML: nested too deeply" in line


def test_json_nested_100k_levels_is_one_line_in_baseline_and_diff(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    line = _one_line_error(tmp_path, "check", "--baseline", "deep.json", str(EXAMPLE))
    assert "deep.json: not an xesg baseline" in line
    line = _one_line_error(tmp_path, "diff", "deep.json", "deep.json")
    assert "deep.json: JSON nested too deeply" in line


@pytest.mark.parametrize(
    ("file", "text", "option", "message"),
    [
        (
            "xesg.toml",
            '[[waivers]]\nrule = "IDX002"\nreason = "     "\n',
            "--config",
            "waivers.0.reason: String should have at least 3 characters",
        ),
        ("xesg.toml", "first_page = -5\n", "--config", "first_page: Input should be greater"),
        ("b.json", '{"fingerprints": "abc"}', "--baseline", "not an xesg baseline"),
        ("b.json", '{"fingerprints": {"a": 1}}', "--baseline", "not an xesg baseline"),
        ("b.json", '{"fingerprints": [1, 2]}', "--baseline", "not an xesg baseline"),
    ],
    ids=["blank-waiver-reason", "negative-first-page", "string", "dict", "numbers"],
)
def test_bad_configuration_and_baselines_are_one_line(
    tmp_path: Path, file: str, text: str, option: str, message: str
) -> None:
    (tmp_path / file).write_text(text)
    assert message in _one_line_error(tmp_path, "check", option, file, str(EXAMPLE))


@pytest.mark.parametrize("codec", ["idna", "punycode", "undefined", "unicode_escape", "base64"])
def test_an_encoding_that_is_no_character_set_is_one_line(tmp_path: Path, codec: str) -> None:
    line = _one_line_error(tmp_path, "check", f"--encoding={codec}", str(EXAMPLE))
    assert f"--encoding: {codec!r} is no character set a report is written in" in line


def test_a_waiver_reason_is_kept_without_its_blanks(tmp_path: Path) -> None:
    from xesg.config import load_config

    (tmp_path / "xesg.toml").write_text('[[waivers]]\nrule = "IDX002"\nreason = "  fine  "\n')
    config, _ = load_config(tmp_path / "xesg.toml")
    assert config.waivers[0].reason == "fine"


@pytest.mark.parametrize(
    ("link", "target", "message"),
    [
        ("x.yaml", "/nonexistent/x.yaml", "x.yaml: a symbolic link to nothing"),
        ("self.yaml", "self.yaml", "self.yaml: cannot read (Too many levels of symbolic links)"),
    ],
    ids=["dangling", "looping"],
)
def test_a_broken_link_in_a_catalogue_directory_is_one_line(
    tmp_path: Path, link: str, target: str, message: str
) -> None:
    (tmp_path / "cat").mkdir()
    (tmp_path / "cat" / link).symlink_to(target)
    (tmp_path / "cat" / "up").symlink_to("..")  # a folder loop is walked once, not forever
    assert message in _one_line_error(tmp_path, "check", "--catalogue", "cat", str(EXAMPLE))


def test_a_report_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "big.txt").open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk used
    line = _one_line_error(tmp_path, "check", "big.txt")
    assert "big.txt: 16,777,217 bytes, over the limit of 16 MiB for a text report" in line


def test_read_bytes_stops_at_its_limit(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"x" * 101)
    assert read_bytes(tmp_path / "f", 101, "a file") == b"x" * 101
    with pytest.raises(InputError, match="101 bytes, over the limit"):
        read_bytes(tmp_path / "f", 100, "a file")
    with pytest.raises(InputError, match="a directory, not a regular file"):
        read_bytes(tmp_path, 100, "a file")


# --- long lines ---------------------------------------------------------------------------------


@given(
    st.lists(st.integers(min_value=0, max_value=40), max_size=30),
    st.sampled_from([b"\n", b"\r", b"\r\n"]),
)
def test_long_line_finds_exactly_the_lines_over_the_limit(lengths: list[int], end: bytes) -> None:
    data = end.join(b"x" * n for n in lengths)
    expected = next(
        (sum(n + len(end) for n in lengths[:k]) for k, n in enumerate(lengths) if n > 10), None
    )
    found = long_line(data, 10)
    if end == b"\r\n":  # a line's end is one or two bytes: the start it names is the same
        assert (found is None) == (expected is None)
    else:
        assert found == expected


def test_long_line_is_linear_whatever_the_lines() -> None:
    for line in (b"x" * (MAX_LINE_BYTES - 1) + b"\n", b"ab\n", b"x" * (MAX_LINE_BYTES + 1)):
        data = line * (4 * (1 << 20) // len(line))
        start = time.perf_counter()
        long_line(data)
        assert time.perf_counter() - start < 3.0


# --- terminal control characters --------------------------------------------------------------


@given(st.text())
def test_printable_text_has_no_control_characters(text: str) -> None:
    shown = printable(text)
    assert not any(
        (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
        for c in shown
    )
    assert printable(shown) == shown


def test_printable_removes_whole_sequences() -> None:
    assert printable("a\x1b]0;title\x07b") == "ab"
    assert printable("\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\") == "link"
    assert printable("\x1b[1;31mred\x1b[0m \x9b2J") == "red "
    assert printable("form\x0cfeed\r") == "form feed "
    assert printable("caf\udce9") == "caf\ufffd"
    unchanged = "no controls: tab\there, line\nbreak, é ü 中"
    assert printable(unchanged) is unchanged


# --- the parsers under fuzzing: InputError or a result, never another exception --------------


def _bounded(parse: object, *args: object) -> None:
    start = time.perf_counter()
    with contextlib.suppress(InputError):
        parse(*args)  # type: ignore[operator]
    assert time.perf_counter() - start < EXAMPLE_SECONDS


_REPORTISH = st.text(
    alphabet=st.sampled_from(list("A1B2.-–P3 \n\f\t\r|?abcxyzGRI305Page:<>&\"'\x00\x1b\ufffd")),
    max_size=400,
)


@FUZZ
@given(_REPORTISH)
def test_the_text_parser_never_fails(text: str) -> None:
    _bounded(parse_text_report, text)


@FUZZ
@given(
    st.binary(max_size=300) | _REPORTISH.map(lambda t: f"<html><body>{t}</body></html>".encode())
)
def test_the_html_parser_never_fails(data: bytes) -> None:
    _bounded(parse_html_document, data)
    _bounded(parse_html_document, data, "<xhtml>", None, True)


_MARKUP = st.sampled_from(
    ["#", "|", "---", "-", "*", "_", "**", "`", "```", ">", "1.", "[", "]", "(", ")", "![",
     "<", "<a ", "</a>", "<!--", "-->", "<!-- page 3 -->", "\\", "&amp;", "&", "{#x}", "    ",
     "\t", "\n", "\n\n", "\f", "\r", "A1.1", "P3", "GRI 305-1", "Page 4", "é", "中"]
)  # fmt: skip


@FUZZ
@given(st.lists(_MARKUP | _REPORTISH, max_size=60).map("".join))
def test_the_markdown_parser_never_fails(text: str) -> None:
    _bounded(parse_markdown_document, text)


# One piece of markup repeated thousands of times, on a line or on lines of their own: where
# a parser backtracks or rescans, its time grows with the square of the repetitions.
_REPEATED = st.tuples(
    st.lists(_MARKUP, min_size=1, max_size=3).map("".join),
    st.integers(min_value=2_000, max_value=30_000),
    st.sampled_from(["", "\n"]),
).map(lambda t: (t[0] + t[2]) * t[1])


@settings(max_examples=12, deadline=None)
@given(_REPEATED)
def test_repeated_markup_takes_the_parsers_linear_time(text: str) -> None:
    _bounded(parse_text_report, text)
    _bounded(parse_markdown_document, text)
    _bounded(parse_html_document, f"<html><body>{text}</body></html>".encode())


@FUZZ
@given(st.lists(st.text(max_size=40), max_size=4))
def test_the_location_parser_never_fails(lines: list[str]) -> None:
    _bounded(parse_location, lines)
    _bounded(parse_location, lines, False)


@settings(max_examples=30)
@given(_REPORTISH.map(lambda t: "Code,Description,Page\nA1.1,Emissions,P3\n" + t))
def test_the_csv_reader_never_fails(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("csv") / "index.csv"
    path.write_text(text, encoding="utf-8", newline="")
    _bounded(read_tabular_index, path)


# --- HTML whose size is small and whose work is not ----------------------------------------


def test_spans_filling_billions_of_cells_are_bounded_and_noted() -> None:
    # rowspan 65534 (clamped to the group's 100 rows) × colspan 1000 in every row: unbounded,
    # the grid holds 5 million cells and its lines 5 million tabs.
    page = "<table>" + "<tr><td rowspan=65534 colspan=1000>A1.1</td></tr>" * 100 + "</table>"
    document = parse_html_document(page.encode())
    text = "".join(p.text for p in document.report.pages)
    assert text.count("\t") <= 2 * MAX_SPAN_CELLS
    assert text.count("A1.1") == 100  # every cell is read; spans past the bound are not
    # Rows 1 and 2 span 100,000 and 99,000 cells; the 98 after them would pass the bound.
    assert (
        "Left out of the HTML's text: 98 rowspan/colspan past the first 200,000 cells they fill."
        in document.report.notes
    )


def test_a_wide_row_over_many_short_rows_is_not_padded_into_every_row() -> None:
    page = "<table><tr>" + "<td>x</td>" * 20_000 + "</tr>" + "<tr><td>A1.1</td></tr>" * 2_000
    text = "".join(p.text for p in parse_html_document(page.encode()).report.pages)
    assert text.count("\t") < 25_000  # padded, 40 million


@given(st.text(alphabet=" \t\n\u00a0ab", max_size=60), st.integers(min_value=1, max_value=8))
def test_blanks_collapse_alike_in_slices(text: str, size: int) -> None:
    import xesg.load.html_tree as tree

    whole = tree.SPACES.sub(" ", text)
    original = tree._SLICE
    tree._SLICE = size  # no fixture: hypothesis runs many examples in one test
    try:
        assert tree.collapse(text) == whole
    finally:
        tree._SLICE = original


@pytest.mark.parametrize(
    "tag",
    [
        "<div " + " ".join(f"a{i}=x" for i in range(50_000)) + ">",
        "<div " + " ".join(f"a{i}" for i in range(50_000)) + ">",
        '<div title=">" ' + "".join(f'a{i}="1"' for i in range(50_000)) + ">",  # '>' quoted
    ],
    ids=["values", "names", "quoted-gt-glued"],
)
def test_an_element_with_too_many_attributes_is_refused_before_parsing(tag: str) -> None:
    page = f"<html><body><p>A1.1</p>\n{tag}x</div></body></html>"
    with pytest.raises(InputError, match="line 2: an element with more than 1,000 attributes"):
        parse_html_document(page.encode())


def test_elements_with_long_attributes_or_quoted_text_are_read() -> None:
    tags = [
        "<div " + " ".join(f"a{i}=x" for i in range(MAX_ATTRIBUTES)) + ">A1.1</div>",
        '<div style="' + "color: red; " * 10_000 + '">A1.2</div>',  # one long value
        '<div a="x ' + " ".join(f"b{i}" for i in range(5_000)) + ">A1.3</div>",  # one, unclosed
    ]
    for tag in tags:
        page = f"<html><body><p>A1.0</p>{tag}</body></html>"
        document = parse_html_document(page.encode())
        assert document.report.pages


# --- lines, pages, elements, index rows --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("r.txt", "A1.1 P3\n" * MAX_LINES, "100,001 lines, over the limit of 100,000 lines"),
        ("r.md", "- a\r" * MAX_LINES, "100,001 lines, over the limit of 100,000 lines"),
        ("r.txt", "x\f" * MAX_PAGES, "10,001 pages, over the limit of 10,000 pages"),
        ("r.md", "<!-- page 1 -->\nx\n" * (MAX_PAGES + 1), "10,001 pages, over the limit"),
        ("r.html", "<p>" + "<b>x</b>" * MAX_HTML_ELEMENTS, "200,003 elements, over the limit"),
    ],
    ids=["text-lines", "markdown-lines", "text-pages", "markdown-pages", "html-elements"],
)
def test_a_report_past_a_count_limit_is_one_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text)
    assert message in _one_line_error(tmp_path, "check", name)


def test_a_pdf_of_more_pages_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    from tests.test_hostile import _pdf_of_pages

    (tmp_path / "r.pdf").write_bytes(_pdf_of_pages([b""] * (MAX_PAGES + 1)))
    assert "10,001 pages, over the limit of 10,000 pages" in _one_line_error(
        tmp_path, "check", "r.pdf"
    )


def test_reports_at_the_count_limits_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xesg.load.guard
    import xesg.load.html
    from xesg.load import load_report

    monkeypatch.setattr(xesg.load.guard, "MAX_LINES", 3)
    monkeypatch.setattr(xesg.load.guard, "MAX_PAGES", 2)
    monkeypatch.setattr(xesg.load.html, "MAX_HTML_ELEMENTS", 4)
    for name, text in [("r.txt", "a\nb\fc"), ("r.md", "a\r\nb\fc"), ("r.html", "<p>a<b>b</b>")]:
        (tmp_path / name).write_text(text)
        assert load_report(tmp_path / name, TABLE_ANSWERS).pages  # html, body, p, b: 4
        (tmp_path / name).write_text(text.replace("a", "<i>a</i>\nd\fe"))
        with pytest.raises(InputError, match="over the limit of"):
            load_report(tmp_path / name, TABLE_ANSWERS)


def test_index_rows_past_the_limit_are_not_checked_and_a_note_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import xesg.pipeline

    monkeypatch.setattr(xesg.pipeline, "MAX_INDEX_ENTRIES", 20)
    result = xesg.pipeline.run(EXAMPLE)
    assert len(result.index.entries) == 20
    assert any("only the first 20 were checked" in note for note in result.notes)


def _calls(path: Path) -> int:
    """Python function calls made checking ``path``: work counted, not timed."""
    import cProfile
    import pstats

    import xesg.pipeline

    profile = cProfile.Profile()
    profile.runcall(xesg.pipeline.run, path)
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined,no-any-return]


def test_a_large_index_costs_work_in_proportion_to_its_rows(tmp_path: Path) -> None:
    # The example's pages k times over: k indexes of 60 rows each. A cost per row that grows
    # with the rows (a rule comparing each row with every other) would make 5 times the rows
    # 25 times the work; linear work is at most 5 times (less: the fixed cost is shared).
    pages = EXAMPLE.read_text().split("\f")
    for k in (2, 10):
        (tmp_path / f"x{k}.txt").write_text("\f".join(pages * k))
    _calls(tmp_path / "x2.txt")  # the catalogues' cache is written once, on a first run
    small, large = _calls(tmp_path / "x2.txt"), _calls(tmp_path / "x10.txt")
    assert large < 6 * small, large / small


# --- spreadsheets: bounded before openpyxl reads them -----------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Index" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook(path: Path, rows: list[bytes], repeat: int = 1, shared: int = 0) -> Path:
    """An .xlsx whose sheet holds ``rows`` (``<row>`` elements) ``repeat`` times over, and
    ``shared`` shared strings; parts are written in chunks, never whole in memory."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            block = b"".join(rows) * min(repeat, 10_000)
            for _ in range(repeat // min(repeat, 10_000)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
        if shared:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
                strings.write(f'<sst xmlns="{_MAIN}">'.encode())
                for _ in range(shared // 100_000):
                    strings.write(b"<si><t>x</t></si>" * 100_000)
                strings.write(b"</sst>")
    return path


_HEADER = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c></row>'


@pytest.mark.parametrize(
    ("rows", "repeat", "shared", "message"),
    [
        ([b"<row><c><v>1</v></c></row>"], 3_000_000, 0, "inflates to"),  # ~80 MiB of rows
        ([b"<row>" + b"<c/>" * 5_000_000 + b"</row>"], 1, 0, "has a cell in column 1,001"),
        ([b'<row><c r="XFD1"/></row>'], 1, 0, "has a cell in column 16,384"),
        ([b'<row><c r="ALL1"/></row>'], 600, 0, "more than 500,000 cells"),
        ([_HEADER], 1, 300_000, "more than 200,000 shared strings"),
    ],
    ids=["long-sheet", "wide-row", "far-cell", "many-cells", "shared-strings"],
)
def test_a_workbook_past_a_limit_is_refused_before_it_is_read(
    tmp_path: Path, rows: list[bytes], repeat: int, shared: int, message: str
) -> None:
    path = _workbook(tmp_path / "bomb.xlsx", rows, repeat, shared)
    start = time.perf_counter()
    with pytest.raises(InputError, match=message):
        read_tabular_index(path)
    assert time.perf_counter() - start < 15


def test_rows_past_the_row_limit_are_not_read_and_the_index_says_so(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text("Code,Description,Page\nA1.1,Emissions,P3\n" + "note,,\n" * MAX_INDEX_ROWS)
    read = read_tabular_index(path)
    assert [e.code for e in read.table.entries] == ["A1.1"]
    assert f"index: only the first {MAX_INDEX_ROWS:,} rows were read" in " ".join(read.notes)


def test_a_pdf_page_with_more_text_than_a_page_holds_is_not_extracted(tmp_path: Path) -> None:
    from tests.pdf_fixtures import _raw_pdf, _stream
    from xesg.load import load_report

    pages = []
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 "
               b"/BaseFont /Helvetica >>"]  # fmt: skip
    # pdfium reads at most 32,767 characters of one string: the long page shows many.
    for words in (b"(Emissions fell.) Tj", (b"(" + b"x" * 1000 + b") Tj ") * 201):
        objects.append(_stream(b"BT /F1 1 Tf 10 10 Td " + words + b" ET"))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        pages.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count 2 >>" % b" ".join(pages)
    (tmp_path / "r.pdf").write_bytes(_raw_pdf(objects))
    first, second = load_report(tmp_path / "r.pdf", TABLE_ANSWERS).pages
    assert "Emissions fell." in first.text and first.unreadable is None
    assert second.text == ""
    assert (
        second.unreadable
        == f"more than {MAX_PAGE_CHARS:,} characters of text, the limit for a page"
    )


def test_a_fault_on_one_report_of_a_batch_leaves_the_others_their_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xesg.batch
    from xesg.config import Config
    from xesg.model.result import CheckResult

    real = xesg.batch.run

    def faulty(path: Path, *args: object, **kwargs: object) -> CheckResult:
        if path.name == "bad.txt":
            raise UnicodeError("a codec failed")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(xesg.batch, "run", faulty)
    bad = tmp_path / "bad.txt"
    bad.write_text("x")
    outcomes = dict(xesg.batch.check_many([bad, EXAMPLE], Config(), workers=1))
    assert (
        outcomes[bad] == f"{bad}: internal error (UnicodeError: a codec failed); please report it"
    )
    assert isinstance(outcomes[EXAMPLE], CheckResult)


def test_stopping_a_batch_kills_the_reports_at_work_and_drops_the_rest() -> None:
    # The signal test (tests/test_hostile.py) sees a batch stop within a bound; here each
    # report at work is a minute long, so only killing its worker ends it within the bound.
    from concurrent.futures import ProcessPoolExecutor

    import xesg.batch

    pool = ProcessPoolExecutor(max_workers=2, initializer=xesg.batch._worker_signals)
    futures = [pool.submit(time.sleep, 60) for _ in range(4)]
    deadline = time.monotonic() + 30
    while sum(f.running() for f in futures) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = list(pool._processes.values())
    assert len(workers) == 2 and all(w.is_alive() for w in workers)
    start = time.monotonic()
    xesg.batch._stop(pool)
    assert time.monotonic() - start < 10
    # Two threads reap the killed workers: _stop, and the pool's manager thread, which sees
    # them die. multiprocessing's is_alive() stays True for a process whose waitpid found it
    # already reaped by the other, so ask the system whether the processes are gone.
    assert not any(Path(f"/proc/{w.pid}").exists() for w in workers)
    # No report ran to its end: those at work were killed, those waiting dropped.
    assert not any(f.done() and not f.cancelled() and f.exception() is None for f in futures)
