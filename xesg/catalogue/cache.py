"""A cache of validated catalogues (and the data files beside them), so that a check does
not re-parse YAML every run — nor even import a YAML parser.

Parsing the bundled YAML takes ~20× longer than validating the same data as JSON. The cache
holds JSON (never pickle: a cache directory may be writable by others, and JSON is only data),
is keyed by a hash of the YAML bytes and the xesg version, and is validated like any input on
load. Any problem with the cache — missing, unreadable, stale, corrupt — falls back to the YAML.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from xesg import __version__
from xesg.catalogue.schema import Catalogue

_CATALOGUES = TypeAdapter(tuple[Catalogue, ...])
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
    return cached_as(name, sources, _CATALOGUES, build)


def cached_as(
    name: str, sources: list[bytes], adapter: TypeAdapter[T], build: Callable[[], T]
) -> T:
    """What ``build`` makes of ``sources``, stored as ``adapter``'s JSON and validated by it
    on the way back in."""
    digest = hashlib.sha256(__version__.encode())
    for data in sources:
        digest.update(hashlib.sha256(data).digest())
    path = cache_dir() / f"{name}-{digest.hexdigest()[:24]}.json"
    try:
        return adapter.validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(adapter.dump_json(built))
        temporary.replace(path)  # atomic: a concurrent run never reads half a file
    except OSError:
        pass  # a read-only home is fine: we just parse the YAML next time too
    return built
