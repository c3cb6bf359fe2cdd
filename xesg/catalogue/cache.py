"""A cache of validated catalogues (and the data files beside them), so that a check does
not re-parse YAML every run — nor even import a YAML parser.

Parsing the bundled YAML takes ~20× longer than validating the same data as JSON. The cache
holds JSON (never pickle: a cache directory may be writable by others, and JSON is only data),
is keyed by a hash of the YAML bytes and the xesg version, and is validated like any input on
load. Any problem with the cache — missing, unreadable, stale, corrupt — falls back to the YAML.
Nothing here imports pydantic: the standards' descriptors are read through this cache by
the PDF page readers, which start before the rest of xesg loads.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from xesg import __version__

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from xesg.catalogue.schema import Catalogue

T = TypeVar("T")


def cache_dir() -> Path:
    """``$XESG_CACHE_DIR``, else ``$XDG_CACHE_HOME/xesg``, else ``~/.cache/xesg``."""
    if explicit := os.environ.get("XESG_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xesg"


def cached(
    name: str, sources: list[bytes], build: Callable[[], tuple[Catalogue, ...]]
) -> tuple[Catalogue, ...]:
    """The catalogues built from ``sources`` — from the cache when it holds them."""
    from pydantic import TypeAdapter

    from xesg.catalogue.schema import Catalogue

    return cached_as(name, sources, TypeAdapter(tuple[Catalogue, ...]), build)


def cached_as(
    name: str, sources: list[bytes], adapter: TypeAdapter[T], build: Callable[[], T]
) -> T:
    """What ``build`` makes of ``sources``, stored as ``adapter``'s JSON and validated by it
    on the way back in."""
    return cached_with(name, sources, adapter.validate_json, adapter.dump_json, build)


def cached_with(
    name: str,
    sources: list[bytes],
    load: Callable[[bytes], T],
    dump: Callable[[T], bytes],
    build: Callable[[], T],
) -> T:
    """What ``build`` makes of ``sources``, stored as ``dump`` writes it; ``load`` reads it
    back and raises ValueError (a pydantic ValidationError is one) on anything wrong."""
    digest = hashlib.sha256(__version__.encode())
    for data in sources:
        digest.update(hashlib.sha256(data).digest())
    path = cache_dir() / f"{name}-{digest.hexdigest()[:24]}.json"
    try:
        return load(path.read_bytes())
    except (OSError, ValueError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(dump(built))
        temporary.replace(path)  # atomic: a concurrent run never reads half a file
    except OSError:
        pass  # a read-only home is fine: we just parse the YAML next time too
    return built
