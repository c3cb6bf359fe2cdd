"""Recognise disclosure codes in text and tell which standard their shape belongs to."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import NamedTuple

from xesg.catalogue.descriptors import CodeShape, Standards, bundled_descriptors, per_standards
from xesg.index.normalize import fold, normalise_code

# Shapes, not facts: whether a code exists is the catalogue's business (IDX002). Each
# standard's shapes are data, in its descriptor (standards/<standard>/standard.yaml).
_SASB_INDUSTRY = bundled_descriptors().fragment("sasb", "industry")
_SASB_METRIC = bundled_descriptors().fragment("sasb", "metric")
# A clause of a code ("305-1/a", "2-7-b", "405-1/b-i"), for shapes that take one.
_CLAUSE = r"(?:[/-][a-z](?:-?[ivx]+)?(?![\w.]))?"
# A SASB code broken over two lines of its cell: the industry ("TC-SC-") on one, the metric
# ("110a.1") on the next.
SASB_INDUSTRY = re.compile(rf"^{_SASB_INDUSTRY}-?$")  # a cell that holds only the industry
SASB_INDUSTRY_IN_TEXT = re.compile(rf"(?<![\w-]){_SASB_INDUSTRY}-(?=\s|$)")  # between words
SASB_METRIC = re.compile(rf"^{_SASB_METRIC}(?![\w\-/]|\.\d)", re.IGNORECASE)
SASB_METRIC_IN_TEXT = re.compile(rf"(?<![\w.]){_SASB_METRIC}(?![\w\-/]|\.\d)", re.IGNORECASE)
# "205-103": GRI 103 (2016 management approach) applied to topic standard 205.
GRI_HYBRID = re.compile(r"^([2-4]\d{2})-(10[1-3])$")
# Our own provisional codes of the HKEx Code's Part D provisions ("D-GOV-1"): no report writes
# them (rows name the provisions by heading or IFRS S2 paragraph), but they are HKEx codes.
_HKEX_PART_D = re.compile(r"^D-(?:GOV|STR|RM|MT)-\d{1,2}$")
# A citation of IFRS S2 by paragraph, under its own name or its Hong Kong one (HKFRS S2, the
# HKICPA's local name from 1 August 2025): "IFRS S2 para 29(a)", "HKFRS S2 paragraphs 10-12",
# "IFRS S2.6(a)", "IFRS S2 ¶ 25(c)". A range ends in a number or, within one paragraph, in a
# letter ("29(b)-(g)").
_SUB = r"(?:\s?\([a-z]\))?(?:\s?\([ivx]+\))?(?:\s?\(\d\))?"
S2_CITATION = re.compile(
    r"^\s*(?:IFRS|HKFRS)\s*S2\s*(?:[.,:]\s*|\s)\s*(?:(?:para(?:graph)?s?\.?|¶)\s*)?"
    rf"(?P<first>\d{{1,2}}{_SUB})(?:\s*(?:-|to|and|至)\s*(?P<last>\d{{1,2}}{_SUB}|\([a-z]\)))?"
    r"(?![\w(])",
    re.IGNORECASE,
)
_S2_NAME = "ifrs s2 "  # catalogue aliases of a paragraph: "IFRS S2 29(a)"
_PARAGRAPH = re.compile(r"(\d{1,2})((?:\([a-z]\))?)")
# The hyphens pdfium gives for a code's dash (the page pre-test reads unfolded text).
PAGE_DASHES = "-\u2010\u2011\u2013"


class _Grammar:
    """The code shapes of a set of descriptors, each pattern compiled when first used: a PDF
    page reader asks only the page pre-test, and compiling them all costs ~20 ms."""

    def __init__(self, standards: Standards) -> None:
        self.standards = standards
        self.shapes = {f"c{n}": shape for n, shape in enumerate(standards.shapes)}
        self.named = standards.named_standard

    @functools.cached_property
    def code(self) -> re.Pattern[str]:
        codes = "|".join(
            rf"(?P<{group}>{shape.pattern})" + (_CLAUSE if shape.clause else "")
            for group, shape in self.shapes.items()
        )
        return re.compile(
            rf"(?<![\w.\-/])(?:{codes})"
            # Then no more of a word, or a capitalised word glued on ("TC-IM-220a.1Description").
            r"(?:(?![\w\-/]|\.\d)|(?=(?-i:[A-Z][a-z])))",
            re.IGNORECASE,
        )

    @functools.cached_property
    def slash(self) -> re.Pattern[str]:
        """A slash between two codes, which separates them ("2-15/2-16")."""
        either = "|".join(shape.pattern for shape in self.shapes.values())
        return re.compile(rf"(?<=\w)/(?=(?:{either}))")

    @functools.cached_property
    def anchored(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(s.name, re.compile(rf"^(?:{s.pattern})$")) for s in self.shapes.values()]

    @functools.cached_property
    def row_prefix(self) -> re.Pattern[str]:
        """Words that introduce a code at the start of a row or cell ("KPI A1.1", "GRI
        305-1"), and an opening square bracket: "[FN-IB-510b.1]" marks a SASB metric the
        report has adapted (a US accounting measure translated to a regional one)."""
        words = "|".join(self.standards.prefixes) or "(?!)"
        return re.compile(rf"^(?:\[\s*|(?:{words})\b\s*[:.]?\s*)+", re.IGNORECASE)

    @functools.cached_property
    def names(self) -> list[tuple[str, re.Pattern[str]]]:
        return [
            (d.standard, re.compile("|".join(d.names), re.IGNORECASE))
            for d in self.standards.descriptors
            if d.names
        ]

    # Cheap pre-tests: does a text hold a code at all? Most lines and pages are prose.
    @functools.cached_property
    def maybe(self) -> re.Pattern[str] | None:
        return _markers(tuple(self.shapes.values()), "-", folded=True)

    @functools.cached_property
    def maybe_on_page(self) -> re.Pattern[str] | None:
        return _markers(tuple(self.shapes.values()), PAGE_DASHES, folded=False)

    @functools.cached_property
    def on_page(self) -> re.Pattern[str]:
        on_page = "|".join(_dashes(s.pattern, PAGE_DASHES) for s in self.shapes.values())
        return re.compile(rf"(?<![\w.])(?:{on_page})(?![\w-])")


def _markers(shapes: tuple[CodeShape, ...], dashes: str, folded: bool) -> re.Pattern[str] | None:
    """A pattern that finds a shape's marker wherever a code of the shape stands: in folded
    text in any case, as :func:`find_codes` finds codes (only a shape written in capitals
    has its first character as written); on a PDF page as written, with every page dash.

    It starts with one set of characters, which the regex engine scans for in C (patterns
    starting with different sets would be tried at every position, ~10 times slower); the
    look-behinds then tell the shapes apart."""
    if not shapes:
        return None
    starts, alternatives = "", []
    for shape in shapes:
        marker = shape.marker
        at = marker.at
        if folded and not (shape.capitals and not marker.before):
            at = at.lower() + at.upper()
        at = "".join(dict.fromkeys(at.replace("-", dashes)))
        starts += at
        before, after = _dashes(marker.before, dashes), _dashes(marker.after, dashes)
        if folded:
            before, after = (f"(?i:{p})" if p else p for p in (before, after))
        alternatives.append(f"(?<={before}[{re.escape(at)}]){after}")
    starts = "".join(dict.fromkeys(starts))
    return re.compile(f"[{re.escape(starts)}](?:{'|'.join(alternatives)})")


def _dashes(pattern: str, dashes: str) -> str:
    """``pattern`` with each literal "-" standing for any of ``dashes``: outside a character
    class, or first or last inside one ("[-\\s]")."""
    out: list[str] = []
    in_class, escaped = False, False
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class and pattern[k - 1] != "[":
            in_class = False
        elif ch == "-" and not in_class:
            ch = f"[{re.escape(dashes)}]"
        elif ch == "-" and (pattern[k - 1] == "[" or pattern[k + 1 : k + 2] == "]"):
            ch = re.escape(dashes)  # a literal dash in a class: the class takes every dash
        out.append(ch)
    return "".join(out)


_grammar = per_standards(_Grammar)


# A lettered item opening a line, after at most a few capitalised words of its group
# ("Governance a) Describe …", "b) Describe …"): the rows of a table that numbers its
# items within groups (TCFD's recommended disclosures), which print no code.
_LETTERED_LINE = re.compile(
    r"^\s*(?P<group>(?:[A-Z][\w&-]*\s+)(?:[\w&-]+\s+){0,3}?)?\(?(?P<letter>[a-h])\)\s+(?=\S)",
    re.MULTILINE,
)


# A line opening with a disclosure requirement's verb, after at most a few words of its
# group ("Governance Describe the board's oversight …"): the rows of a table that names its
# items by their titles, which print no code.
_REQUIREMENT = re.compile(r"^(?:\S+[ \t]+){0,3}?(?:Describe|Disclose)\s", re.MULTILINE)


def count_code_cells(text: str) -> int:
    """How many distinct code cells ``text`` (a page's plain text, as pdfium gives it, not
    folded) seems to hold: code shapes, lettered items when there are three or more starting
    with "a)" and "b)", and lines opening with a requirement's verb when there are three or
    more."""
    grammar = _grammar()
    count = 0
    if grammar.maybe_on_page is not None and grammar.maybe_on_page.search(text):
        count = len(set(grammar.on_page.findall(text)))
    # Lettered items count only when "a)" and "b)" are among them (each letter is followed
    # by ")"): without both in the text the pattern need not run. It tries every line start:
    # ~10 ms on 300 pages of real reports, most of which have ") " somewhere.
    if ") " in text and "a)" in text and "b)" in text:
        letters = [m.group("letter") for m in _LETTERED_LINE.finditer(text)]
        if len(letters) >= 3 and "a" in letters and "b" in letters:
            count += len(letters)
    if "Describe " in text or "Disclose " in text:
        requirements = len(_REQUIREMENT.findall(text))
        count += requirements if requirements >= 3 else 0
    return count


class Named(NamedTuple):
    """A row's name (HKEx Part B item, Part D heading, IFRS S2 paragraph) at a text's start."""

    codes: tuple[str, ...]  # the codes it names
    text: str  # as written
    end: int  # where it ends in the text


class CodeMatch(NamedTuple):  # a named tuple: cheap to build, and built for every code found
    raw: str  # as written, look-alikes included
    code: str  # normalised
    standard: str  # the shape's name in its descriptor: hkex | gri | gri-sector | sasb …
    start: int
    end: int
    # False for a code the report does not print: the row was known by its group and letter
    # ("Governance a)") or by the opening words of its title.
    printed: bool = True


def standard_of(code: str) -> str | None:
    """The standard whose code shape ``code`` (normalised) has."""
    grammar = _grammar()
    if named := grammar.named(code):
        return named
    if _HKEX_PART_D.match(code):
        return "hkex"
    return next((standard for standard, shape in grammar.anchored if shape.match(code)), None)


def standard_from_text(text: str) -> str | None:
    """The standard ``text`` names ("GRI", "ESG Reporting Guide"); the first by precedence
    when it names several."""
    return next((standard for standard, name in _grammar().names if name.search(text)), None)


def without_row_prefix(text: str) -> str:
    """``text`` without the words and bracket that may introduce a row's code ("KPI A1.1")."""
    return _grammar().row_prefix.sub("", text)


def maybe_code(folded: str) -> bool:
    """Cheap test that a folded text may hold a code (never False when :func:`find_codes`
    finds one), or the industry of a SASB code broken over two lines ("TC-SC-")."""
    maybe = _grammar().maybe
    return maybe is not None and maybe.search(folded) is not None


def find_codes(text: str, *, leading: bool = False) -> list[CodeMatch]:
    """Every code-shaped token in ``text``, with spans in the raw text.

    With ``leading``, none unless a code-shaped token starts ``text``: a quick answer for the
    cells of a row, most of which do not start with a code.
    """
    # "2-15/2-16": a slash between two codes separates them (same length, so spans hold).
    grammar = _grammar()
    folded = fold(text)
    if "/" in folded:
        folded = grammar.slash.sub(" ", folded)
    if leading and not grammar.code.match(folded):
        return []
    matches = []
    for match in grammar.code.finditer(folded):
        group = match.lastgroup or ""
        shape = grammar.shapes[group]
        raw = text[match.start() : match.end()]  # with a clause, if any ("305-1/a")
        if shape.capitals and not fold(raw[0]).isupper():
            continue  # "a1" in prose is not a code; codes are written in capitals
        code = normalise_code(text[match.start(group) : match.end(group)])
        if shape.normal is not None:
            code = re.sub(*shape.normal, code)
        matches.append(CodeMatch(raw, code, shape.name, match.start(), match.end()))
    return matches


_TITLE_WORDS = 6  # a name of this many words or more is a title
_TITLE_OPENING = 4  # words of a title that may tell it from the others


def plain_words(text: str) -> list[str]:
    """The words of ``text`` for comparing titles: lower case, letters and digits only, the
    British spelling of "organisation" as the American."""
    return [w.replace("organis", "organiz") for w in re.findall(r"[a-z0-9]+", fold(text).lower())]


# A name that letters an item within its group: "governance a)", "risk management (b)".
_LETTERED_NAME = re.compile(r"^(?P<group>\w.*?)\s+\(?(?P<letter>[a-h])\)$")


class NamedItems:
    """Items named rather than coded (HKEx Part B; Part D by heading or IFRS S2 paragraph),
    with their aliases.

    ``names`` maps lower-case names and aliases to the codes they name (a heading may name
    several provisions: "Governance" both of Part D's); the longest name that matches wins.
    Names "ifrs s2 <paragraph>" are paragraphs: a citation of IFRS S2 or HKFRS S2 in any of
    the forms of :data:`S2_CITATION` names the codes of its paragraph, else of the paragraph
    it is part of ("29(a)(iii)" those of "29(a)"); a range names those of each paragraph.
    """

    def __init__(self, names: Mapping[str, tuple[str, ...]]) -> None:
        every = {" ".join(k.lower().split()): v for k, v in names.items()}
        # A name of many words is an item's title: a table cell wraps it over lines, so it is
        # known by its opening words (:meth:`titled`), not found whole at a line's start.
        self.names = {k: v for k, v in every.items() if len(k.split()) < _TITLE_WORDS}
        self.titles = {
            tuple(plain_words(k)): v[0]
            for k, v in every.items()
            if len(k.split()) >= _TITLE_WORDS and len(v) == 1
        }
        # Their first words, capitalised as a cell that opens with one prints them (the
        # lower-case words are in much prose, whose pages need no closer look).
        self.title_starts = {words[0].capitalize() for words in self.titles}
        self._paragraphs = {
            name.removeprefix(_S2_NAME): codes
            for name, codes in self.names.items()
            if name.startswith(_S2_NAME)
        }
        alternatives = sorted(self.names, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, n.split())) for n in alternatives)
        self._at_start = re.compile(rf"^\s*(?P<name>{pattern})(?![\w])", re.IGNORECASE)
        # A name that contains another ("reporting principles" and "reporting principle") is
        # found whenever the shorter one is: the pre-test needs only the shorter.
        needles = [n for n in alternatives if not any(o != n and o in n for o in alternatives)]
        # Under their first words: a page without "metrics" needs no look for the six
        # lettered "metrics and targets" items.
        self._needles: dict[str, list[str]] = {}
        for needle in [*needles, "s2"] if self._paragraphs else needles:
            self._needles.setdefault(needle.split(" ", 1)[0], []).append(needle)
        # Items lettered within a group ("Governance a)" → GOV-a): group name → letter → code.
        # A table may print the group once, over all its lettered rows (a merged cell).
        self.groups: dict[str, dict[str, str]] = {}
        for name, codes in self.names.items():
            if (lettered := _LETTERED_NAME.match(name)) is not None:
                group = self.groups.setdefault(lettered.group("group"), {})
                group[lettered.group("letter")] = codes[0]

    def titled(self, words: list[str]) -> str | None:
        """The code of the one title that ``words`` (:func:`plain_words`, four or more) open,
        or that opens them; None when none or several do."""
        if len(words) < _TITLE_OPENING:
            return None
        found = {
            code
            for title, code in self.titles.items()
            if tuple(words[: len(title)]) == title or title[: len(words)] == tuple(words)
        }
        return found.pop() if len(found) == 1 else None

    def names_in(self, text: str) -> list[str]:
        """The names (of those :meth:`maybe_in` looks for) that ``text`` contains; a line
        holds only those its page holds."""
        lower = text.lower()
        return [
            name
            for first, names in self._needles.items()
            if first in lower
            for name in names
            if name in lower
        ]

    def maybe_in(self, text: str) -> bool:
        """Cheap pre-test: does ``text`` contain any of the names at all?"""
        lower = text.lower()  # names sit inside one cell, so single spaces suffice
        return any(
            first in lower and any(name in lower for name in names)
            for first, names in self._needles.items()
        )

    def match(self, text: str) -> Named | None:
        """The name or IFRS S2 citation at the start of ``text``."""
        folded = fold(text)
        if self._paragraphs and (cited := S2_CITATION.match(folded)):
            codes = self._cited(cited.group("first"), cited.group("last"))
            if codes:
                return Named(codes, text[: cited.end()].strip(), cited.end())
        found = self._at_start.match(folded)
        if not found:
            return None
        codes = self.names[" ".join(found.group("name").lower().split())]
        return Named(codes, text[found.start("name") : found.end()], found.end())

    def _cited(self, first: str, last: str | None) -> tuple[str, ...]:
        """The codes of paragraph ``first`` (to ``last``, a range), in catalogue order."""
        paragraphs = [first]
        start, end = _PARAGRAPH.match(first.replace(" ", "")), _PARAGRAPH.match(last or "")
        if last is not None and start is not None:
            if last.startswith("(") and start.group(2):  # "29(b)-(g)"
                letters = range(ord(start.group(2)[1]), ord(last[1]) + 1)
                paragraphs = [f"{start.group(1)}({chr(c)})" for c in letters]
            elif end is not None and int(end.group(1)) >= int(start.group(1)):  # "10-12"
                numbers = range(int(start.group(1)), int(end.group(1)) + 1)
                paragraphs = [str(n) for n in numbers]
        codes: dict[str, None] = {}
        for paragraph in paragraphs:
            codes.update(dict.fromkeys(self._paragraph(paragraph.replace(" ", "").lower())))
        return tuple(codes)

    def _paragraph(self, paragraph: str) -> tuple[str, ...]:
        while paragraph:
            if paragraph in self._paragraphs:
                return self._paragraphs[paragraph]
            paragraph = paragraph[: paragraph.rfind("(")] if "(" in paragraph else ""
        return ()


DEFAULT_ITEMS = NamedItems({k: (v,) for k, v in bundled_descriptors().named_items().items()})


def named_item(text: str, items: NamedItems | None = None) -> Named | None:
    """A named item at the start of ``text``."""
    return (items or DEFAULT_ITEMS).match(text)
