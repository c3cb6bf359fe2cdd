"""Paths in outputs: distinct file names for reports in one output directory, and the
directory that code-scanning paths are relative to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.-]+")


def _parents(path: Path) -> list[str]:
    return [p for p in path.parent.parts if p not in (".", "..") and p != path.anchor]


def _name(path: Path, depth: int, with_suffix: bool) -> str:
    """The file's stem, with ``depth`` of its parent folders before it and, when asked, its
    extension after it: ``a/b/esg.pdf`` at depth 1 → ``b-esg``, with the suffix ``b-esg-pdf``."""
    parents = _parents(path)
    chosen = parents[len(parents) - depth :] if depth else []
    leaf = path.stem + (f"-{path.suffix.lstrip('.')}" if with_suffix and path.suffix else "")
    return "-".join(_UNSAFE.sub("_", part).strip("_") or "_" for part in (*chosen, leaf))


def unique_stems(paths: Sequence[Path]) -> list[str]:
    """A name per report for its files in an output directory, distinct from every other's:
    the file's stem, and as many of its folders (then its extension) as it takes to tell it
    from the others (``a/esg.pdf``, ``b/esg.pdf`` → ``a-esg``, ``b-esg``); a counter as the
    last resort (the same file named twice). Compared without case: two names that differ
    only in case are one file on macOS and Windows."""
    depth = [0] * len(paths)
    with_suffix = [False] * len(paths)
    while True:
        names = [_name(p, d, s) for p, d, s in zip(paths, depth, with_suffix, strict=True)]
        keys = [n.casefold() for n in names]
        clashing = [i for i, key in enumerate(keys) if keys.count(key) > 1]
        if not clashing:
            return names
        grew = False
        for i in clashing:
            if depth[i] < len(_parents(paths[i])):
                depth[i] += 1
                grew = True
            elif not with_suffix[i] and paths[i].suffix:
                with_suffix[i] = True
                grew = True
        if not grew:
            break
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        count = seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
        unique.append(name if count == 1 else f"{name}-{count}")
    return unique


def source_root(start: Path) -> Path:
    """The repository root above ``start`` (the nearest folder with ``.git``), else
    ``start``: code scanning maps paths relative to it onto the repository's files."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def inside_root(path: str, source_root: str | None) -> str | None:
    """``path`` relative to ``source_root`` (the repository), with forward slashes; None when
    there is no root or the path is outside it."""
    if source_root is None:
        return None
    try:
        return Path(path).resolve().relative_to(Path(source_root)).as_posix()
    except (ValueError, OSError):
        return None


def display_path(path: str, source_root: str | None) -> str:
    """``path`` relative to the repository when it is inside it: a comment or an annotation
    is read on another machine, where an absolute path means nothing."""
    return inside_root(path, source_root) or path
