"""Checking many reports at once: one process per core (pdfium is not thread-safe)."""

from __future__ import annotations

import signal
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xesg.config import Config
from xesg.errors import XesgError
from xesg.model.result import CheckResult
from xesg.pipeline import SPREADSHEETS, run
from xesg.processes import available_cores

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

REPORT_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".xhtml", ".md", ".markdown")

ReportOutcome = CheckResult | str  # a result, or the one-line reason the report could not be read


@dataclass(frozen=True)
class Expanded:
    """The reports to check, and the files of scanned directories left out, with why."""

    reports: list[Path]
    skipped: list[tuple[Path, str]]


def expand(paths: Iterable[Path]) -> Expanded:
    """Reports named, with directories replaced by the report files in them (sorted); the
    other files found in directories are listed as skipped with the reason."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for file in sorted(p for p in path.rglob("*") if not p.is_dir()):
            reason = _skip_reason(file, path)
            if reason is None:
                found.append(file)
            else:
                skipped.append((file, reason))
    return Expanded(found, skipped)


def _skip_reason(file: Path, root: Path) -> str | None:
    hidden = [part for part in file.relative_to(root).parts if part.startswith(".")]
    if hidden:
        return f"hidden ({hidden[0]})"
    suffix = file.suffix.lower()
    if suffix in SPREADSHEETS:
        return "a spreadsheet: name it, or pass it with --index, to check it as an index"
    if suffix not in REPORT_SUFFIXES:
        kind = f"a {suffix} file" if suffix else "no file extension"
        return f"{kind}, not a report ({', '.join(REPORT_SUFFIXES)})"
    return None


def _check(
    path: Path, config: Config, use_waivers: bool, baseline: frozenset[str]
) -> ReportOutcome:
    try:
        return run(path, config, use_waivers=use_waivers, baseline=baseline)
    except XesgError as exc:
        return str(exc)
    except Exception as exc:  # a fault of xesg's own on this report: the others still count
        return f"{path}: internal error ({type(exc).__name__}: {exc}); please report it"


def check_many(
    paths: list[Path],
    config: Config,
    *,
    use_waivers: bool = True,
    baseline: Collection[str] = (),
    workers: int | None = None,
) -> list[tuple[Path, ReportOutcome]]:
    """Check each report in its own process; results in the order of ``paths``."""
    frozen = frozenset(baseline)
    count = min(len(paths), workers or available_cores())
    if count <= 1:
        return [(p, _check(p, config, use_waivers, frozen)) for p in paths]
    from concurrent.futures import ProcessPoolExecutor  # only for several reports

    pool = ProcessPoolExecutor(max_workers=count, initializer=_worker_signals)
    try:
        futures = [pool.submit(_check, p, config, use_waivers, frozen) for p in paths]
        outcomes = [(p, f.result()) for p, f in zip(paths, futures, strict=True)]
    except BaseException:  # interrupted (or a worker died): stop now, not after every report
        _stop(pool)
        raise
    pool.shutdown()
    return outcomes


def _worker_signals() -> None:
    """In a worker: SIGINT (a terminal's Ctrl-C reaches the whole process group) is left to
    the parent, which stops the workers; SIGTERM ends the worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool at once: reports not started are dropped, workers are killed. (The
    pool's own shutdown waits for every running report; its worker processes are only
    reachable through a private attribute.)"""
    workers = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join()
