"""Checking many reports at once: one process per core (pdfium is not thread-safe)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from xesg.config import Config
from xesg.errors import XesgError
from xesg.model.result import CheckResult
from xesg.pipeline import run
from xesg.processes import available_cores

REPORT_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".xhtml", ".md", ".markdown")

Outcome = CheckResult | str  # a result, or the one-line reason the report could not be read


def expand(paths: Iterable[Path]) -> list[Path]:
    """Reports named, with directories replaced by the report files in them (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES)
        else:
            found.append(path)
    return found


def _check(path: Path, config: Config, use_waivers: bool, baseline: frozenset[str]) -> Outcome:
    try:
        return run(path, config, use_waivers=use_waivers, baseline=baseline)
    except XesgError as exc:
        return str(exc)


def check_many(
    paths: list[Path],
    config: Config,
    *,
    use_waivers: bool = True,
    baseline: Collection[str] = (),
    workers: int | None = None,
) -> list[tuple[Path, Outcome]]:
    """Check each report in its own process; results in the order of ``paths``."""
    frozen = frozenset(baseline)
    count = min(len(paths), workers or available_cores())
    if count <= 1:
        return [(p, _check(p, config, use_waivers, frozen)) for p in paths]
    from concurrent.futures import ProcessPoolExecutor  # only for several reports

    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(_check, p, config, use_waivers, frozen) for p in paths]
        return [(p, f.result()) for p, f in zip(paths, futures, strict=True)]
