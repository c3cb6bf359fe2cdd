"""Compare an index row's description with catalogue titles.

Descriptions are usually the standard's own wording copied (often shortened, sometimes from
the wrong row). We score word overlap weighted by how rare a word is across the catalogues
compared (idf-weighted cosine), so boilerplate ("information on the policies", "description
of") counts for little and the words that tell disclosures apart ("child labour", "scope 2")
count for much. Single digits are words here ("Scope 2" is not "Scope 3"); a title made only of
common words ("Compliance with laws and regulations") is compared word for word, common words
included. A description's word that no title uses is taken as the title word spelt most like it
(rapidfuzz, at least 90% alike: "labor" → "labour", "organisation" → "organization").

(rapidfuzz's own scorers compare characters, each alike: they cannot tell "child labour" from
"information on the policies", which is why the weighting stays ours.)
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from typing import NamedTuple

from xesg.catalogue.schema import Disclosure

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
# Every byte but [a-z0-9] → space: with ``bytes.translate`` and ``split``
# this cuts text into words several times faster than a regex (pages are tokenised whole).
_NOT_WORD = bytes(b if b in _WORD_CHARS else 32 for b in range(256))


def lowered(text: str) -> str:
    """Lower-case text with possessive 's dropped ("company’s" → "company")."""
    return text.lower().replace("’", "'").replace("'s", "")


def words(text: str) -> list[str]:
    """The runs of [a-z0-9] in ``text`` (other characters, non-ASCII ones too, separate them)."""
    return text.encode("ascii", "replace").translate(_NOT_WORD).decode("ascii").split()


def tokens(text: str) -> list[str]:
    return [stem(w) for w in words(lowered(text)) if w not in DROPPED]


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def title_words(text: str) -> list[str]:
    """Every word of ``text`` for comparing titles: stop words and single digits included,
    single letters (list markers, "a") not; and of Chinese text its :func:`chinese_words`."""
    found = [stem(w) for w in words(lowered(text)) if w not in _LETTERS]
    return found if text.isascii() else found + chinese_words(text)


# Chinese characters (CJK Unified Ideographs, Extension A, compatibility ideographs).
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# The Chinese of requirement wording and index headings that tells no disclosure from another,
# as the English stop words (Traditional and Simplified): "aspect", "general disclosure",
# "KPI", "description", "relating to", "relevant", "information", "policy", "issuer" …; and
# the characters that join words ("and", "of", "or", "in"). Words are cut there.
_CHINESE_STOP = re.compile(
    "層面|层面|一般披露|關鍵績效指標|关键绩效指标|描述|有關|有关|相關|相关|資料|资料|政策|"
    "發行人|发行人|遵守|重大影響|重大影响|[的及和與与或之並并在於于等如]"
)


def chinese_words(text: str) -> list[str]:
    """The pairs of adjacent Chinese characters of ``text``: Chinese puts no space between
    words, and most of its words are two characters, so the pairs stand for its words (排放物
    → 排放, 放物) without a dictionary; a pair that is no word is common or rare alike in
    every title, and the weighting by rarity gives it its due. Wording common to every
    requirement is left out first (:data:`_CHINESE_STOP`). Traditional and Simplified are
    different characters: each is compared with the title in its own script."""
    kept = _CHINESE_STOP.sub(" ", text)
    return [run[k : k + 2] for run in _CHINESE.findall(kept) for k in range(len(run) - 1)]


def without_chinese(text: str) -> str:
    """``text`` with its Chinese left out: what can be compared with a title that has no
    Chinese form."""
    return _CHINESE.sub(" ", text) if not text.isascii() else text


def content_words(words: list[str]) -> list[str]:
    """``title_words`` without stop words."""
    return [w for w in words if w not in _STOP]


# Plurals only, by hand rather than a stemming library (Snowball/Porter): ``forms`` must turn
# a stem back into the words that make it, to look them up in a page's words, and a full
# stemmer also merges words the rules must keep apart ("generation" / "general").
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


# "(e.g. …)" examples, and their Chinese form "（如…）".
_EXAMPLES = re.compile(r"\((?:e\.g\.|for example)[^)]*\)|（如[^）]*）", re.IGNORECASE)


def titles(disclosure: Disclosure) -> list[str]:
    """The disclosure's official titles: English, and Traditional and Simplified Chinese
    where the catalogue has them."""
    chinese = disclosure.chinese
    return [disclosure.title, *((chinese.traditional, chinese.simplified) if chinese else ())]


def profiles(disclosure: Disclosure) -> list[list[str]]:
    """Word lists that describe a disclosure: each of its :func:`titles`, and each without its
    "(e.g. …)" examples, which reports often drop. Aspect-level items add our keywords,
    because their official title is only a name ("Employment") while reports quote the
    requirement. Stop words are left out, unless the title has no other words (see
    :func:`is_common`)."""
    variants = []
    for title in titles(disclosure):
        shortened = _EXAMPLES.sub(" ", title)
        variants += [title, shortened] if shortened != title else [title]
    extra: list[str] = []
    if disclosure.kind in ("general", "mandatory-disclosure"):
        extra = tokens(" ".join(disclosure.keywords))  # a space between them ends any word
    result = []
    for variant in variants:
        every = title_words(variant)
        result.append((content_words(every) or every) + extra)
    return result


def is_common(profile: Iterable[str]) -> bool:
    """Whether a profile is of a title made of common words only, the only profiles that keep
    stop words (compared with every word of a description, stop words included)."""
    return not _STOP.isdisjoint(profile)  # a profile's few words looked up, not every stop word


class TitleScore(NamedTuple):  # a tuple: ranking makes one per disclosure per description
    disclosure: Disclosure
    score: float


_SPELT_ALIKE = 90  # rapidfuzz ratio (0-100) for a description's word to stand for a title word
_SPELLING_MIN = 5  # shorter words are too easily alike ("use"/"user")


class _Described(NamedTuple):
    content: Counter[str]  # words without stop words
    every: Counter[str]  # every word
    content_norm: float
    every_norm: float
    related: set[str]  # codes whose profiles share a word with it


class TitleMatcher:
    """Scores descriptions against every disclosure of some catalogues (one, or all selected
    catalogues of a standard).

    Each disclosure's words, their weights and norms are computed once, and so is each
    description's (a report asks about the same description several times); a description
    is compared only with the disclosures that share a word with it (the others score 0). A
    code defined by several of the catalogues (two editions) has the profiles of each."""

    def __init__(self, disclosures: Sequence[Disclosure]) -> None:
        self._by_code: dict[str, Disclosure] = {}
        self._profiles: dict[str, list[Counter[str]]] = {}
        for d in disclosures:
            self._by_code.setdefault(d.code, d)
            self._profiles.setdefault(d.code, []).extend(Counter(p) for p in profiles(d))
        documents = len(self._profiles) or 1
        frequency: Counter[str] = Counter()
        self._users: dict[str, set[str]] = {}  # word → codes whose profiles use it
        for code, variants in self._profiles.items():
            used = set().union(*variants)
            frequency.update(used)
            for word in used:
                self._users.setdefault(word, set()).add(code)
        self._vocabulary = sorted(w for w in self._users if len(w) >= _SPELLING_MIN)
        self._idf = {w: math.log(1 + documents / n) for w, n in frequency.items()}
        self._default_idf = math.log(1 + documents)
        self._squared = {w: weight**2 for w, weight in self._idf.items()}
        self._norms = {
            code: [(self._norm(wanted), is_common(wanted)) for wanted in variants]
            for code, variants in self._profiles.items()
        }
        self._described: dict[str, _Described] = {}
        self._spelt: dict[str, str] = {}

    def _weight(self, word: str) -> float:
        return self._idf.get(word, self._default_idf)

    def _norm(self, words: Counter[str]) -> float:
        return math.sqrt(sum(self._weight(w) ** 2 for w in words))

    def _known(self, word: str) -> str:
        """The title word spelt most like ``word`` when no title uses ``word`` itself: the
        same first and last letter ("labor" → "labour", but not "issuer" → "issue": another
        ending is another word), stop words left as they are."""
        if word in self._users or len(word) < _SPELLING_MIN or word in _STOP:
            return word
        if word not in self._spelt:
            from rapidfuzz import fuzz, process  # (~7 ms: loaded when a title is compared)

            found = process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=_SPELT_ALIKE, limit=None
            )
            alike = (m for m, _, _ in found if m[0] == word[0] and m[-1] == word[-1])
            self._spelt[word] = next(alike, word)
        return self._spelt[word]

    def _description(self, description: str) -> _Described:
        """The description's words, their norms, and the codes whose words include one."""
        if description not in self._described:
            every = Counter(self._known(w) for w in title_words(description))
            content = Counter({w: n for w, n in every.items() if w not in _STOP})
            related = set().union(*(self._users.get(w, ()) for w in every))
            self._described[description] = _Described(
                content, every, self._norm(content), self._norm(every), related
            )
        return self._described[description]

    def score(self, description: str, code: str) -> float:
        """Cosine similarity (0–1) of the description and the disclosure's words."""
        described = self._description(description)
        return self._score(described, code) if code in described.related else 0.0

    def _score(self, described: _Described, code: str) -> float:
        """The best cosine similarity of the description's words with a profile of ``code``."""
        best = 0.0
        profiles = zip(self._profiles.get(code, []), self._norms.get(code, []), strict=True)
        for wanted, (wanted_norm, common) in profiles:
            have = described.every if common else described.content
            norm = described.every_norm if common else described.content_norm
            if not have:
                continue
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
        described = self._description(description)
        scored = [
            TitleScore(self._by_code[c], self._score(described, c)) for c in described.related
        ]
        yield from sorted(scored, key=lambda s: (-s.score, s.disclosure.code))
        unrelated = sorted(c for c in self._by_code if c not in described.related)
        yield from (TitleScore(self._by_code[c], 0.0) for c in unrelated)
