"""`xesg check report.pdf` starts reading the pages in worker processes before the rest of xesg
loads, and a reading that is not taken leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import tests.pdf_fixtures as fx
from xesg import processes
from xesg.cli import _start_reading as start_reading
from xesg.cli import check, main
from xesg.index.answers import TABLE_ANSWERS
from xesg.processes import PageReading


def _start_reading(path: Path, jobs: int | None) -> PageReading | None:
    with click.Context(check):  # the reading is stopped when the command's context closes
        return start_reading(path, jobs)


def test_only_pdfs_are_read_early(tmp_path: Path) -> None:
    text = tmp_path / "report.pdf"
    text.write_text("a text report named .pdf", encoding="utf-8")
    assert _start_reading(text, None) is None
    assert _start_reading(tmp_path / "missing.pdf", None) is None
    assert _start_reading(tmp_path, None) is None
    pdf = tmp_path / "real.pdf"
    pdf.write_bytes(fx.numbered_report())
    reading = _start_reading(pdf, 1)
    assert isinstance(reading, PageReading)
    reading.close()


def _children(pid: int) -> list[str]:
    task = Path(f"/proc/{pid}/task/{pid}/children")
    return task.read_text().split() if task.exists() else []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_reading_closed_unread_leaves_no_process_or_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(processes, "MIN_PAGES_PER_PROCESS", 1)
    path = str(tmp_path / "report.pdf")
    Path(path).write_bytes(fx.numbered_report())
    PageReading(path, jobs=3, tables=TABLE_ANSWERS).close()  # warm up: imports, caches
    before = len(list(Path("/proc/self/fd").iterdir()))
    reading = PageReading(path, jobs=3, tables=TABLE_ANSWERS)
    assert len(_children(os.getpid())) == 1  # the first reader (the others start with result)
    reading.close()
    reading.close()  # twice is harmless
    assert _children(os.getpid()) == []
    assert len(list(Path("/proc/self/fd").iterdir())) == before


def test_the_command_as_run_reads_early_with_the_same_output(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(fx.numbered_report())
    expected = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--jobs", "1"])
    run = [sys.executable, "-m", "xesg", "check", str(path), "--format", "json", "--jobs", "2"]
    done = subprocess.run(run, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (expected.exit_code, expected.output)
    bad = subprocess.run([*run, "--no-such-option"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
