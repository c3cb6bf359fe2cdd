"""Reporters: a snapshot per format over two fixed results, and the properties each format
promises (escaping, schema validity, counts, caps).

Snapshots are plain files under tests/snapshots/, compared exactly;
``XESG_UPDATE_SNAPSHOTS=1 pytest tests/test_reporters.py tests/test_diff.py`` rewrites them
(review the change with ``git diff tests/snapshots`` before committing). test_diff.py imports
the fixed results and ``assert_snapshot`` from here.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, get_args

import jsonschema
import lxml.etree
import lxml.html
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from xesg.model.document import LabelSource, Pagination
from xesg.model.finding import Confidence, Finding, Severity
from xesg.model.index import IndexEntry, IndexTable, Location, LocationKind, MalformedRef
from xesg.model.result import (
    CatalogueUsed,
    CheckResult,
    DisclosureStatus,
    ReportSummary,
    WaivedFinding,
)
from xesg.pipeline import run
from xesg.report import (
    BATCH_STDOUT,
    FILENAMES,
    FORMATS,
    REGISTRY,
    BatchReporter,
    RenderOptions,
    default_filename,
    github_format,
    html_format,
    indented_json,
    render_batch,
    render_files,
    renderer,
    sarif_format,
)
from xesg.report._common import groups, status_counts
from xesg.report.json_format import to_data
from xesg.rules.docs import descriptors

# --- fixed results -------------------------------------------------------------------

EXAMPLE = Path("examples/harbourline-esg-2024.txt")  # relative, as a user would type it
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


@cache
def example() -> CheckResult:
    """The committed example report, checked with default options (deterministic)."""
    cwd = Path.cwd()
    os.chdir(ROOT)  # the report path stays relative, as given on a command line
    try:
        return run(EXAMPLE)
    finally:
        os.chdir(cwd)


def make_finding(rule: str, name: str, severity: Severity, **fields: Any) -> Finding:
    defaults: dict[str, Any] = {"standard": "hkex", "code": None, "page": None}
    return Finding(rule=rule, name=name, severity=severity, **{**defaults, **fields})


@cache
def edge() -> CheckResult:
    """A small hand-built result with everything a reporter must survive: hostile text,
    Markdown and workflow-command syntax, a finding tied to no disclosure, one from a rule
    the registry does not know, an info-only disclosure, a missing one with and without a
    finding, a waiver, and a path with spaces, commas, colons and a percent sign."""
    a1_row = f"A1 | Emissions {XSS_IMG} {XSS_SCRIPT} | P12"
    findings = (
        make_finding(
            "TTL001",
            "title-mismatch",
            Severity.ERROR,
            confidence=Confidence.MEDIUM,
            code="A1",
            page="12",
            line=40,
            message=f"The description of A1 reads like {XSS_SCRIPT}: similarity 0.10.",
            expected="A1: Emissions",
            found=XSS_IMG,
            evidence=a1_row,
        ),
        make_finding(
            "PAG002",
            "page-ref-malformed",
            Severity.WARNING,
            code="A1.1",
            page="12",
            line=41,
            message="A1.1 cites 'P1?%': not a page.\n::error::injected",
            expected="a page number or range such as P37 or P37-38",
            found="P1?%",
            evidence="A1.1 | Emissions data, 100% | P1?%",
        ),
        make_finding(
            "IDX002",
            "unknown-code",
            Severity.ERROR,
            code="A9.9",
            page="12",
            line=42,
            message="A9.9 is not a code of hkex-esg-guide-2020.",
            expected="a code defined by hkex-esg-guide-2020",
            found="A9.9",
            evidence="A9.9 | Things & <stuff> | P12",
        ),
        make_finding(
            "PAG006",
            "external-location",
            Severity.INFO,
            code="B1",
            page="13",
            line=50,
            message="B1 refers to another document: 'Annual Report P5'; its pages are not checked.",
            found="Annual Report P5",
            evidence="B1 | Employment | P13; Annual Report P5",
        ),
        make_finding(
            "IDX004",
            "merged-codes",
            Severity.WARNING,
            standard="gri",
            code="2-9",
            page="13",
            line=51,
            message="Codes *2-9* | _2-12_ [link](http://x.example) @someone #12 $x$ `tick`",
            expected="one code per row",
            found="2-9, 2-12",
            evidence="2-9 / 2-12 | Governance | P13",
        ),
        make_finding(
            "REQ002",
            "hkex-provision-not-addressed",
            Severity.ERROR,
            code="B1.1",
            message="KPI B1.1 (Total workforce) has no row in the index.",
            expected="a location or a considered reason for not reporting",
            found="no row",
        ),
        make_finding(
            "XYZ999",
            "custom-check",
            Severity.WARNING,
            confidence=Confidence.LOW,
            standard=None,
            message="A check from outside the registry, about the whole report.",
        ),
    )
    entries = (
        IndexEntry(
            standard="hkex",
            raw_code="A1",
            code="A1",
            description=f"Emissions {XSS_IMG} {XSS_SCRIPT}",
            locations=(Location(kind=LocationKind.PAGE, raw="P12", start=12, end=12),),
            raw_location="P12",
            page="12",
            line=40,
            chapter="Environmental",
        ),
        IndexEntry(
            standard="hkex",
            raw_code="A1.1",
            code="A1.1",
            description="Emissions data, 100%",
            malformed=(MalformedRef(raw="P1?%", reason="not a page"),),
            raw_location="P1?%",
            page="12",
            line=41,
        ),
        IndexEntry(
            standard="hkex",
            raw_code="A1.2",
            code="A1.2",
            description="GHG emissions",
            explanation="Not applicable: we emit nothing.",
            page="12",
            line=43,
        ),
        IndexEntry(
            standard="hkex",
            raw_code="A9.9",
            code="A9.9",
            description="Things & <stuff>",
            locations=(Location(kind=LocationKind.PAGE, raw="P12", start=12, end=12),),
            page="12",
            line=42,
        ),
        IndexEntry(
            standard="hkex",
            raw_code="B1",
            code="B1",
            description="Employment",
            locations=(
                Location(kind=LocationKind.PAGE, raw="P13", start=13, end=13),
                Location(
                    kind=LocationKind.DOCUMENT,
                    raw="Annual Report P5",
                    start=5,
                    end=5,
                    document="Annual Report",
                ),
                Location(
                    kind=LocationKind.URL,
                    raw="https://x.example/esg",
                    target="https://x.example/esg",
                ),
            ),
            page="13",
            line=50,
        ),
        IndexEntry(
            standard="gri",
            raw_code="2-9",
            code="2-9",
            description="Governance",
            locations=(Location(kind=LocationKind.PAGE, raw="P13-14", start=13, end=14),),
            page="13",
            line=51,
            merged_codes=("2-9", "2-12"),
        ),
    )

    def disclosure(
        standard: str, code: str, title: str, parent: str | None, **kw: Any
    ) -> DisclosureStatus:
        catalogue = "hkex-esg-guide-2020" if standard == "hkex" else "gri-2-2021"
        level = "comply-or-explain" if standard == "hkex" else "required"
        fields: dict[str, Any] = {"rows": (), "pages": (), "findings": (), **kw}
        return DisclosureStatus(
            standard=standard, catalogue=catalogue, code=code, title=title, level=level,
            parent=parent, **fields,
        )  # fmt: skip

    coverage = (
        disclosure("hkex", "A1", "Emissions", "A. Environmental", status="defective",
                   rows=(a1_row,), pages=("12",), findings=("TTL001",)),
        disclosure("hkex", "A1.1", "The types of emissions and respective emissions data.", "A1",
                   status="defective", rows=("A1.1 | Emissions data, 100% | P1?%",),
                   findings=("PAG002",)),
        disclosure("hkex", "A1.2", "GHG emissions", "A1", status="explained",
                   rows=("A1.2 | GHG emissions | Not applicable: we emit nothing.",)),
        disclosure("hkex", "B1", "Employment", "B. Social", status="located",
                   rows=("B1 | Employment | P13; Annual Report P5",), pages=("13",),
                   findings=("PAG006",)),
        disclosure("hkex", "B1.1", "Total workforce", "B1", status="missing", findings=("REQ002",)),
        disclosure("hkex", "B1.2", "Employee turnover rate", "B1", status="missing"),
        disclosure("gri", "2-9", "Governance structure and composition", "3. Governance",
                   status="defective", rows=("2-9 / 2-12 | Governance | P13",), pages=("13-14",),
                   findings=("IDX004",)),
        disclosure("gri", "2-10", "Nomination <and> selection", "3. Governance", status="located",
                   rows=("2-10 | Nomination | P14",), pages=("14",)),
    )  # fmt: skip
    waived = (
        WaivedFinding(
            finding=make_finding(
                "PAG001",
                "page-out-of-range",
                Severity.ERROR,
                code="A1.2",
                page="12",
                line=43,
                message="A1.2 cites 'P99', but the report's printed pages run 10–14.",
                found="P99",
            ),
            reason="P99 is in the printed annual report <b>bold</b>",
        ),
    )
    return CheckResult(
        tool="xesg",
        version="0.1.0",
        report=ReportSummary(
            path="reports/ESG 100% draft, v2: final.txt",
            sha256="0" * 64,
            encoding="utf-8",
            pagination="form-feed",
            page_count=5,
            first_label="10",
            last_label="14",
            label_sources={"printed": 5},
        ),
        standards=("gri", "hkex"),
        catalogues=(
            CatalogueUsed(id="gri-2-2021", standard="gri", edition="2021"),
            CatalogueUsed(id="hkex-esg-guide-2020", standard="hkex", edition="2020"),
        ),
        index=IndexTable(entries=entries, pages=("12", "13"), layout="columns"),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        coverage=coverage,
        claims={"hkex": "guide", "gri": "in-accordance", "period_end": "2024-03-31"},
        waived=waived,
        unused_waivers=("PAG003 B9",),
        baselined=2,
        notes=("A note with <b>markup</b> & an ampersand.",),
        rules=descriptors({f.rule for f in findings} | {w.finding.rule for w in waived}),
    )


def empty() -> CheckResult:
    """A report without an index: one report-level finding, nothing to cover."""
    return CheckResult(
        tool="xesg",
        version="0.1.0",
        report=ReportSummary(
            path="empty.txt",
            encoding="utf-8",
            pagination="none",
            page_count=1,
            first_label=None,
            last_label=None,
            label_sources={"none": 1},
        ),
        standards=(),
        catalogues=(),
        index=IndexTable(entries=()),
        findings=(
            make_finding(
                "IDX001",
                "index-not-found",
                Severity.ERROR,
                standard=None,
                message="No content index was found in the report.",
                expected="a content index",
                found="no index",
            ),
        ),
        rules=descriptors({"IDX001"}),
    )


# --- snapshot files -------------------------------------------------------------------

SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = os.environ.get("XESG_UPDATE_SNAPSHOTS") == "1"


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"no snapshot {name}; create it with XESG_UPDATE_SNAPSHOTS=1")
    expected = path.read_bytes().decode("utf-8")
    if expected != text:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"snapshots/{name}",
            "rendered",
            n=2,
        )
        shown = "".join(list(diff)[:80])
        pytest.fail(
            f"{name} differs from its snapshot (XESG_UPDATE_SNAPSHOTS=1 rewrites it):\n{shown}",
            pytrace=False,
        )


SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
RESULT_SCHEMA = ROOT / "docs" / "schema" / "xesg-result.schema.json"
EXTENSIONS = {
    "console": "txt",
    "concise": "concise.txt",
    "json": "json",
    "html": "html",
    "sarif": "sarif",
    "junit": "junit.xml",
    "markdown": "md",
    "github": "github.txt",
}
DOCS = "https://docs.example.org/xesg"  # a docs base as a user configures it (docs_url)
OPTIONS = RenderOptions(html_link="xesg.html", docs_url=DOCS)

RESULTS = {"example": example, "edge": edge}


# --- snapshots -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("which", sorted(RESULTS))
def test_snapshot(which: str, fmt: str) -> None:
    text = renderer(fmt)(RESULTS[which](), OPTIONS)
    assert_snapshot(f"{which}.{EXTENSIONS[fmt]}", text)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("make", [example, edge, empty], ids=["example", "edge", "empty"])
def test_deterministic_and_free_of_machine_details(fmt: str, make: Any) -> None:
    first = renderer(fmt)(make(), OPTIONS)
    assert first == renderer(fmt)(make(), OPTIONS)
    assert str(ROOT) not in first
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", first)  # no timestamps
    assert first.endswith("\n")


def test_every_format_has_a_module_and_a_file_name() -> None:
    assert set(FILENAMES) == set(FORMATS) == set(EXTENSIONS) == set(REGISTRY)
    for fmt in FORMATS:
        assert callable(renderer(fmt))
        assert default_filename(fmt) == FILENAMES[fmt]
    assert len(set(FILENAMES.values())) == len(FILENAMES)
    with pytest.raises(ValueError):
        renderer("pdf")


def test_the_registry_says_how_each_format_takes_several_reports() -> None:
    """A format that writes several reports as one document (on stdout or as one file of an
    output directory) has a reporter that can; the others are refused, not half-written."""
    assert BATCH_STDOUT == ("console", "concise", "json", "markdown")
    for entry in REGISTRY.values():
        reporter = entry.load()
        assert callable(reporter.render)
        together = entry.stdout == "together" or entry.one_file
        assert isinstance(reporter, BatchReporter) == together, entry.name
    results = [example(), edge()]
    data = json.loads(render_batch(results, "json", RenderOptions()))
    assert [r["report"]["path"] for r in data["reports"]] == [r.report.path for r in results]
    assert render_batch(results, "markdown", RenderOptions()).count("<details>") == 2
    for fmt in set(FORMATS) - set(BATCH_STDOUT):
        with pytest.raises(ValueError, match="takes one report"):
            render_batch(results, fmt, RenderOptions())


def test_render_files_links_markdown_to_the_html_beside_it() -> None:
    files = render_files(example(), ["markdown", "html", "sarif", "markdown"], RenderOptions())
    assert list(files) == ["xesg.md", "xesg.html", "xesg.sarif"]
    assert "Full report: [xesg.html](xesg.html)" in files["xesg.md"]
    alone = render_files(example(), ["markdown"], RenderOptions())
    assert "Full report" not in alone["xesg.md"]
    with pytest.raises(ValueError):
        render_files(example(), ["console", "yaml"], RenderOptions())


# --- HTML ----------------------------------------------------------------------------


def _html(result: CheckResult) -> Any:
    return lxml.html.document_fromstring(renderer("html")(result, OPTIONS))


def test_html_escapes_everything_from_the_report() -> None:
    text = renderer("html")(edge(), OPTIONS)
    doc = lxml.html.document_fromstring(text)
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src") is None
    assert scripts[0].text == html_format._JS  # only our own inline script
    assert not doc.xpath("//img | //iframe | //object | //embed | //link | //base")
    handlers = [a for el in doc.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []
    # The hostile text is shown to the reader, as text.
    page_text = doc.text_content()
    assert XSS_SCRIPT in page_text and XSS_IMG in page_text
    assert "<b>bold</b>" in page_text and "<b>markup</b>" in page_text
    assert not doc.xpath("//b")
    # The Content-Security-Policy allows exactly that script.
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and f"'sha256-{html_format._SCRIPT_HASH}'" in csp


def test_html_is_self_contained() -> None:
    text = renderer("html")(example(), OPTIONS)
    doc = lxml.html.document_fromstring(text)
    for attribute in ("src", "href"):
        for value in doc.xpath(f"//@{attribute}"):
            assert value.startswith("#"), value  # in-page links only
    assert "@import" not in text and "url(" not in text


def test_html_highlight_escapes_before_marking() -> None:
    assert str(html_format.highlight("a<b> P58 <mark>", ["P58"])) == (
        "a&lt;b&gt; <mark>P58</mark> &lt;mark&gt;"
    )
    assert str(html_format.highlight("<x>", ["lt", "x"])) == "&lt;<mark>x</mark>&gt;"
    assert str(html_format.highlight("A1.３ | P35", [])) == "A1.３ | P35"
    doc = _html(edge())
    marks = [m.text_content() for m in doc.xpath("//blockquote[@class='evidence']//mark")]
    assert XSS_IMG in marks and "P1?%" in marks and "2-9" in marks and "2-12" in marks


@pytest.mark.parametrize("make", [example, edge], ids=["example", "edge"])
def test_html_gap_tables_and_findings_match_the_result(make: Any) -> None:
    result = make()
    doc = _html(result)
    expected: dict[str, list[DisclosureStatus]] = {}
    for status in result.coverage:
        expected.setdefault(status.standard, []).append(status)
    tables = doc.xpath("//table[contains(@class, 'gap-table')]")
    assert [t.get("data-standard") for t in tables] == list(expected)
    for table in tables:
        statuses = expected[table.get("data-standard")]
        rows = table.xpath(".//tr[contains(@class, 'disclosure')]")
        assert len(rows) == len(statuses)
        assert [r.xpath("./td[1]")[0].text_content() for r in rows] == [s.code for s in statuses]
        assert [r.get("data-status") for r in rows] == [s.status for s in statuses]
        heads = table.xpath(".//tr[contains(@class, 'group')]")
        assert len(heads) == len(groups(statuses))
        for row, status in zip(rows, statuses, strict=True):
            assert sorted(row.get("data-rule").split()) == sorted(status.findings)
    articles = doc.xpath("//article[contains(@class, 'finding')]")
    assert len(articles) == len(result.findings)
    assert sorted(a.get("data-fingerprint") for a in articles) == sorted(
        f.fingerprint for f in result.findings
    )
    for severity, count in result.counts().items():
        assert len(doc.xpath(f"//article[@data-severity='{severity}']")) == count
    # Coverage counts per standard, as printed under each bar.
    for block, (standard, statuses) in zip(
        doc.xpath("//div[@class='standard-coverage']"), expected.items(), strict=True
    ):
        counts = status_counts(statuses)
        shown = [c.text_content() for c in block.xpath(".//p[@class='counts']/span")]
        assert shown == [f"{counts[s]} {s}" for s in counts], standard
    # Every finding link in the gap tables points at a finding.
    ids = {a.get("id") for a in articles}
    for href in doc.xpath("//a[contains(@class, 'flink')]/@href"):
        assert href[1:] in ids


def test_html_identity_and_readable_without_javascript() -> None:
    result = example()
    doc = _html(result)
    identity = doc.get_element_by_id("identity").text_content()
    assert result.report.sha256 and result.report.sha256 in identity
    assert str(EXAMPLE) in identity and result.version in identity
    assert f"printed pages {result.report.first_label}–{result.report.last_label}" in identity
    for catalogue in result.catalogues:
        assert catalogue.id in identity
    # Without JS nothing is hidden but the filter form (which needs JS).
    assert doc.get_element_by_id("filters").get("hidden") is not None
    assert [el for el in doc.xpath("//*[@hidden]") if el.get("id") != "filters"] == []


def test_html_print_styles() -> None:
    css = html_format._CSS
    block = css[css.index("@media print") :]
    assert ".filters" in block and "display: none" in block
    assert "break-inside: avoid" in block and "table-header-group" in block


def test_html_of_an_empty_result() -> None:
    doc = _html(empty())
    assert not doc.xpath("//table[contains(@class, 'gap-table')]")
    assert len(doc.xpath("//article")) == 1
    assert "no content index was found" in doc.get_element_by_id("coverage").text_content()


# --- SARIF ---------------------------------------------------------------------------


def _sarif(result: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(renderer("sarif")(result, OPTIONS))
    return data


@pytest.mark.parametrize("make", [example, edge, empty], ids=["example", "edge", "empty"])
def test_sarif_validates_against_the_official_schema(make: Any) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(_sarif(make())), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize("make", [example, edge], ids=["example", "edge"])
def test_sarif_has_what_github_code_scanning_needs(make: Any) -> None:
    result = make()
    data = _sarif(result)
    assert data["version"] == "2.1.0"
    (run_,) = data["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("xesg", result.version)
    assert driver["informationUri"] == DOCS
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        if rule["id"] != "XYZ999":
            assert rule["help"]["markdown"].startswith(f"# {rule['id']} ")
            assert rule["helpUri"] == f"{DOCS}/rules/{rule['id']}.md"
            assert rule["fullDescription"]["text"]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    findings = [*result.findings, *(w.finding for w in result.waived)]
    assert len(run_["results"]) == len(findings)
    for sarif_result, finding in zip(run_["results"], findings, strict=True):
        assert sarif_result["ruleId"] == finding.rule
        assert rules[sarif_result["ruleIndex"]]["id"] == finding.rule
        assert sarif_result["level"] == levels[finding.severity.value]
        assert sarif_result["message"]["text"].startswith(finding.message)
        location = sarif_result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        if finding.line is None:  # no line rather than an invented one
            assert "region" not in location
        else:
            assert location["region"] == {"startLine": finding.line}
        assert sarif_result["partialFingerprints"] == {"xesg/v1": finding.fingerprint}
        properties = sarif_result["properties"]
        assert properties["page"] == finding.page and properties["code"] == finding.code
        assert properties["confidence"] == finding.confidence.value
        assert {"standard", "expected", "found"} <= set(properties)


def test_sarif_paths_and_suppressions() -> None:
    assert _sarif(example())["runs"][0]["artifacts"][0]["location"]["uri"] == str(EXAMPLE)
    data = _sarif(edge())
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "reports/ESG%20100%25%20draft%2C%20v2%3A%20final.txt"
    assert sarif_format.artifact_location("/abs/report.txt") == {"uri": "file:///abs/report.txt"}
    assert sarif_format.artifact_location("sub\\report.txt") == {
        "uri": "sub/report.txt",
        "uriBaseId": "%SRCROOT%",
    }
    waived = data["runs"][0]["results"][-1]
    assert waived["ruleId"] == "PAG001"
    assert waived["suppressions"][0]["justification"].startswith("P99 is in the printed")
    assert all("suppressions" not in r for r in data["runs"][0]["results"][:-1])


def test_sarif_paths_are_relative_to_the_repository(tmp_path: Path) -> None:
    """An absolute report path inside the repository becomes relative to %SRCROOT%, which
    originalUriBaseIds resolves; one outside it stays a file: URI."""
    inside = (tmp_path / "esg" / "report 2024.txt").as_posix()
    result = example().model_copy(
        update={"report": example().report.model_copy(update={"path": inside})}
    )
    options = replace(OPTIONS, source_root=str(tmp_path))
    run_ = json.loads(renderer("sarif")(result, options))["runs"][0]
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "esg/report%202024.txt", "uriBaseId": "%SRCROOT%", "index": 0}
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    outside = replace(OPTIONS, source_root=str(tmp_path / "elsewhere"))
    run_ = json.loads(renderer("sarif")(result, outside))["runs"][0]
    assert run_["artifacts"][0]["location"] == {"uri": Path(inside).as_uri()}
    assert "originalUriBaseIds" not in run_


def test_sarif_without_a_docs_base_links_nowhere() -> None:
    run_ = json.loads(renderer("sarif")(example(), RenderOptions()))["runs"][0]
    assert "informationUri" not in run_["tool"]["driver"]
    assert all("helpUri" not in rule for rule in run_["tool"]["driver"]["rules"])
    assert all(rule["help"]["markdown"] for rule in run_["tool"]["driver"]["rules"])


def test_sarif_keeps_the_most_severe_results_within_githubs_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sarif_format, "MAX_RESULTS", 5)
    result = example()
    run_ = _sarif(result)["runs"][0]
    assert len(run_["results"]) == 5
    assert [r["level"] for r in run_["results"]] == ["error"] * 5
    assert run_["properties"]["resultsLeftOut"] == len(result.findings) + len(result.waived) - 5
    ids = {r["ruleId"] for r in run_["results"]}
    assert {rule["id"] for rule in run_["tool"]["driver"]["rules"]} == ids


# --- JUnit ---------------------------------------------------------------------------


def _junit(result: CheckResult) -> Any:
    return lxml.etree.fromstring(renderer("junit")(result, OPTIONS).encode("utf-8"))


@pytest.mark.parametrize("make", [example, edge, empty], ids=["example", "edge", "empty"])
def test_junit_counts_are_consistent(make: Any) -> None:
    root = _junit(make())
    assert root.tag == "testsuites"
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": len(suite.findall("testcase/failure")),
            "skipped": len(suite.findall("testcase/skipped")),
        }
        assert {k: int(suite.get(k)) for k in counted} == counted, suite.get("name")
        assert suite.get("errors") == "0"
        for case in cases:  # at most one outcome per testcase
            assert len(case.findall("failure")) + len(case.findall("skipped")) <= 1
            assert case.get("classname") and case.get("name")
        for key in totals:
            totals[key] += counted[key]
    assert {k: int(root.get(k)) for k in totals} == totals


def test_junit_has_a_testcase_per_disclosure_and_fails_like_the_rules() -> None:
    result = example()
    root = _junit(result)
    cases = root.findall("testsuite/testcase")
    untied = [
        f for f in result.findings
        if not any(d.standard == f.standard and d.code == f.code and f.rule in d.findings
                   for d in result.coverage)
    ]  # fmt: skip
    assert len(cases) == len(result.coverage) + len(untied)
    failing = [f for f in result.findings if f.severity is not Severity.INFO]
    failure_types = sorted(c.get("type") for c in root.iter("failure"))
    # Each failure names its most severe finding's rule; every failing finding is in a failure.
    assert set(failure_types) <= {f.rule for f in failing}
    texts = "\n".join(c.text or "" for c in root.iter("failure"))
    for finding in failing:
        assert finding.message in texts
    skipped = [c for c in cases if c.find("skipped") is not None]
    missing_quiet = [
        d for d in result.coverage if d.status == "missing"
        and not any(f.standard == d.standard and f.code == d.code and f.rule in d.findings
                    and f.severity is not Severity.INFO for f in result.findings)
    ]  # fmt: skip
    assert len(skipped) == len(missing_quiet)


def test_junit_edge_outcomes() -> None:
    root = _junit(edge())
    by_name = {c.get("name"): c for c in root.iter("testcase")}
    assert by_name["A1 Emissions"].find("failure").get("type") == "TTL001"
    assert by_name["B1 Employment"].find("failure") is None  # info only
    assert "PAG006" in by_name["B1 Employment"].find("system-out").text
    assert by_name["B1.1 Total workforce"].find("failure").get("type") == "REQ002"
    assert by_name["B1.2 Employee turnover rate"].find("skipped") is not None
    assert by_name["A1.2 GHG emissions"].find("failure") is None
    assert by_name["A9.9 IDX002"].get("classname") == "xesg.hkex.unmatched"
    assert by_name["custom-check XYZ999"].get("classname") == "xesg.report.unmatched"


def test_junit_strips_characters_xml_forbids() -> None:
    result = empty()
    bad = result.findings[0].model_copy(update={"message": "form\x0cfeed \x1b[31m"})
    root = _junit(result.model_copy(update={"findings": (bad,)}))
    # Report text is made printable before any text format renders it (no escape sequence).
    assert root.find(".//failure").get("message") == "form feed "


# --- Markdown ------------------------------------------------------------------------


def test_markdown_is_comment_sized() -> None:
    result = example()
    text = renderer("markdown")(result, OPTIONS)
    rows = [line for line in text.splitlines() if re.match(r"\| (🔴|🟠|🔵) ", line)]
    assert len(rows) == min(10, len(result.findings))
    if len(result.findings) > 10:
        assert f"…and {len(result.findings) - 10} more." in text
    assert len(text) < 65536
    assert text.rstrip().endswith("Full report: [xesg.html](xesg.html)")
    assert "Full report" not in renderer("markdown")(result, RenderOptions())
    counts = result.counts()
    assert f"{counts['error']} error" in text and f"{counts['warning']} warning" in text


def test_markdown_escapes_report_text() -> None:
    text = renderer("markdown")(edge(), OPTIONS)
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "\\*2\\-9\\*" not in text  # hyphens are not escaped, emphasis is
    assert "\\*2-9\\* \\| \\_2-12\\_ \\[link\\](http://x.example)" in text
    assert "@\u2060someone" in text and "#\u2060" + "12" in text and "\\$x\\$" in text
    assert "\\`tick\\`" in text
    assert "1 info (not counted: 1 waived, 2 hidden by the baseline)" in text
    assert "| `XYZ999` custom\\-check | — | — |" not in text  # names are not escaped
    assert "| `XYZ999` custom-check | — | — |" in text


# --- GitHub workflow commands ----------------------------------------------------------


def test_github_escaping() -> None:
    assert github_format.escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert github_format.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_commands_cannot_be_injected() -> None:
    text = renderer("github")(edge(), OPTIONS)
    lines = text.splitlines()
    assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines[:-1])
    assert lines[-1].startswith("xesg: ")
    assert len(lines) == len(edge().findings) + 1
    assert "file=reports/ESG 100%25 draft%2C v2%3A final.txt" in lines[0]
    assert "%0A::error::injected" in text
    # Most severe first, and a finding without a line has no line property.
    assert lines[0].startswith("::error")
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == sorted(
        (line.split(" ", 1)[0] for line in lines[:-1]),
        key=["::error", "::warning", "::notice"].index,
    )
    req = next(line for line in lines if "REQ002" in line)
    assert ",line=" not in req


def test_github_caps_annotations_per_type() -> None:
    def many(severity: Severity, n: int) -> list[Finding]:
        return [
            make_finding("PAG001", "page-out-of-range", severity, code=f"A{i}", page="1", line=i,
                     message=f"m{i}", confidence=Confidence.LOW if i % 2 else Confidence.HIGH)
            for i in range(1, n + 1)
        ]  # fmt: skip

    findings = many(Severity.ERROR, 25) + many(Severity.WARNING, 3) + many(Severity.INFO, 12)
    result = empty().model_copy(update={"findings": tuple(findings)})
    lines = renderer("github")(result, OPTIONS).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert (kinds.count("::error"), kinds.count("::warning"), kinds.count("::notice")) == (
        10,
        3,
        10,
    )
    # Within a type, the most confident come first.
    assert all("line=" in line and int(re.search(r"line=(\d+)", line)[1]) % 2 == 0
               for line in lines[:10])  # fmt: skip
    assert lines[-1] == (
        "xesg: 40 findings in empty.txt (25 errors, 3 warnings, 12 info); 23 annotated, "
        "17 not annotated (GitHub shows at most 10 per type)."
    )


# --- JSON ----------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RESULT_SCHEMA.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("make", [example, edge, empty], ids=["example", "edge", "empty"])
def test_json_validates_against_the_published_schema(make: Any) -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(renderer("json")(make(), OPTIONS))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


# JSON as the reports hold it: no floats (see indented_json); any text, surrogates aside
# (pdfium's text and our decoders never produce them).
_TEXT = st.text(st.characters(exclude_categories=("Cs",)))
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_indented_json_is_what_the_standard_library_writes(data: Any) -> None:
    assert indented_json(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_json_of_every_format_and_fixed_result_is_the_standard_librarys() -> None:
    for make in (example, edge, empty):
        for fmt in ("json", "sarif"):
            text = renderer(fmt)(make(), OPTIONS)
            assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_json_schema_follows_the_models() -> None:
    schema = _schema()
    report = schema["properties"]["report"]["properties"]
    assert report["pagination"]["enum"] == list(get_args(Pagination))
    assert report["label_sources"]["propertyNames"]["enum"] == list(get_args(LabelSource))
    kinds = schema["$defs"]["location"]["properties"]["kind"]["enum"]
    assert kinds == [k.value for k in LocationKind]
    assert schema["$defs"]["finding"]["properties"]["severity"]["enum"] == [
        s.value for s in Severity
    ]
    assert schema["$defs"]["finding"]["properties"]["confidence"]["enum"] == [
        c.value for c in Confidence
    ]


def test_json_has_confidence_fingerprint_and_coverage_and_is_documented() -> None:
    result = example()
    data = to_data(result)
    assert [f["fingerprint"] for f in data["findings"]] == [f.fingerprint for f in result.findings]
    assert [f["confidence"] for f in data["findings"]] == [
        f.confidence.value for f in result.findings
    ]
    assert [(d["standard"], d["code"], d["status"]) for d in data["coverage"]] == [
        (d.standard, d.code, d.status) for d in result.coverage
    ]
    docs = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    keys = set(data) | set(data["findings"][0]) | set(data["coverage"][0])
    for key in sorted(keys):
        assert f'"{key}"' in docs, f"docs/json-output.md does not mention {key!r}"


def test_html_filters_run_in_chromium(tmp_path: Path) -> None:
    """The inline script runs under the page's Content-Security-Policy and filters rows."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "gap.html"
    page.write_text(renderer("html")(edge(), OPTIONS), "utf-8")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
        page.as_uri() + "#filters:severity=error",  # a shared, filtered view
    ]  # fmt: skip
    done = subprocess.run([browser, *flags], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    doc = lxml.html.document_fromstring(done.stdout)
    assert doc.get_element_by_id("filters").get("hidden") is None  # the script ran
    shown = doc.xpath("//article[not(@hidden)]/@data-severity")
    assert shown == ["error"] * edge().counts()["error"]
    rows = doc.xpath("//tr[contains(@class, 'disclosure')][not(@hidden)]/td[1]")
    assert [r.text_content() for r in rows] == ["A1", "B1.1"]
    assert doc.get_element_by_id("filter-count").text_content() == "2/8 disclosures · 3/7 findings"
    untied = doc.xpath("//span[@data-untied][not(@hidden)]")
    assert [u.text_content() for u in untied] == ["IDX002 A9.9"]  # XYZ999 is a warning


HTML_SCRIPT_TEST = """
const { JSDOM } = require("jsdom");
const html = require("fs").readFileSync(process.argv[1], "utf8");
const url = "file:///reports/gap.html#filters:severity=error";
const dom = new JSDOM(html, { runScripts: "dangerously", url: url });
const d = dom.window.document;
const state = () => ({
  findings: [...d.querySelectorAll("article[data-filter]")].filter(a => !a.hidden)
    .map(a => a.dataset.rule),
  untied: [...d.querySelectorAll("[data-untied]")].filter(s => !s.hidden)
    .map(s => s.textContent.trim()),
  paragraphs: [...d.querySelectorAll("p.untied")].map(p => !p.hidden),
  hash: decodeURIComponent(dom.window.location.hash),
});
const seen = [state()];
const form = d.getElementById("filters");
form.elements.severity.value = "warning";
form.elements.q.value = "custom";
form.dispatchEvent(new dom.window.Event("input"));
seen.push(state());
form.elements.severity.value = "";
form.elements.q.value = "";
form.dispatchEvent(new dom.window.Event("input"));
seen.push(state());
console.log(JSON.stringify(seen));
"""


def test_html_filters_obey_and_live_in_the_address_under_jsdom(tmp_path: Path) -> None:
    """The inline script (under jsdom, when node has it): a filter state read from the
    address, the links of untied findings shown with their findings, and each change
    written back to the address, also for a file: page."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    page = tmp_path / "gap.html"
    page.write_text(renderer("html")(edge(), OPTIONS), "utf-8")
    # scripts/test.sh installs jsdom there (when npm is there); else node's own search path.
    modules = ROOT / ".venv" / "node" / "node_modules"
    env = {**os.environ, "NODE_PATH": str(modules)} if modules.is_dir() else None
    done = subprocess.run(
        [node, "-e", HTML_SCRIPT_TEST, str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    if "Cannot find module 'jsdom'" in done.stderr:
        pytest.skip("jsdom is not installed for node")
    assert done.returncode == 0, done.stderr[-2000:]
    first, filtered, cleared = json.loads(done.stdout)
    assert first["findings"] == ["IDX002", "REQ002", "TTL001"]
    assert first["untied"] == ["IDX002 A9.9"] and first["paragraphs"] == [True, False]
    assert filtered["findings"] == ["XYZ999"] and filtered["untied"] == ["XYZ999 custom-check"]
    assert filtered["paragraphs"] == [False, True]
    assert filtered["hash"] == "#filters:severity=warning&q=custom"
    assert cleared["untied"] == ["IDX002 A9.9", "XYZ999 custom-check"]
    assert cleared["hash"] == "#filters:"


# --- CI documentation --------------------------------------------------------------------


def test_ci_docs_use_real_formats_and_file_names() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 4
    for block in blocks:
        yaml.safe_load(block)  # every example is valid YAML
    formats = set(re.findall(r"--format (\w+)", text))
    assert formats <= set(FORMATS) and {"sarif", "junit", "html"} <= formats
    names = set(re.findall(r"xesg-out/([\w.-]+)", text))
    assert names and names <= set(FILENAMES.values())
    assert {"xesg.sarif", "xesg-junit.xml"} <= names


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("xesg", "xesg check", "python")
    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("index.md", "esg/index.csv", "report.txt"))
    assert not any(pattern.search(n) for n in ("report.pdf", "notes.mdx", "data.csv.bak"))


def test_html_standard_without_coverage_gets_no_gap_table() -> None:
    result = edge().model_copy(update={"standards": ("gri", "hkex", "sasb")})
    sasb = make_finding("IDX002", "unknown-code", Severity.ERROR, standard="sasb", code="X-9",
                        page="12", line=44, message="X-9 is not a SASB code.")  # fmt: skip
    result = result.model_copy(update={"findings": (*result.findings, sasb)})
    doc = _html(result)
    assert doc.xpath("//table[contains(@class, 'gap-table')]/@data-standard") == ["hkex", "gri"]
    other = doc.xpath("//section[@aria-label='Other findings']")[0].text_content()
    assert "IDX002 X-9" in other and "XYZ999 custom-check" in other
    options = doc.xpath("//select[@name='standard']/option/@value")
    assert options == ["", "hkex", "gri", "sasb"]


def test_html_untied_links_name_their_findings_for_the_filters() -> None:
    """Each link of "Findings not tied to one disclosure" names the finding it shows with
    (the script hides it with its finding), so the lines obey the filters."""
    doc = lxml.html.document_fromstring(renderer("html")(edge(), OPTIONS))
    spans = doc.xpath("//p[@class='untied']/span[@data-untied]")
    assert [s.text_content() for s in spans] == ["IDX002 A9.9", "XYZ999 custom-check"]
    for span in spans:
        finding = doc.get_element_by_id(span.get("data-untied"))
        assert finding.tag == "article" and finding.get("data-filter") == "finding"
        assert span.text_content().split()[0] == finding.get("data-rule")


def test_the_before_and_after_dump_writes_every_format(tmp_path: Path) -> None:
    """scripts/dump_outputs.py, which shows a reporter change leaves the bytes alone: every
    format of every option set, the batch and the diff, and the same bytes twice."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dump", ROOT / "scripts" / "dump_outputs.py")
    assert spec is not None and spec.loader is not None
    dump = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dump)
    report = str(ROOT / EXAMPLE)
    assert dump.main([str(tmp_path / "one"), report]) == 0
    folder = tmp_path / "one" / EXAMPLE.name
    for label in dump.OPTION_SETS:
        for fmt in FORMATS:
            assert (folder / f"{label}.{fmt}").read_text(encoding="utf-8").endswith("\n")
            assert (folder / f"{label}-files-{FILENAMES[fmt]}").is_file()
    assert (tmp_path / "one" / "_batch" / "plain.json").is_file()
    assert (tmp_path / "one" / "_diff" / f"{EXAMPLE.name}.text").is_file()
    assert dump.main([str(tmp_path / "two"), report]) == 0
    for first in (tmp_path / "one").rglob("*"):
        if first.is_file():
            second = tmp_path / "two" / first.relative_to(tmp_path / "one")
            assert second.read_bytes() == first.read_bytes(), first.name
