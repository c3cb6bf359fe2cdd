"""Run ``python -m xesg`` as a user would, bounded: the harness of the hostile-input tests.

Each run is a child of a small wrapper process that sets the limits (address space, CPU
time) and reports the peak memory of the run and every process it started; the wrapper
leads a session of its own, so a worker process left behind is found by its process group.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MiB = 1 << 20
MEMORY = 500 * MiB  # the most any run may hold (resident), its workers included
ADDRESS_SPACE = 2048 * MiB  # the hard bound: past it allocations fail rather than swap
SECONDS = 30  # no case may run longer (the suite's cases take a few seconds each)

# The wrapper: limits, then the run; its peak memory (KiB) and status go to a file.
_WRAPPER = """
import json, resource, signal, subprocess, sys
address_space, seconds, stats = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def limits():
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file-size limit: EFBIG, not death
fsize = int(sys.argv[4])
def child_limits():
    limits()
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # not the wrapper's SIG_IGN: xesg's own
    if fsize:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
# A terminal's Ctrl-C reaches the whole process group: the wrapper stays out of it.
signal.signal(signal.SIGINT, signal.SIG_IGN)
status = subprocess.call([sys.executable, "-m", "xesg", *sys.argv[5:]], preexec_fn=child_limits)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(stats, "w") as handle:
    json.dump({"status": status, "peak_kib": peak}, handle)
"""


@dataclass(frozen=True)
class Interrupt:
    """A signal sent to a run once ``workers`` of its worker processes are at work (each has
    used some CPU time: reading a report, not starting up) — a readiness signal, not a
    delay, so a loaded machine neither sends it too early nor lets the run finish first."""

    number: int
    workers: int
    group: bool = False  # to the whole process group, as a terminal's Ctrl-C, not one PID


@dataclass(frozen=True)
class Run:
    status: int  # exit status; -N when signal N ended it
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int  # resident memory of the largest process of the run
    left_behind: bool  # a process of the run still alive after it ended
    after_signal: float | None = None  # seconds from the interrupt to the end of the run

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_xesg(
    *args: str | Path,
    cwd: Path | None = None,
    stdout: int | None = subprocess.PIPE,
    file_size: int = 0,
    seconds: int = SECONDS,
    interrupt: Interrupt | None = None,
) -> Run:
    """``xesg ARGS`` in ``cwd``, bounded (see the module docstring). ``stdout`` may be a file
    descriptor to write to instead of a pipe (``/dev/full``) or None to close it;
    ``file_size`` limits the size of any file the run writes; ``interrupt`` is a signal
    sent while the run's workers are busy."""
    with tempfile.TemporaryDirectory() as scratch:
        stats = Path(scratch) / "stats.json"
        command = [
            sys.executable,
            "-c",
            _WRAPPER,
            str(ADDRESS_SPACE),
            str(seconds),
            str(stats),
            str(file_size),
            *map(str, args),
        ]
        start = time.monotonic()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=_close_stdout if stdout is None else None,
        )
        signalled = None
        if interrupt is not None:
            try:
                xesg = _first_child(process.pid)
                _await_busy_workers(xesg, interrupt.workers, deadline=start + seconds)
            except AssertionError:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise
            signalled = time.monotonic()
            if interrupt.group:
                os.killpg(process.pid, interrupt.number)  # the wrapper ignores SIGINT
            else:
                os.kill(xesg, interrupt.number)
        try:
            out, err = process.communicate(timeout=seconds + 10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(
                f"xesg {' '.join(map(str, args))}: still running after {seconds} s"
            ) from None
        elapsed = time.monotonic() - start
        time.sleep(0.05)  # a killed worker's last moments
        left = _group_alive(process.pid)
        if left:
            os.killpg(process.pid, signal.SIGKILL)
        # No statistics: the wrapper itself was killed (the run outgrew its bounds).
        data = json.loads(stats.read_text()) if stats.exists() else {"status": -1, "peak_kib": 0}
    return Run(
        status=int(data["status"]),
        stdout=(out or b"").decode("utf-8", "replace"),
        stderr=err.decode("utf-8", "replace"),
        seconds=elapsed,
        peak_bytes=int(data["peak_kib"]) * 1024,
        left_behind=left,
        after_signal=None if signalled is None else start + elapsed - signalled,
    )


def _close_stdout() -> None:
    os.close(1)


def _first_child(pid: int) -> int:
    for _ in range(1500):  # 30 s: a loaded machine starts Python slowly
        found = _children(pid)
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"process {pid} started no child")


BUSY_SECONDS = 0.2  # CPU time a worker has used once it is reading a report


def _await_busy_workers(pid: int, count: int, deadline: float) -> None:
    """Return once ``count`` child processes of ``pid`` have each used BUSY_SECONDS of CPU."""
    ticks = os.sysconf("SC_CLK_TCK")
    while time.monotonic() < deadline:
        busy = [c for c in _children(pid) if _cpu_seconds(c, ticks) >= BUSY_SECONDS]
        if len(busy) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"{count} worker processes of {pid} were never busy")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_seconds(pid: int, ticks: int) -> float:
    """User and system CPU time of a process (0 when it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime: fields 14 and 15


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def assert_clean_error(run: Run, *fragments: str) -> None:
    """Exit status 2 with one line on stderr naming the problem, no traceback, bounded."""
    assert run.status == 2, (run.status, run.stderr[-2000:])
    assert len(run.stderr_lines) == 1, run.stderr[-2000:]
    assert run.stderr.startswith("xesg: error: ")
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr
    assert_bounded(run)


def assert_bounded(run: Run) -> None:
    """No traceback, within memory, nothing left running."""
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.peak_bytes < MEMORY, f"{run.peak_bytes / MiB:.0f} MiB"
    assert not run.left_behind
