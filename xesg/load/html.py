"""Read an HTML or XHTML report into pages, with its headings, element ids and links.

Reports are untrusted input. Nothing is fetched and nothing is executed: lxml parses with
``no_network``; XHTML goes through an XML parser that neither loads DTDs nor expands entities
(``resolve_entities=False``), so entity bombs and external entities (``SYSTEM
"file:///etc/passwd"``) stay unexpanded references, which are left out of the text. Scripts,
styles, templates, SVG, frames and ``hidden`` / ``display: none`` elements are left out too,
and counted in :attr:`HtmlDocument.dropped` so that nothing disappears silently. Text in cells
that merely *looks* like markup (``"><img onerror=…>``, ``<script>`` written as text) is text.

The walk of the tree into pages of lines is :mod:`xesg.load.html_walk`'s, tables are
:mod:`xesg.load.html_tables`'s; pages without a ``data-page`` label get the number printed
on them, as for text reports. Links to anchors are resolved by :mod:`xesg.load.anchors`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from xesg.errors import InputError
from xesg.load.anchors import Anchor, Hyperlink, heading_anchors
from xesg.load.decode import Decoded, decode_report, text_codec
from xesg.load.guard import MAX_TEXT_BYTES, check_count, read_bytes
from xesg.load.html_tables import MAX_SPAN_CELLS
from xesg.load.html_tree import find
from xesg.load.html_walk import PageBuilder, Walker, break_classes
from xesg.load.labels import assign_labels
from xesg.model.document import LabelSource, Page, Report, first_line_numbers, row_numbers


@dataclass(frozen=True)
class HtmlDocument:
    report: Report
    # Element ids (and <a name>) and GitHub-style slugs of headings → where they are.
    anchors: dict[str, Anchor] = field(default_factory=dict)
    links: tuple[Hyperlink, ...] = ()
    # What was left out of the text, by kind: script, style, hidden, entity-reference …
    dropped: dict[str, int] = field(default_factory=dict)
    parser: str = "html"  # html | xhtml (strict XML) | html-recovered (XHTML that was not XML)


def read_html_report(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> Report:
    return read_html_document(path, first_page, encoding).report


def read_html_document(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> HtmlDocument:
    data = read_bytes(path, MAX_TEXT_BYTES, "an HTML report")
    xml = _wants_xml(path, data) and encoding is None
    return parse_html_document(data, str(path), first_page, xml=xml, encoding=encoding)


def parse_html_document(
    data: bytes,
    path: str = "<html>",
    first_page: int | None = None,
    xml: bool = False,
    encoding: str | None = None,
) -> HtmlDocument:
    """Parse HTML (or, with ``xml``, XHTML) bytes; see the module docstring. ``encoding``
    (``--encoding``) overrides a declared or detected one."""
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
    walker = Walker(break_classes(root))
    walker.dropped.update(dropped)
    body = find(root, "body")
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


# --------------------------------------------------------------------------------------------
# the document


def _document(
    walker: Walker,
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
    pages, pagination, method = _labelled(builders, marked, first_page)
    if walker.tables_read:
        # Every line of a table row numbered with the row (the lines numbered as they are
        # in the text, one after the other), as a spreadsheet's rows are: the index parser
        # then knows the rows, and what it reads from one cites its first line.
        firsts = first_line_numbers([p.text for p in pages], form_feed=False)
        pages = [
            page.model_copy(
                update={"line_numbers": row_numbers(page.text, first, b.lines.row_rest)}
            )
            for page, first, b in zip(pages, firsts, builders, strict=True)
        ]
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
        Hyperlink(text, href, labels[min(index, len(labels) - 1)])
        for text, href, index in walker.links
    )
    return HtmlDocument(
        report=report,
        anchors=anchors,
        links=links,
        dropped=dict(sorted(walker.dropped.items())),
        parser=parser_name,
    )


def _labelled(
    builders: list[PageBuilder], marked: bool, first_page: int | None
) -> tuple[list[Page], str, str]:
    """The pages with their labels, the pagination and how the labels were found: a
    document without page markers is one unpaginated page; a ``data-page`` label wins over
    the number printed on the page, ``--first-page`` over both."""
    texts = ["\n".join(b.lines.lines) for b in builders]
    if not marked:
        page = Page(
            number=1,
            label=None,
            label_source="none",
            text=texts[0],
            headings=tuple(builders[0].headings),
        )
        return [page], "none", ""
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
    if first_page is not None:
        method = "--first-page"
    elif all(label is not None for label in explicit):
        method = "data-page"
    elif any(label is not None for label in explicit):
        method = "data-page, printed numbers"
    else:
        method = "printed numbers"
    return pages, "html", method


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
