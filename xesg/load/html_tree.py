"""What every part of the HTML reader asks of an lxml element: its local name, its text, a
descendant by name; and the white space HTML collapses."""

from __future__ import annotations

import re

from lxml import etree

SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")


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
