"""Read a Markdown report (docs-as-code): pages, headings, heading slugs, pipe tables.

The Markdown is parsed by markdown-it-py (CommonMark with raw HTML, GitHub tables and
strikethrough; mdit-py-plugins for YAML front matter and ``{#id}`` attributes). The page text
is the Markdown as a reader sees it, ONE LINE PER SOURCE LINE (each block is put at the lines
its token map gives), so that index rows keep their line numbers: inline markup is removed
(``**A1.1**`` → ``A1.1``, a link ``[text](#anchor)`` → ``text``, an absolute link → ``text
(URL)``, entities and escapes resolved), a paragraph line keeps its indentation and its list
or quote marker, HTML comments, tags, front matter, link reference definitions and Setext
underlines are blank lines, code is kept as written (its fences blank). A GitHub pipe table
row becomes its cells joined by tabs, the ``|---|`` line an empty line, so that the index
parser reads it like any tab table, and a table ends where markdown-it ends it (the prose
below is not its last row's continuation). A row with text in its first cell only is a line
like any other: where a pipe table was read, every page numbers its lines
(``Page.line_numbers``), so the index parser knows the rows and reads such a row as a heading
inside the table, as it does a spreadsheet's.

ATX and Setext headings become ``Page.headings`` and anchors: GitHub-style slugs (computed
by :func:`xesg.load.anchors.heading_anchors` for HTML and Markdown alike, rather than by
mdit-py-plugins' anchors plugin, so that both readers resolve ``#scope-1-emissions`` and a
section title the same way), explicit ``{#id}`` (after a heading, or on the line above a
block) and ``<a id="…">``, so that an index location written as ``#scope-1-emissions`` or
as a heading's text can be resolved with :func:`xesg.load.anchors.find_anchor`. Links are
recorded with their page.

A report is unpaginated unless it has ``<!-- page 12 -->`` markers (the marker starts the page
labelled ``12``; text before the first marker is unlabelled front matter) or form feeds
(numbered as text reports are).

Time is linear in the input: markdown-it-py has no backtracking regex, a text with more than
``MAX_MARKUP`` markup characters is not parsed for inline markup, and the tags of raw HTML
are removed in one pass.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from xesg.errors import InputError
from xesg.load.anchors import Anchor, Hyperlink, heading_anchors
from xesg.load.decode import decode_report
from xesg.load.guard import read_lines_bytes
from xesg.load.labels import assign_labels
from xesg.load.rows import table_lines
from xesg.model.document import Page, Report, first_line_numbers, row_numbers

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token


@dataclass(frozen=True)
class MarkdownDocument:
    report: Report
    # Explicit ids ({#id}, <a id>) and GitHub-style slugs of headings → where they are.
    anchors: dict[str, Anchor] = field(default_factory=dict)
    links: tuple[Hyperlink, ...] = ()


def read_markdown_report(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> Report:
    return read_markdown_document(path, first_page, encoding).report


def read_markdown_document(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> MarkdownDocument:
    data = read_lines_bytes(path, "a Markdown report")
    decoded = decode_report(data, str(path), encoding)
    document = parse_markdown_document(decoded.text, str(path), decoded.encoding, first_page)
    report = document.report.model_copy(
        update={"sha256": hashlib.sha256(data).hexdigest(), "notes": decoded.notes}
    )
    return MarkdownDocument(report=report, anchors=document.anchors, links=document.links)


# Inline markup is parsed at ~40 µs per markup character (markdown-it-py tries each inline
# rule there): a paragraph or cell with more of them than this is kept as written instead, so
# that a line of 100,000 "[" takes milliseconds, not seconds. Real text has a few per line.
MAX_MARKUP = 2000
_MARKUP = "[]!*_`~<&\\"


def parse_markdown_document(
    text: str,
    path: str = "<markdown>",
    encoding: str = "utf-8",
    first_page: int | None = None,
) -> MarkdownDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: the report is empty")
    chunks, markers, pagination = _split_pages(text)
    rendered = [_render(chunk, k == 0) for k, chunk in enumerate(chunks)]
    texts = ["\n".join(r.lines) for r in rendered]
    if pagination == "none":
        pages = [Page(number=1, label=None, label_source="none", text=texts[0])]
        method = ""
    else:
        pages = assign_labels(texts, first_page)
        if first_page is not None:
            method = "--first-page"
        elif pagination == "html":
            pages = [_marked(page, label) for page, label in zip(pages, markers, strict=True)]
            method = "<!-- page N --> markers"
        else:
            method = "printed numbers"
    # Where a pipe table was read, its rows are known (one line each, at its source line):
    # the pages say so by numbering their lines (``Page.line_numbers``), as a spreadsheet's
    # are, so that the index parser reads a row of one cell as a heading inside the table.
    firsts = first_line_numbers(texts, pagination == "form-feed")
    rows_known = any(r.tables for r in rendered)
    pages = [
        page.model_copy(
            update={
                "headings": tuple(h for h, _ in rendered[k].headings),
                "line_numbers": row_numbers(page.text, firsts[k], ()) if rows_known else (),
            }
        )
        for k, page in enumerate(pages)
    ]
    report = Report(
        path=path, encoding=encoding, pagination=pagination, pages=tuple(pages), label_method=method
    )
    labels = [page.label for page in report.pages]
    anchors: dict[str, Anchor] = {}
    for k, result in enumerate(rendered):
        for heading, heading_id in result.headings:
            if heading_id:
                anchors.setdefault(heading_id, Anchor(heading, labels[k]))
        for anchor_id, under in result.ids:
            anchors.setdefault(anchor_id, Anchor(under, labels[k]))
    for slug, anchor in heading_anchors(report.pages).items():
        anchors.setdefault(slug, anchor)
    links = tuple(
        Hyperlink(label, href, labels[k]) for k, r in enumerate(rendered) for label, href in r.links
    )
    return MarkdownDocument(report=report, anchors=anchors, links=links)


def _marked(page: Page, label: str | None) -> Page:
    """A page's marker label; unmarked front matter keeps only a printed number."""
    if label is not None:
        return page.model_copy(update={"label": label, "label_source": "page-labels"})
    if page.label_source == "printed":
        return page
    return page.model_copy(update={"label": None, "label_source": "none"})


def _split_pages(text: str) -> tuple[list[str], list[str | None], str]:
    """Chunks of text, the marker label of each, and how the text was paginated.

    Marker lines stay in their page as blank lines, so line numbers match the file.
    """
    lines = text.split("\n")
    if any(page_marker(line) is not None for line in lines):
        chunks: list[list[str]] = [[]]
        labels: list[str | None] = [None]
        for line in lines:
            marker = page_marker(line)
            if marker is not None:
                if any(part.strip() for part in chunks[-1]):
                    chunks.append([])
                    labels.append(None)
                labels[-1] = marker
                chunks[-1].append("")
            else:
                chunks[-1].append(line)
        return ["\n".join(chunk) for chunk in chunks], labels, "html"
    if "\f" in text:
        parts = text.split("\f")
        if parts and not parts[-1].strip():
            parts.pop()
        return parts, [None] * len(parts), "form-feed"
    return [text], [None], "none"


def page_marker(line: str) -> str | None:
    """The label of a ``<!-- page 12 -->`` line (``page: 12``, ``page #12``, ``PAGE=xii``),
    or None. (String operations: a regex for it backtracked quadratically on long lines.)"""
    text = line.strip()
    if not (text.startswith("<!--") and text.endswith("-->") and len(text) >= 7):
        return None
    body = text[4:-3].strip()
    if body[:4].lower() != "page":
        return None
    label = body[4:].lstrip()
    if label[:1] in (":", "#", "="):
        label = label[1:].lstrip()
    if not label or ">" in label or any(c.isspace() for c in label):
        return None
    return label


@dataclass
class _Rendered:
    lines: list[str] = field(default_factory=list)
    headings: list[tuple[str, str | None]] = field(default_factory=list)  # text, explicit id
    ids: list[tuple[str, str]] = field(default_factory=list)  # id, heading it sits under
    links: list[tuple[str, str]] = field(default_factory=list)  # text, target
    tables: bool = False  # a pipe table was read

    @property
    def under(self) -> str:
        return self.headings[-1][0] if self.headings else ""


@functools.cache
def _parser(front_matter: bool) -> MarkdownIt:
    """CommonMark with raw HTML, GitHub tables and strikethrough, ``{#id}`` block attributes,
    and YAML front matter on the first page."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(attrs_block_plugin)
    if front_matter:
        md.use(front_matter_plugin)
    md.core.ruler.at("inline", _bounded_inline)
    return md


def _bounded_inline(state: StateCore) -> None:
    """markdown-it's inline stage, except for text without markup (most of a report: its
    lines are taken as they are, several times faster) and text with more than MAX_MARKUP
    markup characters (kept as written)."""
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        token.children = []
        marks = sum(map(token.content.count, _MARKUP))
        if marks and marks <= MAX_MARKUP:
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            continue
        for k, line in enumerate(token.content.split("\n")):
            if k:
                token.children.append(Token("softbreak", "br", 0))
            token.children.append(Token("text", "", 0, content=line))


def _render(chunk: str, front_matter: bool) -> _Rendered:
    """The chunk's text, one line per source line (markdown-it's token maps say which)."""
    source = chunk.split("\n")
    out = _Rendered(lines=[""] * len(source))
    tokens = _parser(front_matter).parse(chunk)
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token.map is not None and "id" in token.attrs and token.type != "heading_open":
            out.ids.append((str(token.attrs["id"]), out.under))  # {#id} above a block
        if token.type == "heading_open":
            _heading(token, tokens[k + 1], out)
            k += 2
        elif token.type == "inline" and token.map is not None:
            _paragraph(token, source, out)
        elif token.type == "table_open":
            k = _table(tokens, k, out)
        elif token.type in ("fence", "code_block") and token.map is not None:
            _code(token, source, out)
        elif token.type == "html_block" and token.map is not None:
            _html_block(token, source, out)
        elif token.type == "hr" and token.map is not None:
            out.lines[token.map[0]] = source[token.map[0]].strip()
        k += 1
    return out


def _inline_lines(children: list[Token], out: _Rendered) -> list[str]:
    """The text of inline tokens, one string per source line they span."""
    lines: list[list[str]] = [[]]
    open_links: list[tuple[str, int, int]] = []  # href, line, position where its text starts
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            lines[-1].append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            lines.append([])
        elif kind == "image":
            lines[-1].append(child.content)  # its alt text
        elif kind == "html_inline":
            text, ids = strip_tags(child.content)
            lines[-1].append(text)
            out.ids.extend((found, out.under) for found in ids)
        elif kind == "link_open":
            open_links.append((str(child.attrs.get("href", "")), len(lines) - 1, len(lines[-1])))
        elif kind == "link_close" and open_links:
            href, line, start = open_links.pop()
            label = " ".join("".join(lines[line][start:]).split())
            if href:
                out.links.append((label, href))
            if _external(href) and href not in label:
                lines[-1].append(f" ({href})")
    return ["".join(parts) for parts in lines]


def _external(href: str) -> bool:
    lowered = href.lower()
    return lowered.startswith(("http://", "https://", "www.")) and not any(
        c.isspace() for c in href
    )


def _paragraph(token: Token, source: list[str], out: _Rendered) -> None:
    """A paragraph's lines (in a list or quote too), each at its source line after what
    precedes its content there: the indentation, list marker or quote mark, as written."""
    assert token.map is not None
    contents = token.content.split("\n")
    for offset, text in enumerate(_inline_lines(token.children or [], out)):
        number = token.map[0] + offset
        if number >= len(out.lines):
            break
        line = source[number]
        content = contents[offset].strip() if offset < len(contents) else ""
        written = line.rstrip()
        prefix = written[: len(written) - len(content)] if written.endswith(content) else ""
        indent = line[: len(line) - len(line.lstrip())]
        body = " ".join(f"{prefix.strip()} {text}".split())
        out.lines[number] = f"{indent}{body}" if body else ""


def _heading(token: Token, inline: Token, out: _Rendered) -> None:
    """An ATX or Setext heading: its text where it is written (a Setext underline blank), a
    trailing ``{#id}`` taken as its id; an ``<a id>`` inside it names the heading."""
    assert token.map is not None
    ids_before = len(out.ids)
    texts = _inline_lines(inline.children or [], out)
    heading_id = token.attrs.get("id")
    last = texts[-1].rstrip()
    start = last.rfind("{#")
    if last.endswith("}") and start >= 0:
        attrs = _attributes(last[start:])
        if attrs is not None:
            heading_id = attrs.get("id", heading_id)
            texts[-1] = last[:start]
    lines = [" ".join(text.split()) for text in texts]
    text = " ".join(filter(None, lines))
    if text:
        out.headings.append((text, str(heading_id) if heading_id is not None else None))
    out.ids[ids_before:] = [(found, text) for found, _ in out.ids[ids_before:]]
    for offset, line in enumerate(lines):
        out.lines[token.map[0] + offset] = line


def _attributes(text: str) -> dict[str, str] | None:
    """``{#id .class}`` as mdit-py-plugins' attribute syntax reads it, or None."""
    from mdit_py_plugins.attrs.parse import ParseError, parse

    try:
        end, attrs = parse(text)
    except ParseError:
        return None
    return attrs if end == len(text) - 1 else None


def _code(token: Token, source: list[str], out: _Rendered) -> None:
    """Code is kept as written; the fence lines are blank."""
    assert token.map is not None
    first, end = token.map
    body = range(first + 1, end) if token.type == "fence" else range(first, end)
    closing = source[end - 1].strip() if token.type == "fence" and end - 1 > first else ""
    if token.markup and closing.startswith(token.markup) and not closing.strip(token.markup[0]):
        body = range(first + 1, end - 1)
    for number in body:
        out.lines[number] = source[number].rstrip()


def _html_block(token: Token, source: list[str], out: _Rendered) -> None:
    """Raw HTML: its text without comments or tags, line by line; ``<a id>`` recorded."""
    assert token.map is not None
    first, end = token.map
    text, ids = strip_tags("\n".join(source[first:end]))
    out.ids.extend((found, out.under) for found in ids)
    for offset, line in enumerate(text.split("\n")):
        body = " ".join(line.split())
        out.lines[first + offset] = (
            f"{line[: len(line) - len(line.lstrip())]}{body}" if body else ""
        )


def strip_tags(html: str) -> tuple[str, list[str]]:
    """``html`` without comments and tags (their line breaks kept, ``<br>`` a space), and the
    ids and names of its ``<a>`` elements. One pass: no character is looked at twice.

    (Not Python's HTMLParser for the whole: it keeps the text of an unclosed ``<a`` back
    until the end and does not say on which line a tag was; it reads each ``<a>`` tag.)"""
    out: list[str] = []
    ids: list[str] = []
    at = 0
    closable = True  # once no ">" follows a "<", none follows a later one either
    while (start := html.find("<", at)) >= 0:
        out.append(html[at:start])
        name = _tag_name(html, start + 1)
        if html.startswith("<!--", start):
            close = html.find("-->", start + 4)
            end = len(html) if close < 0 else close + 3
        elif name and closable and (close := html.find(">", start)) >= 0:
            end = close + 1
            if name == "a":
                ids.extend(_anchor_ids(html[start:end]))
        else:
            closable = closable and not name
            out.append("<")
            at = start + 1
            continue
        breaks = html.count("\n", start, end)
        out.append("\n" * breaks if breaks else " " if name == "br" else "")
        at = end
    out.append(html[at:])
    return "".join(out), ids


def _tag_name(html: str, at: int) -> str:
    """The lower-case name of a tag whose ``<`` is just before ``at`` (``/``, ``!``, ``?``
    for end tags, declarations, instructions), or "" when no tag starts there."""
    if html.startswith("/", at):
        at += 1
    elif html.startswith(("!", "?"), at):
        return html[at]
    end = at
    while end < len(html) and end - at < 16 and html[end].isascii() and html[end].isalnum():
        end += 1
    return html[at:end].lower() if end > at and html[at].isalpha() else ""


def _anchor_ids(tag: str) -> list[str]:
    """The id and name of an ``<a …>`` start tag, as Python's HTML parser reads them."""
    found: list[str] = []

    class _Tag(HTMLParser):
        def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(v for k, v in attrs if k in ("id", "name") and v)

    parser = _Tag(convert_charrefs=True)
    parser.feed(tag)
    parser.close()
    return found


def _table(tokens: list[Token], k: int, out: _Rendered) -> int:
    """Tab-separated lines for the rows of a pipe table at their source lines, the delimiter
    line blank; returns the index of the table's closing token."""
    rows: list[tuple[int, list[str]]] = []
    while tokens[k].type != "table_close":
        token = tokens[k]
        if token.type == "tr_open" and token.map is not None:
            rows.append((token.map[0], []))
        elif token.type == "inline" and rows:
            rows[-1][1].append(" ".join(" ".join(_inline_lines(token.children or [], out)).split()))
        k += 1
    grid = [[[text] if text else [] for text in cells] for _, cells in rows]
    for (number, _), (line,) in zip(rows, table_lines(grid, one_per_row=True), strict=True):
        out.lines[number] = line
    out.tables = True
    return k
