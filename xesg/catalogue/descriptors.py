"""What xesg knows about each standard, as data: ``standards/<standard>/standard.yaml``.

A descriptor holds a standard's policy, not its disclosures (those are its catalogues): its
label, how a text names it, the words written before its codes, its code grammar (the shapes
its codes take, as regular-expression fragments), the items it names rather than codes and
whether an index may print its items without codes, the catalogues every report answers to
(universal), which levels are required and whether a claim makes them so, how an edition is
chosen, and the phrases by which a report's text claims to follow it. This is the one module
that reads descriptors; the code finder (:mod:`xesg.index.codes`), coverage, edition choice,
the claims read from a report's text, the reporters' labels and the PDF page pre-test all ask
it, so adding a standard is a descriptor and a catalogue, not code
(docs/catalogues.md).

Light on purpose: no pydantic, no dataclasses. The PDF page readers, which start before the
rest of xesg loads, build their code pre-test from these descriptors. Read through the JSON
cache of :mod:`xesg.catalogue.cache`, so a run does not import a YAML parser either.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeGuard, TypeVar

from xesg.catalogue.cache import cached_with
from xesg.catalogue.safe_yaml import parse_yaml
from xesg.errors import CatalogueError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

FILE_NAME = "standard.yaml"
_STANDARD = re.compile(r"^[a-z][a-z0-9-]*$")
_FRAGMENT = re.compile(r"\{([a-z_]+)\}")  # "{industry}"; regex counts ("{1,2}") are digits
_DEFAULT_PRECEDENCE = 100
_MAX_BYTES = 64 * 1024


class Marker(NamedTuple):
    """What every code of a shape contains, for a cheap pre-test that scans for one of a few
    characters (``at``): ``before`` (fixed width) precedes it, ``after`` follows."""

    at: str  # literal characters, any of which
    after: str
    before: str = ""


class CodeShape(NamedTuple):
    """One shape of a standard's codes."""

    name: str  # the standard a code of this shape belongs to ("gri-sector" is read, not checked)
    pattern: str  # a regular expression, fragments filled in, without anchors
    marker: Marker
    clause: bool = False  # may carry a clause ("305-1/a") that is not part of the code
    capitals: bool = False  # written in capitals only ("A1"; "a1" in prose is no code)
    # The code's canonical form: a regular expression and its replacement ("S2 6(a)" and
    # "S2-6(a)" are the catalogue's "S2.6(a)"), applied to a code found in a report.
    normal: tuple[str, str] | None = None


class Near(NamedTuple):
    """Where a claim's matches are looked for: from ``before`` characters before each
    ``word`` (lower-case ASCII) of the text to ``after`` characters after it."""

    word: str
    before: int
    after: int


class ClaimPattern(NamedTuple):
    """One way a report's text says it follows a standard (the descriptor's ``claims``)."""

    pattern: str  # a regular expression, read in any case
    # The claim a match makes: one text, or by the first group that took part in the match
    # (lower-case, whitespace as one space) → the claim.
    claim: str | tuple[tuple[str, str], ...]
    # Where a match can start, to search only there: the words every match begins with
    # (lower-case ASCII; a space stands for at least one whitespace character, none for any).
    starts: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()  # texts one of which every match holds (a pre-test)
    near: Near | None = None  # matches are looked for only near a word
    every: bool = False  # the claims of every match, joined with " / ", not the first's


class StandardDescriptor(NamedTuple):
    standard: str
    label: str
    precedence: int = _DEFAULT_PRECEDENCE
    names: tuple[str, ...] = ()  # regular expressions that name the standard in a text
    prefixes: tuple[str, ...] = ()  # words written before a code ("KPI", "GRI")
    fragments: tuple[tuple[str, str], ...] = ()  # named parts of the code patterns
    codes: tuple[CodeShape, ...] = ()
    named_items: tuple[str, ...] = ()  # items named, not coded ("Reporting Boundary")
    # An index may print its items without a code: by name, by group and letter ("Governance
    # a)") or by title — read from the catalogues' names, aliases and titles.
    uncoded: bool = False
    universal: tuple[str, ...] | None = ()  # catalogue ids every report answers to; None: all
    required_levels: tuple[str, ...] = ()
    required_claim: str | None = None  # required when the report claims this ("in-accordance")
    # Editions. One edition per report (HKEx's Guide or Code), chosen by the report's claim
    # (claim → edition and the document's name), else its period, else the newest:
    one_edition: bool = False
    edition_by_claim: tuple[tuple[str, str, str], ...] = ()  # (claim, edition, document)
    # Or systems an --edition chooses among (GRI 2021 / 2016): system → catalogue ids left out.
    systems: tuple[tuple[str, tuple[str, ...]], ...] = ()
    claims: tuple[ClaimPattern, ...] = ()  # tried in order; the first that matches decides


class Standards(NamedTuple):
    """The descriptors of the standards a run knows, in order of precedence."""

    descriptors: tuple[StandardDescriptor, ...]

    def get(self, standard: str) -> StandardDescriptor | None:
        return next((d for d in self.descriptors if d.standard == standard), None)

    def fragment(self, standard: str, name: str) -> str:
        """A named part of ``standard``'s code patterns (SASB's ``industry``)."""
        found = dict(d.fragments) if (d := self.get(standard)) is not None else {}
        if name not in found:
            raise CatalogueError(f"standards/{standard}/{FILE_NAME}: no fragment {name!r}")
        return found[name]

    def label(self, standard: str) -> str:
        found = self.get(standard)
        return found.label if found is not None else standard.upper()

    @property
    def shapes(self) -> tuple[CodeShape, ...]:
        return tuple(shape for d in self.descriptors for shape in d.codes)

    @property
    def uncoded(self) -> tuple[str, ...]:
        """The standards whose items an index may print without a code."""
        return tuple(d.standard for d in self.descriptors if d.uncoded)

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for d in self.descriptors for p in d.prefixes))

    def named_items(self) -> dict[str, str]:
        """Lower-case item names → the standard's code for them (the name itself)."""
        return {n.lower(): n for d in self.descriptors for n in d.named_items}

    def named_standard(self, code: str) -> str | None:
        """The standard that names an item ``code`` ("Reporting Boundary" → hkex)."""
        return next((d.standard for d in self.descriptors if code in d.named_items), None)

    def is_universal(self, standard: str, catalogue_id: str) -> bool:
        """Whether every report using ``standard`` answers to the catalogue, cited or not."""
        found = self.get(standard)
        return found is not None and (found.universal is None or catalogue_id in found.universal)

    def required(self, standard: str, level: str, claims: Mapping[str, str]) -> bool:
        """Whether a disclosure of ``standard`` at ``level`` must be addressed: by its level,
        or — for a standard whose obligation comes from the report's claim — by that claim."""
        found = self.get(standard)
        if found is None:
            return False
        if found.required_claim is not None:
            return claims.get(standard) == found.required_claim
        return level in found.required_levels

    def merged(self, other: Standards) -> Standards:
        """These descriptors with ``other``'s added; ``other``'s win for a standard in both."""
        mine = {d.standard: d for d in self.descriptors}
        mine.update({d.standard: d for d in other.descriptors})
        return _ordered(mine.values())


def bundled_root() -> Traversable:
    """``standards/`` inside the installed package, or beside it in a source checkout.
    Looked for as files first: importing importlib.resources costs the PDF page readers
    tens of milliseconds at start-up; it is needed only for a package that is no folder (a
    zip)."""
    package = Path(__file__).resolve().parents[1]
    for root in (package / "standards", package.parent / "standards"):
        if root.is_dir():
            return root
    from importlib import resources

    return resources.files("xesg").joinpath("standards")


def _ordered(descriptors: Iterable[StandardDescriptor]) -> Standards:
    return Standards(tuple(sorted(descriptors, key=lambda d: (d.precedence, d.standard))))


def _descriptor_files(root: Traversable) -> list[Traversable]:
    return [
        entry.joinpath(FILE_NAME)
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.is_dir() and entry.joinpath(FILE_NAME).is_file()
    ]


def _read(entry: Traversable, name: str) -> bytes:
    with entry.open("rb") as handle:
        data = handle.read(_MAX_BYTES + 1)
    if len(data) > _MAX_BYTES:
        raise CatalogueError(f"{name}: file too large (over {_MAX_BYTES} bytes)")
    return data


def _parsed(sources: list[tuple[str, bytes]]) -> list[object]:
    found = []
    for name, data in sources:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise CatalogueError(f"{name}: not UTF-8 text") from None
        found.append(parse_yaml(text, name))
    return found


def _from_json(data: bytes) -> list[object]:
    found = json.loads(data)
    if not isinstance(found, list):
        raise ValueError("not a list")
    return found


def load_descriptors(root: Traversable, label: str, *, cache: bool = False) -> Standards:
    """The descriptors under ``root`` (one ``<standard>/standard.yaml`` each)."""
    files = _descriptor_files(root)
    sources = [(_name(label, f), _read(f, _name(label, f))) for f in files]
    if cache:
        documents = cached_with(
            "descriptors",
            [data for _, data in sources],
            _from_json,
            lambda found: json.dumps(found).encode(),
            lambda: _parsed(sources),
        )
    else:
        documents = _parsed(sources)
    descriptors = [
        _validated(document, name, folder)
        for document, (name, _), folder in zip(documents, sources, files, strict=True)
    ]
    return _ordered(descriptors)


def _name(label: str, entry: Traversable) -> str:
    return f"{label}/{_folder(entry)}/{FILE_NAME}"


def _folder(entry: Traversable) -> str:
    return Path(str(entry)).parent.name


@functools.cache
def bundled_descriptors() -> Standards:
    """The descriptors shipped with xesg, read once per process."""
    return load_descriptors(bundled_root(), "standards", cache=True)


_active: Standards | None = None
T = TypeVar("T")


def active() -> Standards:
    """The descriptors this run checks with: the bundled ones, and those of a ``--catalogue``
    directory once :func:`use` has been told of them."""
    return _active if _active is not None else bundled_descriptors()


def use(directory: Path | None) -> Standards:
    """Check with the bundled descriptors plus those of ``directory`` (theirs win), or the
    bundled ones alone; what the code finder and coverage then ask (:func:`active`)."""
    global _active
    _active = (
        None
        if directory is None
        else bundled_descriptors().merged(load_descriptors(directory, str(directory)))
    )
    return active()


# --- validation: every problem names the file and the key --------------------------------

_KEYS = {
    "standard", "label", "precedence", "names", "prefixes", "fragments", "codes",
    "named_items", "uncoded", "universal", "required", "editions", "claims",
}  # fmt: skip
_SHAPE_KEYS = {"shape", "pattern", "marker", "clause", "capitals", "normal"}
_MARKER_KEYS = {"at", "before", "after"}
_CLAIM_KEYS = {"pattern", "claim", "starts", "contains", "near", "every"}
# A start: lower-case ASCII words and punctuation, separated by single spaces or nothing.
_START = re.compile(r"^[a-z0-9]+(?: ?(?:[a-z0-9]+|[!-/:-@\[-`{-~]))*$")


def _validated(document: object, name: str, entry: Traversable) -> StandardDescriptor:
    data = _mapping(document, name, "", _KEYS)
    standard = _text(data, "standard", name)
    if not _STANDARD.match(standard) or standard != _folder(entry):
        raise CatalogueError(
            f"{name}: standard: {standard!r} must be the folder's name ({_folder(entry)!r}),"
            " lower-case letters, digits and dashes"
        )
    fragments = {k: _regex(v, name, f"fragments.{k}") for k, v in _texts(data, "fragments", name)}
    codes = tuple(
        _shape(item, name, f"codes.{n}", fragments)
        for n, item in enumerate(_list(data, "codes", name))
    )
    universal = data.get("universal", [])
    required = _mapping(data.get("required", {}), name, "required", {"levels", "claim"})
    one, by_claim, systems = _editions(data.get("editions", {}), name)
    uncoded = data.get("uncoded", False)
    if not isinstance(uncoded, bool):
        raise CatalogueError(f"{name}: uncoded: true or false")
    precedence = data.get("precedence", _DEFAULT_PRECEDENCE)
    if not isinstance(precedence, int) or isinstance(precedence, bool):
        raise CatalogueError(f"{name}: precedence: expected a whole number")
    return StandardDescriptor(
        standard=standard,
        label=_text(data, "label", name),
        precedence=precedence,
        names=tuple(_regex(n, name, "names") for n in _strings(data, "names", name)),
        prefixes=tuple(_regex(p, name, "prefixes") for p in _strings(data, "prefixes", name)),
        fragments=tuple(fragments.items()),
        codes=codes,
        named_items=_strings(data, "named_items", name),
        uncoded=uncoded,
        universal=None if universal == "all" else _strings(data, "universal", name),
        required_levels=_strings(required, "levels", f"{name}: required"),
        one_edition=one,
        edition_by_claim=by_claim,
        systems=systems,
        required_claim=(
            _text(required, "claim", f"{name}: required") if "claim" in required else None
        ),
        claims=tuple(
            _claim(item, name, f"claims.{n}") for n, item in enumerate(_list(data, "claims", name))
        ),
    )


def _claim(item: object, name: str, where: str) -> ClaimPattern:
    data = _mapping(item, name, where, _CLAIM_KEYS)
    value = data.get("claim")
    claim: str | tuple[tuple[str, str], ...]
    if isinstance(value, dict):
        claim = tuple(_texts(data, "claim", f"{name}: {where}"))
        # A match's group is read lower-case, its whitespace as one space ("with reference").
        if bad := [k for k, _ in claim if k != " ".join(k.lower().split())]:
            raise CatalogueError(
                f"{name}: {where}.claim: {bad[0]!r}: lower-case, words separated by one space"
            )
    else:
        claim = _text(data, "claim", f"{name}: {where}")
    starts = _strings(data, "starts", f"{name}: {where}")
    if bad := [s for s in starts if not _START.match(s)]:
        raise CatalogueError(
            f"{name}: {where}.starts: {bad[0]!r}: lower-case ASCII words and punctuation"
        )
    near = None
    if "near" in data:
        fields = _mapping(data["near"], name, f"{where}.near", {"word", "before", "after"})
        word, before, after = fields.get("word"), fields.get("before"), fields.get("after")
        if not (isinstance(word, str) and re.fullmatch("[a-z0-9]+", word)):
            raise CatalogueError(f"{name}: {where}.near.word: a lower-case ASCII word")
        if not (_count(before) and _count(after)):
            raise CatalogueError(f"{name}: {where}.near: before and after are whole numbers")
        near = Near(word, before, after)
    every = data.get("every", False)
    if not isinstance(every, bool):
        raise CatalogueError(f"{name}: {where}.every: true or false")
    return ClaimPattern(
        pattern=_regex(_text(data, "pattern", f"{name}: {where}"), name, where),
        claim=claim,
        starts=starts,
        contains=_strings(data, "contains", f"{name}: {where}"),
        near=near,
        every=every,
    )


def _shape(item: object, name: str, where: str, fragments: Mapping[str, str]) -> CodeShape:
    data = _mapping(item, name, where, _SHAPE_KEYS)
    shape = _text(data, "shape", f"{name}: {where}")
    if not _STANDARD.match(shape):
        raise CatalogueError(f"{name}: {where}.shape: {shape!r}: lower-case letters and dashes")

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in fragments:
            raise CatalogueError(f"{name}: {where}.pattern: no fragment {match.group(1)!r}")
        return fragments[match.group(1)]

    pattern = _regex(_FRAGMENT.sub(fill, _text(data, "pattern", f"{name}: {where}")), name, where)
    marker = _mapping(data.get("marker"), name, f"{where}.marker", _MARKER_KEYS)
    at = _text(marker, "at", f"{name}: {where}.marker")
    clause, capitals = data.get("clause", False), data.get("capitals", False)
    if not isinstance(clause, bool) or not isinstance(capitals, bool):
        raise CatalogueError(f"{name}: {where}: clause and capitals are true or false")
    return CodeShape(
        name=shape,
        pattern=pattern,
        marker=Marker(
            at=at,
            after=_regex(_text(marker, "after", f"{name}: {where}.marker"), name, where),
            before=_regex(str(marker.get("before", "")), name, where),
        ),
        clause=clause,
        capitals=capitals,
        normal=_normal(data.get("normal"), name, f"{where}.normal"),
    )


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _normal(value: object, name: str, where: str) -> tuple[str, str] | None:
    if value is None:
        return None
    data = _mapping(value, name, where, {"find", "replace"})
    found, replace = _text(data, "find", f"{name}: {where}"), data.get("replace")
    if not isinstance(replace, str):
        raise CatalogueError(f"{name}: {where}.replace: expected a text")
    return _regex(found, name, where), replace


def _editions(
    value: object, name: str
) -> tuple[bool, tuple[tuple[str, str, str], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """``editions``: ``one`` (one edition per report), ``by_claim`` (claim → ``edition`` and
    ``document``), ``systems`` (system → catalogue ids it leaves out)."""
    where = f"{name}: editions"
    data = _mapping(value, name, "editions", {"one", "by_claim", "systems"})
    one = data.get("one", False)
    if not isinstance(one, bool):
        raise CatalogueError(f"{where}.one: true or false")
    claims = data.get("by_claim", {})
    systems = data.get("systems", {})
    if not isinstance(claims, dict) or not isinstance(systems, dict):
        raise CatalogueError(f"{where}: by_claim and systems are mappings")
    by_claim = []
    for claim, item in claims.items():
        fields = _mapping(item, name, f"editions.by_claim.{claim}", {"edition", "document"})
        edition = _text(fields, "edition", f"{where}.by_claim.{claim}")
        by_claim.append((str(claim), edition, _text(fields, "document", f"{where}.by_claim")))
    left_out = tuple((str(s), _strings(systems, s, f"{where}.systems")) for s in systems)
    return one, tuple(by_claim), left_out


def _mapping(value: object, name: str, where: str, keys: set[str]) -> dict[str, object]:
    if not isinstance(value, dict):
        raise CatalogueError(f"{name}: {where or 'the top level'}: expected a mapping")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise CatalogueError(f"{name}: {where or 'the top level'}: unknown keys {unknown}")
    return value


def _text(data: Mapping[str, object], key: str, name: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{name}: {key}: expected a text")
    return value


def _strings(data: Mapping[str, object], key: str, name: str) -> tuple[str, ...]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise CatalogueError(f"{name}: {key}: expected a list of texts")
    return tuple(values)


def _list(data: Mapping[str, object], key: str, name: str) -> list[object]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise CatalogueError(f"{name}: {key}: expected a list")
    return values


def _texts(data: Mapping[str, object], key: str, name: str) -> list[tuple[str, str]]:
    values = data.get(key, {})
    if not isinstance(values, dict) or not all(isinstance(v, str) and v for v in values.values()):
        raise CatalogueError(f"{name}: {key}: expected texts")
    return [(str(k), str(v)) for k, v in values.items()]


def _regex(pattern: str, name: str, where: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise CatalogueError(f"{name}: {where}: not a regular expression: {exc}") from None
    return pattern


def per_standards(build: Callable[[Standards], T]) -> Callable[[], T]:
    """A function returning what ``build`` makes of the active descriptors (compiled
    patterns, say), made again only when they change: asked for every code, so the test is
    of identity, not equality."""
    made: list[tuple[Standards, T]] = []

    def get() -> T:
        standards = active()
        if not made or made[0][0] is not standards:
            made[:] = [(standards, build(standards))]
        return made[0][1]

    return get
