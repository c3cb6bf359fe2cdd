"""What every part of the HTML reader asks of an lxml element: its local name, its text, a
descendant by name; and the white space HTML collapses."""

from __future__ import annotations

import re

from lxml import etree

SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_BLANKS = frozenset(" \t\n\r\f\v\u00a0")
_SLICE = 1 << 16  # characters collapsed at a time


def collapse(text: str) -> str:
    """Each run of blanks in ``text`` one space, a slice at a time: re.sub holds every piece
    of its result until it joins them (some 50 bytes each), so one paragraph of a million
    words held hundreds of megabytes at once. Slices end outside runs of blanks."""
    if len(text) <= _SLICE:
        return SPACES.sub(" ", text)
    parts = []
    start = 0
    while start < len(text):
        end = min(start + _SLICE, len(text))
        while end < len(text) and text[end - 1] in _BLANKS and text[end] in _BLANKS:
            end += 1
        parts.append(SPACES.sub(" ", text[start:end]))
        start = end
    return "".join(parts)


def find(root: etree._Element, name: str) -> etree._Element | None:
    for element in root.iter():
        if isinstance(element.tag, str) and local(element) == name:
            return element
    return None


def text_of(element: etree._Element) -> str:
    """All text inside ``element`` (lxml's stubs allow bytes; our parsers give str)."""
    return "".join(str(part) for part in element.itertext())


def local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()
