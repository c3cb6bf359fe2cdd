"""Read a Markdown report (docs-as-code): pages, headings, heading slugs, pipe tables.

The page text is the Markdown as a reader sees it, one line per source line so that index
rows keep their line numbers: inline markup is removed (``**A1.1**`` → ``A1.1``, a link
``[text](#anchor)`` → ``text``, an absolute link → ``text (URL)``), HTML comments, tags and
YAML front matter are blanked, code blocks are kept as written. GitHub pipe tables become
tab-separated lines — cells split at unescaped ``|``, the ``|---|`` line blanked — so that the
index parser reads them like any tab table and a table ends at the first line after it
(otherwise the prose below a table would be read as its last row's continuation). A row with
text in its first cell only is a heading inside the table, merged as for HTML tables.

ATX (``## Scope 1 emissions``) and Setext headings become ``Page.headings`` and anchors:
GitHub-style slugs, explicit ``{#id}`` and ``<a id="…">``, so that an index location written
as ``#scope-1-emissions`` or as a heading's text can be resolved with
:func:`xesg.load.html.find_anchor`. Links are recorded with their page.

A report is unpaginated unless it has ``<!-- page 12 -->`` markers (the marker starts the page
labelled ``12``; text before the first marker is unlabelled front matter) or form feeds
(numbered as text reports are).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from xesg.errors import InputError
from xesg.load.decode import decode_report
from xesg.load.html import Anchor, Link, heading_anchors, table_lines
from xesg.load.labels import assign_labels
from xesg.model.report import Page, Report


@dataclass(frozen=True)
class MarkdownDocument:
    report: Report
    # Explicit ids ({#id}, <a id>) and GitHub-style slugs of headings → where they are.
    anchors: dict[str, Anchor] = field(default_factory=dict)
    links: tuple[Link, ...] = ()


def read_markdown_report(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> Report:
    return read_markdown_document(path, first_page, encoding).report


def read_markdown_document(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> MarkdownDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    decoded = decode_report(data, str(path), encoding)
    document = parse_markdown_document(decoded.text, str(path), decoded.encoding, first_page)
    report = document.report.model_copy(
        update={"sha256": hashlib.sha256(data).hexdigest(), "notes": decoded.notes}
    )
    return MarkdownDocument(report=report, anchors=document.anchors, links=document.links)


_PAGE_MARKER = re.compile(r"^\s*<!--\s*page\s*[:#=]?\s*([^\s>]+?)\s*-->\s*$", re.IGNORECASE)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_EXPLICIT_ID = re.compile(r"\s*\{#([^\s}]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"<a\s[^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_EMPHASIS = re.compile(r"(\*\*|\*|~~|(?<!\w)__|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = 0xF0000  # plane 15 private use: never in a report's text
_ESCAPED = re.compile("[\U000f0021-\U000f007e]")
_EXTERNAL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def parse_markdown_document(
    text: str, path: str = "<markdown>", encoding: str = "utf-8", first_page: int | None = None
) -> MarkdownDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: the report is empty")
    chunks, markers, pagination = _split_pages(text)
    rendered = [_render(chunk, front_matter=k == 0) for k, chunk in enumerate(chunks)]
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
    pages = [
        page.model_copy(update={"headings": tuple(h for h, _ in rendered[k].headings)})
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
        Link(label, href, labels[k]) for k, r in enumerate(rendered) for label, href in r.links
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
    if any(_PAGE_MARKER.match(line) for line in lines):
        chunks: list[list[str]] = [[]]
        labels: list[str | None] = [None]
        for line in lines:
            marker = _PAGE_MARKER.match(line)
            if marker:
                if any(part.strip() for part in chunks[-1]):
                    chunks.append([])
                    labels.append(None)
                labels[-1] = marker.group(1)
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


def plain(text: str, links: list[tuple[str, str]] | None = None) -> str:
    """Inline Markdown as a reader sees it: link text (``text (URL)`` for an absolute link),
    no emphasis marks, code spans, tags or escapes. Links found are added to ``links``."""

    def link(match: re.Match[str]) -> str:
        label, target = match.group(2), match.group(3)
        if match.group(1):  # an image: its alt text
            return label
        if links is not None and target:
            links.append((plain(label), target))
        if _EXTERNAL.match(target) and target not in label:
            return f"{label} ({target})"
        return label

    # Escaped characters (\\*) are kept aside as private-use characters until the end.
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    text = _LINK.sub(link, text)
    text = _CODE_SPAN.sub(lambda m: m.group(2).strip(), text)
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _TAG.sub("", text)
    text = _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - _PRIVATE), text)
    return " ".join(text.split())


@dataclass
class _Rendered:
    lines: list[str] = field(default_factory=list)
    headings: list[tuple[str, str | None]] = field(default_factory=list)  # text, explicit id
    ids: list[tuple[str, str]] = field(default_factory=list)  # id, heading it sits under
    links: list[tuple[str, str]] = field(default_factory=list)  # text, target


def _blank_comments(text: str) -> str:
    """HTML comments become spaces (their newlines kept), so lines keep their numbers."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _render(chunk: str, front_matter: bool) -> _Rendered:
    out = _Rendered()
    lines = _blank_comments(chunk).split("\n")
    k = 0
    if front_matter and lines and lines[0].strip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            out.lines.extend([""] * (end + 1))
            k = end + 1
    fence: str | None = None
    while k < len(lines):
        line = lines[k]
        opening = _FENCE.match(line)
        if fence is not None:
            marks = opening.group(1) if opening else ""
            if marks[:1] == fence[0] and len(marks) >= len(fence):
                fence = None
                out.lines.append("")
            else:
                out.lines.append(line.rstrip())
            k += 1
            continue
        if opening:
            fence = opening.group(1)
            out.lines.append("")
            k += 1
            continue
        if "|" in line and k + 1 < len(lines) and _DELIMITER_ROW.match(lines[k + 1]):
            end = k + 2
            while end < len(lines) and lines[end].strip() and "|" in lines[end]:
                end += 1
            out.lines.extend(_table(lines[k:end], out))
            k = end
            continue
        next_line = lines[k + 1] if k + 1 < len(lines) else ""
        atx = _ATX.match(line)
        if atx:
            out.lines.append(_heading(atx.group(2) or "", out))
        elif (
            _SETEXT.match(next_line)
            and line.strip()
            and not line.lstrip().startswith(("|", ">", "-", "*", "+"))
        ):
            out.lines.append(_heading(line, out))  # the line above "===" / "---"
            out.lines.append("")
            k += 1
        else:
            under = out.headings[-1][0] if out.headings else ""
            out.ids.extend((found, under) for found in _HTML_ID.findall(line))
            out.lines.append(_inline(line, out.links))
        k += 1
    return out


def _inline(line: str, links: list[tuple[str, str]]) -> str:
    """A line's text without inline markup, keeping its indentation and list marker."""
    indent = line[: len(line) - len(line.lstrip())]
    body = plain(line, links)
    return f"{indent}{body}" if body else ""


def _heading(raw: str, out: _Rendered) -> str:
    explicit = _EXPLICIT_ID.search(raw)
    body = raw[: explicit.start()] if explicit else raw
    text = plain(body, out.links)
    for found in _HTML_ID.findall(body):
        out.ids.append((found, text))
    if text:
        out.headings.append((text, explicit.group(1) if explicit else None))
    return text


def _cells(line: str) -> list[str]:
    """Cells of a pipe-table row: split at ``|`` that is neither escaped nor in a code span."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells: list[str] = []
    current: list[str] = []
    ticks = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if char == "`":
            ticks ^= 1
        if char == "|" and not ticks:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    cells.append("".join(current))
    return cells


def _table(rows: list[str], out: _Rendered) -> list[str]:
    """Tab-separated lines for the rows of a pipe table, the delimiter row blanked."""
    header = [plain(cell, out.links) for cell in _cells(rows[0])]
    body = [
        [plain(re.sub(r"<br\s*/?>", " ", cell, flags=re.I), out.links) for cell in _cells(row)]
        for row in rows[2:]
    ]
    width = len(header)
    grid = [[[text] if text else [] for text in row[:width]] for row in (header, *body)]
    lines = table_lines(grid, one_per_row=True)
    return [lines[0], "", *lines[1:]]
