"""Evidence on pages: a BM25 index of the report's pages, built once, queried per disclosure.

Deterministic and local (no model, no network): a page "discusses" a disclosure when it uses
the disclosure's title words and our keywords for it. Scores are reported relative to the
best page of the report, so they read as "how close is the cited page to the best one".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xesg.catalogue.match import tokens
from xesg.catalogue.schema import Disclosure
from xesg.model.report import Page

K1 = 1.2
B = 0.75


def disclosure_query(disclosure: Disclosure) -> tuple[str, ...]:
    words = tokens(disclosure.title)
    for keyword in disclosure.keywords:
        words.extend(tokens(keyword))
    return tuple(dict.fromkeys(words))


@dataclass(frozen=True)
class PageScore:
    label: str
    score: float  # relative to the best page for the query (0–1)


class PageIndex:
    """BM25 over pages, with postings so that a query touches only the pages that use its
    words; relative scores are memoised (several rules ask for the same disclosures)."""

    def __init__(self, pages: Sequence[Page], exclude: Iterable[str] = ()) -> None:
        skip = set(exclude)
        docs = [
            (p.label, Counter(tokens(p.text)))
            for p in pages
            if p.label is not None and p.label not in skip
        ]
        self.labels = [label for label, _ in docs]
        lengths = [sum(counts.values()) for _, counts in docs]
        average = (sum(lengths) / len(docs)) if docs else 1.0
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, (_, counts) in enumerate(docs):
            norm = K1 * (1 - B + B * (lengths[i] or 1) / average)
            for word, tf in counts.items():
                # The BM25 term weight without idf, precomputed per (word, page).
                self._postings.setdefault(word, []).append((i, tf * (K1 + 1) / (tf + norm)))
        total = len(docs)
        self._idf = {
            w: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))
            for w, p in self._postings.items()
        }
        self._memo: dict[tuple[str, ...], list[PageScore]] = {}

    def raw_scores(self, query: Sequence[str]) -> list[float]:
        scores = [0.0] * len(self.labels)
        for word in dict.fromkeys(query):
            idf = self._idf.get(word, 0.0)
            for i, weight in self._postings.get(word, ()):
                scores[i] += idf * weight
        return scores

    def relative(self, query: Sequence[str]) -> list[PageScore]:
        """Every page's score divided by the best page's, best first (empty: no evidence)."""
        key = tuple(query)
        if key not in self._memo:
            raw = self.raw_scores(query)
            best = max(raw, default=0.0)
            ranked: list[PageScore] = []
            if best > 0:
                order = sorted(range(len(raw)), key=lambda i: -raw[i])  # stable: page order
                ranked = [PageScore(self.labels[i], raw[i] / best) for i in order]
            self._memo[key] = ranked
        return self._memo[key]


def _heading_key(text: str) -> str:
    """Lower-case words of a heading without its numbering ("3.1 Climate …" → "climate …")."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split()]
    while words and words[0].isdigit():
        words.pop(0)
    return " ".join(words)


def heading_pages(pages: Sequence[Page], title: str, exclude: Iterable[str] = ()) -> list[str]:
    """Labels of pages with a line that starts like ``title`` (numbering and case ignored).

    Only the first words are compared, since long headings wrap over two lines."""
    key = " ".join(_heading_key(title).split()[:5])
    if not key:
        return []
    skip = set(exclude)
    found = []
    for page in pages:
        if page.label is None or page.label in skip:
            continue
        if any(_heading_key(line).startswith(key) for line in page.text.split("\n")):
            found.append(page.label)
    return found


_SURFACE_WORD = re.compile(r"[A-Za-z0-9]+")
SNIPPET_WIDTH = 220


def snippet(
    text: str, query: Sequence[str], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[str, ...]]:
    """The stretch of ``text`` (about ``width`` characters) that uses most of the query's
    words, and the words of it that matched — what a reviewer reads to judge a citation."""
    wanted = set(query)
    hits = [
        (m.start(), m.group(0))
        for m in _SURFACE_WORD.finditer(text)
        if set(tokens(m.group(0))) & wanted  # tokenised once per word
    ]
    if not hits:
        return "", ()
    best_start, best_count, left = hits[0][0], 0, 0
    for right in range(len(hits)):
        while hits[right][0] - hits[left][0] > width:
            left += 1
        if right - left + 1 > best_count:
            best_start, best_count = hits[left][0], right - left + 1
    start = max(0, text.rfind(" ", 0, max(0, best_start - 20)) + 1)
    window = " ".join(text[start : start + width].split())
    matched = tuple(sorted({w for _, w in hits if w in window}, key=str.lower))
    return window, matched
