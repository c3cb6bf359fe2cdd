"""Work in several processes — the one module that forks (pdfium is not thread-safe: parallel
work is processes, never threads): how many cores a run may use, and a PDF's pages read by
forked reader processes, each bounded in memory and time.

A PDF's pages are read in child processes, never in this one: a page can be built to need
gigabytes or minutes (a content stream that inflates a thousandfold), and a child that
outgrows its bounds ends alone. Each reader runs under an address-space limit
(``RLIMIT_AS``: its share of :data:`READING_MEMORY` beyond what it inherited) and a CPU-time
alarm reset at each page (:data:`PAGE_SECONDS`, ``ITIMER_PROF``, whose signal ends the
process). A reader that ends early has said, page by page, which page it was reading: that
page is marked unreadable with the reason (rule INP001 reports it), and the rest of its
pages are read by a new reader. More than :data:`MAX_FAILED_PAGES` such pages end the run
with one line. Without ``fork`` (not Linux, or beside other threads) the pages are read in
this process, unbounded.

The readers are started before the rest of xesg loads (the command line does it first, see
``xesg.cli``), so that reading and start-up overlap. This process does not load pdfium (a
tenth of its start-up): the first reader opens the PDF, counts its pages and tells this
process, then cuts the pages into runs that the readers take from a shared queue (a pipe of
run numbers, as make's job server hands out tokens), so whoever is free reads the next run.
The other readers a long PDF needs are forked once it has said so (:meth:`PageReading.start_others`,
which the command line calls when its modules are loaded, before a progress bar's thread
starts; on two cores, this process and the first reader have kept both busy until then); a
short PDF is read by the first reader alone.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import resource
import selectors
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from xesg.errors import InputError, XesgError

if TYPE_CHECKING:  # pypdfium2 loads only in the readers
    from collections.abc import Callable, Iterable

    import pypdfium2 as pdfium

    from xesg.load.pdf_text import PageText, Progress
    from xesg.load.questions import TableQuestions

MiB = 1 << 20
# Memory (address space) the readers of one report may take beyond what they inherit from
# this process, shared among them: past it a page's reading fails (docs/limits.md).
READING_MEMORY = 256 * MiB
PAGE_SECONDS = 10  # CPU seconds a page may take to read (pdfium reads one in milliseconds)
MAX_FAILED_PAGES = 3  # pages that ended their reader; one more ends the run
# Fewer pages than this per process and another reader costs more than it saves.
MIN_PAGES_PER_PROCESS = 40
# Each run is 1 / (RUN_SHARE × processes) of the pages left, and at least this many pages.
RUN_SHARE = 2
MIN_PAGES_PER_RUN = 4
_NO_MEMORY = 3  # a reader's exit status when Python ran out of memory


def available_cores() -> int:
    """The cores this process may use (fewer than the machine's in a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """fork() only where it is the platform's safe default, and never beside other threads
    (a progress bar's refresh thread could hold a lock the child would wait on forever)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


# Children forked and not yet reaped: killed by stop_children() when a run is interrupted.
_LIVE: set[int] = set()


def stop_children() -> None:
    """Kill and reap every forked child still at work (the run was interrupted)."""
    while _LIVE:
        pid = _LIVE.pop()
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def start_reading(path: Path, jobs: int) -> PageReading | None:
    """The reading of a PDF's pages by up to ``jobs`` processes, started now; None for a
    file that is no PDF (or cannot be read: its error comes when the report is loaded)."""
    from xesg.load import is_pdf

    try:
        if not is_pdf(path):
            return None
    except XesgError:
        return None
    from xesg.index.answers import TABLE_ANSWERS  # light: the parser loads when asked

    return PageReading(str(path), jobs, TABLE_ANSWERS)


class _Run(NamedTuple):
    start: int
    stop: int


class PageReading:
    """A PDF whose pages are being read by reader processes (see the module's docstring).
    A PDF that cannot be opened raises its :class:`InputError` from :meth:`result`, so
    errors keep their order."""

    def __init__(self, path: str, jobs: int, tables: TableQuestions) -> None:
        self._path, self._tables = path, tables
        self._error: InputError | None = None  # the first reader could not open the PDF
        self._readers: list[_Reader] = []
        self._runs: list[_Run] = []  # known once the first reader has counted the pages
        self._failed: dict[int, str] = {}  # pages that ended their reader, and why
        self._memory = READING_MEMORY  # each reader's share
        self._workers = 1  # the readers the pages need, as the first reader counted them
        self._queue: int | None = None  # the first reader's queue of runs, for the others
        self._done: dict[_Run, list[PageText]] = {}  # the runs read, as they come
        self.count = 0
        if can_fork():
            self._start_first(jobs)

    def _start_first(self, jobs: int) -> None:
        queue, queue_end = os.pipe()
        first = _Reader.fork(self, _First(jobs, queue, queue_end))
        os.close(queue_end)  # the first reader's, alone: the queue ends when it closes it
        if first is None:
            os.close(queue)
            return
        self._readers.append(first)
        self._queue = queue

    def start_others(self) -> None:
        """The readers after the first that the pages need, taking runs from its queue, once
        it has said how many pages there are (waited for here). None where a thread is
        running beside this one (:func:`can_fork`): the first reader reads them all then."""
        queue, self._queue = self._queue, None
        if queue is None:
            return
        first = self._readers[0]
        # Its first word, the count (or why there is none), before any reader's pages.
        while not self.count and self._error is None and first.receive(self, self._done):
            pass
        try:
            for _ in range(self._workers - 1 if can_fork() else 0):
                reader = _Reader.fork(self, _Next(queue))
                if reader is None:
                    break
                self._readers.append(reader)
        finally:
            os.close(queue)  # each reader holds its own copy

    def _start_again(self, runs: list[_Run]) -> None:
        """One reader for the runs ``runs`` (their readers ended early)."""
        queue = _queue([self._runs.index(run) for run in runs])
        try:
            reader = _Reader.fork(self, _Next(queue))
        finally:
            os.close(queue)
        if reader is None:
            raise InputError(f"{self._path}: no process could be started to read it")
        self._readers.append(reader)

    def counted(self, count: int, workers: int) -> None:
        """The first reader's word: the PDF has ``count`` pages, read by ``workers``."""
        self.count, self._workers = count, workers
        self._runs = _runs(count, workers)
        self._memory = READING_MEMORY // workers

    def unreadable(self, reason: str) -> None:
        """The first reader's word: the PDF cannot be read (``reason``, one line)."""
        self._error = InputError(reason)

    def result(self, progress: Progress | None = None) -> list[PageText]:
        """Every page's text, in order, once read."""
        from xesg.load.pdf_text import PageText

        if not self._readers:  # no process to be had: read here
            from xesg.load.pdf_pages import read_pages

            return read_pages(self._path, self._tables, progress)
        self.start_others()  # (done already, by the command line)
        done = self._done
        if done and progress is not None:
            progress(sum(len(pages) for pages in done.values()), self.count)
        while self._readers:
            self._collect(done, progress)
            if self._error is not None:
                raise self._error
            left = [run for run in self._runs if run not in done]
            if left:  # a reader ended early: its page is marked, its runs go to a new one
                if len(self._failed) > MAX_FAILED_PAGES:
                    raise self._too_many_failed()
                self._start_again(left)
        texts = [page for run in sorted(done) for page in done[run]]
        for number, reason in self._failed.items():
            texts[number] = PageText("", [], reason, texts[number].page_label)
        return texts

    def _collect(self, done: dict[_Run, list[PageText]], progress: Progress | None) -> None:
        """Messages from the readers until every one has ended: the runs they read go to
        ``done``."""
        with selectors.DefaultSelector() as selector:
            for reader in self._readers:
                selector.register(reader.pipe, selectors.EVENT_READ, reader)
            while self._readers:
                for key, _ in selector.select():
                    reader = key.data
                    if self._receive(reader, done, progress):
                        continue
                    selector.unregister(reader.pipe)
                    self._readers.remove(reader)
                    failure = reader.end(self._memory)
                    if failure is None:
                        continue
                    page, reason = failure
                    if page is None:  # it ended at no page: nothing to mark, nothing to redo
                        raise InputError(f"{self._path}: a page reader failed ({reason})")
                    say = f"xesg: note: {self._path}: PDF page {page + 1} not read: {reason}"
                    print(say, file=sys.stderr)
                    self._failed[page] = reason

    def _receive(
        self, reader: _Reader, done: dict[_Run, list[PageText]], progress: Progress | None
    ) -> bool:
        """What ``reader`` wrote, with progress when it brought pages; False once it ended."""
        runs = len(done)
        if not reader.receive(self, done):
            return False
        if progress is not None and len(done) > runs:
            progress(sum(len(pages) for pages in done.values()), self.count)
        return True

    def _too_many_failed(self) -> InputError:
        pages = ", ".join(str(page + 1) for page in sorted(self._failed))
        return InputError(f"{self._path}: PDF pages {pages} could not be read within the limits")

    def close(self) -> None:
        """Stop reading: the pages are not wanted (nothing to do after :meth:`result`)."""
        if self._queue is not None:
            os.close(self._queue)
            self._queue = None
        while self._readers:
            self._readers.pop().cancel()


class _Reader:
    """One forked reader: it takes runs from the queue and writes, to its pipe, a message as
    it starts each page and the pages of each run it has read (see :meth:`receive`)."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe
        self._buffer = bytearray()
        self._page: int | None = None  # the page it is reading

    @classmethod
    def fork(cls, reading: PageReading, start: _Start) -> _Reader | None:
        """A reader forked to begin as ``start`` says; None when no process is to be had."""
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a limit reached)
            os.close(read_end)
            os.close(write_end)
            return None
        if pid:
            os.close(write_end)
            _LIVE.add(pid)
            return cls(pid, read_end)
        # The child: never returns into the caller's stack, never runs its exit handlers.
        _LIVE.clear()  # the parent's children are not this one's
        os.close(read_end)
        status = 1
        try:
            _read(reading, start, write_end)
            status = 0
        except MemoryError:
            status = _NO_MEMORY
        except Exception as exc:  # said, then the process ends
            print(f"xesg: a page reader failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        finally:
            sys.stderr.flush()
            os._exit(status)

    def receive(self, reading: PageReading, done: dict[_Run, list[PageText]]) -> bool:
        """Read what the reader wrote; False once it has closed its pipe (ended)."""
        data = os.read(self.pipe, 1 << 16)
        if not data:
            return False
        self._buffer += data
        while len(self._buffer) >= 5:
            size = int.from_bytes(self._buffer[1:5], "big")
            if len(self._buffer) < 5 + size:
                break
            kind, payload = self._buffer[0], bytes(self._buffer[5 : 5 + size])
            del self._buffer[: 5 + size]
            if kind == _STARTED:
                self._page = int.from_bytes(payload, "big")
            elif kind == _COUNTED:
                reading.counted(*_numbers(payload))
            elif kind == _UNREADABLE:
                reading.unreadable(payload.decode())
            else:
                run, pages = pickle.loads(payload)
                done[_Run(*run)] = pages
                self._page = None
        return True

    def end(self, memory: int) -> tuple[int | None, str] | None:
        """Reap the reader; when it ended early, the page it was reading (None: it was at
        none) and why."""
        os.close(self.pipe)
        _, status = os.waitpid(self.pid, 0)
        _LIVE.discard(self.pid)
        if status == 0 and self._page is None:
            return None
        if self._page is None:
            return None, _how(status)
        return self._page, _why(status, memory)

    def cancel(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        _LIVE.discard(self.pid)
        os.close(self.pipe)


# A reader's messages: a page started; a run's pages; the first reader's count of the pages
# and of the readers they need; the first reader's reason why the PDF cannot be read.
_STARTED, _READ, _COUNTED, _UNREADABLE = 0, 1, 2, 3


class _First(NamedTuple):
    """The first reader: it opens the PDF, says how many pages it has and how many of the
    ``jobs`` readers they need, and queues their runs in ``queue_end``."""

    jobs: int
    queue: int
    queue_end: int


class _Next(NamedTuple):
    """A reader of the runs left in ``queue``."""

    queue: int


_Start = _First | _Next


def _numbers(payload: bytes) -> tuple[int, int]:
    return int.from_bytes(payload[:4], "big"), int.from_bytes(payload[4:8], "big")


def _read(reading: PageReading, start: _Start, pipe: int) -> None:
    """The reader's work: runs from its queue until it is empty."""

    def send(kind: int, payload: bytes) -> None:
        message = bytes([kind]) + len(payload).to_bytes(4, "big") + payload
        while message:
            message = message[os.write(pipe, message) :]

    def starting(page: int) -> None:
        # A page's CPU time starts now: past PAGE_SECONDS the alarm's signal ends the process.
        signal.setitimer(signal.ITIMER_PROF, PAGE_SECONDS)
        send(_STARTED, page.to_bytes(4, "big"))

    document = None
    if isinstance(start, _First):
        document = _counted(reading, start, send)
        if document is None:
            return
    while len(token := os.read(start.queue, 2)) == 2:
        if document is None:  # its first run: only now is pdfium loaded
            document = _opened(reading)
        from xesg.load.pdf_pages import read_range

        run = reading._runs[int.from_bytes(token, "big")]
        pages = read_range(
            document, run.start, run.stop, reading._tables, skip=reading._failed, starting=starting
        )
        signal.setitimer(signal.ITIMER_PROF, 0)
        send(_READ, pickle.dumps((tuple(run), pages), pickle.HIGHEST_PROTOCOL))
    os.close(pipe)


def _opened(reading: PageReading) -> pdfium.PdfDocument:
    """The PDF opened in this reader, which is then bounded (its share of memory beyond
    what it holds with the PDF open)."""
    from xesg.load.pdf_pages import open_pdf  # pypdfium2: only where pages are read

    document = open_pdf(reading._path)
    _bound(reading._memory)
    return document


def _counted(
    reading: PageReading, start: _First, send: Callable[[int, bytes], None]
) -> pdfium.PdfDocument | None:
    """The first reader's start: the PDF opened, its pages counted and said, their runs
    queued; None when the PDF cannot be read (said instead)."""
    from xesg.load.pdf_pages import open_pdf  # pypdfium2: only where pages are read

    try:
        try:
            document = open_pdf(reading._path)
        except InputError as exc:
            send(_UNREADABLE, str(exc).encode())
            return None
        count = len(document)
        workers = _workers(start.jobs, count)
        send(_COUNTED, count.to_bytes(4, "big") + workers.to_bytes(4, "big"))
        reading.counted(count, workers)
        # Every run queued before another reader may take one (they fit in the pipe).
        os.write(start.queue_end, _tokens(range(len(reading._runs))))
    finally:
        os.close(start.queue_end)  # the queue ends once its runs are taken
    _bound(reading._memory)
    return document


def _bound(memory: int) -> None:
    """This reader's bounds: ``memory`` bytes of address space more than it has now, no
    core file when it dies of them, and the CPU alarm's signal fatal (its default)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + memory
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    faulthandler.disable()  # a reader ended by its bounds is said in one line, not a dump


def _why(status: int, memory: int) -> str:
    """What the page that ended a reader needed, worded as INP001 names an unreadable page."""
    code = os.waitstatus_to_exitcode(status)
    if code == -signal.SIGPROF:
        return f"more than {PAGE_SECONDS} s of CPU time to read, the limit for a page"
    if code == _NO_MEMORY or code < 0:
        # Short of memory under RLIMIT_AS, pdfium ends the process (its allocator's crash):
        # a page that needed too much and one pdfium crashes on look the same from here.
        return (
            f"more than {memory // MiB} MiB of memory to read, the limit for a page, "
            f"or a page that crashes pdfium ({_how(status)})"
        )
    return f"xesg failed reading it ({_how(status)})"


def _how(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    return f"exit status {code}" if code >= 0 else signal.Signals(-code).name


def _workers(jobs: int, count: int) -> int:
    return max(1, min(jobs, count // MIN_PAGES_PER_PROCESS))


def _runs(count: int, workers: int) -> list[_Run]:
    """Runs of pages, shorter and shorter (guided self-scheduling): each is a share of the
    pages left, so that a process that starts late still gets a share, and the processes
    finish close together, even when the last pages (an index, read as layout text) cost
    several times the others."""
    if workers <= 1:
        return [_Run(0, count)]
    runs = []
    start = 0
    while start < count:
        size = max(MIN_PAGES_PER_RUN, -(-(count - start) // (RUN_SHARE * workers)))
        runs.append(_Run(start, min(start + size, count)))
        start += size
    return runs


def _tokens(numbers: Iterable[int]) -> bytes:
    """Run numbers as a queue holds them: two bytes each. Each two-byte read of a queue
    written whole before any reader reads it (it fits in the pipe: runs are few), atomic
    under the pipe's lock, takes one whole number."""
    return b"".join(n.to_bytes(2, "big") for n in numbers)


def _queue(numbers: list[int]) -> int:
    """A pipe holding the run numbers ``numbers``; reading one takes that run."""
    read_end, write_end = os.pipe()
    os.write(write_end, _tokens(numbers))
    os.close(write_end)  # readers see the end of the queue once it is empty
    return read_end
