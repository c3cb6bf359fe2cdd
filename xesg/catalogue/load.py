"""Load catalogues from ``standards/`` (shipped inside the package) or a user directory.

YAML is read with the safe loader only; anchors and aliases are refused (a catalogue never
needs them, and refusing them rules out "billion laughs" bombs); files over a size limit are
refused before parsing. Every error names the file (and the line where YAML gives one).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from xesg.catalogue.cache import cached
from xesg.catalogue.descriptors import bundled_root
from xesg.catalogue.safe_yaml import parse_yaml
from xesg.catalogue.schema import Catalogue
from xesg.catalogue.set import CatalogueSet
from xesg.errors import CatalogueError, InputError
from xesg.load.guard import read_bytes

MAX_FILE_BYTES = 2 * 1024 * 1024


def _yaml_files(root: Traversable, seen: frozenset[Path] = frozenset()) -> Iterator[Traversable]:
    """YAML files under ``root``, folders in name order; a folder reached again through a
    symbolic link (a loop) is not entered again."""
    if isinstance(root, Path):
        real = root.resolve()
        if real in seen:
            return
        seen = seen | {real}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _yaml_files(entry, seen)
        elif entry.name.endswith((".yaml", ".yml")):
            yield entry


def load_file(entry: Traversable, name: str) -> Catalogue | None:
    """One catalogue file; ``None`` for data files that are not catalogues (no ``disclosures``)."""
    if isinstance(entry, Path):  # a user's file: maybe a FIFO, a dangling link, a device
        try:
            data = read_bytes(entry, MAX_FILE_BYTES, "a catalogue")
        except InputError as exc:
            raise CatalogueError(f"{name}: {str(exc).partition(': ')[2]}") from None
    else:
        with entry.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never read more than the limit
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueError(f"{name}: file too large (over {MAX_FILE_BYTES} bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogueError(f"{name}: not UTF-8 text") from None
    document = parse_yaml(text, name)
    if not isinstance(document, dict):
        raise CatalogueError(f"{name}: expected a mapping at the top level")
    if "disclosures" not in document:
        return None
    try:
        return Catalogue.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        line = _line_of(text, error["loc"])
        raise CatalogueError(f"{name}{line}: {where}: {error['msg']}") from None


def _line_of(text: str, loc: tuple[int | str, ...]) -> str:
    """Best-effort ``:line`` of the disclosure an error points at (``disclosures.N``)."""
    if len(loc) >= 2 and loc[0] == "disclosures" and isinstance(loc[1], int):
        count = -1
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("- code:"):
                count += 1
                if count == loc[1]:
                    return f":{number}"
    return ""


def load_directory(root: Traversable, label: str) -> CatalogueSet:
    return _load_entries(list(_yaml_files(root)), label)


def _load_entries(entries: list[Traversable], label: str) -> CatalogueSet:
    catalogues: list[Catalogue] = []
    for entry in entries:
        catalogue = load_file(entry, f"{label}/{entry.name}")
        if catalogue is not None:
            catalogues.append(catalogue)
    ids = [c.id for c in catalogues]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogueError(f"{label}: catalogue id defined twice: {', '.join(duplicates)}")
    return CatalogueSet(tuple(catalogues))


def bundled_standards() -> tuple[str, ...]:
    """Standards shipped with xesg: one folder each under ``standards/``."""
    return tuple(sorted(e.name for e in bundled_root().iterdir() if e.is_dir()))


@functools.cache
def _bundled_files(standard: str, industry: str | None) -> tuple[Catalogue, ...]:
    """The catalogues of ``standards/<standard>/``: every file, or (SASB) only one industry's
    (``fn-cb.yaml`` and its older editions ``fn-cb-2018.yaml``), each set cached on its own."""
    folder = bundled_root().joinpath(standard)
    entries = [
        entry
        for entry in _yaml_files(folder)
        if industry is None
        or entry.name == f"{industry.lower()}.yaml"
        or entry.name.startswith(f"{industry.lower()}-")
    ]
    sources = [entry.read_bytes() for entry in entries]
    label = f"standards/{standard}"

    def build() -> tuple[Catalogue, ...]:
        return _load_entries(entries, label).catalogues

    name = f"catalogues-{standard}" + (f"-{industry.lower()}" if industry else "")
    found = cached(name, sources, build)
    wrong = sorted({c.id for c in found if c.standard != standard})
    if wrong:
        raise CatalogueError(f"{label}: catalogues of another standard: {wrong}")
    return found


def bundled(
    standards: Iterable[str] | None = None, sasb_industries: Iterable[str] | None = None
) -> CatalogueSet:
    """The catalogues shipped with xesg, parsed once per process and only when asked for.
    SASB is one standard per industry: given ``sasb_industries`` (``TC-HW`` …), only their
    metric lists are read, so a check does not pay for the 77 industries a report does not
    cite."""
    wanted = bundled_standards() if standards is None else tuple(standards)
    industries = None if sasb_industries is None else sorted(set(sasb_industries))
    found: list[Catalogue] = []
    for standard in wanted:
        if standard == "sasb" and industries is not None:
            found += [c for industry in industries for c in _bundled_files(standard, industry)]
        else:
            found += _bundled_files(standard, None)
    return CatalogueSet(tuple(found))


def load_user_directory(path: Path) -> CatalogueSet:
    if not path.is_dir():
        raise CatalogueError(f"{path}: catalogue directory not found")
    return load_directory(path, str(path))
