"""Work in a forked child: its result comes back; a failure (said on stderr), or no fork at
all, gives None and the caller does the work itself."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import tests.pdf_fixtures as fx
from xesg.index.answers import TABLE_ANSWERS
from xesg.load import pdf_pages
from xesg.load.pdf import read_pdf_report
from xesg.processes import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def _no_fork() -> int:
    raise BlockingIOError("Resource temporarily unavailable")  # as at a process limit


def test_the_result_comes_back_from_the_child() -> None:
    parent = os.getpid()
    child = Forked(lambda: (os.getpid(), [1, "two", {3: 4.0}]))
    pid, value = child.result() or (parent, None)
    assert pid != parent and value == [1, "two", {3: 4.0}]
    assert child.result() is None  # collected once


def test_a_failed_child_gives_none_and_says_so(capfd: pytest.CaptureFixture[str]) -> None:
    def fails() -> int:
        raise RuntimeError("in the child")

    assert Forked(fails).result() is None
    said = capfd.readouterr().err.splitlines()
    assert said == [
        "xesg: a worker process failed: RuntimeError: in the child",
        "xesg: note: a worker process ended (exit status 1); its work is done here.",
    ]


def test_a_killed_child_gives_none_and_says_so(capfd: pytest.CaptureFixture[str]) -> None:
    child = Forked(lambda: os.kill(os.getpid(), 9))
    assert child.result() is None
    assert capfd.readouterr().err == (
        "xesg: note: a worker process ended (signal 9); its work is done here.\n"
    )


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_no_fork_to_be_had_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _open_files()
    monkeypatch.setattr(os, "fork", _no_fork)
    child = Forked(lambda: 1)
    assert child.result() is None
    child.cancel()
    assert _open_files() == before


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_cancel_stops_the_child_and_closes_its_pipe() -> None:
    before = _open_files()
    child = Forked(lambda: time.sleep(60))
    start = time.monotonic()
    child.cancel()
    child.cancel()  # twice is harmless
    assert time.monotonic() - start < 5
    assert child.result() is None
    assert _open_files() == before


def test_without_forks_pages_are_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(fx.numbered_report())
    pages = read_pdf_report(path, TABLE_ANSWERS)
    monkeypatch.setattr(pdf_pages, "MIN_PAGES_PER_PROCESS", 1)
    monkeypatch.setattr(os, "fork", _no_fork)
    assert read_pdf_report(path, TABLE_ANSWERS, jobs=3) == pages
