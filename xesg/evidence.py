"""Evidence on pages: a BM25 index of the report's pages, built once, queried per disclosure.

Deterministic and local (no model, no network): a page "discusses" a disclosure when it uses
the disclosure's title words and our keywords for it. Scores are reported relative to the
best page of the report, so they read as "how close is the cited page to the best one".
"""

from __future__ import annotations

import math
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
    def __init__(self, pages: Sequence[Page], exclude: Iterable[str] = ()) -> None:
        skip = set(exclude)
        self._docs = [
            (p.label, Counter(tokens(p.text)))
            for p in pages
            if p.label is not None and p.label not in skip
        ]
        self._lengths = {label: sum(c.values()) for label, c in self._docs}
        self._average = (sum(self._lengths.values()) / len(self._docs)) if self._docs else 1.0
        frequency: Counter[str] = Counter()
        for _, counts in self._docs:
            frequency.update(counts.keys())
        total = len(self._docs)
        self._idf = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in frequency.items()}

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self._docs]

    def raw_scores(self, query: Sequence[str]) -> dict[str, float]:
        scores: dict[str, float] = {}
        for label, counts in self._docs:
            length = self._lengths[label] or 1
            score = 0.0
            for word in query:
                tf = counts.get(word, 0)
                if tf:
                    norm = tf + K1 * (1 - B + B * length / self._average)
                    score += self._idf.get(word, 0.0) * tf * (K1 + 1) / norm
            scores[label] = score
        return scores

    def relative(self, query: Sequence[str]) -> list[PageScore]:
        """Every page's score divided by the best page's, best first (empty: no evidence)."""
        raw = self.raw_scores(query)
        best = max(raw.values(), default=0.0)
        if best <= 0:
            return []
        ranked = [PageScore(label, score / best) for label, score in raw.items()]
        return sorted(ranked, key=lambda s: (-s.score, self.labels.index(s.label)))


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
