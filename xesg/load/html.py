"""Read an HTML or XHTML report into pages, with its headings, element ids and links.

Reports are untrusted input. Nothing is fetched and nothing is executed: lxml parses with
``no_network``; XHTML goes through an XML parser that neither loads DTDs nor expands entities
(``resolve_entities=False``), so entity bombs and external entities (``SYSTEM
"file:///etc/passwd"``) stay unexpanded references, which are left out of the text. Scripts,
styles, templates, SVG, frames and ``hidden`` / ``display: none`` elements are left out too,
and counted in :attr:`HtmlDocument.dropped` so that nothing disappears silently. Text in cells
that merely *looks* like markup (``"><img onerror=…>``, ``<script>`` written as text) is text.

Pages: elements with class ``page`` or a ``data-page`` attribute are pages (``data-page="12"``
is the printed label); an element styled ``page-break-before: always`` / ``break-before:
page`` (inline, or by a simple class rule in a ``<style>`` block) starts a new page and
``…-after`` ends one. Pages without a ``data-page`` label get the number printed on them, as
for text reports. Without any marker the whole document is one unpaginated page.

Text: block elements become lines, list items start with a bullet, and a ``<table>`` becomes
one line per row with its cells separated by tabs, ``rowspan``/``colspan`` expanded so each
cell keeps its column (a spanned cell's text is written only in its first row and column, the
index parser carries Chapter/Section/Standard down itself). A cell of several lines becomes
several lines, its neighbours' columns empty, the way a wrapped cell comes out of a PDF.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.entities import name2codepoint
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from xesg.errors import InputError
from xesg.load.decode import Decoded, decode_report, text_codec
from xesg.load.guard import MAX_TEXT_BYTES, check_count, read_bytes
from xesg.load.labels import assign_labels
from xesg.load.questions import TableQuestions
from xesg.model.document import LabelSource, Page, Report


class Anchor(NamedTuple):
    """Where a fragment (``#scope-1-emissions``) points: the heading's text (for an element
    that is not a heading, the heading it sits under, or ``""``) and the page's label."""

    text: str
    page: str | None


class Link(NamedTuple):
    """A hyperlink as written in the document: its text, its target and its page label."""

    text: str
    href: str
    page: str | None


@dataclass(frozen=True)
class HtmlDocument:
    report: Report
    # Element ids (and <a name>) and GitHub-style slugs of headings → where they are.
    anchors: dict[str, Anchor] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    # What was left out of the text, by kind: script, style, hidden, entity-reference …
    dropped: dict[str, int] = field(default_factory=dict)
    parser: str = "html"  # html | xhtml (strict XML) | html-recovered (XHTML that was not XML)


def read_html_report(
    path: Path, tables: TableQuestions, first_page: int | None = None, encoding: str | None = None
) -> Report:
    return read_html_document(path, tables, first_page, encoding).report


def read_html_document(
    path: Path, tables: TableQuestions, first_page: int | None = None, encoding: str | None = None
) -> HtmlDocument:
    data = read_bytes(path, MAX_TEXT_BYTES, "an HTML report")
    xml = _wants_xml(path, data) and encoding is None
    return parse_html_document(data, tables, str(path), first_page, xml=xml, encoding=encoding)


def parse_html_document(
    data: bytes,
    tables: TableQuestions,
    path: str = "<html>",
    first_page: int | None = None,
    xml: bool = False,
    encoding: str | None = None,
) -> HtmlDocument:
    """Parse HTML (or, with ``xml``, XHTML) bytes; see the module docstring. ``tables``
    tells a table's header row; ``encoding`` (``--encoding``) overrides a declared or
    detected one."""
    if not data.strip():
        raise InputError(f"{path}: the report is empty")
    root: etree._Element | None = None
    parser_name = "html"
    used = ""
    if xml:
        try:
            tree = etree.fromstring(data, _xml_parser()).getroottree()
            root = tree.getroot()
            used = (tree.docinfo.encoding or "utf-8").lower()
            parser_name = "xhtml"
        except etree.XMLSyntaxError:
            parser_name = "html-recovered"  # not well-formed: read it as HTML instead
    dropped: Counter[str] = Counter()
    notes: list[str] = []
    if root is None:
        decoded = _decode_html(data, path, encoding)
        used, notes = decoded.encoding, list(decoded.notes)
        text = _XML_DECLARATION.sub("", decoded.text, count=1)
        text = _drop_internal_subset(text, dropped)
        _check_attributes(text, path)
        parser = _html_parser()
        try:
            root = lxml_html.document_fromstring(text, parser=parser)
        except (etree.ParserError, ValueError) as exc:
            raise InputError(f"{path}: cannot parse as HTML ({exc})") from exc
        deep = [e for e in parser.error_log if "depth" in str(e.message).lower()]
        if deep:
            dropped["nested-too-deep"] += 1  # libxml2 stops parsing there: the rest is lost
            notes.append(
                f"The HTML nests elements deeper than {MAX_HTML_DEPTH} levels at line "
                f"{deep[0].line}, column {deep[0].column}: the text after that point was not "
                "read (see docs/limits.md)."
            )
    elements = root.xpath("count(//*)")  # counted in C, no Python object per element
    assert isinstance(elements, float)
    check_count(path, int(elements), MAX_HTML_ELEMENTS, "elements")
    walker = _Walker(_break_classes(root), tables)
    walker.dropped.update(dropped)
    body = _find(root, "body")
    walker.walk(body if body is not None else root)
    return _document(walker, path, used, first_page, parser_name, data, notes)


# --------------------------------------------------------------------------------------------
# parsers and decoding


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


# libxml2's HTML parser compares each attribute of an element with every one before it: an
# element of 40,000 attributes took 8 s, a million hours. A page's elements have a few.
MAX_ATTRIBUTES = 1000
# Elements of a page: each costs the walk some microseconds and its lines memory; a 300-page
# report exported from a word processor has some tens of thousands.
MAX_HTML_ELEMENTS = 200_000
# A start tag as HTML's tokenizer reads it: its name, then attributes — a name (quotes and
# '<' included), perhaps '=' and a value: quoted (to the closing quote, which a '>' does not
# end), or unquoted — separated by blanks or '/'. Possessive: linear, never backtracking.
_ATTRIBUTE = r"""[\s/]*+(?:=?[^\s/>=]++)(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?+"""
_START_TAG = re.compile(rf"<[A-Za-z][^\s/>]*+(?:{_ATTRIBUTE})*+")
_ATTRIBUTES = re.compile(_ATTRIBUTE)


def _check_attributes(text: str, path: str) -> None:
    """:class:`InputError` for an element with more than MAX_ATTRIBUTES attributes."""
    for tag in _START_TAG.finditer(text):
        # Each attribute takes two characters at least: only long tags need counting.
        if tag.end() - tag.start() > 2 * MAX_ATTRIBUTES and (
            sum(1 for _ in _ATTRIBUTES.finditer(text, tag.start() + 1, tag.end()))
            > MAX_ATTRIBUTES + 1  # the element's name matched as one
        ):
            line = text.count("\n", 0, tag.start()) + 1
            raise InputError(
                f"{path}: line {line}: an element with more than {MAX_ATTRIBUTES:,} "
                "attributes (see docs/limits.md)"
            )


# libxml2 stops parsing HTML nested deeper than 256 elements, or with its "huge" option 2048;
# the option also lifts its limits on a text node's size (10 MB), which the input size limit
# (xesg.load.guard) bounds anyway. Deeper than this, the rest of the document is lost: noted.
MAX_HTML_DEPTH = 2048


def _html_parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
    )


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY_DECLARATION = re.compile(r"<!ENTITY\s+(?:%\s*)?([\w.:-]+)")


def _drop_internal_subset(text: str, dropped: Counter[str]) -> str:
    """Remove a DOCTYPE's internal subset (the HTML parser would show it as text) and the
    references to the entities it declares, which are never expanded."""
    match = _INTERNAL_SUBSET.search(text[:200_000])
    if not match:
        return text
    names = set(_ENTITY_DECLARATION.findall(match.group(1)))
    text = text[: match.start()] + "<!DOCTYPE html>" + text[match.end() :]
    dropped["dtd-internal-subset"] += 1
    if names:
        pattern = re.compile("&(?:" + "|".join(map(re.escape, sorted(names))) + ");")
        text, count = pattern.subn("", text)
        if count:
            dropped["entity-reference"] += count
    return text


def _wants_xml(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in (".xhtml", ".xht"):
        return True
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")


def _decode_html(data: bytes, path: str, encoding: str | None) -> Decoded:
    """``--encoding``, then a declared ``<meta charset>``; otherwise as for text reports."""
    declared = _META_CHARSET.search(data[:4096])
    bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if encoding is None and declared and not bom:
        name = declared.group(1).decode("ascii").lower()
        if name not in ("utf-8", "utf8") and text_codec(name) is not None:
            try:
                return Decoded(data.decode(name, errors="replace"), name)
            except (UnicodeError, ValueError):
                pass  # a codec that fails even so: guess as for text
    return decode_report(data, path, encoding, "an HTML report")


def _find(root: etree._Element, name: str) -> etree._Element | None:
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element) == name:
            return element
    return None


def _text_of(element: etree._Element) -> str:
    """All text inside ``element`` (lxml's stubs allow bytes; our parsers give str)."""
    return "".join(str(part) for part in element.itertext())


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


# --------------------------------------------------------------------------------------------
# page breaks

_BREAK_BEFORE = re.compile(r"(?:page-break-before\s*:\s*always|break-before\s*:\s*page)", re.I)
_BREAK_AFTER = re.compile(r"(?:page-break-after\s*:\s*always|break-after\s*:\s*page)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^[a-z0-9]*\.([A-Za-z_][\w-]*)$", re.I)


@dataclass(frozen=True)
class _BreakClasses:
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()


def _break_classes(root: etree._Element) -> _BreakClasses:
    """Classes given a page break by simple rules (``.pb { page-break-before: always }``)."""
    before: set[str] = set()
    after: set[str] = set()
    for element in root.iter():
        if _local(element) != "style":
            continue
        css = re.sub(r"/\*.*?\*/", " ", _text_of(element), flags=re.S)
        for selectors, declarations in _CSS_RULE.findall(css):
            for selector in selectors.split(","):
                match = _CLASS_SELECTOR.match(selector.strip())
                if not match:
                    continue
                if _BREAK_BEFORE.search(declarations):
                    before.add(match.group(1))
                if _BREAK_AFTER.search(declarations):
                    after.add(match.group(1))
    return _BreakClasses(frozenset(before), frozenset(after))


def _classes(element: etree._Element) -> list[str]:
    return str(element.get("class") or "").split()


# --------------------------------------------------------------------------------------------
# text


_SKIP = frozenset(
    {"script", "style", "template", "head", "title", "svg", "math", "iframe", "object",
     "embed", "canvas", "audio", "video", "select", "datalist"}
)  # fmt: skip
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
     "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
     "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
     "th", "thead", "tr", "ul"}
)  # fmt: skip
_CONTAINERS = frozenset({"div", "section", "article", "main"})
_EXTERNAL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_MAX_TABLE_DEPTH = 8  # deeper nested tables are read as plain lines
_MAX_SPAN = 1000  # HTML caps colspan at 1000; rowspan is clamped to the rows of its group
# Cells that rowspan/colspan may fill in one document (an index table has a few thousand):
# spans could otherwise make a small page a grid of billions (rowspan 65534 × colspan 1000).
MAX_SPAN_CELLS = 200_000


class _Lines:
    """Lines of text being built: inline text joins, blocks and <br> end lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.pre = 0  # inside <pre>: keep spaces and newlines

    def text(self, text: str) -> None:
        if not text:
            return
        if self.pre:
            for k, part in enumerate(text.split("\n")):
                if k:
                    self.hard_break()
                self.buffer.append(part.replace("\r", ""))
            return
        collapsed = _SPACES.sub(" ", text)
        if collapsed.startswith(" ") and (not self.buffer or self.buffer[-1].endswith(" ")):
            collapsed = collapsed[1:]
        if collapsed:
            self.buffer.append(collapsed)

    def block(self) -> None:
        """End the current line if it holds any text (a block boundary)."""
        if "".join(self.buffer).strip():
            self.hard_break()
        else:
            self.buffer = []

    def hard_break(self) -> None:
        line = "".join(self.buffer)
        self.lines.append(line.rstrip() if self.pre else line.strip())
        self.buffer = []

    def extend(self, lines: list[str]) -> None:
        self.block()
        self.lines.extend(lines)

    def finish(self) -> list[str]:
        self.block()
        lines = self.lines
        while lines and not lines[-1].strip():
            lines.pop()
        return lines


@dataclass
class _PageBuilder:
    label: str | None = None
    container: bool = False  # a <div class="page">: kept even when empty
    lines: _Lines = field(default_factory=_Lines)
    headings: list[str] = field(default_factory=list)


class _Walker:
    """Walks the tree without recursion (lxml trees may be 255 levels deep), building pages."""

    def __init__(self, breaks: _BreakClasses, tables: TableQuestions) -> None:
        self.breaks = breaks
        self.tables = tables
        self.pages: list[_PageBuilder] = []
        self.page = _PageBuilder()
        self.out = self.page.lines
        self.in_container = 0
        self.marked = False  # any page marker seen
        self.ids: dict[str, tuple[int, str]] = {}  # id → (page index, current heading)
        self.headings: list[tuple[str, int, str | None]] = []  # text, page index, id
        self.links: list[tuple[str, str, int]] = []
        self.dropped: Counter[str] = Counter()
        self.heading = ""
        self.heading_starts: list[int] = []  # line where each open heading began
        self.table_depth = 0
        self.span_cells = 0  # cells filled by spans so far (MAX_SPAN_CELLS)

    # pages ----------------------------------------------------------------------------------

    def _new_page(self, label: str | None = None, container: bool = False) -> None:
        self.out.block()
        if self.page.container or any(line.strip() for line in self.page.lines.finish()):
            self.pages.append(self.page)
        self.page = _PageBuilder(label=label, container=container)
        self.out = self.page.lines
        self.marked = True

    def _is_container(self, element: etree._Element) -> bool:
        if _local(element) not in _CONTAINERS:
            return False  # <span class="page">12</span> is a page number, not a page
        return "page" in _classes(element) or element.get("data-page") is not None

    def _breaks_before(self, element: etree._Element) -> bool:
        style = str(element.get("style") or "")
        classes = set(_classes(element))
        return bool(_BREAK_BEFORE.search(style) or classes & self.breaks.before)

    def _breaks_after(self, element: etree._Element) -> bool:
        style = str(element.get("style") or "")
        classes = set(_classes(element))
        return bool(_BREAK_AFTER.search(style) or classes & self.breaks.after)

    def finish(self) -> list[_PageBuilder]:
        self._new_page()
        return self.pages

    # the walk -------------------------------------------------------------------------------

    def walk(self, root: etree._Element, in_cell: bool = False) -> None:
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:
            element, closing = stack.pop()
            if closing:
                self._close(element, in_cell)
                if element is not root:
                    self.out.text(element.tail or "")
                continue
            name = _local(element)
            if not name:  # comment, processing instruction, unexpanded entity reference
                if isinstance(element, etree._Entity):
                    # XHTML's own entities (&nbsp; from the XHTML DTD, never loaded) are text;
                    # any other entity is left unexpanded, whatever it declares.
                    known = name2codepoint.get(str(element.name))
                    if known is not None:
                        self.out.text(chr(known))
                    else:
                        self.dropped["entity-reference"] += 1
            elif self._skipped(element, name):
                pass
            elif name == "table" and self.table_depth < _MAX_TABLE_DEPTH:
                self._remember_ids(element)
                self.table_depth += 1
                try:
                    lines = self._table(element)
                finally:
                    self.table_depth -= 1
                self.out.extend(lines)
            else:
                self._open(element, name, in_cell)
                self.out.text(element.text or "")
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))
                continue
            if element is not root:
                self.out.text(element.tail or "")

    def _skipped(self, element: etree._Element, name: str) -> bool:
        if name in _SKIP:
            self.dropped[name] += 1
            return True
        style = str(element.get("style") or "")
        if element.get("hidden") is not None or _HIDDEN_STYLE.search(style):
            if _text_of(element).strip():
                self.dropped["hidden"] += 1
            return True
        return False

    def _open(self, element: etree._Element, name: str, in_cell: bool) -> None:
        if not in_cell:
            if self._is_container(element) and not self.in_container:
                self._new_page(_label(element.get("data-page")), container=True)
            elif self._breaks_before(element):
                self._new_page()
            if self._is_container(element):
                self.in_container += 1
        self._remember_ids(element)
        if name in _HEADINGS:
            self.out.block()
            self.heading_starts.append(len(self.out.lines))
        elif name == "br":
            self.out.hard_break()
        elif name in _BLOCK:
            self.out.block()
            if name == "li":
                self.out.text("• ")
        elif name == "pre":
            self.out.block()
        if name == "pre":
            self.out.pre += 1

    def _close(self, element: etree._Element, in_cell: bool) -> None:
        name = _local(element)
        if name == "pre":
            self.out.block()  # the last line keeps its indentation
            self.out.pre -= 1
        if name in _HEADINGS:
            start = self.heading_starts.pop() if self.heading_starts else len(self.out.lines)
            self.out.block()
            text = " ".join(line for line in self.out.lines[start:] if line).strip()
            if text:
                self.heading = text
                self.page.headings.append(text)
                self.headings.append((text, len(self.pages), _heading_id(element)))
        elif name == "a" and element.get("href"):
            text = _SPACES.sub(" ", "".join(_visible_text(element))).strip()
            href = str(element.get("href")).strip()
            self.links.append((text, href, len(self.pages)))
            if _EXTERNAL.match(href) and href not in text:
                self.out.text(f" ({href})")  # the location is the link's target
        if name in _BLOCK:
            self.out.block()
        if not in_cell:
            if self._is_container(element):
                self.in_container -= 1
                if not self.in_container:
                    self._new_page()
            elif self._breaks_after(element):
                self._new_page()

    def _remember_ids(self, element: etree._Element) -> None:
        for key in ("id", "name") if _local(element) == "a" else ("id",):
            value = element.get(key)
            if value and value not in self.ids:
                self.ids[value] = (len(self.pages), self.heading)

    # tables ---------------------------------------------------------------------------------

    def _render_cell(self, cell: etree._Element) -> list[str]:
        saved = self.out
        self.out = _Lines()
        try:
            self.walk(cell, in_cell=True)
            lines = self.out.finish()
        finally:
            self.out = saved
        return [line.replace("\t", " ").strip() for line in lines if line.strip()]

    def _table(self, table: etree._Element) -> list[str]:
        """The table's lines. Content where a table allows none (text or elements between
        rows or cells) is put before the table, as browsers do ("foster parenting")."""
        head: list[list[etree._Element]] = []
        body: list[list[etree._Element]] = []
        foot: list[list[etree._Element]] = []
        caption: list[str] = []
        fostered: list[str] = []
        loose: list[etree._Element] = []
        self._stray_text(table.text, fostered)
        for child in table:
            name = _local(child)
            if name == "tr":
                loose.append(child)
            else:
                if loose:
                    body.append(loose)
                    loose = []
                if name in ("thead", "tbody", "tfoot"):
                    self._stray_text(child.text, fostered)
                    rows = []
                    for row in child:
                        if _local(row) == "tr":
                            rows.append(row)
                        else:
                            self._foster(row, fostered)
                        self._stray_text(row.tail, fostered)
                    {"thead": head, "tbody": body, "tfoot": foot}[name].append(rows)
                elif name == "caption":
                    caption.extend(self._render_cell(child))
                elif name not in ("colgroup", "col"):
                    self._foster(child, fostered)
            self._stray_text(child.tail, fostered)
        if loose:
            body.append(loose)
        grid: list[list[list[str]]] = []
        for group in [*head, *body, *foot]:
            grid.extend(self._group_grid(group, fostered))
        return fostered + caption + table_lines(grid, self.tables)

    def _foster(self, element: etree._Element, fostered: list[str]) -> None:
        name = _local(element)
        if not name:
            return
        if not self._skipped(element, name):
            fostered.extend(self._render_cell(element))

    @staticmethod
    def _stray_text(text: str | None, fostered: list[str]) -> None:
        if text and text.strip():
            fostered.append(_SPACES.sub(" ", text).strip())

    def _group_grid(self, rows: list[etree._Element], fostered: list[str]) -> list[list[list[str]]]:
        """Rows of a row group, each a list of columns holding the cell's lines (or [])."""
        filled: dict[tuple[int, int], list[str]] = {}
        ends = [0] * len(rows)  # the column after each row's last cell
        for r, row in enumerate(rows):
            self._remember_ids(row)
            self._stray_text(row.text, fostered)
            c = 0
            for cell in row:
                self._stray_text(cell.tail, fostered)
                name = _local(cell)
                if name not in ("td", "th"):
                    self._foster(cell, fostered)
                    continue
                if self._skipped(cell, name):
                    continue
                while (r, c) in filled:
                    c += 1
                colspan = _span(cell.get("colspan"), _MAX_SPAN)
                rowspan = _span(cell.get("rowspan"), len(rows) - r)
                if rowspan * colspan > 1:
                    if self.span_cells + rowspan * colspan > MAX_SPAN_CELLS:
                        self.dropped["span"] += 1
                        rowspan = colspan = 1
                    self.span_cells += rowspan * colspan
                lines = self._render_cell(cell)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        filled[(r + dr, c + dc)] = lines if dr == dc == 0 else []
                    ends[r + dr] = max(ends[r + dr], c + colspan)
                c += colspan
        # Each row as wide as its own cells: table_lines aligns them.
        return [[filled.get((r, c), []) for c in range(ends[r])] for r in range(len(rows))]


def _span(value: str | None, limit: int) -> int:
    try:
        span = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    if span == 0:
        return max(1, limit)  # rowspan="0": to the end of the row group
    return max(1, min(span, limit))


def table_lines(
    grid: list[list[list[str]]], tables: TableQuestions, one_per_row: bool = False
) -> list[str]:
    """Tab-separated lines, one per row, more for a row whose cells hold several lines.

    ``grid`` holds rows of cells, each cell a list of lines. Readers of tab-separated lines
    drop trailing tabs, so a line with text in its first column only would end the table.
    Hence the first column's lines are joined into one, and a row with text in its first
    cell only, below the header (``<td colspan="6">B. Social</td>`` — a heading inside the
    table), is merged into the next row, as ``heading / text``, into the column
    ``tables.heading_column`` names from the header row.

    With ``one_per_row`` (Markdown, whose text keeps its line numbers) every row gives exactly
    one line: empty and merged rows give an empty line, extra lines of a cell are joined.
    """
    width = max((len(row) for row in grid), default=0)
    # Rows padded to the widest, unless that is far more cells than the rows hold (one row
    # of a million cells over thousands of short rows): then each row is as wide as its own,
    # and the lines are never more than a few times the cells read.
    aligned = len(grid) * width <= 8 * sum(map(len, grid)) + 100_000
    lines: list[str] = []
    target: int | None = None  # where headings inside the table go, once the header is seen
    pending: list[str] = []
    pending_at: int | None = None  # the blank line a pending heading left (one_per_row)
    for row in grid:
        cols = [list(cell) for cell in row]
        cols += [[] for _ in range((width if aligned else len(cols)) - len(cols))]
        if one_per_row:
            cols = [[" ".join(cell)] if cell else [] for cell in cols]
        if not any(cols):
            if one_per_row:
                lines.append("")
            continue
        if len(cols[0]) > 1:
            cols[0] = [" ".join(cols[0])]
        if target is not None and width > 1 and cols[0] and not any(cols[1:]):
            pending.extend(cols[0])
            if one_per_row:
                pending_at = len(lines)
                lines.append("")
            continue
        if pending and target is not None:
            cols += [[] for _ in range(target + 1 - len(cols))]
            cols[target] = [" / ".join([*pending, " ".join(cols[target])]).strip(" /")]
            pending, pending_at = [], None
        height = max(len(cell) for cell in cols)
        row_lines = [
            "\t".join(cell[k] if k < len(cell) else "" for cell in cols) for k in range(height)
        ]
        if target is None and width > 1:
            target = tables.heading_column(row_lines[0])
        lines.extend(row_lines)
    if pending and target is not None:
        cells = [""] * width
        cells[target] = " / ".join(pending)
        if pending_at is not None:
            lines[pending_at] = "\t".join(cells)
        else:
            lines.append("\t".join(cells))
    return lines


def _label(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _heading_id(element: etree._Element) -> str | None:
    if element.get("id"):
        return str(element.get("id"))
    for child in element.iter():
        if _local(child) == "a" and (child.get("id") or child.get("name")):
            return str(child.get("id") or child.get("name"))
    return None


def _visible_text(element: etree._Element) -> list[str]:
    parts: list[str] = []
    for node in element.iter():
        if node is not element and _local(node) in _SKIP:
            continue
        if isinstance(node.tag, str) and node.text and _local(node) not in _SKIP:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return parts


# --------------------------------------------------------------------------------------------
# the document


def _document(
    walker: _Walker,
    path: str,
    encoding: str,
    first_page: int | None,
    parser_name: str,
    data: bytes,
    notes: list[str],
) -> HtmlDocument:
    marked = walker.marked
    builders = walker.finish()
    if not builders:
        deep = " before its elements nest too deeply" if "nested-too-deep" in walker.dropped else ""
        raise InputError(f"{path}: the report has no text{deep}")
    texts = ["\n".join(b.lines.lines) for b in builders]
    if not marked:
        pages = [
            Page(
                number=1,
                label=None,
                label_source="none",
                text=texts[0],
                headings=tuple(builders[0].headings),
            )
        ]
        pagination = "none"
        method = ""
    else:
        auto = assign_labels(texts, first_page)
        explicit = [b.label for b in builders]
        pages = []
        for k, (page, label) in enumerate(zip(auto, explicit, strict=True)):
            source: LabelSource = page.label_source
            value = page.label
            if first_page is None and label is not None:
                value, source = label, "page-labels"
            pages.append(
                page.model_copy(
                    update={
                        "label": value,
                        "label_source": source,
                        "headings": tuple(builders[k].headings),
                    }
                )
            )
        pagination = "html"
        if first_page is not None:
            method = "--first-page"
        elif all(label is not None for label in explicit):
            method = "data-page"
        elif any(label is not None for label in explicit):
            method = "data-page, printed numbers"
        else:
            method = "printed numbers"
    report = Report(
        path=path,
        encoding=encoding,
        pagination=pagination,
        pages=tuple(pages),
        label_method=method,
        sha256=hashlib.sha256(data).hexdigest(),
        notes=(*notes, *_dropped_note(walker.dropped)),
    )
    labels = [p.label for p in report.pages]
    anchors: dict[str, Anchor] = {}
    for anchor_id, (index, heading) in walker.ids.items():
        anchors[anchor_id] = Anchor(heading, labels[min(index, len(labels) - 1)])
    for text, index, heading_id in walker.headings:
        label = labels[min(index, len(labels) - 1)]
        if heading_id is not None:
            anchors[heading_id] = Anchor(text, label)
    for slug, anchor in heading_anchors(report.pages).items():
        anchors.setdefault(slug, anchor)
    links = tuple(
        Link(text, href, labels[min(index, len(labels) - 1)]) for text, href, index in walker.links
    )
    return HtmlDocument(
        report=report,
        anchors=anchors,
        links=links,
        dropped=dict(sorted(walker.dropped.items())),
        parser=parser_name,
    )


# What was left out of the text that a reader of the report may have seen or meant to be
# read; scripts, styles and other markup that is no text of the report go unmentioned.
_NOTED_DROPS = {
    "hidden": "hidden element(s)",
    "entity-reference": "unexpanded entity reference(s)",
    "dtd-internal-subset": "DOCTYPE internal subset(s)",
    "span": f"rowspan/colspan past the first {MAX_SPAN_CELLS:,} cells they fill",
}


def _dropped_note(dropped: Mapping[str, int]) -> list[str]:
    left_out = [f"{dropped[kind]} {what}" for kind, what in _NOTED_DROPS.items() if kind in dropped]
    return [f"Left out of the HTML's text: {', '.join(left_out)}."] if left_out else []


# --------------------------------------------------------------------------------------------
# anchors

_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slugify(text: str) -> str:
    """GitHub's heading slug: lower case, punctuation dropped, each space a hyphen."""
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


def heading_anchors(pages: Sequence[Page]) -> dict[str, Anchor]:
    """Slug → heading, for every heading of ``pages``; repeated slugs get ``-1``, ``-2`` …
    as GitHub numbers them."""
    anchors: dict[str, Anchor] = {}
    seen: Counter[str] = Counter()
    for page in pages:
        for heading in page.headings:
            base = slugify(heading)
            slug = base if not seen[base] else f"{base}-{seen[base]}"
            seen[base] += 1
            anchors.setdefault(slug, Anchor(heading, page.label))
    return anchors


def find_anchor(
    href: str, pages: Sequence[Page], anchors: Mapping[str, Anchor] | None = None
) -> Anchor | None:
    """The heading or element that ``href`` names, or None when the document has none.

    ``href`` is a fragment (``#scope-1-emissions``, percent-encoded or not), a link to a
    fragment of this document (``#…`` only: ``other.html#x`` is another document), or a
    section title as an index writes it (``Scope 1 emissions``), matched by its slug.
    Element ids (``anchors``) win over heading slugs.
    """
    target = href.strip()
    if "#" in target:
        before, _, fragment = target.partition("#")
        if before.strip():
            return None
        target = unquote(fragment)
    if not target:
        return None
    if anchors and target in anchors:
        return anchors[target]
    slugs = heading_anchors(pages)
    if target in slugs:
        return slugs[target]
    return slugs.get(slugify(target))


def resolve_anchor(
    href: str, pages: Sequence[Page], anchors: Mapping[str, Anchor] | None = None
) -> str | None:
    """The page label ``href`` points to (None also when the page has no label: use
    :func:`find_anchor` to tell a missing target from an unpaginated document)."""
    anchor = find_anchor(href, pages, anchors)
    return anchor.page if anchor is not None else None
