"""The fast tokeniser, BM25 page index and snippets give exactly what the plain versions
(kept here as references) give."""

from __future__ import annotations

import math
import operator
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xesg.analysis import evidence
from xesg.analysis.evidence import K1, B, Headings, PageIndex, Snippets, snippet
from xesg.catalogue.match import DROPPED, forms, stem, tokens
from xesg.model.document import Page

# Words that tokenise, stem or stop differently, and characters that lower-case oddly
# (Kelvin sign, dotted capital I, long s), separate words or are not ASCII.
_PIECES = st.sampled_from(
    [
        "Emissions", "emission", "policies", "POLICY", "classes", "class", "staff", "Staff's",
        "company’s", "its", "it's", "the", "a", "7", "2024", "scope", "water", "İstanbul",
        "\u212aelvin", "ſcope", "café", "naïve", " ", "  ", "\n", "\t", ".", ",", "-", "'", "’s",
        "’", "x1", "Σ", "ΣΑΣ",
    ]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=40).map("".join)
_QUERY_WORDS = ["emission", "policy", "class", "staff", "scope", "water", "company", "kelvin"]
_QUERY = st.lists(st.sampled_from([*_QUERY_WORDS, "cafe", "istanbul"]), max_size=5)


def _reference_tokens(text: str) -> list[str]:
    lowered = text.lower().replace("’", "'").replace("'s", "")
    return [stem(w) for w in re.findall(r"[a-z0-9]+", lowered) if len(w) > 1 and w not in DROPPED]


def _reference_snippet(
    text: str, query: list[str], width: int = 220
) -> tuple[str, tuple[str, ...]]:
    wanted = set(query)
    hits = [
        (m.start(), m.group(0))
        for m in re.finditer(r"[A-Za-z0-9]+", text)
        if set(_reference_tokens(m.group(0))) & wanted
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
    return window, tuple(sorted({w for _, w in hits if w in window}, key=str.lower))


def _reference_ranking(texts: list[str], query: list[str]) -> list[tuple[str, float]]:
    docs = [(str(i + 1), Counter(_reference_tokens(t))) for i, t in enumerate(texts)]
    lengths = [sum(c.values()) for _, c in docs]
    average = sum(lengths) / len(docs)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, (_, counts) in enumerate(docs):
        norm = K1 * (1 - B + B * (lengths[i] or 1) / average)
        for word, tf in counts.items():
            postings.setdefault(word, []).append((i, tf * (K1 + 1) / (tf + norm)))
    idf = {
        w: math.log(1 + (len(docs) - len(p) + 0.5) / (len(p) + 0.5)) for w, p in postings.items()
    }
    raw = [0.0] * len(docs)
    for word in dict.fromkeys(query):
        for i, weight in postings.get(word, ()):
            raw[i] += idf.get(word, 0.0) * weight
    best = max(raw)
    if best <= 0:
        return []
    return [(docs[i][0], raw[i] / best) for i in sorted(range(len(raw)), key=lambda i: -raw[i])]


@given(_TEXT)
def test_tokens_match_the_regex_tokeniser(text: str) -> None:
    assert tokens(text) == _reference_tokens(text)


@given(st.text(alphabet="aeisy", min_size=1, max_size=9))
def test_forms_are_every_word_that_gives_a_token(word: str) -> None:
    token = stem(word)
    assert (word in forms(token)) == (word not in DROPPED)
    assert all(stem(w) == token and w not in DROPPED for w in forms(token))


@given(_TEXT, _QUERY)
def test_snippet_matches_the_word_by_word_version(text: str, query: list[str]) -> None:
    assert snippet(text, query) == _reference_snippet(text, query)
    assert snippet(text, query, 12) == _reference_snippet(text, query, 12)


def test_snippets_reuse_pages_across_queries() -> None:
    text = "Scope 1 emissions fell. Our staff's water use: 12 ML; emission factors (Emissions)."
    snippets = Snippets()
    for query in (["emission"], ["staff", "water"], ["policy"], ["emission", "scope"]):
        assert snippets.snippet(text, query, 20) == _reference_snippet(text, query, 20)


@given(st.lists(_TEXT, min_size=1, max_size=6), _QUERY)
def test_page_index_scores_match_plain_bm25(texts: list[str], query: list[str]) -> None:
    pages = [Page(number=i + 1, label=str(i + 1), label_source="printed", text=t) for i, t in
             enumerate(texts)]  # fmt: skip
    if not any(tokens(t) for t in texts):  # no words anywhere (scans, numbers): nothing ranks
        assert PageIndex(pages).ranking([t for q in query for t in tokens(q)]) is None
        return
    expected = _reference_ranking(texts, [t for q in query for t in tokens(q)])
    ranking = PageIndex(pages).ranking([t for q in query for t in tokens(q)])
    if not expected:
        assert ranking is None
        return
    assert ranking is not None
    assert [(s.label, s.score) for s in ranking.top(len(pages))] == expected
    assert [(s.label, s.score) for s in ranking.top(2)] == expected[:2]  # ties in page order
    assert {label: ranking.score(label) for label, _ in expected} == dict(expected)


def test_a_shared_label_scores_as_its_weakest_page() -> None:
    texts = ["water water water", "water", "energy"]
    pages = [Page(number=i + 1, label="7" if i < 2 else "8", label_source="printed", text=t)
             for i, t in enumerate(texts)]  # fmt: skip
    ranking = PageIndex(pages).ranking(["water"])
    assert ranking is not None
    ranked = ranking.top(3)
    assert ranking.score("7") == {s.label: s.score for s in ranked}["7"] < 1.0
    assert ranking.score("9") == 0.0


def _pages(*texts: str) -> list[Page]:
    return [
        Page(number=n, label=str(n), label_source="printed", text=t) for n, t in enumerate(texts, 1)
    ]


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("Sustainable fin. ambition", ["1"]),  # a word cut short stands for the whole
        ("Financed emissions target", ["2"]),  # the name goes on from a heading
        ("3.1 Climate", ["3"]),  # numbering ignored
        ("Clim", ["3"]),  # the last word may be the beginning of the heading's
        ("Health and Safety", ["5"]),  # not at the one-word heading "Health"
        ("Our People", []),
        ("Sustainable fin ambition", []),  # no full stop: not cut short
    ],
)
def test_headings_are_found_by_their_first_words(title: str, found: list[str]) -> None:
    pages = _pages(
        "Sustainable finance ambition 1\nOur approach",
        "Financed emissions\nTargets and progress",
        "3.1 Climate Change and Energy\nText",
        "Health\nOur Planet",
        "Health and Safety\nText",
    )
    assert Headings(pages).pages(title) == found


def _reference_heading_pages(pages: list[Page], title: str, exclude: set[str]) -> list[str]:
    """Every line of every page keyed and compared with the title, one line at a time."""

    def key(text: str) -> list[str]:
        words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
        while words and words[0].isdigit():
            words.pop(0)
        return words

    wanted = [(m.group(1), bool(m.group(2))) for m in re.finditer(r"([^\W_]+)(\.)?", title.lower())]
    while wanted and wanted[0][0].isdigit():
        wanted.pop(0)
    wanted = wanted[:5]

    def starts_like(line: list[str]) -> bool:
        title, last_open = wanted, True
        if len(line) < len(title):
            if len(line) < 2:
                return False
            title, last_open = title[: len(line)], False
        for k, ((word, short), seen) in enumerate(zip(title, line, strict=False)):
            last = k == len(title) - 1
            if word != seen and not ((short or (last_open and last)) and seen.startswith(word)):
                return False
        return True

    if not wanted:
        return []
    return [
        p.label
        for p in pages
        if p.label is not None
        and p.label not in exclude
        and any(starts_like(key(line)) for line in p.text.split("\n"))
    ]


# Words that equal, begin or cut short one another, numbering, and characters that lower-case
# oddly or are no word characters; lines of them, pages of lines.
_HEADING_WORD = st.sampled_from(
    ["Climate", "climate", "Clim.", "clim", "change", "Change", "ch.", "3.1", "2", "-", "and",
     "fin.", "finance", "Σ", "ΣΑΣ", "σας", "İ", "x_y", "ﬁnance", "a", "ab", "“Climate”", "x—y",
     "\ud800", "\u2028"]
)  # fmt: skip
_HEADING_LINE = st.lists(_HEADING_WORD, max_size=7).map(" ".join)
_HEADING_TEXT = st.lists(_HEADING_LINE, max_size=6).map("\n".join)


@given(
    st.lists(_HEADING_TEXT, min_size=1, max_size=5),
    st.lists(_HEADING_LINE, min_size=1, max_size=6),
    st.sets(st.sampled_from(["1", "2", "3"])),
)
def test_headings_are_found_where_a_line_by_line_search_finds_them(
    texts: list[str], titles: list[str], exclude: set[str]
) -> None:
    pages = [Page(number=i + 1, label=None if i == 4 else str(i % 4 + 1), label_source="printed",
                  text=t) for i, t in enumerate(texts)]  # fmt: skip
    headings = Headings(pages)
    for title in titles:  # one index answers every title; asked twice, the same answer
        assert headings.pages(title, exclude) == _reference_heading_pages(pages, title, exclude)
        assert headings.pages(title, exclude) == _reference_heading_pages(pages, title, exclude)


def test_headings_of_an_unpaginated_report_are_found() -> None:
    # Pages without a printed label (an unpaginated report) hold headings too; a heading
    # worded differently from a reference is found, one whose words are elsewhere is not.
    text = "Introduction\nCircular Economy and Electronic-waste\nWe recycle 90% of old phones."
    headings = Headings((Page(number=1, label=None, label_source="none", text=text),))
    assert headings.exists("Circular Economy and Electronic-waste")
    assert headings.exists("Circular Economy and E-waste")
    assert not headings.exists("Circular Economy and Battery Recycling")
    assert headings.pages("Circular Economy and Electronic-waste") == []  # no label to give


_REWORDED_WORD = st.sampled_from(
    ["Climate", "climates", "c", "change", "changes", "s", "ss", "and", "the", "e", "E-waste",
     "waste", "wastes", "3.1", "energy", "Σας", "σ", "report"]
)  # fmt: skip
_REWORDED_LINE = st.lists(_REWORDED_WORD, max_size=8).map(" ".join)


@given(
    st.lists(st.lists(_REWORDED_LINE, max_size=5).map("\n".join), min_size=1, max_size=4),
    st.lists(_REWORDED_LINE, min_size=1, max_size=4),
)
def test_reworded_headings_are_found_where_reading_every_heading_finds_them(
    texts: list[str], titles: list[str]
) -> None:
    # The look-up reads only the headings that share a word with the title's first ones;
    # reading every heading key, as it once did, finds the same pages.
    headings = Headings(_pages(*texts))
    for title in titles:
        wanted = [w for w, _ in evidence._title_words(title) if w not in evidence._MINOR_WORDS]
        every = set()
        if len(wanted) >= 3:
            spare = 1 if len(wanted) >= 4 else 0
            for key in headings._keys:
                words = [w for w in key.split(" ") if w not in evidence._MINOR_WORDS]
                if len(words) <= len(wanted) + 2 and evidence._missing(wanted, words) <= spare:
                    every.update(headings._on[key])
        assert headings._reworded(title) == sorted(every)


def _full_scan_ranking(index: PageIndex, query: list[str]) -> tuple[list[float], float] | None:
    """The ranking as it was before it followed postings: every page's score, a list over all
    pages built per query (a common word's weights added over every page, 0.0 where it is
    absent) — kept as the reference the postings-only ranking must equal bit for bit."""
    scores = [0.0] * len(index.labels)
    for word in dict.fromkeys(query):
        found = index._weights(word)
        if found is None:
            continue
        if len(found.pages) > len(index.labels) // 8:
            dense = [0.0] * len(index.labels)
            for i, weight in zip(found.pages, found.weights, strict=True):
                dense[i] = weight
            scores = list(map(operator.add, scores, dense))
        else:
            for i, weight in zip(found.pages, found.weights, strict=True):
                scores[i] += weight
    best = max(scores, default=0.0)
    return (scores, best) if best > 0 else None


# A few words on few pages, so that pages tie (the same words), score 0 (none of the query's)
# or are empty, and labels repeat.
_PAGE_WORDS = st.lists(st.sampled_from(["water", "waters", "energy", "board", "the", "7", "staff"]))
_RANKED_QUERY = st.lists(st.sampled_from(["water", "energy", "board", "staff", "absent", "the"]))


@given(
    st.lists(st.tuples(_PAGE_WORDS, st.sampled_from(["1", "2", "3", "4", "5", "6"])), max_size=12),
    st.lists(_RANKED_QUERY, min_size=1, max_size=4),
)
def test_ranking_over_postings_is_the_full_scan(
    pages_words: list[tuple[list[str], str]], queries: list[list[str]]
) -> None:
    pages = [Page(number=k + 1, label=label, label_source="printed", text=" ".join(words))
             for k, (words, label) in enumerate(pages_words)]  # fmt: skip
    index = PageIndex(pages)
    for query in queries:  # one index asked several queries, as rules ask per row
        reference = _full_scan_ranking(index, query)
        ranking = index.ranking(query)
        if reference is None:
            assert ranking is None
            continue
        assert ranking is not None
        raw, best = reference
        every_page = sorted(range(len(raw)), key=raw.__getitem__, reverse=True)
        for n in range(len(raw) + 2):
            expected = [(index.labels[i], (raw[i] / best).hex()) for i in every_page[:n]]
            assert [(s.label, s.score.hex()) for s in ranking.top(n)] == expected
        for label in ["1", "2", "3", "4", "5", "6", "none"]:
            positions = index.positions.get(label)
            expected_score = 0.0 if positions is None else min(raw[i] for i in positions) / best
            assert ranking.score(label).hex() == expected_score.hex()
