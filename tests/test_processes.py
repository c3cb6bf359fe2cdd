"""A PDF's pages read by bounded reader processes (xesg.processes): the pages they give are
the pages one process reads; a page that ends its reader — past its memory or CPU bound,
or a failure — is marked unreadable and said on stderr, the rest read by a new reader; no
process or file is left behind."""

from __future__ import annotations

import itertools
import json
import math
import os
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import tests.pdf_fixtures as fx
from tests.hostile import MiB, assert_bounded, run_xesg
from xesg import processes
from xesg.cli import main
from xesg.index.answers import TABLE_ANSWERS
from xesg.load import pdf_pages
from xesg.load.pdf import read_pdf_report
from xesg.model.document import Report
from xesg.processes import PageReading

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def write(tmp_path: Path, data: bytes, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path, jobs: int, progress: object = None) -> Report:
    """The report as the command line reads it: its pages by reader processes."""
    reading = PageReading(str(path), jobs, TABLE_ANSWERS)
    return read_pdf_report(path, TABLE_ANSWERS, reading=reading, progress=progress)  # type: ignore[arg-type]


def one_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages read by several processes however few they are, in runs of one page each."""
    monkeypatch.setattr(processes, "MIN_PAGES_PER_PROCESS", 1)
    monkeypatch.setattr(
        processes,
        "_runs",
        lambda count, workers: (
            [processes._Run(i, i + 1) for i in range(count)]
            if workers > 1
            else [processes._Run(0, count)]
        ),
    )


def _no_fork() -> int:
    raise BlockingIOError("Resource temporarily unavailable")  # as at a process limit


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def _children(pid: int) -> list[str]:
    task = Path(f"/proc/{pid}/task/{pid}/children")
    return task.read_text().split() if task.exists() else []


@pytest.mark.parametrize(
    "data",
    [
        fx.numbered_report(style="rules"),
        fx.sparse_index_neighbours_report(),
        fx.two_column_report(),
        fx.broken_font_report("private"),
    ],
    ids=["index-over-two-pages", "sparse-neighbours", "two-columns", "broken-font"],
)
def test_pages_read_by_several_processes_are_the_pages_read_by_one(
    tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs of one page: every page boundary, the index table's included, is a split.
    one_page_runs(monkeypatch)
    path = write(tmp_path, data)
    one = read_pdf_report(path, TABLE_ANSWERS)  # in this process
    for jobs in range(1, len(one.pages) + 2):
        assert read(path, jobs) == one, jobs


@given(st.integers(1, 6000), st.integers(1, 64))
def test_runs_cover_the_pages_in_shrinking_shares(count: int, workers: int) -> None:
    runs = processes._runs(count, workers)
    assert runs[0][0] == 0 and runs[-1][1] == count
    assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))  # in order, no gap
    sizes = [stop - start for start, stop in runs]
    assert sizes[:-1] == sorted(sizes[:-1], reverse=True)  # the last may be cut short
    if workers == 1:
        assert runs == [(0, count)]
    else:
        share = processes.RUN_SHARE * workers
        assert all(size >= processes.MIN_PAGES_PER_RUN for size in sizes[:-1])
        assert sizes[0] == min(count, max(processes.MIN_PAGES_PER_RUN, -(-count // share)))
        assert len(runs) <= share * (math.log(count) + 1) + 1


def _log_forks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each reader forked from now on begins: ``_First`` or ``_Next``."""
    forked: list[str] = []
    fork = processes._Reader.fork

    def logged(reading: PageReading, start: processes._Start) -> processes._Reader | None:
        forked.append(type(start).__name__)
        return fork(reading, start)

    monkeypatch.setattr(processes._Reader, "fork", logged)
    return forked


def test_check_starts_its_readers_first_and_matches_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_page_runs(monkeypatch)
    forked = _log_forks(monkeypatch)
    path = str(write(tmp_path, fx.numbered_report()))
    one = CliRunner().invoke(main, ["check", path, "--format", "json", "--jobs", "1"])
    assert forked == ["_First"]  # one reader, bounded, for the whole PDF
    several = CliRunner().invoke(main, ["check", path, "--format", "json", "--jobs", "3"])
    # The first reader counted six pages, one a process: two more readers took runs.
    assert forked == ["_First", "_First", "_Next", "_Next"]
    assert (several.exit_code, several.output) == (one.exit_code, one.output)
    assert json.loads(one.output)["index"]["entries"]


def test_a_short_pdf_is_read_by_one_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked = _log_forks(monkeypatch)
    path = write(tmp_path, fx.numbered_report())  # six pages: one reader's work
    assert read(path, 3) == read_pdf_report(path, TABLE_ANSWERS)
    assert forked == ["_First"]


def test_no_reader_is_forked_beside_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_page_runs(monkeypatch)  # six one-page runs for three readers
    forked = _log_forks(monkeypatch)
    path = write(tmp_path, fx.numbered_report())
    reading = PageReading(str(path), 3, TABLE_ANSWERS)
    with monkeypatch.context() as patched:
        patched.setattr(threading, "active_count", lambda: 2)  # e.g. a progress bar's thread
        report = read_pdf_report(path, TABLE_ANSWERS, reading=reading)
    assert forked == ["_First"]  # the first reader, forked alone, read every run
    assert report == read_pdf_report(path, TABLE_ANSWERS)


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs /proc")
def test_a_reader_loads_pdfium_only_for_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_page_runs(monkeypatch)  # six one-page runs for three readers
    forked = _log_forks(monkeypatch)
    log = tmp_path / "opened.log"
    opened = processes._opened

    def logged(reading: PageReading) -> pdfium.PdfDocument:
        with log.open("a", encoding="utf-8") as file:
            file.write("opened\n")
        return opened(reading)

    monkeypatch.setattr(processes, "_opened", logged)
    path = write(tmp_path, fx.numbered_report())
    reading = PageReading(str(path), 3, TABLE_ANSWERS)
    # The first reader takes every run while no other reader is there: let it end.
    first = reading._readers[0].pid
    deadline = time.monotonic() + 30
    while Path(f"/proc/{first}/stat").read_text().split()[2] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    report = read_pdf_report(path, TABLE_ANSWERS, reading=reading)
    assert report == read_pdf_report(path, TABLE_ANSWERS)
    assert forked == ["_First", "_Next", "_Next"]  # started for the pages they might read
    assert not log.exists()  # but found none left: they ended without opening the PDF


def test_the_command_line_leaves_pdfium_to_its_readers(tmp_path: Path) -> None:
    path = write(tmp_path, fx.numbered_report())
    code = (
        "import contextlib, sys\n"
        "from xesg.cli import main\n"
        "with contextlib.suppress(SystemExit):\n"
        f"    main(['check', {str(path)!r}, '--format', 'json', '-o', {str(tmp_path / 'out')!r}])\n"
        "print(sorted({'pypdfium2', 'xesg.load.pdf_pages'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
    assert json.loads((tmp_path / "out").read_text())["index"]["entries"]


def test_readers_report_progress_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one_page_runs(monkeypatch)
    seen: list[tuple[int, int]] = []
    read(write(tmp_path, fx.numbered_report()), 2, lambda *p: seen.append(p))
    assert seen[-1] == (6, 6) and seen == sorted(seen)


def test_a_page_that_ends_its_reader_is_unreadable_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # The reader dies on page 3 (as pdfium does past its memory bound); the page is marked,
    # said once, and every other page is what one process reads.
    one_page_runs(monkeypatch)
    path = write(tmp_path, fx.numbered_report())
    one = read_pdf_report(path, TABLE_ANSWERS)
    parent = os.getpid()
    get = pdfium.PdfDocument.__getitem__

    def dies_on_page_3(document: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        if index == 2 and os.getpid() != parent:
            os.abort()  # in pdfium's loading of the page
        return get(document, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", dies_on_page_3)
    for jobs in (1, 2):
        report = read(path, jobs)
        assert report.pages[2].unreadable is not None
        assert "SIGABRT" in report.pages[2].unreadable
        assert report.pages[2].text == ""
        others = [p for p in report.pages if p.number != 3]
        assert others == [p for p in one.pages if p.number != 3]
        said = capfd.readouterr().err.splitlines()
        assert said == [f"xesg: note: {path}: PDF page 3 not read: {report.pages[2].unreadable}"]


def test_a_failing_reader_is_said_and_its_page_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, fx.numbered_report())
    get = pdfium.PdfDocument.__getitem__

    def fails_on_page_2(document: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        if index == 1:
            raise RuntimeError("in the reader")
        return get(document, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", fails_on_page_2)
    report = read(path, 1)
    assert report.pages[1].unreadable == "xesg failed reading it (exit status 1)"
    assert capfd.readouterr().err.splitlines() == [
        "xesg: a page reader failed: RuntimeError: in the reader",
        f"xesg: note: {path}: PDF page 2 not read: xesg failed reading it (exit status 1)",
    ]


def test_too_many_failed_pages_end_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, fx.numbered_report())
    parent = os.getpid()
    get = pdfium.PdfDocument.__getitem__

    def dies_past_page_1(document: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        if index >= 1 and os.getpid() != parent:
            os._exit(9)
        return get(document, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", dies_past_page_1)
    with pytest.raises(processes.InputError, match="PDF pages 2, 3, 4, 5 could not be read"):
        read(path, 1)
    assert _children(os.getpid()) == []


def _pdf_with_contents(streams: list[bytes]) -> bytes:
    """A PDF of one page per content stream, each Flate-compressed: a few bytes of file for
    a page that inflates to as much as the stream holds."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for content in streams:
        data = zlib.compress(content, 9)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text(words: bytes) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + words + b") Tj ET"


@pytest.mark.parametrize(
    "bomb",
    [
        b" " * (600 * MiB),  # a stream of nothing, inflating past the memory bound
        b"BT /F1 12 Tf 72 720 Td " + b"(A) Tj " * (600 * MiB // 7) + b"ET",  # characters
    ],
    ids=["spaces", "text"],
)
def test_a_content_stream_bomb_is_one_unreadable_page_within_bounds(
    tmp_path: Path, bomb: bytes
) -> None:
    # A page of a few hundred KB of file whose content stream inflates to 600 MB: read
    # unbounded it takes pdfium minutes and gigabytes. Its reader ends at its memory bound;
    # the page is named unreadable (INP001), the other pages are read.
    path = write(tmp_path, _pdf_with_contents([_text(b"First page"), bomb, _text(b"Third page")]))
    assert path.stat().st_size < 1 * MiB
    run = run_xesg("check", path, "--format", "json", seconds=60)
    assert_bounded(run)
    assert run.status == 1, run.stderr
    assert run.seconds < 40
    findings = {f["rule"]: f for f in json.loads(run.stdout)["findings"]}
    assert findings["INP001"]["message"].startswith("Page 2 cannot be read: more than ")
    assert "MiB of memory to read" in findings["INP001"]["message"]
    assert run.stderr_lines == [
        f"xesg: note: {path}: PDF page 2 not read: " + run.stderr.split("not read: ")[1].strip()
    ]


def test_a_page_past_its_cpu_time_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forty thousand strokes take pdfium longer than a twentieth of a second.
    monkeypatch.setattr(processes, "PAGE_SECONDS", 0.05)
    strokes = b"0 0 m 1 1 l S\n" * 400_000
    path = write(tmp_path, _pdf_with_contents([_text(b"First page"), strokes]))
    report = read(path, 1)
    assert report.pages[1].unreadable == (
        "more than 0.05 s of CPU time to read, the limit for a page"
    )
    assert "First page" in report.pages[0].text


def test_without_forks_pages_are_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, fx.numbered_report())
    pages = read_pdf_report(path, TABLE_ANSWERS)
    monkeypatch.setattr(processes, "MIN_PAGES_PER_PROCESS", 1)
    monkeypatch.setattr(os, "fork", _no_fork)
    assert read(path, 3) == pages
    monkeypatch.undo()
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # e.g. a progress bar's thread
    reading = PageReading(str(path), 3, TABLE_ANSWERS)
    assert reading._readers == []
    assert read_pdf_report(path, TABLE_ANSWERS, reading=reading) == pages


def test_readers_for_long_pdfs_only() -> None:
    assert processes._workers(4, 10 * processes.MIN_PAGES_PER_PROCESS) == 4
    assert processes._workers(4, 2 * processes.MIN_PAGES_PER_PROCESS) == 2
    assert processes._workers(4, processes.MIN_PAGES_PER_PROCESS - 1) == 1
    assert processes._workers(1, 10 * processes.MIN_PAGES_PER_PROCESS) == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_reading_leaves_no_file_open_or_process_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(processes, "MIN_PAGES_PER_PROCESS", 1)
    path = write(tmp_path, fx.numbered_report())
    read(path, 3)  # warm up: imports, caches
    before = _open_files()
    for _ in range(3):
        read(path, 3)
    assert _open_files() == before
    reading = PageReading(str(path), 3, TABLE_ANSWERS)
    assert len(_children(os.getpid())) == 1  # the first reader (the others start with result)
    start = time.monotonic()
    reading.close()
    reading.close()  # twice is harmless
    assert time.monotonic() - start < 5
    assert _children(os.getpid()) == []
    assert _open_files() == before


def test_a_reader_that_ends_at_no_page_ends_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before its first page (opening the PDF), there is no page to mark: one clear error.
    path = write(tmp_path, fx.numbered_report())
    parent, open_pdf = os.getpid(), pdf_pages.open_pdf

    def exits_in_a_reader(name: str) -> pdfium.PdfDocument:
        if os.getpid() != parent:
            os._exit(5)
        return open_pdf(name)

    monkeypatch.setattr(pdf_pages, "open_pdf", exits_in_a_reader)
    with pytest.raises(processes.InputError, match=r"a page reader failed \(exit status 5\)"):
        read(path, 1)
    assert _children(os.getpid()) == []
