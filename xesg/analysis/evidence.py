"""Evidence on pages: a BM25 index of the report's pages, built once, queried per disclosure.

Deterministic and local (no model, no network): a page "discusses" a disclosure when it uses
the disclosure's title words and our keywords for it. Scores are reported relative to the
best page of the report, so they read as "how close is the cited page to the best one".
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from xesg.catalogue.match import DROPPED, forms, lowered, tokens, words
from xesg.catalogue.schema import Disclosure
from xesg.model.document import Page

K1 = 1.2
B = 0.75


def disclosure_query(disclosure: Disclosure) -> tuple[str, ...]:
    # Title and keywords tokenised at once: a space between them ends any word.
    return tuple(dict.fromkeys(tokens(" ".join((disclosure.title, *disclosure.keywords)))))


@dataclass(frozen=True)
class PageScore:
    label: str
    score: float  # relative to the best page for the query (0–1)


class Ranking:
    """One query's scores, relative to the best page's (which is above 0). Only the pages that
    use one of the query's words were scored; every other page scores 0 and is not visited."""

    def __init__(self, index: PageIndex, raw: dict[int, float], best: float) -> None:
        self._index = index
        self._raw = raw  # a page's position → its score, for the pages that use a query word
        self._best = best

    def score(self, label: str) -> float:
        """The page's relative score; 0.0 for a page not indexed. Where pages share a label,
        the lowest of their scores."""
        positions = self._index.positions.get(label)
        if positions is None:
            return 0.0
        return min(map(self._raw.get, positions, itertools.repeat(0.0))) / self._best

    def top(self, n: int) -> list[PageScore]:
        """The ``n`` best pages, best first (ties in page order), then as many pages scoring 0
        as ``n`` asks for, in page order: the order a stable sort of every page would give."""
        raw = self._raw  # every page in it scores above 0: a word's weights are above 0
        # Sorted by position first, so that the (stable) sort by score keeps ties in page order.
        order = sorted(sorted(raw), key=raw.__getitem__, reverse=True)[:n]
        if len(order) < n:
            unscored = (i for i in range(len(self._index.labels)) if i not in raw)
            order += itertools.islice(unscored, n - len(order))
        return [PageScore(self._index.labels[i], raw.get(i, 0.0) / self._best) for i in order]


class _Weights(NamedTuple):
    pages: list[int]  # the pages that use a word, in page order
    weights: list[float]  # its weight on each


class PageIndex:
    """BM25 over pages. Words are counted per page in one pass and listed with the pages they
    are on; a word's weights on its pages are worked out when a query first asks for it (most
    of a query's words are on few pages or none), and rankings are memoised (several rules
    ask for the same disclosures)."""

    def __init__(self, pages: Sequence[Page], exclude: Iterable[str] = ()) -> None:
        skip = set(exclude)
        kept = [p for p in pages if p.label is not None and p.label not in skip]
        self.labels = [p.label for p in kept if p.label is not None]
        self.positions: dict[str, list[int]] = {}  # label → its pages' positions in the index
        for i, label in enumerate(self.labels):
            self.positions.setdefault(label, []).append(i)
        # Raw words (before stop words and stemming) are counted in C; a page's length is its
        # number of tokens, i.e. of words that are not DROPPED. Each word is listed with the
        # pages it is on, in page order, and its count on each: a query's word looks at those
        # pages alone.
        self._postings: dict[str, tuple[list[int], list[int]]] = {}
        lengths: list[int] = []
        for i, page in enumerate(kept):
            found = words(lowered(page.text))
            counts = Counter(found)
            lengths.append(len(found) - sum(counts[w] for w in counts.keys() & DROPPED))
            for word, count in counts.items():
                posting = self._postings.get(word)
                if posting is None:
                    self._postings[word] = ([i], [count])
                else:
                    posting[0].append(i)
                    posting[1].append(count)
        # Pages without a word (a scan, blank pages, pages of numbers) count as one word each.
        average = (sum(lengths) / len(kept) if kept else 0.0) or 1.0
        self._norms = [K1 * (1 - B + B * (length or 1) / average) for length in lengths]
        self._weighted: dict[str, _Weights | None] = {}
        self._memo: dict[tuple[str, ...], Ranking | None] = {}

    def _weights(self, word: str) -> _Weights | None:
        """idf × the BM25 term weight of the token ``word`` on each page that uses it (None
        when none does)."""
        if word in self._weighted:
            return self._weighted[word]
        found = None
        written = forms(word, self._postings)  # "policy", "policies"
        if written:
            if len(written) == 1:
                pages, counts = self._postings[written[0]]
            else:  # the forms' counts added up page by page
                tf: dict[int, int] = {}
                for form in written:
                    for i, count in zip(*self._postings[form], strict=True):
                        tf[i] = tf.get(i, 0) + count
                pages = sorted(tf)
                counts = [tf[i] for i in pages]
            n = len(pages)
            idf = math.log(1 + (len(self.labels) - n + 0.5) / (n + 0.5))
            norms = self._norms
            weights = [
                idf * (count * (K1 + 1) / (count + norms[i]))
                for i, count in zip(pages, counts, strict=True)
            ]
            found = _Weights(pages, weights)
        self._weighted[word] = found
        return found

    def raw_scores(self, query: Sequence[str]) -> dict[int, float]:
        """The query's score on each page that uses one of its words, by page position: the
        cost is that of the words' postings, not of the report's pages. A page's weights are
        added in the query's word order, starting from 0.0, as a sum over every page would."""
        scores: dict[int, float] = {}
        for word in dict.fromkeys(query):
            found = self._weights(word)
            if found is None:
                continue
            if not scores:  # 0.0 + weight is the weight, bit for bit
                scores = dict(zip(found.pages, found.weights, strict=True))
                continue
            # Each page's sum so far plus the word's weight on it, worked out in C (a word lists
            # a page once: a page's sum is read before that page is written).
            so_far = map(scores.get, found.pages, itertools.repeat(0.0))
            sums = map(operator.add, so_far, found.weights)
            scores.update(zip(found.pages, sums, strict=True))
        return scores

    def ranking(self, query: Sequence[str]) -> Ranking | None:
        """Every page's score relative to the best page's (None: no page uses the words)."""
        key = tuple(query)
        if key not in self._memo:
            raw = self.raw_scores(query)
            best = max(raw.values(), default=0.0)
            self._memo[key] = Ranking(self, raw, best) if best > 0 else None
        return self._memo[key]


# A heading's words: runs of letters and digits (str.isalnum's, which is what \w less "_" is).
_HEADING_WORD = re.compile(r"[^\W_]+")
# In ASCII text the same runs are those of [a-z0-9] once lower-cased: every other ASCII byte
# but the line break becomes a space (in C, over a page's UTF-8, whose other bytes stay), and
# a line's words are then what str.split() leaves, unless the line has other characters.
_ASCII_NOT_ALNUM = bytes(b if chr(b).isalnum() or b == 10 else 32 for b in range(128))
_ASCII_NOT_ALNUM += bytes(range(128, 256))
HEADING_WORDS = 5  # a title's first words, all that is compared with a heading


def _line_keys(text: str) -> set[str]:
    """The first words of each line of ``text``, lower-cased, without the numbering a heading
    starts with ("3.1 Climate …" → "climate …"), joined by spaces ("" for a line of none)."""
    # Lower-cased whole: no line break takes part in lower-casing another character.
    spaced = text.lower().encode("utf-8", "surrogatepass").translate(_ASCII_NOT_ALNUM)
    keys = set()
    for line in set(spaced.decode("utf-8", "surrogatepass").split("\n")):
        if not line.isascii():
            words = _HEADING_WORD.findall(line)
        else:
            words = line.split(None, HEADING_WORDS)
            if words and words[0].isdigit():
                words = line.split()
        while words and words[0].isdigit():
            words.pop(0)
        keys.add(" ".join(words[:HEADING_WORDS]))
    return keys


class Headings:
    """The lines of a report's pages that a section's name can be looked for at, built once
    per report: each line's first words (all a title is compared with), sorted, with the
    pages each is on. A title then looks only at the lines that begin with its first word
    or two, however many pages and titles there are."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self._labels = [p.label for p in pages]
        on: dict[str, list[int]] = {}  # a line's first words → the pages it is on, in order
        for position, page in enumerate(pages):
            for key in _line_keys(page.text):
                if key:
                    on.setdefault(key, []).append(position)
        self._keys = sorted(on)  # " " sorts before every letter and digit: a prefix's lines
        self._on = on  # are a run of these
        self._found: dict[tuple[tuple[str, bool], ...], list[int]] = {}
        self._words: list[list[str]] | None = None  # see _index_words
        self._by_stem: dict[str, set[int]] = {}
        self._by_letter: dict[str, set[int]] = {}

    def pages(self, title: str, exclude: Iterable[str] = ()) -> list[str]:
        """Labels of pages with a line that starts like ``title`` (numbering and case
        ignored), in page order.

        Only the first words are compared, since long headings wrap over two lines; a word
        the title cuts short ("Sustainable fin. ambition") stands for any word it begins,
        and a title that goes on from a heading of two words or more ("Financed emissions
        target" under "Financed emissions") is found at that heading."""
        skip = set(exclude)
        labels = (self._labels[i] for i in self._starting_like(title))
        return [label for label in labels if label is not None and label not in skip]

    def exists(self, title: str, exclude: Iterable[str] = ()) -> bool:
        """Whether a heading like ``title`` (as :meth:`pages` finds it, else worded
        differently) stands on a page not in ``exclude`` — also in an unpaginated report,
        whose pages have no label."""
        skip = set(exclude)
        return any(self._labels[i] not in skip for i in self._starting_like(title)) or any(
            self._labels[i] not in skip for i in self._reworded(title)
        )

    def _starting_like(self, title: str) -> list[int]:
        """Positions of the pages with a line that starts like ``title``, found once."""
        wanted = tuple(_title_words(title)[:HEADING_WORDS])
        if not wanted:
            return []
        if wanted not in self._found:
            self._found[wanted] = self._positions(list(wanted))
        return self._found[wanted]

    def _reworded(self, title: str) -> list[int]:
        """Positions of pages with a heading that words ``title`` differently: the words of a
        title of three words or more (short words aside) stand in the heading's first words
        in any order, a plural for a singular, a letter for a word it begins ("Circular
        Economy and E-waste" for "Circular Economy and Electronic-waste"), one of them left
        out of the heading when the title has four or more ("ESG Management Approach and
        Governance Structure" for "ESG Management and Governance Structure"), and the heading
        has at most two words more. It reads every heading key once per title: it is asked
        only when no heading starts like the title."""
        wanted = [w for w, _ in _title_words(title) if w not in _MINOR_WORDS]
        if len(wanted) < 3:
            return []
        spare = 1 if len(wanted) >= 4 else 0
        if self._words is None:
            self._index_words()
        assert self._words is not None
        # A heading that leaves out at most ``spare`` of the words has one of the first
        # ``spare + 1``: only the headings with a word standing for one of those are read.
        candidates: set[int] = set()
        for w in wanted[: spare + 1]:
            candidates.update(self._by_stem.get(w.rstrip("s"), ()))
            if len(w) == 1:
                candidates.update(self._by_letter.get(w, ()))
        found: set[int] = set()
        for k in candidates:
            words = self._words[k]
            if len(words) <= len(wanted) + 2 and _missing(wanted, words) <= spare:
                found.update(self._on[self._keys[k]])
        return sorted(found)

    def _index_words(self) -> None:
        """Each heading key's words (short words aside), and which keys have a word of each
        stem (less its final s's) and of each first letter: built on the first reworded
        look-up, so that each look-up reads the headings that share a word with the title,
        not every heading of the report."""
        self._words = [[w for w in key.split(" ") if w not in _MINOR_WORDS] for key in self._keys]
        for k, key_words in enumerate(self._words):
            for w in key_words:
                self._by_stem.setdefault(w.rstrip("s"), set()).add(k)
                if w:
                    self._by_letter.setdefault(w[0], set()).add(k)

    def _positions(self, wanted: list[tuple[str, bool]]) -> list[int]:
        # Every line that can start like the title begins with its first word — or, when
        # that word may stand for a longer one, with the word's letters — and then, for a
        # title of two words or more, a space and the second word's letters (a line of one
        # word is never taken for a longer title).
        first, short = wanted[0]
        prefix = first if short or len(wanted) == 1 else f"{first} {wanted[1][0]}"
        found: set[int] = set()
        at = bisect.bisect_left(self._keys, prefix)
        while at < len(self._keys) and self._keys[at].startswith(prefix):
            key = self._keys[at]
            if _starts_like(key.split(" "), wanted):
                found.update(self._on[key])
            at += 1
        return sorted(found)


_MINOR_WORDS = frozenset({"a", "an", "and", "the", "of", "in", "on", "for", "to", "our", "with"})


def _missing(wanted: list[str], words: list[str]) -> int:
    """How many of ``wanted`` stand for no word of their own among ``words`` (the same word,
    its plural or singular, or a word a single letter begins)."""
    left = list(words)
    missing = 0
    for w in wanted:
        match = next(
            (
                k
                for k in left
                if k == w or k.rstrip("s") == w.rstrip("s") or (len(w) == 1 and k.startswith(w))
            ),
            None,
        )
        if match is None:
            missing += 1
        else:
            left.remove(match)
    return missing


def _title_words(title: str) -> list[tuple[str, bool]]:
    """The words of ``title`` as _line_keys gives them, each with whether it was written
    cut short, a full stop after it ("fin.")."""
    words = [(m.group(1), bool(m.group(2))) for m in _TITLE_WORD.finditer(title.lower())]
    while words and words[0][0].isdigit():
        words.pop(0)
    return words


_TITLE_WORD = re.compile(r"([^\W_]+)(\.)?")


def _starts_like(line: list[str], title: list[tuple[str, bool]]) -> bool:
    """The heading words ``line`` begin as ``title`` does: word for word, the title's last
    word or a word it cut short may be the beginning of the line's."""
    if len(line) < len(title):
        if len(line) < 2:
            return False
        title, last_open = title[: len(line)], False  # the title goes on from the heading
    else:
        last_open = True
    last = len(title) - 1
    for k, ((word, short), seen) in enumerate(zip(title, line, strict=False)):
        if word != seen and not ((short or (last_open and k == last)) and seen.startswith(word)):
            return False
    return True


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_SURFACE_WORD = re.compile(r"[A-Za-z0-9]+")
SNIPPET_WIDTH = 220


def _occurrences(text: str, lowered: str, form: str) -> Iterator[tuple[int, str]]:
    """(start, word as written) where a word of ``text`` — a whole run of [A-Za-z0-9] — is
    ``form`` in lower case; ``lowered`` is ``text`` lower-cased, character for character."""
    end = len(text)
    at = lowered.find(form)
    while at != -1:
        after = at + len(form)
        written = text[at:after]
        if (
            written.isascii()  # not "\u212a" (Kelvin sign), which lower-cases to "k"
            and written.isalnum()
            and (at == 0 or text[at - 1] not in _WORD_CHARS)
            and (after == end or text[after] not in _WORD_CHARS)
        ):
            yield at, written
        at = lowered.find(form, at + 1)


class Snippets:
    """Snippets from one report's pages. A page is lower-cased once, however many disclosures
    ask about it; the written forms of the query's words are then found in it directly."""

    def __init__(self) -> None:
        self._lowered: dict[str, str | None] = {}  # text → lower case (None: positions move)
        self._forms: dict[str, tuple[str, ...]] = {}  # token → the words that give it

    def _hits(self, text: str, wanted: set[str]) -> list[tuple[int, str]]:
        """(start, word as written) of each word of ``text`` whose token is wanted."""
        if text not in self._lowered:
            lower = text.lower()
            # "İ" lower-cases to two characters: positions in the copy would not be the text's.
            self._lowered[text] = lower if len(lower) == len(text) else None
        lowered = self._lowered[text]
        if lowered is None:
            return [
                (m.start(), m.group(0))
                for m in _SURFACE_WORD.finditer(text)
                if set(tokens(m.group(0))) & wanted
            ]
        hits: list[tuple[int, str]] = []
        for token in wanted:
            if token not in self._forms:
                self._forms[token] = forms(token)
            for form in self._forms[token]:
                hits.extend(_occurrences(text, lowered, form))
        return sorted(hits)

    def snippet(
        self, text: str, query: Sequence[str], width: int = SNIPPET_WIDTH
    ) -> tuple[str, tuple[str, ...]]:
        """The stretch of ``text`` (about ``width`` characters) that uses most of the query's
        words, and the words of it that matched — what a reviewer reads to judge a citation."""
        hits = self._hits(text, set(query))
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


def snippet(
    text: str, query: Sequence[str], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[str, ...]]:
    """See :meth:`Snippets.snippet` (for one text: nothing is kept for the next call)."""
    return Snippets().snippet(text, query, width)
