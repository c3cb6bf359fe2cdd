"""Hostile input (issue 14): nothing a user feeds xesg crashes it, hangs it, exhausts its
memory or loses output. Every fixture is made here; each case runs the command line in a
bounded subprocess (tests/hostile.py) and checks the exit status, one line on stderr, no
traceback, peak memory, and that no process is left behind. docs/limits.md lists the limits.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.hostile import (
    Interrupt,
    MiB,
    Run,
    assert_bounded,
    assert_clean_error,
    run_xesg,
)
from tests.pdf_fixtures import _raw_pdf, _stream
from xesg.load.guard import MAX_LINE_BYTES
from xesg.report import FORMATS, default_filename

pytestmark = pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")


def _json(run: Run) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads(run.stdout)  # type: ignore[type-arg]
    return data


def _rules(run: Run) -> set[str]:
    return {f["rule"] for f in _json(run)["findings"]}


def _pdf_of_pages(contents: list[bytes]) -> bytes:
    """A PDF whose pages draw the given content streams (no fonts: no text)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in contents:
        objects.append(_stream(content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>"
            % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _raw_pdf(objects)


# --- pages without text: a finding, not a crash --------------------------------------------


def test_a_scanned_pdf_is_an_ocr_finding(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(Image.new("L", (60, 80), color=200), x=0, y=0, w=210, h=297)
    (tmp_path / "scan.pdf").write_bytes(bytes(pdf.output()))
    run = run_xesg("check", "--format", "json", "scan.pdf", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    assert_bounded(run)
    inp001 = next(f for f in _json(run)["findings"] if f["rule"] == "INP001")
    assert "OCR" in inp001["message"]


@pytest.mark.parametrize(
    "contents",
    [[b"", b""], [b"0 0 m 500 800 l S", b"10 10 100 100 re f"]],
    ids=["blank-pages", "drawings-only"],
)
def test_a_pdf_without_any_text_says_no_text_layer(tmp_path: Path, contents: list[bytes]) -> None:
    (tmp_path / "r.pdf").write_bytes(_pdf_of_pages(contents))
    run = run_xesg("check", "--format", "json", "r.pdf", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    assert_bounded(run)
    inp001 = next(f for f in _json(run)["findings"] if f["rule"] == "INP001")
    assert "no text layer: OCR needed" in inp001["message"]


def test_a_page_tree_cycle_and_a_report_of_numbers_are_read(tmp_path: Path) -> None:
    cycle = _raw_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
    )
    (tmp_path / "cycle.pdf").write_bytes(cycle)
    (tmp_path / "numbers.txt").write_text("\f".join(f"12 34 56\n78 90\n{n}" for n in (1, 2, 3)))
    run = run_xesg("check", "--format", "json", "cycle.pdf", "numbers.txt", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    assert_bounded(run)
    assert [r["report"]["path"] for r in _json(run)["reports"]] == ["cycle.pdf", "numbers.txt"]


# --- HTML ------------------------------------------------------------------------------------


def test_html_declaring_a_codec_that_is_no_charset_is_read(tmp_path: Path) -> None:
    for name in ("idna", "punycode", "undefined"):
        page = (
            f'<html><head><meta charset="{name}"></head><body><p>Caf\u00e9 A1.2</p></body></html>'
        )
        (tmp_path / f"{name}.html").write_bytes(page.encode())
    run = run_xesg("check", "--format", "json", ".", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""  # IDX001 in each; none kills the others
    assert_bounded(run)
    assert len(_json(run)["reports"]) == 3


def test_html_nested_past_the_parser_limit_says_what_was_lost(tmp_path: Path) -> None:
    deep = "<div>" * 3000 + "<p>inside</p>" + "</div>" * 3000
    (tmp_path / "deep.html").write_text(
        f"<html><body><p>Before A1.2</p>{deep}<p>After</p></body></html>"
    )
    (tmp_path / "nested.html").write_text(
        "<html><body>"
        + "<div>" * 300
        + "<p>Inside</p>"
        + "</div>" * 300
        + "<p>After</p></body></html>"
    )
    run = run_xesg("check", "--format", "json", "deep.html", "nested.html", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    assert_bounded(run)
    deep_result, nested = _json(run)["reports"]
    assert any("deeper than 2048 levels at line 1" in n for n in deep_result["notes"])
    assert not any("deeper" in n for n in nested["notes"])  # 300 levels are read whole


def test_a_pdf_that_is_really_html_or_text_is_read_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "page.pdf").write_text(
        "<!DOCTYPE html><html><body><p>A1 Emissions</p></body></html>"
    )
    (tmp_path / "text.pdf").write_bytes(EXAMPLE.read_bytes())
    run = run_xesg("check", "--format", "json", "page.pdf", "text.pdf", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    html, text = _json(run)["reports"]
    assert "is no PDF (no %PDF header): read as HTML." in html["notes"][0]
    assert "read as text." in text["notes"][0]
    assert text["report"]["page_count"] == 15


# --- nesting, links, devices, pipes ----------------------------------------------------------


def test_devices_are_refused_before_reading(tmp_path: Path) -> None:
    assert_clean_error(
        run_xesg("check", "/dev/zero", cwd=tmp_path),
        "/dev/zero: a character device, not a regular file",
    )
    assert_clean_error(
        run_xesg("check", "--baseline", "/dev/urandom", EXAMPLE, cwd=tmp_path),
        "/dev/urandom: a character device",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "pipe.txt"),
        ("check", "batch"),
        ("check", "--baseline", "pipe.txt", str(EXAMPLE)),
        ("check", "--catalogue", "cat", str(EXAMPLE)),
        ("check", "--config", "pipe.txt", str(EXAMPLE)),
        ("check", "--index", "pipe.csv", str(EXAMPLE)),
        ("diff", "pipe.txt", "pipe.txt"),
    ],
    ids=["report", "in-a-batch", "baseline", "catalogue", "config", "index", "diff"],
)
def test_a_fifo_never_hangs(tmp_path: Path, args: tuple[str, ...]) -> None:
    for fifo in ("pipe.txt", "pipe.csv", "batch/r.txt", "cat/x.yaml"):
        (tmp_path / fifo).parent.mkdir(exist_ok=True)
        os.mkfifo(tmp_path / fifo)
    run = run_xesg(*args, cwd=tmp_path, seconds=10)
    assert_clean_error(run, "a named pipe (FIFO), not a regular file")


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "json", "--output", "pipe.json"),
        ("--write-baseline", "pipe.json"),
        ("--format", "json", "--output-dir", "."),
    ],
    ids=["output", "baseline", "output-dir"],
)
def test_an_output_to_a_fifo_no_process_reads_never_hangs(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    for name in ("pipe.json", "xesg.json"):
        os.mkfifo(tmp_path / name)
    run = run_xesg("check", *args, EXAMPLE, cwd=tmp_path, seconds=10)
    assert_clean_error(run, "json: cannot write (a named pipe no process reads)")


def test_an_output_to_a_fifo_a_process_reads_is_written_to_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    reader = subprocess.Popen(["cat", "pipe.json"], cwd=tmp_path, stdout=subprocess.PIPE)
    try:
        run = run_xesg("check", "--format", "json", "-o", "pipe.json", EXAMPLE, cwd=tmp_path)
        assert run.status == 1 and run.stderr == ""
        out, _ = reader.communicate(timeout=30)
    finally:
        reader.kill()
        reader.wait()
    assert json.loads(out)["report"]["page_count"] == 15


# --- size limits -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv"])
def test_a_line_over_the_limit_is_refused(tmp_path: Path, suffix: str) -> None:
    # 15 MiB on one line: within the size limit, far past the line limit.
    (tmp_path / f"r{suffix}").write_bytes(b"Code,Page\nA1," + b"word " * (3 * MiB))
    args = ("--index", f"r{suffix}", str(EXAMPLE)) if suffix == ".csv" else (f"r{suffix}",)
    run = run_xesg("check", *args, cwd=tmp_path)
    assert_clean_error(run, f"r{suffix}: line 2 is longer than {MAX_LINE_BYTES:,} bytes")


def test_a_long_line_just_under_the_limit_is_read_within_memory(tmp_path: Path) -> None:
    line = b"word " * ((MAX_LINE_BYTES - 10) // 5) + b"\n"
    (tmp_path / "r.txt").write_bytes(line * 20)
    run = run_xesg("check", "--format", "json", "r.txt", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    assert_bounded(run)


def test_a_paragraph_of_a_whole_report_is_read_within_memory(tmp_path: Path) -> None:
    # 15 MiB of words in one HTML paragraph, one of them outside the Basic Multilingual
    # Plane (Python then holds 4 bytes a character): collapsing its blanks at once held the
    # pieces of three million words, 535 MiB in all.
    words = "word " * (3 * MiB - 10)
    (tmp_path / "r.html").write_text(f"<p>A1.1 {words}\U0001f600</p>")
    run = run_xesg("check", "--format", "json", "r.html", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    assert_bounded(run)


# --- outputs ------------------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_written_in_every_format(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    formats = [a for f in FORMATS for a in ("--format", f)]
    run = run_xesg("check", *formats, "--output-dir", "out", name, cwd=tmp_path)
    assert run.status == 1
    assert all(line.startswith("xesg: wrote out/") for line in run.stderr_lines)
    assert_bounded(run)
    for fmt in FORMATS:
        text = (tmp_path / "out" / default_filename(fmt)).read_text(encoding="utf-8")
        assert any(shown in text for shown in ("caf\ufffd.txt", "caf%EF%BF%BD.txt")), fmt


def test_a_full_or_closed_standard_output_is_one_line(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        run = run_xesg("check", EXAMPLE, cwd=tmp_path, stdout=full.fileno())
    assert_clean_error(run, "cannot write the output (No space left on device)")
    run = run_xesg("check", EXAMPLE, cwd=tmp_path, stdout=None)
    assert_clean_error(run, "cannot write the output (standard output is closed)")
    # Not needed, a closed standard output is no error.
    run = run_xesg(
        "check", "--output", "out.json", "--format", "json", EXAMPLE, cwd=tmp_path, stdout=None
    )
    assert run.status == 1 and run.stderr == ""


def test_an_output_that_cannot_be_written_whole_leaves_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "out.json").write_text('{"old": true}\n')
    run = run_xesg(
        "check", "--format", "json", "--output", "out.json", EXAMPLE, cwd=tmp_path, file_size=4096
    )
    assert_clean_error(run, "out.json: cannot write (File too large)")
    assert json.loads((tmp_path / "out.json").read_text()) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary left


def test_outputs_of_two_runs_at_once_never_interleave(tmp_path: Path) -> None:
    command = ["check", "--format", "json", "--output", "out.json", str(EXAMPLE)]
    runs = [
        subprocess.Popen([sys.executable, "-m", "xesg", *command], cwd=tmp_path) for _ in range(3)
    ]
    assert [r.wait(timeout=60) for r in runs] == [1, 1, 1]
    assert json.loads((tmp_path / "out.json").read_text())["report"]["page_count"] == 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_terminal_control_sequences_never_reach_a_text_output(tmp_path: Path) -> None:
    hostile = "\x1b]0;owned\x07\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x9b2J\x1b[31m"
    row = "where appropriate, intensity.     P34"  # the index row of A1.2
    text = EXAMPLE.read_text().replace(row, row.replace("P34", f"P34{hostile}?") + hostile)
    (tmp_path / "r.txt").write_text(text)
    formats = [a for f in FORMATS for a in ("--format", f)]
    run = run_xesg("check", "-q", *formats, "--output-dir", "out", "r.txt", cwd=tmp_path)
    assert run.status == 1 and run.stderr == ""
    for fmt in FORMATS:
        output = (tmp_path / "out" / default_filename(fmt)).read_text(encoding="utf-8")
        if fmt in ("json", "sarif"):  # JSON escapes control characters: kept as written
            assert "P34\\u001b]0" in output, fmt  # in a finding
        else:
            assert not any(c in output for c in "\x1b\x07\x9b"), fmt
            assert "owned" not in output and "evil.example" not in output, fmt
            assert "PAG002" in output, fmt  # the finding quoting the hostile text is there


# --- signals ----------------------------------------------------------------------------------


def _long_batch(tmp_path: Path) -> None:
    """Far more work than a run stopped at once may take: twenty reports, each the example's
    pages ten times over (ten indexes, a second or more each), for two workers."""
    text = "\f".join(EXAMPLE.read_text().split("\f") * 10)
    (tmp_path / "batch").mkdir()
    for n in range(20):
        (tmp_path / "batch" / f"r{n:02}.txt").write_text(text)


@pytest.mark.parametrize(
    ("interrupt", "status"),
    [
        (Interrupt(signal.SIGTERM, workers=2), 143),
        (Interrupt(signal.SIGINT, workers=2), 130),
        (Interrupt(signal.SIGINT, workers=2, group=True), 130),  # Ctrl-C in a terminal
    ],
    ids=["SIGTERM", "SIGINT", "SIGINT-to-the-group"],
)
def test_a_signal_stops_a_batch_and_its_workers_at_once(
    tmp_path: Path, interrupt: Interrupt, status: int
) -> None:
    _long_batch(tmp_path)
    run = run_xesg("check", "--jobs", "2", "batch", cwd=tmp_path, interrupt=interrupt)
    # The signal came while both workers were reading reports: the status says it stopped
    # the run (a finished batch exits 1), and no report's result was written.
    assert run.status == status, run.stderr
    assert run.stderr_lines == [f"xesg: interrupted ({signal.Signals(interrupt.number).name})"]
    assert run.stdout == ""
    # Stopped, not drained: the reports left are minutes of work on a loaded machine.
    assert run.after_signal is not None and run.after_signal < 10, run.after_signal
    assert_bounded(run)  # no worker left behind, none printed a traceback
