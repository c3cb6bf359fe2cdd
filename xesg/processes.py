"""Work in several processes (pdfium is not thread-safe: parallel work is processes, never
threads): how many cores a run may use, and work done in a forked child process."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


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


class Forked(Generic[T]):
    """``work()`` run in a forked child process from now on; :meth:`result` waits for what
    it returned (pickled through a pipe). The child shares this process's memory as it was
    at the fork, copy-on-write, so ``work`` needs no arguments passed or loaded again. When
    the child fails — or no child could be forked — ``result()`` is None, the reason is
    said in one line on stderr, and the caller does the work itself."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._pid: int | None = None
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a limit reached): nothing to wait for
            os.close(read_end)
            os.close(write_end)
            return
        if pid:
            os.close(write_end)
            self._pid, self._pipe = pid, read_end
            _LIVE.add(pid)
            return
        _LIVE.clear()  # the parent's children are not this one's
        # The child: never return into the caller's stack, never run its exit handlers. An
        # exception ends it with status 1 and one line on stderr.
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        except Exception as exc:  # said, then the process ends
            print(f"xesg: a worker process failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        finally:
            sys.stderr.flush()
            os._exit(status)

    def result(self) -> T | None:
        """What ``work()`` returned; None when the child failed."""
        if self._pid is None:
            return None
        pid, self._pid = self._pid, None
        with os.fdopen(self._pipe, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        _LIVE.discard(pid)
        if status != 0 or not payload:
            code = os.waitstatus_to_exitcode(status)
            how = f"exit status {code}" if code >= 0 else f"signal {-code}"
            print(
                f"xesg: note: a worker process ended ({how}); its work is done here.",
                file=sys.stderr,
            )
            return None
        done: T = pickle.loads(payload)
        return done

    def cancel(self) -> None:
        """Stop the child, its work no longer wanted (after :meth:`result`: nothing to do).
        It is not reaped before this, so its process id cannot belong to another."""
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        _LIVE.discard(pid)
        os.close(self._pipe)
