"""Where a link inside a document points: element ids and GitHub-style heading slugs.
Shared by the HTML and Markdown readers, and by the rules that follow a report's links."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from urllib.parse import unquote

from xesg.model.document import Page


class Anchor(NamedTuple):
    """Where a fragment (``#scope-1-emissions``) points: the heading's text (for an element
    that is not a heading, the heading it sits under, or ``""``) and the page's label."""

    text: str
    page: str | None


class Hyperlink(NamedTuple):
    """A hyperlink as written in the document: its text, its target and its page label."""

    text: str
    href: str
    page: str | None


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
