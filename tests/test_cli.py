"""The command line: exit codes, one-line errors, JSON content."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from xesg import __version__
from xesg.cli import main

REPORT = "Report\n\nAbout us\n1\fEmissions were low.\n2\f"
INDEX_ROWS = "\n".join(
    [
        "Content Index",
        "Code    Description                                   Page",
        "A1      Emissions                                     P2",
        "A1.1    The types of emissions and respective emissions data.   P2",
        "A1.2    Direct (Scope 1) and energy indirect (Scope 2) greenhouse gas emissions   P9",
        "A2      Use of Resources                              P2",
        "A2.1    Direct and/or indirect energy consumption     P2",
    ]
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0
    assert __version__ in out


def test_rules_lists_every_rule() -> None:
    code, out, _ = invoke("rules")
    assert code == 0
    for rule in ("IDX001", "IDX002", "IDX003", "IDX004", "TTL001", "REQ001", "REQ002"):
        assert rule in out
    assert "page-out-of-range" in out


def test_example_fails_with_findings_and_json_is_complete() -> None:
    code, out, _ = invoke("check", str(EXAMPLE), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["tool"] == {"name": "xesg", "version": __version__}
    assert data["report"]["page_count"] == 15
    assert (data["report"]["first_page_label"], data["report"]["last_page_label"]) == ("30", "44")
    entry = next(e for e in data["index"]["entries"] if e["code"] == "B7")
    assert entry["locations"] == [
        {"kind": "page", "raw": "P41", "start": "41", "end": "41"},
        {
            "kind": "document",
            "raw": "Annual Report P150 - 156",
            "start": "150",
            "end": "156",
            "document": "Annual Report",
        },
    ]
    finding = next(f for f in data["findings"] if f["rule"] == "PAG001")
    assert finding["name"] == "page-out-of-range"
    assert (finding["severity"], finding["code"], finding["page"]) == ("error", "B2.2", "43")
    assert finding["found"] == "P58"
    assert "P58" in finding["evidence"]
    assert data["summary"]["findings"] == {"error": 5, "warning": 7, "info": 2}
    assert data["summary"]["codes_per_standard"] == {"gri": 10, "hkex": 50}


def test_json_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    invoke("check", str(EXAMPLE), "--format", "json", "--output", str(first))
    invoke("check", str(EXAMPLE), "--format", "json", "--output", str(second))
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(("fail_on", "exit_code"), [("error", 1), ("never", 0)])
def test_fail_on(fail_on: str, exit_code: int) -> None:
    assert invoke("check", str(EXAMPLE), "--fail-on", fail_on)[0] == exit_code


def test_only_info_findings_pass_at_default_threshold(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "\f".join(
            [
                "Cover",
                "We report with reference to the GRI Standards.\n2",
                "Code    Description                 Page\n"
                "305-1   Direct (Scope 1) GHG emissions    P2; Annual Report, P40\n"
                "305-2   Energy indirect (Scope 2) GHG emissions    P2\n"
                "305-3   Other indirect (Scope 3) GHG emissions    P2\n"
                "305-4   GHG emissions intensity    P2\n3",
            ]
        ),
        encoding="utf-8",
    )
    code, out, _ = invoke("check", str(report), "--format", "json")
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("PAG006", "info")]
    assert code == 0
    assert invoke("check", str(report), "--fail-on", "info")[0] == 1


def test_console_output_has_summary_and_table() -> None:
    code, out, _ = invoke("check", str(EXAMPLE))
    assert code == 1
    assert "printed pages 30–44" in out
    assert "60 entries" in out
    assert "PAG001" in out and "page-out-of-range" in out
    assert "14 findings: 5 errors, 7 warnings, 2 info" in out


def test_report_without_index_is_a_finding_not_an_error(tmp_path: Path) -> None:
    report = tmp_path / "plain.txt"
    report.write_text("Our ESG report.\n1\fWe reduced emissions.\n2\f", encoding="utf-8")
    code, out, _ = invoke("check", str(report), "--format", "json")
    assert code == 1
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["IDX001"]


def test_unpaginated_report_says_so(tmp_path: Path) -> None:
    report = tmp_path / "index.md"
    report.write_text("# Index\n\n" + INDEX_ROWS + "\n", encoding="utf-8")
    _, out, _ = invoke("check", str(report), "--format", "json")
    data = json.loads(out)
    assert data["report"]["pagination"] == "none"
    assert any("syntax only" in note for note in data["notes"])
    assert "PAG001" not in {f["rule"] for f in data["findings"]}  # P9 cannot be judged


def test_first_page_override(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT.replace("Report", INDEX_ROWS), encoding="utf-8")
    _, out, _ = invoke("check", str(report), "--format", "json", "--first-page", "8")
    data = json.loads(out)
    assert (data["report"]["first_page_label"], data["report"]["last_page_label"]) == ("8", "9")
    assert "PAG001" in {f["rule"] for f in data["findings"]}  # P2 is now outside 8-9


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "no report files found"),
        (lambda p: (p.write_bytes(b""), p)[1], "the report is empty"),
        (lambda p: (p.write_bytes(b"\x00\x01\x02binary\x00" * 50), p)[1], "binary data"),
        (lambda p: (p.write_bytes(b"%PDF-1.7\n%\xe2\xe3"), p)[1], "not a readable PDF"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = setup(tmp_path / "report.txt")
    code, out, err = invoke("check", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("xesg: error: ")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("A1.1 émissions\f".encode("utf-16"), "utf-16"),
        ("A1.1 émissions – ok\f".encode("cp1252"), "cp1252"),
        ("A1.1 émissions\f".encode("utf-8-sig"), "utf-8-sig"),
    ],
)
def test_encodings_are_detected_and_reported(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    code, out, _ = invoke("check", str(path), "--format", "json")
    assert code == 1  # no index
    assert json.loads(out)["report"]["encoding"] == encoding


def test_unknown_standard_exits_2() -> None:
    code, _, err = invoke("check", str(EXAMPLE), "--standard", "iso")
    assert code == 2
    assert "unknown standard iso" in err


def test_broken_catalogue_directory_exits_2(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("id: [", encoding="utf-8")
    code, _, err = invoke("check", str(EXAMPLE), "--catalogue", str(tmp_path))
    assert code == 2
    assert "x.yaml" in err and "invalid YAML" in err


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.json"
    code, _, err = invoke("check", str(EXAMPLE), "--output", str(target))
    assert code == 2
    assert "cannot write" in err


def test_index_from_a_spreadsheet_is_checked_against_the_report(tmp_path: Path) -> None:
    sheet = tmp_path / "index.csv"
    sheet.write_text(
        "GRI Standard,Disclosure,Title,Location\n"
        "GRI 2: General Disclosures 2021,2-1,Organizational details,P31\n"
        ",2-2,Entities included in the organization's sustainability reporting,P99\n"
        ',2-3,"Reporting period, frequency and contact point",P31\n',
        encoding="utf-8",
    )
    code, out, _ = invoke(
        "check", str(EXAMPLE), "--index", str(sheet), "--select", "PAG001", "--format", "json"
    )
    data = json.loads(out)
    assert code == 1
    assert [e["code"] for e in data["index"]["entries"]] == ["2-1", "2-2", "2-3"]
    assert [(f["rule"], f["code"], f["found"]) for f in data["findings"]] == [
        ("PAG001", "2-2", "P99")
    ]
    assert data["notes"][0].startswith(f"Index read from {sheet} (utf-8)")
    override = invoke(
        "check",
        str(EXAMPLE),
        "--index",
        str(sheet),
        "--columns",
        "location=Title",
        "--format",
        "json",
    )
    # The override wins over detection: the Title column is now read as the location.
    first = json.loads(override[1])["index"]["entries"][0]
    assert [(loc["kind"], loc["raw"]) for loc in first["locations"]] == [
        ("section", "Organizational details")
    ]


def test_columns_name_the_roles_of_a_report_index_too(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "GRI content index\n\nRef\tMatter\tFound in\n"
        "2-1\tOrganizational details\tp. 1\n2-2\tEntities included\tp. 1\n"
        "2-3\tReporting period\tp. 1\n2-4\tRestatements\tp. 1\n",
        encoding="utf-8",
    )
    runs = [
        json.loads(invoke("check", str(report), *extra, "--format", "json")[1])["index"]
        for extra in ((), ("--columns", "location=Found in,description=Matter"))
    ]
    assert [entry["locations"] for entry in runs[0]["entries"]] == [[]] * 4
    assert runs[1]["layout"] == "columns"
    assert [[loc["raw"] for loc in e["locations"]] for e in runs[1]["entries"]] == [["p. 1"]] * 4


def test_several_formats_go_to_an_output_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = invoke(
        "check", str(EXAMPLE), "--format", "sarif", "--format", "junit", "--format", "html",
        "--output-dir", str(out),
    )  # fmt: skip
    assert code == 1 and stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["xesg-junit.xml", "xesg.html", "xesg.sarif"]
    assert json.loads((out / "xesg.sarif").read_text())["version"] == "2.1.0"
    assert "wrote" in stderr
    code, _, err = invoke("check", str(EXAMPLE), "--format", "sarif", "--format", "json")
    assert code == 2 and "need --output-dir" in err


def test_several_reports_and_directories_one_summary(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("No index here.\n1\fStill none.\n2\f", encoding="utf-8")
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    code, out, _ = invoke("check", str(folder), "--jobs", "2")
    assert code == 1
    assert "2 report(s):" in out
    assert f"{folder / 'a.txt'}: 60 index entries; 5 error(s)" in out
    assert f"{folder / 'b.txt'}: 0 index entries; 1 error(s)" in out
    code, out, _ = invoke("check", str(folder / "a.txt"), str(folder / "b.txt"), "--format", "json")
    assert [len(r["findings"]) for r in json.loads(out)["reports"]] == [14, 1]


def test_a_bad_report_among_several_is_exit_2_and_the_others_still_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Nothing.\n1\f", encoding="utf-8")
    code, out, err = invoke("check", str(good), str(tmp_path / "missing.txt"))
    assert code == 2
    assert "missing.txt: no such file" in err
    assert f"{good}: 0 index entries" in out


def test_diff_command(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    invoke("check", str(EXAMPLE), "--format", "json", "--output", str(old))
    changed = tmp_path / "changed.txt"
    changed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("P58", "P59"), encoding="utf-8")
    invoke("check", str(changed), "--format", "json", "--output", str(new))
    code, out, _ = invoke("diff", str(old), str(new))
    assert code == 1
    assert "P59" in out
    assert invoke("diff", str(old), str(old))[0] == 0
    assert invoke("diff", str(old), str(tmp_path / "nope.json"))[0] == 2


def test_a_spreadsheet_index_alone_is_checked_for_syntax(tmp_path: Path) -> None:
    sheet = tmp_path / "index.csv"
    sheet.write_text(
        "Disclosure,Title,Location\n"
        "2-1,Organizational details,P31\n"
        "2-2,Entities included in the organization's sustainability reporting,P3?\n"
        '2-3,"Reporting period, frequency and contact point",P39 - 37\n',
        encoding="utf-8",
    )
    code, out, _ = invoke("check", str(sheet), "--format", "json")
    data = json.loads(out)
    assert data["report"]["pagination"] == "none"
    assert {(f["rule"], f["code"]) for f in data["findings"]} >= {
        ("PAG002", "2-2"),
        ("PAG003", "2-3"),
    }
    assert "PAG001" not in {f["rule"] for f in data["findings"]}
    assert code == 1


def test_edition_flag_pins_the_hkex_edition() -> None:
    code, out, _ = invoke("check", str(EXAMPLE), "--edition", "hkex=2025", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [c["id"] for c in data["catalogues"] if c["standard"] == "hkex"] == [
        "hkex-esg-code-2025"
    ]
    # A1.2 and A4 were removed from the Code: their rows are now unknown codes.
    assert {("IDX002", "A1.2"), ("IDX002", "A4")} <= {
        (f["rule"], f["code"]) for f in data["findings"]
    }
    assert invoke("check", str(EXAMPLE), "--edition", "hkex=1999")[0] == 2
    assert invoke("check", str(EXAMPLE), "--edition", "hkex")[0] == 2


def test_document_option_checks_references_into_another_document(tmp_path: Path) -> None:
    annual = tmp_path / "annual-report.txt"
    annual.write_text(
        "\f".join(f"Annual report page\n{n}" for n in range(1, 101)), encoding="utf-8"
    )
    code, out, _ = invoke(
        "check", str(EXAMPLE), "--document", f"Annual Report={annual}", "--format", "json"
    )
    assert code == 1
    found = {(f["rule"], f["code"], f["found"]) for f in json.loads(out)["findings"]}
    assert ("PAG001", "B7", "P150-156") in found  # the annual report ends at page 100
    assert "PAG006" not in {rule for rule, _, _ in found}
    assert invoke("check", str(EXAMPLE), "--document", "Annual Report")[0] == 2
    missing = invoke("check", str(EXAMPLE), "--document", f"Annual Report={tmp_path / 'no.pdf'}")
    assert missing[0] == 2 and "no such file" in missing[2]


def test_findings_carry_the_cited_pages_words() -> None:
    _, out, _ = invoke("check", str(EXAMPLE), "--format", "json")
    by_code = {(f["rule"], f["code"]): f for f in json.loads(out)["findings"]}
    climate = by_code[("TTL001", "A4")]["page_evidence"]
    assert climate.startswith("P36: ") and "climate" in climate.lower()
    assert by_code[("PAG001", "B2.2")]["page_evidence"] is None  # P58 does not exist
    _, html, _ = invoke("check", str(EXAMPLE), "--format", "html")
    assert "Cited page:" in html and "<mark>Climate</mark>" in html


@pytest.mark.parametrize(
    ("module", "absent"),
    [
        # `xesg check` starts reading a PDF before the data models load (docs/performance.md):
        # the page readers load only what reading needs — not even dataclasses or the index
        # parser, until an index page is laid out.
        ("xesg.cli", ("pydantic", "yaml", "pypdfium2", "xesg.pipeline")),
        (
            "xesg.load.pdf_pages",
            (
                "pydantic",
                "yaml",
                "click",
                "xesg.model.document",
                "dataclasses",
                "xesg.index.locate",
            ),
        ),
    ],
)
def test_start_up_imports_stay_light(module: str, absent: tuple[str, ...]) -> None:
    code = f"import sys, {module}; print(sorted(set({absent!r}) & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
