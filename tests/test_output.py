"""What `xesg check` prints and writes: terminal width and colour (in a real pseudo-terminal),
concise lines, the summary by rule, --quiet, -o, output directories, skipped files, and the
`standards` and `explain` commands."""

from __future__ import annotations

import json
import os
import re
import select
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from tests.conftest import EXAMPLE, ROOT
from xesg.cli import main
from xesg.report.paths import unique_stems
from xesg.report.progress import CheckProgress

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def run_in_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """``python -m xesg ARGS`` with stdout on a pseudo-terminal ``columns`` wide."""
    if sys.platform == "win32":
        pytest.skip("no pseudo-terminals on Windows")
    import fcntl
    import pty
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    clean = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "TERM")}
    process = subprocess.Popen(
        [sys.executable, "-m", "xesg", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**clean, "TERM": "xterm-256color", **env},
        cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            pytest.fail("no output from xesg in a pseudo-terminal within 60 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower closed: xesg ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=60)
    assert process.returncode == 1, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def widest(text: str) -> int:
    return max(cell_len(ANSI.sub("", line)) for line in text.splitlines())


# --- the terminal ------------------------------------------------------------------------


def test_an_80_column_terminal_gets_a_clean_80_column_table_in_colour() -> None:
    text = run_in_terminal(["check", str(EXAMPLE.relative_to(ROOT))], 80, {})
    assert ANSI.search(text), "a terminal gets colour"
    assert widest(text) <= 80
    plain = ANSI.sub("", text)
    header = next(line for line in plain.splitlines() if "Finding" in line)
    assert header.split() == ["Rule", "Code", "Line", "Page", "Finding"]
    assert re.search(r"PAG001 +B2\.2 +502 +43 +B2\.2 cites 'P58'", plain)
    assert plain.rstrip().endswith("14 findings: 5 errors, 7 warnings, 2 info")


def test_a_wide_terminal_gets_rule_names_and_a_severity_column() -> None:
    text = ANSI.sub("", run_in_terminal(["check", str(EXAMPLE)], 140, {}))
    assert 110 < widest(text) <= 140
    assert re.search(r"Rule +. Severity +. Code +. Line +. Page +. Finding", text)
    assert "page-out-of-range" in text


def test_no_color_and_the_color_option() -> None:
    plain = run_in_terminal(["check", str(EXAMPLE)], 80, {"NO_COLOR": "1"})
    assert not ANSI.search(plain) and widest(plain) <= 80
    never = run_in_terminal(["check", "--color", "never", str(EXAMPLE)], 80, {})
    assert not ANSI.search(never)
    forced = run_in_terminal(["check", "--color", "always", str(EXAMPLE)], 80, {"NO_COLOR": "1"})
    assert ANSI.search(forced)


def test_columns_sets_the_width_without_a_terminal() -> None:
    for columns in (80, 132):
        _, out, _ = invoke("check", str(EXAMPLE), env={"COLUMNS": str(columns)})
        assert not ANSI.search(out)  # not a terminal: no colour
        assert columns - 10 < widest(out) <= columns
    _, out, _ = invoke("check", "--color", "always", str(EXAMPLE), env={"COLUMNS": "80"})
    assert "\x1b[1;31merror" in out


# --- concise, summary, quiet ------------------------------------------------------------


def test_concise_is_one_line_per_finding_like_ruff() -> None:
    code, out, _ = invoke("check", str(EXAMPLE), "--format", "concise")
    assert code == 1
    lines = out.splitlines()
    path = str(EXAMPLE)
    assert f"{path}:502: PAG001 [error] B2.2 cites 'P58', but the report's printed pages run 30–44. (page 43)" in lines  # fmt: skip  # noqa: E501
    # a finding about no row of the report has no line
    assert any(line.startswith(f"{path}: REQ001 [error] ") for line in lines)
    findings = [line for line in lines if line.startswith(path)]
    assert len(findings) == 14
    assert all(
        re.match(rf"{re.escape(path)}:(\d+:)? [A-Z]{{3}}\d{{3}} \[\w+\] ", f) for f in findings
    )


def test_summary_by_rule_and_severity_and_quiet_shows_only_it() -> None:
    _, out, _ = invoke("check", str(EXAMPLE))
    assert re.search(r"^2  warning  REQ002  hkex-provision-not-addressed$", out, re.MULTILINE)
    assert re.search(r"^1  info     PAG006  external-location$", out, re.MULTILINE)
    for fmt in ("console", "concise"):
        code, quiet, err = invoke("check", str(EXAMPLE), "--format", fmt, "--quiet")
        assert code == 1 and err == ""
        assert "cites 'P58'" not in quiet and "Index:" not in quiet
        assert quiet.splitlines()[0] == "1  error    IDX002  unknown-code"
        assert quiet.splitlines()[-1] == "14 findings: 5 errors, 7 warnings, 2 info"


def test_quiet_keeps_files_whole(tmp_path: Path) -> None:
    code, out, err = invoke(
        "check", str(EXAMPLE), "-q", "--format", "concise", "--output-dir", str(tmp_path)
    )
    assert (code, out, err) == (1, "", "")
    assert (tmp_path / "xesg-concise.txt").read_text(encoding="utf-8").count(": PAG00") == 4
    invoke("check", str(EXAMPLE), "-q", "--format", "concise", "-o", str(tmp_path / "o.txt"))
    assert (tmp_path / "o.txt").read_text(encoding="utf-8").count(": PAG00") == 4


def test_min_severity_in_the_summary() -> None:
    _, out, _ = invoke("check", str(EXAMPLE), "--min-severity", "warning", "-q")
    assert out.splitlines()[-1] == "12 findings: 5 errors, 7 warnings, 0 info"


def test_short_output_option(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = invoke("check", str(EXAMPLE), "--format", "concise", "-o", str(target))
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").count(": PAG00") == 4


# --- progress ---------------------------------------------------------------------------


def test_progress_names_each_phase_after_the_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    progress = CheckProgress()
    progress.phase("Parsing the index")  # nothing shown for a short report
    assert progress._progress is None
    progress.pages(1, 300)
    assert progress._progress is not None and progress._task is not None
    (task,) = progress._progress.tasks
    assert (task.description, task.fields["count"]) == ("Reading pages", "1/300")
    progress.pages(300, 300)
    for phase in ("Parsing the index", "Running rules", "Writing reports"):
        progress.phase(phase)
        (task,) = progress._progress.tasks
        assert (task.description, task.total, task.fields["count"]) == (phase, None, "")
    progress.stop()


def test_the_pipeline_announces_its_phases() -> None:
    from xesg.pipeline import run

    phases: list[str] = []
    run(EXAMPLE, phase=phases.append)
    assert phases == ["Parsing the index", "Running rules"]


def test_check_names_every_phase_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """`xesg check` at a terminal: each stage by name up to writing the reports, and the bar
    off the terminal before the findings go to it."""
    from collections.abc import Iterator
    from contextlib import contextmanager

    import xesg.report.progress

    heard: list[str] = []

    class Recorder:
        def pages(self, done: int, total: int) -> None:
            if not heard or heard[-1] != "pages":
                heard.append("pages")

        def phase(self, name: str) -> None:
            heard.append(name)

        def stop(self) -> None:
            heard.append("stop")

    @contextmanager
    def recording(enabled: bool) -> Iterator[Recorder]:
        yield Recorder()

    monkeypatch.setattr(xesg.report.progress, "check_progress", recording)
    code, out, _ = invoke("check", str(EXAMPLE), "--format", "concise")
    assert code == 1 and out.count(": PAG00") == 4
    # A text report is read at once (a PDF's pages report as they are read: the test above).
    assert heard == ["Parsing the index", "Running rules", "Writing reports", "stop"]


# --- several reports --------------------------------------------------------------------


def _two_reports_of_one_name(tmp_path: Path) -> tuple[Path, Path]:
    text = EXAMPLE.read_text(encoding="utf-8")
    first, second = tmp_path / "a" / "esg-report.txt", tmp_path / "b" / "esg-report.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    second.write_text(text.replace("P58", "P38"), encoding="utf-8")  # one finding fewer
    return first, second


def test_output_dir_never_writes_two_reports_to_one_file(tmp_path: Path) -> None:
    first, second = _two_reports_of_one_name(tmp_path)
    out = tmp_path / "out"
    code, _, err = invoke(
        "check", str(first), str(second), "--format", "json", "--format", "markdown",
        "--format", "html", "--output-dir", str(out),
    )  # fmt: skip
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "a-esg-report-xesg.html", "a-esg-report-xesg.json",
        "b-esg-report-xesg.html", "b-esg-report-xesg.json", "xesg.md",
    ]  # fmt: skip
    counts = [
        len(json.loads((out / f"{p}-esg-report-xesg.json").read_text("utf-8"))["findings"])
        for p in "ab"
    ]
    assert counts == [14, 13]
    assert err.count("xesg: wrote") == 5
    comment = (out / "xesg.md").read_text(encoding="utf-8")
    assert comment.startswith("### xesg: 2 reports, 27 findings")
    assert comment.count("<details>") == 2
    assert "(a-esg-report-xesg.html)" in comment and "(b-esg-report-xesg.html)" in comment


def test_quiet_with_several_reports_says_whose_summary_is_whose(tmp_path: Path) -> None:
    first, second = _two_reports_of_one_name(tmp_path)
    code, out, _ = invoke("check", str(first), str(second), "--format", "concise", "-q")
    assert code == 1
    blocks = out.split("\n\n")
    assert blocks[0].startswith(f"{first}:\n1  error    IDX002  unknown-code")
    assert blocks[0].endswith("14 findings: 5 errors, 7 warnings, 2 info")
    assert blocks[1].startswith(f"{second}:\n") and blocks[1].endswith(
        "13 findings: 4 errors, 7 warnings, 2 info"
    )
    assert blocks[2].startswith("2 report(s):")


def test_unique_stems() -> None:
    paths = [Path("a/esg.pdf"), Path("b/esg.pdf"), Path("b/esg.txt"), Path("x.txt")]
    assert unique_stems(paths) == ["a-esg", "b-esg-pdf", "b-esg-txt", "x"]
    assert unique_stems([Path("r.txt"), Path("r.txt")]) == ["r-txt", "r-txt-2"]
    assert unique_stems([Path("A/R.txt"), Path("a/r.txt")]) == ["A-R-txt", "a-r-txt-2"]


def test_markdown_for_several_reports_is_one_comment_with_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _two_reports_of_one_name(tmp_path)
    (tmp_path / ".git").mkdir()  # the repository the paths are relative to
    monkeypatch.chdir(tmp_path / "a")
    code, out, _ = invoke("check", str(first), str(second), "--format", "markdown")
    assert code == 1
    assert out.count("### xesg") == 1
    assert "| `a/esg-report.txt` | 5 | 7 | 2 |" in out
    assert "| `b/esg-report.txt` | 4 | 7 | 2 |" in out
    assert str(tmp_path) not in out
    _, single, _ = invoke("check", str(first), "--format", "markdown")
    assert single.startswith("### xesg: `a/esg-report.txt`")


def test_a_directory_scan_says_what_it_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / ".drafts").mkdir(parents=True)
    (folder / "esg.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / "index.csv").write_text("Code,Page\nA1,P2\n", encoding="utf-8")
    (folder / ".drafts" / "old.txt").write_text("draft", encoding="utf-8")
    code, out, err = invoke("check", str(folder), "--format", "json")
    assert code == 1 and len(json.loads(out)["reports"]) == 1
    skipped = [line for line in err.splitlines() if line.startswith("xesg: skipped")]
    assert skipped == [
        f"xesg: skipped {folder / '.drafts' / 'old.txt'}: hidden (.drafts)",
        f"xesg: skipped {folder / 'index.csv'}: a spreadsheet: name it, or pass it with "
        "--index, to check it as an index",
        f"xesg: skipped {folder / 'notes.docx'}: a .docx file, not a report (.txt, .pdf, "
        ".html, .htm, .xhtml, .md, .markdown)",
    ]
    assert "skipped" not in invoke("check", str(folder), "-q")[2]


# --- standards and explain --------------------------------------------------------------


def _status(output: str, catalogue: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith(catalogue + " "))
    return line.rsplit("(", 1)[-1].rstrip(")")


def test_standards_in_force_follows_the_effective_date_and_the_period() -> None:
    _, on_2026, _ = invoke("standards", "--on", "2026-06-30")
    assert _status(on_2026, "gri-102-2025") == "not yet in force: effective 2027-01-01"
    assert _status(on_2026, "gri-103-2025") == "not yet in force: effective 2027-01-01"
    assert (
        _status(on_2026, "gri-302-2016") == "in force; superseded by gri-103-2025 from 2027-01-01"
    )
    assert _status(on_2026, "gri-2-2021") == "in force"
    assert _status(on_2026, "gri-102-2016") == "superseded by gri-2-2021"
    assert _status(on_2026, "gri-307-2016") == "withdrawn"
    _, period_2027, _ = invoke("standards", "--period-end", "2027-12-31")
    assert _status(period_2027, "gri-102-2025") == "in force"
    assert _status(period_2027, "gri-302-2016") == "superseded by gri-103-2025"
    # a period ending mid-2027 began before the 2025 standards took effect
    _, period_mid, _ = invoke("standards", "--period-end", "2027-06-30")
    assert _status(period_mid, "gri-102-2025").startswith("not yet in force")
    # the HKEx Guide gives way to the Code on the Code's effective date
    _, period_2024, _ = invoke("standards", "--period-end", "2024-12-31")
    assert _status(period_2024, "hkex-esg-guide-2020").startswith("in force; superseded")
    code, _, err = invoke("standards", "--on", "2026-01-01", "--period-end", "2026-12-31")
    assert code == 2 and "either --on or --period-end" in err


def test_explain_has_no_internal_comment() -> None:
    code, out, _ = invoke("explain", "PAG001")
    assert code == 0 and out.startswith("# PAG001 page-out-of-range")
    assert "<!--" not in out and "gen_rule_docs" not in out
    doc = (ROOT / "docs" / "rules" / "PAG001.md").read_text(encoding="utf-8")
    assert doc.startswith(out) and "<!-- Generated" in doc


def test_the_readme_shows_the_concise_format_as_xesg_prints_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "xesg check examples/harbourline-esg-2024.txt --format concise --select PAG"
    shown = readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    _, out, _ = invoke(*command.split()[1:])
    assert out == shown


def test_unpaginated_text_gives_lines_never_page_none(tmp_path: Path) -> None:
    """A report without page breaks: findings about its text say where by line number (the
    console's Line column, concise `path:line:`), never "on page None" or "PNone:"."""
    report = tmp_path / "report.md"
    report.write_text(
        "# Highlights\n\n"
        "Our Scope 1 emissions were 1,243 tCO2e in 2024.\n"
        "Our sites are certified to ISO 14001:2015.\n\n"
        "# Emissions\n\n"
        "Water withdrawal was 9,096,95 m3.\n"
        "Our Scope 1 emissions were 1,234 tCO2e in 2024, down from 1,300 tCO2e.\n"
        "Our ISO 14001:2004 certificate covers two warehouses.\n"
        "Please refer to the “Green Finance” section for our bonds.\n",
        encoding="utf-8",
    )
    code, out, _ = invoke(
        "check",
        str(report),
        "--format",
        "json",
        "--select",
        "claims,PAG008",
        "--fail-on",
        "warning",
    )
    assert code == 1
    data = json.loads(out)
    assert data["report"]["pagination"] == "none"
    found = {f["rule"]: f for f in data["findings"]}
    assert set(found) == {"CLM001", "CLM003", "CLM004", "PAG008"}
    assert "None" not in out
    assert found["CLM001"]["line"] == 9
    assert "is 1,243 tCO2e on line 3 but 1,234 tCO2e on line 9" in found["CLM001"]["message"]
    assert found["CLM001"]["evidence"].startswith("line 3: ")
    assert found["CLM003"]["message"].startswith("'9,096,95' on line 8: ")
    assert found["CLM004"]["evidence"] == "line 4: ISO 14001:2015 | line 10: ISO 14001:2004"
    assert found["PAG008"]["line"] == 11 and "text on line 11 refers" in found["PAG008"]["message"]
    _, concise, _ = invoke("check", str(report), "--format", "concise", "--select", "CLM003")
    assert concise.startswith(f"{report}:8: CLM003 [warning] '9,096,95' on line 8: ")


# --- SARIF from the command line --------------------------------------------------------


def test_sarif_and_annotation_paths_from_the_repository_root_and_the_docs_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a sub-folder of a repository with an absolute report path: the SARIF path
    is relative to the repository root; rule links use `docs_url` from the configuration."""
    (tmp_path / ".git").mkdir()
    report = tmp_path / "esg" / "report.txt"
    report.parent.mkdir()
    report.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "xesg.toml").write_text(
        'docs_url = "https://docs.example.org/xesg/"\n', encoding="utf-8"
    )
    monkeypatch.chdir(report.parent)
    code, out, _ = invoke("check", str(report), "--format", "sarif")
    assert code == 1
    run_ = json.loads(out)["runs"][0]
    assert run_["artifacts"][0]["location"] == {"uri": "esg/report.txt", "uriBaseId": "%SRCROOT%"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert run_["tool"]["driver"]["informationUri"] == "https://docs.example.org/xesg/"
    helps = {rule["id"]: rule["helpUri"] for rule in run_["tool"]["driver"]["rules"]}
    assert helps["PAG001"] == "https://docs.example.org/xesg/rules/PAG001.md"
    _, annotations, _ = invoke("check", str(report), "--format", "github")
    assert annotations.startswith("::error file=esg/report.txt,line=")
    _, junit, _ = invoke("check", str(report), "--format", "junit")
    assert '<testsuites name="xesg esg/report.txt"' in junit and str(tmp_path) not in junit


def test_the_docs_base_defaults_to_the_packages_documentation_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.metadata

    from xesg.report import package_docs_url

    class Metadata:
        def __init__(self, urls: list[str]) -> None:
            self.urls = urls

        def get_all(self, name: str) -> list[str]:
            return self.urls if name == "Project-URL" else []

    urls = ["Source, https://example.org/src", "Documentation, https://docs.example.org/x"]
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Metadata(urls))
    assert package_docs_url() == "https://docs.example.org/x"
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Metadata(urls[:1]))
    assert package_docs_url() is None


def test_the_packages_metadata_is_read_only_for_a_format_that_links_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import xesg.cli

    asked: list[str] = []
    monkeypatch.setattr(xesg.cli, "package_docs_url", lambda: asked.append("asked") or None)
    invoke("check", str(EXAMPLE), "--format", "json")
    assert asked == []
    for fmt in ("sarif", "markdown"):
        invoke("check", str(EXAMPLE), "--format", fmt)
        assert asked == ["asked"], fmt
        asked.clear()


# --- names, links and the documentation ---------------------------------------------------


def test_junit_names_a_disclosure_once() -> None:
    """A named item (HKEx "Governance Structure") has its name for code and title: the test
    case says it once, and no case of the example repeats itself."""
    from xesg.report.junit_format import case_name

    assert case_name("Governance Structure", "Governance Structure") == "Governance Structure"
    assert case_name("305-1", "Direct (Scope 1) GHG emissions") == (
        "305-1 Direct (Scope 1) GHG emissions"
    )
    _, junit, _ = invoke("check", str(EXAMPLE), "--format", "junit")
    names = re.findall(r'<testcase [^>]*name="([^"]*)"', junit)
    assert "Governance Structure" in names
    assert [n for n in names if re.fullmatch(r"(.+) \1", n)] == []


ADDRESS = re.compile(r"https?://[^\s\"'<>)`\]]+")
# Addresses that are no claim about where xesg lives: the SARIF and JSON Schema identifiers,
# and the placeholder docs base of the examples.
NOT_XESG = (
    "https://json.schemastore.org/",
    "https://json-schema.org/",
    "https://docs.example.org/",
)


def test_every_link_xesg_writes_is_under_the_one_docs_base() -> None:
    """xesg has no confirmed public address, so it writes none of its own: rule links exist
    only under the configured docs base (``docs_url``, else the package's Documentation URL),
    in every format, and without one no format links anywhere."""
    from xesg.pipeline import run
    from xesg.report import FORMATS, RenderOptions, renderer

    result = run(EXAMPLE)
    base = "https://docs.example.org/xesg"
    for fmt in FORMATS:
        bare = ADDRESS.findall(renderer(fmt)(result, RenderOptions()))
        assert [a for a in bare if not a.startswith(NOT_XESG[0])] == [], fmt
        linked = ADDRESS.findall(renderer(fmt)(result, RenderOptions(docs_url=base)))
        assert all(a.startswith((base, NOT_XESG[0])) for a in linked), fmt
        if fmt in ("sarif", "markdown"):
            assert f"{base}/rules/PAG001.md" in linked, fmt


def test_the_docs_name_no_address_nothing_confirms() -> None:
    """No repository, tag or documentation address in the package metadata, README or
    docs/ that the project has not confirmed: [project.urls] stays out of pyproject.toml
    until there is one (docs/configuration.md says so)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "urls" not in project
    pages = [ROOT / "README.md", ROOT / "pyproject.toml", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        found = ADDRESS.findall(page.read_text(encoding="utf-8"))
        assert [a for a in found if not a.startswith(NOT_XESG)] == [], page
    assert "[project.urls]" in (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_ci_docs_neither_convert_pdfs_nor_pin_a_tag() -> None:
    """xesg reads PDFs itself, and no release tag exists: docs/ci.md pins a commit."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "pdftotext" not in text
    assert not re.search(r"xesg[^\s]*@v?\d", text), "a version tag of xesg"
    assert not re.search(r"\brev: *v?\d", text), "a pre-commit rev that is a tag"
    assert "@<commit-sha>" in text and "rev: <commit-sha>" in text
    assert re.search(r"xesg check [^\n]*\.pdf", text), "a PDF checked as it is"


def test_the_readme_timing_is_the_one_measured_in_docs_performance() -> None:
    """README's ratios to the pdfium floor are docs/performance.md's medians, rounded."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    claims = re.findall(
        r"(\d+(?:\.\d+)?)× (?:the time pdfium alone takes to extract the text )?at ([\d,]+)",
        readme,
    )
    assert len(claims) >= 2
    performance = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    for ratio, pages in claims:
        row = re.search(
            rf"^\| {re.escape(pages)} \| [^|]+\| [^|]+\| ([\d.]+) \(", performance, re.M
        )
        assert row is not None, f"docs/performance.md has no row for {pages} pages"
        assert f"{float(row.group(1)):.1f}" == ratio, pages
