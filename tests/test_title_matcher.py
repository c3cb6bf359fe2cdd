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

from xesg.catalogue.load import bundled
from xesg.catalogue.match import TitleMatcher, profiles, tokens
from xesg.catalogue.schema import Catalogue, Disclosure
from xesg.evidence import disclosure_query


def _reference_profiles(disclosure: Disclosure) -> list[list[str]]:
    variants = [disclosure.title]
    shortened = re.sub(r"\((?:e\.g\.|for example)[^)]*\)", " ", disclosure.title, flags=re.I)
    if shortened != disclosure.title:
        variants.append(shortened)
    extra: list[str] = []
    if disclosure.kind in ("general", "mandatory-disclosure"):
        for keyword in disclosure.keywords:
            extra.extend(tokens(keyword))
    return [tokens(v) + extra for v in variants]


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
        self.idf = {w: math.log(1 + documents / n) for w, n in frequency.items()}
        self.default_idf = math.log(1 + documents)

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.default_idf)

    def score(self, have: Counter[str], code: str) -> float:
        if not have:
            return 0.0
        return max((self.cosine(have, w) for w in self.profiles.get(code, [])), default=0.0)

    def cosine(self, have: Counter[str], wanted: Counter[str]) -> float:
        if not wanted:
            return 0.0
        dot = sum(self.weight(w) ** 2 for w in have.keys() & wanted.keys())
        if dot == 0:
            return 0.0
        norm_have = math.sqrt(sum(self.weight(w) ** 2 for w in have))
        norm_wanted = math.sqrt(sum(self.weight(w) ** 2 for w in wanted))
        return dot / (norm_have * norm_wanted)

    def ranked(self, description: str) -> list[tuple[str, float]]:
        have = Counter(tokens(description))
        scores = [(d.code, self.score(have, d.code)) for d in self.catalogue.disclosures]
        return sorted(scores, key=lambda s: (-s[1], s[0]))


@pytest.mark.parametrize("standard", ["hkex", "gri", "sasb"])
def test_scores_and_rankings_match_comparing_with_every_disclosure(standard: str) -> None:
    rng = random.Random(7)
    for catalogue in bundled((standard,)).catalogues[:12]:
        matcher, reference = TitleMatcher(catalogue), _Reference(catalogue)
        titles = [d.title for d in catalogue.disclosures]
        words = " ".join(titles).split()
        descriptions = [*titles[:20], "", "Our volunteering programme.", "the of and"]
        descriptions += [" ".join(rng.sample(words, min(len(words), 6))) for _ in range(20)]
        for description in descriptions:
            have = Counter(tokens(description))
            for disclosure in catalogue.disclosures[:30]:
                expected = reference.score(have, disclosure.code)
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
