"""Compare an index row's description with catalogue titles.

Descriptions are usually the standard's own wording copied (often shortened, sometimes from
the wrong row). We score word overlap weighted by how rare a word is across the catalogue, so
boilerplate ("information on the policies", "description of") counts for little and the words
that tell disclosures apart ("child labour", "scope 2") count for much.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Container, Iterator
from typing import NamedTuple

from xesg.catalogue.schema import Catalogue, Disclosure

# Words too common in requirement wording to tell disclosures apart.
_STOP_WORDS = """
a an and or of the to in on for by with from at as its it be is are was were which that this
these those has have had where whether any each e g eg etc including other relevant such
information policy policies compliance law laws regulation regulations relating related
significant impact issuer description describe disclosure total number
"""
_STOP = frozenset(_STOP_WORDS.split())


_WORD_CHARS = b"abcdefghijklmnopqrstuvwxyz0123456789"
# What tokens() leaves out: stop words and single letters or digits.
DROPPED = _STOP | frozenset(_WORD_CHARS.decode())
# Every byte but [a-z0-9] (or [A-Za-z0-9]) → space: with ``bytes.translate`` and ``split``
# this cuts text into words several times faster than a regex (pages are tokenised whole).
_NOT_WORD = bytes(b if b in _WORD_CHARS else 32 for b in range(256))
_NOT_ALNUM = bytes(b if b in _WORD_CHARS or b in _WORD_CHARS.upper() else 32 for b in range(256))


def lowered(text: str) -> str:
    """Lower-case text with possessive 's dropped ("company’s" → "company")."""
    return text.lower().replace("’", "'").replace("'s", "")


def words(text: str) -> list[str]:
    """The runs of [a-z0-9] in ``text`` (other characters, non-ASCII ones too, separate them)."""
    return text.encode("ascii", "replace").translate(_NOT_WORD).decode("ascii").split()


def surface_words(text: str) -> list[str]:
    """The runs of [A-Za-z0-9] in ``text``, as written."""
    return text.encode("ascii", "replace").translate(_NOT_ALNUM).decode("ascii").split()


def tokens(text: str) -> list[str]:
    return [stem(w) for w in words(lowered(text)) if w not in DROPPED]


@functools.lru_cache(maxsize=1 << 16)  # a report's vocabulary is small; pages repeat words
def stem(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def forms(token: str, among: Container[str] | None = None) -> tuple[str, ...]:
    """The words that tokens() turns into ``token``: the token itself and the plurals stem()
    takes back to it ("policy" ← "policies", "class" ← "classes", "scope" ← "scopes"); only
    those ``among`` a vocabulary, when one is given (checked first: it is cheaper)."""
    plurals = (token + "s", token[:-1] + "ies", token[:-2] + "sses")
    return tuple(
        w
        for w in dict.fromkeys((token, *plurals))
        if (among is None or w in among) and w not in DROPPED and stem(w) == token
    )


_EXAMPLES = re.compile(r"\((?:e\.g\.|for example)[^)]*\)", re.IGNORECASE)


def profiles(disclosure: Disclosure) -> list[list[str]]:
    """Word lists that describe a disclosure: its title, and the title without its "(e.g. …)"
    examples, which reports often drop. Aspect-level items add our keywords, because their
    official title is only a name ("Employment") while reports quote the requirement."""
    variants = [disclosure.title]
    shortened = _EXAMPLES.sub(" ", disclosure.title)
    if shortened != disclosure.title:
        variants.append(shortened)
    extra: list[str] = []
    if disclosure.kind in ("general", "mandatory-disclosure"):
        extra = tokens(" ".join(disclosure.keywords))  # a space between them ends any word
    return [tokens(v) + extra for v in variants]


class TitleScore(NamedTuple):  # a tuple: ranking makes one per disclosure per description
    disclosure: Disclosure
    score: float


class TitleMatcher:
    """Scores descriptions against every disclosure of one catalogue.

    Each disclosure's words, their weights and norms are computed once, and so is each
    description's (a report asks about the same description several times); a description
    is compared only with the disclosures that share a word with it (the others score 0)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._profiles = {
            d.code: [Counter(words) for words in profiles(d)] for d in catalogue.disclosures
        }
        documents = len(self._profiles) or 1
        frequency: Counter[str] = Counter()
        self._users: dict[str, set[str]] = {}  # word → codes whose profiles use it
        for code, variants in self._profiles.items():
            used = set().union(*variants)
            frequency.update(used)
            for word in used:
                self._users.setdefault(word, set()).add(code)
        self._idf = {w: math.log(1 + documents / n) for w, n in frequency.items()}
        self._default_idf = math.log(1 + documents)
        self._squared = {w: weight**2 for w, weight in self._idf.items()}
        self._norms = {
            code: [self._norm(wanted) for wanted in variants]
            for code, variants in self._profiles.items()
        }
        self._described: dict[str, tuple[Counter[str], float, set[str]]] = {}
        self._by_code = {d.code: d for d in catalogue.disclosures}

    def _weight(self, word: str) -> float:
        return self._idf.get(word, self._default_idf)

    def _norm(self, words: Counter[str]) -> float:
        return math.sqrt(sum(self._weight(w) ** 2 for w in words))

    def _description(self, description: str) -> tuple[Counter[str], float, set[str]]:
        """The description's words, their norm, and the codes whose words include one."""
        if description not in self._described:
            have = Counter(tokens(description))
            related = set().union(*(self._users.get(w, ()) for w in have))
            self._described[description] = (have, self._norm(have), related)
        return self._described[description]

    def score(self, description: str, code: str) -> float:
        """Cosine similarity (0–1) of the description and the disclosure's words."""
        have, norm, related = self._description(description)
        return self._score(have, norm, code) if code in related else 0.0  # no word shared: 0

    def _score(self, have: Counter[str], norm: float, code: str) -> float:
        """The best cosine similarity of the description's words with a profile of ``code``."""
        best = 0.0
        if not have:
            return best
        profiles = zip(self._profiles.get(code, []), self._norms.get(code, []), strict=True)
        for wanted, wanted_norm in profiles:
            dot = sum(map(self._squared.__getitem__, have.keys() & wanted.keys()))
            if dot != 0:  # (an empty profile shares no word)
                best = max(best, dot / (norm * wanted_norm))
        return best

    def ranked(self, description: str) -> list[TitleScore]:
        """Every disclosure's score, best first (ties in code order)."""
        return list(self.best_first(description))

    def best_first(self, description: str) -> Iterator[TitleScore]:
        """``ranked``, made as it is read: the disclosures that share a word with the
        description (scored above 0) first, then the others (0) in code order."""
        have, norm, related = self._description(description)
        scored = [TitleScore(self._by_code[c], self._score(have, norm, c)) for c in related]
        yield from sorted(scored, key=lambda s: (-s.score, s.disclosure.code))
        unrelated = (d for d in self.catalogue.disclosures if d.code not in related)
        yield from (TitleScore(d, 0.0) for d in sorted(unrelated, key=lambda d: d.code))
