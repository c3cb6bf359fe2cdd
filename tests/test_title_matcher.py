"""The title matcher, which keeps each description's and each disclosure's words and norms and
compares a description only with disclosures that share a word, scores and ranks exactly as
comparing with every disclosure does (the plain version is kept here as a reference)."""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from xesg.analysis.evidence import disclosure_query
from xesg.catalogue.load import bundled
from xesg.catalogue.match import _STOP, TitleMatcher, profiles, title_words, tokens
from xesg.catalogue.schema import Catalogue, Disclosure


def _reference_profiles(disclosure: Disclosure) -> list[list[str]]:
    variants = [disclosure.title]
    shortened = re.sub(r"\((?:e\.g\.|for example)[^)]*\)", " ", disclosure.title, flags=re.I)
    if shortened != disclosure.title:
        variants.append(shortened)
    extra: list[str] = []
    if disclosure.kind in ("general", "mandatory-disclosure"):
        for keyword in disclosure.keywords:
            extra.extend(tokens(keyword))
    every = [title_words(v) for v in variants]
    return [([w for w in words if w not in _STOP] or words) + extra for words in every]


def _reference_query(disclosure: Disclosure) -> tuple[str, ...]:
    words = tokens(disclosure.title)
    for keyword in disclosure.keywords:
        words.extend(tokens(keyword))
    return tuple(dict.fromkeys(words))


class _Reference:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.profiles = {
            d.code: [Counter(words) for words in _reference_profiles(d)]
            for d in catalogue.disclosures
        }
        documents = len(self.profiles) or 1
        frequency: Counter[str] = Counter()
        for variants in self.profiles.values():
            frequency.update(set().union(*variants))
        self.vocabulary = sorted(w for w in frequency if len(w) >= 5)
        self.idf = {w: math.log(1 + documents / n) for w, n in frequency.items()}
        self.default_idf = math.log(1 + documents)

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.default_idf)

    def words(self, description: str) -> Counter[str]:
        """Every word, one no title uses as the title word spelt most like it."""
        every = Counter()
        for word in title_words(description):
            if word not in self.idf and len(word) >= 5 and word not in _STOP:
                alike = [
                    (fuzz.ratio(word, m), -k, m)
                    for k, m in enumerate(self.vocabulary)
                    if (m[0], m[-1]) == (word[0], word[-1])
                ]
                best = max(alike, default=(0, 0, word))
                word = best[2] if best[0] >= 90 else word
            every[word] += 1
        return every

    def score(self, every: Counter[str], code: str) -> float:
        content = Counter({w: n for w, n in every.items() if w not in _STOP})
        return max(
            (
                self.cosine(every if any(w in _STOP for w in wanted) else content, wanted)
                for wanted in self.profiles.get(code, [])
            ),
            default=0.0,
        )

    def cosine(self, have: Counter[str], wanted: Counter[str]) -> float:
        if not wanted or not have:
            return 0.0
        dot = sum(self.weight(w) ** 2 for w in have.keys() & wanted.keys())
        if dot == 0:
            return 0.0
        norm_have = math.sqrt(sum(self.weight(w) ** 2 for w in have))
        norm_wanted = math.sqrt(sum(self.weight(w) ** 2 for w in wanted))
        return dot / (norm_have * norm_wanted)

    def ranked(self, description: str) -> list[tuple[str, float]]:
        every = self.words(description)
        scores = [(d.code, self.score(every, d.code)) for d in self.catalogue.disclosures]
        return sorted(scores, key=lambda s: (-s[1], s[0]))


@pytest.mark.parametrize("standard", ["hkex", "gri", "sasb"])
def test_scores_and_rankings_match_comparing_with_every_disclosure(standard: str) -> None:
    rng = random.Random(7)
    for catalogue in bundled((standard,)).catalogues[:12]:
        matcher, reference = TitleMatcher(catalogue.disclosures), _Reference(catalogue)
        titles = [d.title for d in catalogue.disclosures]
        words = " ".join(titles).split()
        descriptions = [*titles[:20], "", "Our volunteering programme.", "the of and"]
        descriptions += ["Compliance with laws and regulations", "Child labor in organisations"]
        descriptions += [" ".join(rng.sample(words, min(len(words), 6))) for _ in range(20)]
        for description in descriptions:
            every = reference.words(description)
            for disclosure in catalogue.disclosures[:30]:
                expected = reference.score(every, disclosure.code)
                assert matcher.score(description, disclosure.code) == expected
            ranked = [(s.disclosure.code, s.score) for s in matcher.ranked(description)]
            assert ranked == reference.ranked(description)


@given(
    st.text(alphabet="ab’'sS Σ.(e.g. x)", max_size=20),
    st.lists(st.text(alphabet="ab’'sS Σ", max_size=8), max_size=4),
)
def test_title_and_keywords_tokenised_at_once_give_the_same_words(
    title: str, keywords: list[str]
) -> None:
    for kind in ("general", "kpi"):
        disclosure = Disclosure.model_construct(
            code="X1", title=title, level="mandatory", kind=kind, keywords=tuple(keywords)
        )
        assert profiles(disclosure) == _reference_profiles(disclosure)
        assert disclosure_query(disclosure) == _reference_query(disclosure)


def test_a_word_spelt_otherwise_counts_as_the_title_word() -> None:
    (hkex,) = [c for c in bundled(("hkex",)).catalogues if c.edition == "2020"]
    gri = [d for c in bundled(("gri",)).current("gri") for d in c.disclosures]
    for disclosures, code, written, spelt in [
        (hkex.disclosures, "B4", "Preventing child and forced labour", "labor"),
        (gri, "2-1", "Organizational details", "Organisational"),
    ]:
        matcher = TitleMatcher(disclosures)
        other = written.replace("labour", spelt).replace("Organizational", spelt)
        assert other != written
        assert matcher.score(other, code) == matcher.score(written, code) > 0.3
        unlike = written.replace("labour", "tasks").replace("Organizational", "Company")
        assert matcher.score(unlike, code) < matcher.score(written, code)


def test_single_digits_tell_scopes_apart() -> None:
    matcher = TitleMatcher([d for c in bundled(("gri",)).current("gri") for d in c.disclosures])
    best = [s.disclosure.code for s in matcher.ranked("Indirect (Scope 2) GHG emissions")[:2]]
    assert best[0] == "305-2"


def test_text_of_other_columns_is_not_compared() -> None:
    from xesg.model.index import IndexEntry
    from xesg.rules.titles.ttl001_title_mismatch import described

    entry = IndexEntry(
        standard="gri",
        raw_code="305-1",
        code="305-1",
        description="Water and Effluents Direct (Scope 1) GHG emissions Waste Data p. 23",
        raw_location="Waste Data p. 23",
        section="Water and Effluents",
        page="40",
        line=12,
    )
    assert described(entry) == "Direct (Scope 1) GHG emissions"
    alone = entry.model_copy(update={"description": "Waste Data p. 23"})
    assert described(alone) == "Waste Data p. 23"  # nothing else to compare: kept
