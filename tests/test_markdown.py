"""The Markdown reader (markdown-it-py): one line per source line, any Markdown, linear time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xesg.index.parse import parse_index
from xesg.load.anchors import Anchor, Hyperlink
from xesg.load.markdown import page_marker, parse_markdown_document, strip_tags

BLOCKS = """\
Intro with a [link](https://example.com/x) and <https://example.org>
continued on a second line.

- A1.1 Types of emissions — p. 12
  - nested *item* with `code`
> quoted **text**
> second quoted line

    indented code **kept as written**

<div>
<p>HTML <b>block</b> <a name="kpi">here</a></p>
</div>

{#water-data}
Water data paragraph.

Setext heading
==============

## Scope 1 emissions {#ghg-scope-1 .wide}

[ref]: https://example.com
Text &amp; entity and \\*escaped\\* and ~~struck~~.
"""


def test_each_block_keeps_its_source_lines() -> None:
    document = parse_markdown_document(BLOCKS)
    assert document.report.pages[0].text.split("\n") == [
        "Intro with a link (https://example.com/x) and https://example.org",
        "continued on a second line.",
        "",
        "- A1.1 Types of emissions — p. 12",
        "  - nested item with code",
        "> quoted text",
        "> second quoted line",
        "",
        "    indented code **kept as written**",
        "",
        "",  # <div>
        "HTML block here",
        "",  # </div>
        "",
        "",  # {#water-data}: an attribute of the next block
        "Water data paragraph.",
        "",
        "Setext heading",
        "",  # its underline
        "",
        "Scope 1 emissions",
        "",
        "",  # a link reference definition
        "Text & entity and *escaped* and struck.",
        "",
    ]
    assert document.report.pages[0].headings == ("Setext heading", "Scope 1 emissions")
    assert document.anchors["kpi"] == Anchor("", None)  # above every heading
    assert document.anchors["water-data"] == Anchor("", None)
    assert document.anchors["ghg-scope-1"] == Anchor("Scope 1 emissions", None)
    assert document.anchors["setext-heading"] == Anchor("Setext heading", None)
    assert document.links == (
        Hyperlink("link", "https://example.com/x", None),
        Hyperlink("https://example.org", "https://example.org", None),
    )


def test_a_pipe_table_row_is_its_cells_joined_by_tabs_on_its_own_line() -> None:
    text = textwrap.dedent(
        """\
        Code | Description | Page
        :-- | --- | --:
        A1.1 | Types of *emissions* | [p. 12](#p12)
        A1.2 | GHG \\| Scope 1 | 13<br>14
        A1.3 | Hazardous waste
        B1 | Employment | 20 | an extra cell is dropped

        After the table.
        """
    )
    report = parse_markdown_document(text).report
    assert report.pages[0].text.split("\n") == [
        "Code\tDescription\tPage",
        "",
        "A1.1\tTypes of emissions\tp. 12",
        "A1.2\tGHG | Scope 1\t13 14",
        "A1.3\tHazardous waste\t",  # a missing cell is empty
        "B1\tEmployment\t20",
        "",
        "After the table.",
        "",
    ]
    rows = [(e.code, e.line) for e in parse_index(report).entries]
    assert rows[:2] == [("A1.1", 3), ("A1.2", 4)]


def test_fenced_code_is_kept_and_its_fences_blank() -> None:
    text = "# Title\n\n~~~~\n# not a heading\n| a | b |\n~~~~\n\n```\nunclosed\n"
    page = parse_markdown_document(text).report.pages[0]
    assert page.text.split("\n") == [
        "Title",
        "",
        "",
        "# not a heading",
        "| a | b |",
        "",
        "",
        "",
        "unclosed",
        "",
    ]
    assert page.headings == ("Title",)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("<!-- page 12 -->", "12"),
        ("  <!--PAGE: xii-->  ", "xii"),
        ("<!-- page #7 -->", "7"),
        ("<!-- page=A-3 -->", "A-3"),
        ("<!-- page 1--->", "1-"),
        ("<!-- page -->", None),
        ("<!-- pages 12 -->", None),
        ("<!-- page 12 13 -->", None),
        ("text <!-- page 12 -->", None),
        ("<!-- comment -->", None),
    ],
)
def test_page_marker(line: str, label: str | None) -> None:
    assert page_marker(line) == label


def test_strip_tags() -> None:
    assert strip_tags("a<br/>b <a id=\"x\" name='y'>c</a><!-- d\ne -->f") == (
        "a b c\nf",
        ["x", "y"],
    )
    assert strip_tags("x < y and <3 <a") == ("x < y and <3 <a", [])
    assert strip_tags("<a <b <c") == ("<a <b <c", [])  # no tag is ever closed


_MARKDOWN = st.lists(
    st.sampled_from(
        ["#", "##", " ", "  ", "    ", "\t", "\n", "\n\n", "|", "---", "===", ":--", "-", "*",
         "_", "**", "`", "```", "~~~", ">", "1.", "[", "]", "(", ")", "![", "<", ">", "<a id=x>",
         "</a>", "<br>", "<!--", "-->", "<div>", "{#id}", "\\", "&amp;", "A1.1", "P12", "text",
         "<!-- page 3 -->\n", "\r\n", "é", "中文"]
    ),
    max_size=80,
).map("".join)  # fmt: skip


@settings(deadline=None)
@given(_MARKDOWN)
def test_any_markdown_keeps_one_line_per_source_line(text: str) -> None:
    if not text.strip():
        return
    pages = parse_markdown_document(text).report.pages
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert sum(page.text.count("\n") + 1 for page in pages) == len(lines)


PATHOLOGICAL = [
    "[" * 100_000,
    "![" * 50_000,
    "[a](" * 30_000,
    "*a" * 50_000,
    "<a " * 30_000,
    "<!--" * 30_000,
    "`" * 100_000,
    "\\" * 100_000,
    "&" * 100_000,
    "|a|\n|-|\n" + "|[" * 50_000,
    "<!-- page " + "-" * 100_000,
    "<!-- page" + " " * 100_000 + ">",  # the marker regex this reader had was quadratic here
    ">" * 100_000,
    "- " * 50_000,
]


def test_pathological_lines_take_linear_time() -> None:
    # The regexes this reader had took 39 s on a line of 100,000 "[" and over two minutes on
    # several others; run in a subprocess so that a regression cannot hang the suite.
    script = textwrap.dedent(
        """\
        import sys, time
        from xesg.load.markdown import parse_markdown_document
        parse_markdown_document("# warm up\\n")
        worst = 0.0
        for text in sys.stdin.read().split("\\x00"):
            start = time.perf_counter()
            parse_markdown_document(text + "\\n")
            worst = max(worst, time.perf_counter() - start)
        print(worst)
        """
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="\x00".join(PATHOLOGICAL),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # ~0.05 s each on the development machine; generous for a busy CI machine.
    assert float(done.stdout) < 2.0, done.stdout
    assert time.perf_counter() - start < 30
