"""The walk of an HTML tree into pages of lines, with its headings, element ids and links.

Pages: elements with class ``page`` or a ``data-page`` attribute are pages (``data-page="12"``
is the printed label); an element styled ``page-break-before: always`` / ``break-before:
page`` (inline, or by a simple class rule in a ``<style>`` block) starts a new page and
``…-after`` ends one. Without any marker the whole document is one unpaginated page.

Text: block elements become lines, list items start with a bullet, and a ``<table>`` becomes
lines as :mod:`xesg.load.html_tables` writes them. Scripts, styles, templates, SVG, frames and
``hidden`` / ``display: none`` elements are left out, and counted in ``Walker.dropped``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.entities import name2codepoint

from lxml import etree

from xesg.load.html_tables import TableReader
from xesg.load.html_tree import collapse, local, text_of

# --------------------------------------------------------------------------------------------
# page breaks

_BREAK_BEFORE = re.compile(r"(?:page-break-before\s*:\s*always|break-before\s*:\s*page)", re.I)
_BREAK_AFTER = re.compile(r"(?:page-break-after\s*:\s*always|break-after\s*:\s*page)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^[a-z0-9]*\.([A-Za-z_][\w-]*)$", re.I)


@dataclass(frozen=True)
class BreakClasses:
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()


def break_classes(root: etree._Element) -> BreakClasses:
    """Classes given a page break by simple rules (``.pb { page-break-before: always }``)."""
    before: set[str] = set()
    after: set[str] = set()
    for element in root.iter():
        if local(element) != "style":
            continue
        css = re.sub(r"/\*.*?\*/", " ", text_of(element), flags=re.S)
        for selectors, declarations in _CSS_RULE.findall(css):
            for selector in selectors.split(","):
                match = _CLASS_SELECTOR.match(selector.strip())
                if not match:
                    continue
                if _BREAK_BEFORE.search(declarations):
                    before.add(match.group(1))
                if _BREAK_AFTER.search(declarations):
                    after.add(match.group(1))
    return BreakClasses(frozenset(before), frozenset(after))


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
_MAX_TABLE_DEPTH = 8  # deeper nested tables are read as plain lines


class Lines:
    """Lines of text being built: inline text joins, blocks and <br> end lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.pre = 0  # inside <pre>: keep spaces and newlines
        # Lines that go on with a table row begun on the line above (a cell of several lines)
        self.row_rest: set[int] = set()

    def text(self, text: str) -> None:
        if not text:
            return
        if self.pre:
            for k, part in enumerate(text.split("\n")):
                if k:
                    self.hard_break()
                self.buffer.append(part.replace("\r", ""))
            return
        collapsed = collapse(text)
        if collapsed.startswith(" ") and (not self.buffer or self.buffer[-1].endswith(" ")):
            collapsed = collapsed[1:]
        if collapsed:
            self.buffer.append(collapsed)

    def block(self) -> None:
        """End the current line if it holds any text (a block boundary)."""
        # Not "".join(...).strip(): a megabyte paragraph would be copied twice just to look.
        if any(part and not part.isspace() for part in self.buffer):
            self.hard_break()
        else:
            self.buffer = []

    def hard_break(self) -> None:
        line = "".join(self.buffer)
        self.lines.append(line.rstrip() if self.pre else line.strip())
        self.buffer = []

    def rows(self, rows: list[list[str]]) -> None:
        """Add a table's lines, row by row (:attr:`row_rest` records which lines go on with
        a row)."""
        self.block()
        for row in rows:
            self.row_rest.update(range(len(self.lines) + 1, len(self.lines) + len(row)))
            self.lines.extend(row)

    def finish(self) -> list[str]:
        self.block()
        lines = self.lines
        while lines and not lines[-1].strip():
            lines.pop()
        return lines


@dataclass
class PageBuilder:
    label: str | None = None
    container: bool = False  # a <div class="page">: kept even when empty
    lines: Lines = field(default_factory=Lines)
    headings: list[str] = field(default_factory=list)


class Walker:
    """Walks the tree without recursion (lxml trees may be 255 levels deep), building pages."""

    def __init__(self, breaks: BreakClasses) -> None:
        self.breaks = breaks
        self.tables_read = False  # a <table> was read as rows (the pages number their lines)
        self.pages: list[PageBuilder] = []
        self.page = PageBuilder()
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
        self.page = PageBuilder(label=label, container=container)
        self.out = self.page.lines
        self.marked = True

    def _is_container(self, element: etree._Element) -> bool:
        if local(element) not in _CONTAINERS:
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

    def finish(self) -> list[PageBuilder]:
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
            name = local(element)
            if not name:  # comment, processing instruction, unexpanded entity reference
                self._entity(element)
            elif self.skipped(element, name):
                pass
            elif name == "table" and self.table_depth < _MAX_TABLE_DEPTH:
                self.remember_ids(element)
                self.table_depth += 1
                try:
                    rows = TableReader(self).lines(element)
                finally:
                    self.table_depth -= 1
                self.out.rows(rows)
                self.tables_read = True
            else:
                self._open(element, name, in_cell)
                self.out.text(element.text or "")
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))
                continue
            if element is not root:
                self.out.text(element.tail or "")

    def _entity(self, element: etree._Element) -> None:
        """XHTML's own entities (&nbsp; from the XHTML DTD, never loaded) are text; any other
        entity is left unexpanded, whatever it declares (comments and processing
        instructions are nothing)."""
        if not isinstance(element, etree._Entity):
            return
        known = name2codepoint.get(str(element.name))
        if known is not None:
            self.out.text(chr(known))
        else:
            self.dropped["entity-reference"] += 1

    def skipped(self, element: etree._Element, name: str) -> bool:
        if name in _SKIP:
            self.dropped[name] += 1
            return True
        style = str(element.get("style") or "")
        if element.get("hidden") is not None or _HIDDEN_STYLE.search(style):
            if text_of(element).strip():
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
        self.remember_ids(element)
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
        name = local(element)
        if name == "pre":
            self.out.block()  # the last line keeps its indentation
            self.out.pre -= 1
        if name in _HEADINGS:
            self._heading_read(element)
        elif name == "a" and element.get("href"):
            self._link_read(element)
        if name in _BLOCK:
            self.out.block()
        if not in_cell:
            if self._is_container(element):
                self.in_container -= 1
                if not self.in_container:
                    self._new_page()
            elif self._breaks_after(element):
                self._new_page()

    def _heading_read(self, element: etree._Element) -> None:
        """A heading closes: its lines are the page's heading from now on."""
        start = self.heading_starts.pop() if self.heading_starts else len(self.out.lines)
        self.out.block()
        text = " ".join(line for line in self.out.lines[start:] if line).strip()
        if text:
            self.heading = text
            self.page.headings.append(text)
            self.headings.append((text, len(self.pages), _heading_id(element)))

    def _link_read(self, element: etree._Element) -> None:
        """A link closes: remembered with its text; an external one's target is written
        after its text, as the location it is."""
        text = collapse("".join(_visible_text(element))).strip()
        href = str(element.get("href")).strip()
        self.links.append((text, href, len(self.pages)))
        if _EXTERNAL.match(href) and href not in text:
            self.out.text(f" ({href})")

    def remember_ids(self, element: etree._Element) -> None:
        for key in ("id", "name") if local(element) == "a" else ("id",):
            value = element.get(key)
            if value and value not in self.ids:
                self.ids[value] = (len(self.pages), self.heading)

    def render_cell(self, cell: etree._Element) -> list[str]:
        """The lines of ``cell``'s text (a table cell, a caption, content fostered out of
        a table), read as the rest of the document is, tabs made spaces."""
        saved = self.out
        self.out = Lines()
        try:
            self.walk(cell, in_cell=True)
            lines = self.out.finish()
        finally:
            self.out = saved
        return [line.replace("\t", " ").strip() for line in lines if line.strip()]


def _label(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _heading_id(element: etree._Element) -> str | None:
    if element.get("id"):
        return str(element.get("id"))
    for child in element.iter():
        if local(child) == "a" and (child.get("id") or child.get("name")):
            return str(child.get("id") or child.get("name"))
    return None


def _visible_text(element: etree._Element) -> list[str]:
    parts: list[str] = []
    for node in element.iter():
        if node is not element and local(node) in _SKIP:
            continue
        if isinstance(node.tag, str) and node.text and local(node) not in _SKIP:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return parts
