"""The launcher: `xesg check report.pdf` starts reading the pages before click loads."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import tests.pdf_fixtures as fx
from xesg import launcher
from xesg.cli import check, main
from xesg.load import pdf_pages
from xesg.load.pdf_pages import PageReading

# Every option of `check` that takes a value, with a value it accepts.
VALUED = {
    name: "2" if param.name == "jobs" else "x"
    for param in check.params
    if isinstance(param, click.Option) and not param.is_flag
    for name in param.opts
}


def test_flags_are_the_commands_flags() -> None:
    flags = {
        name
        for param in check.params
        if isinstance(param, click.Option) and param.is_flag
        for name in param.opts
    }
    help_names = check.get_help_option_names(click.Context(check, **main.context_settings))
    assert flags | set(help_names) == launcher.CHECK_FLAGS


@given(
    before=st.lists(
        st.sampled_from(sorted(VALUED)) | st.sampled_from(sorted(launcher.CHECK_FLAGS))
    ),
    after=st.lists(st.sampled_from(sorted(VALUED)) | st.sampled_from(sorted(launcher.CHECK_FLAGS))),
    joined=st.booleans(),
    report=st.text(min_size=1).filter(lambda s: not s.startswith("-")),
)
def test_the_report_is_found_among_any_options(
    before: list[str], after: list[str], joined: bool, report: str
) -> None:
    def spelled(options: list[str]) -> list[str]:
        args: list[str] = []
        for option in options:
            if option not in VALUED:
                args.append(option)
            elif joined and option.startswith("--"):
                args.append(f"{option}={VALUED[option]}")
            else:
                args += [option, VALUED[option]]
        return args

    args = ["check", *spelled(before), report, *spelled(after)]
    jobs = 2 if "--jobs" in before + after else None
    assert launcher.report_and_jobs(args) == (report, jobs)


@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["check", "a.pdf"], ("a.pdf", None)),
        (["check", "--jobs", "3", "a.pdf"], ("a.pdf", 3)),
        (["check", "--jobs=1", "--", "-a.pdf"], ("-a.pdf", 1)),
        (["check", "--format", "json", "a.pdf", "--quiet"], ("a.pdf", None)),
        (["check", "a.pdf", "b.pdf"], None),  # several reports: a batch
        (["check", "--format", "a.pdf"], None),  # no report: a usage error for click
        (["check", "--jobs", "zero", "a.pdf"], None),  # click's to report
        (["check", "--jobs", "0", "a.pdf"], None),
        (["rules"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_report_and_jobs(args: list[str], found: tuple[str, int | None] | None) -> None:
    assert launcher.report_and_jobs(args) == found


def test_only_pdfs_are_read_early(tmp_path: Path) -> None:
    text = tmp_path / "report.pdf"
    text.write_text("a text report named .pdf", encoding="utf-8")
    assert launcher.start_reading(text, None) is None
    assert launcher.start_reading(tmp_path / "missing.pdf", None) is None
    assert launcher.start_reading(tmp_path, None) is None
    pdf = tmp_path / "real.pdf"
    pdf.write_bytes(fx.numbered_report())
    reading = launcher.start_reading(pdf, 1)
    assert isinstance(reading, PageReading)
    reading.close()


def test_the_command_takes_over_the_reading_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(fx.numbered_report())
    expected = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    given_reading = PageReading(str(path), jobs=1)
    taken: list[PageReading] = []
    result = PageReading.result

    def spied(self: PageReading, progress: object = None) -> list[pdf_pages.PageText]:
        taken.append(self)
        return result(self, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(PageReading, "result", spied)
    got = CliRunner().invoke(
        main, ["check", str(path), "--format", "json"], obj={"reading": given_reading}
    )
    assert taken == [given_reading]
    assert (got.exit_code, got.output) == (expected.exit_code, expected.output)


def _children(pid: int) -> list[str]:
    task = Path(f"/proc/{pid}/task/{pid}/children")
    return task.read_text().split() if task.exists() else []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_reading_closed_unread_leaves_no_process_or_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_pages, "MIN_PAGES_PER_PROCESS", 1)
    path = str(tmp_path / "report.pdf")
    Path(path).write_bytes(fx.numbered_report())
    PageReading(path, jobs=3).close()  # warm up: imports, caches
    before = len(list(Path("/proc/self/fd").iterdir()))
    reading = PageReading(path, jobs=3)
    assert len(_children(os.getpid())) == 2
    reading.close()
    reading.close()  # twice is harmless
    assert _children(os.getpid()) == []
    assert len(list(Path("/proc/self/fd").iterdir())) == before


def test_the_command_as_installed_reads_early_with_the_same_output(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(fx.numbered_report())
    expected = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--jobs", "1"])
    run = [sys.executable, "-m", "xesg", "check", str(path), "--format", "json", "--jobs", "2"]
    done = subprocess.run(run, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (expected.exit_code, expected.output)
    bad = subprocess.run([*run, "--no-such-option"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_the_command_collects_garbage_less_often_and_exits_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    exits: list[int] = []

    def exit_now(code: int) -> None:
        exits.append(code)
        raise SystemExit  # the test goes on where os._exit would end the process

    monkeypatch.setattr(os, "_exit", exit_now)
    threshold = gc.get_threshold()
    try:
        monkeypatch.setattr(sys, "argv", ["xesg", "--version"])
        with pytest.raises(SystemExit):
            launcher.main()
        assert gc.get_threshold()[0] == launcher.GC_THRESHOLD
        assert "xesg, version" in capsys.readouterr().out
        monkeypatch.setattr(sys, "argv", ["xesg", "check", "--no-such-option"])
        with pytest.raises(SystemExit):
            launcher.main()
    finally:
        gc.set_threshold(*threshold)
    assert exits == [0, 2]  # as click would have exited
