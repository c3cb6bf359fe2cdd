"""JUnit XML, so CI test dashboards (GitLab, Jenkins, GitHub test reporters) show coverage.

``testsuites`` › one ``testsuite`` per standard › one ``testcase`` per disclosure of the gap
table (``result.coverage``), plus one per finding that concerns no disclosure (an unknown code,
a report without an index). A testcase

- **fails** when an error or warning finding concerns it: ``failure`` carries the most severe
  finding's message, its rule id as ``type``, and every finding in its text — exactly the
  findings ``--fail-on warning`` would fail the build for;
- is **skipped** when the disclosure is missing from the index and no rule reported an error
  or warning about it (e.g. GRI 2 disclosures under a "with reference to" claim): a gap the
  dashboard shows, which the rules do not call a defect;
- **passes** otherwise; info findings are listed in ``system-out``.

``errors`` is always 0 and ``time`` 0, so the file is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from xesg.model.finding import Finding, Severity
from xesg.model.result import CheckResult, DisclosureStatus
from xesg.report import RenderOptions
from xesg.report._common import (
    attach_findings,
    by_severity,
    detail_lines,
    shorten,
    standard_label,
    standards_in_order,
)
from xesg.report.paths import display_path

# Characters XML 1.0 forbids (form feeds and other controls survive in report text).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TITLE = 80


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _describe(finding: Finding) -> str:
    where = []
    if finding.page is not None:
        where.append(f"page {finding.page}")
    if finding.line is not None:
        where.append(f"line {finding.line}")
    lines = [
        f"{finding.severity.value.upper()} {finding.rule} {finding.name}"
        + (f" ({', '.join(where)})" if where else "")
        + f", confidence {finding.confidence.value}",
        finding.message,
        *detail_lines(finding),
    ]
    return "\n".join(lines)


@dataclass
class _Case:
    classname: str
    name: str
    failure: tuple[str, str, str] | None = None  # message, type, text
    skipped: str | None = None  # message
    output: str = ""


@dataclass
class _Suite:
    name: str
    standard: str
    cases: list[_Case] = field(default_factory=list)


def case_name(code: str, title: str) -> str:
    """``305-1 Direct (Scope 1) GHG emissions``; a named item (HKEx "Governance Structure")
    has its name for code and title, and is named once."""
    if not title.strip() or " ".join(title.split()).lower().startswith(code.lower()):
        return shorten(title, _TITLE) if title.strip() else code
    return f"{code} {shorten(title, _TITLE)}"


def _disclosure_case(status: DisclosureStatus, findings: list[Finding]) -> _Case:
    ordered = by_severity(findings)
    failing = [f for f in ordered if f.severity is not Severity.INFO]
    case = _Case(
        classname=f"xesg.{status.standard}.{status.catalogue}",
        name=case_name(status.code, status.title),
    )
    if failing:
        first = failing[0]
        more = f" (+{len(failing) - 1} more)" if len(failing) > 1 else ""
        head = f"{standard_label(status.standard)} {case.name}: {status.status}"
        text = "\n\n".join([head, *(_describe(f) for f in ordered)])
        case.failure = (first.message + more, first.rule, text)
    else:
        if status.status == "missing":
            case.skipped = (
                f"{status.code} ({status.level}) has no row in the content index; no rule "
                "reported an error or warning about it."
            )
        case.output = "\n\n".join(_describe(f) for f in ordered)
    return case


def _finding_case(finding: Finding) -> _Case:
    case = _Case(
        classname=f"xesg.{finding.standard or 'report'}.unmatched",
        name=f"{finding.code or finding.name} {finding.rule}",
    )
    if finding.severity is Severity.INFO:
        case.output = _describe(finding)
    else:
        case.failure = (finding.message, finding.rule, _describe(finding))
    return case


def _suites(result: CheckResult) -> list[_Suite]:
    attached = attach_findings(result)
    suites = {s: _Suite(f"xesg {standard_label(s)}", s) for s in standards_in_order(result)}
    for status, related in zip(result.coverage, attached.per_disclosure, strict=True):
        suites[status.standard].cases.append(_disclosure_case(status, related))
    for finding in attached.untied:
        key = finding.standard or "report"
        if key not in suites:
            suites[key] = _Suite(f"xesg {standard_label(finding.standard)}", key)
        suites[key].cases.append(_finding_case(finding))
    return [s for s in suites.values() if s.cases]


def _counts(element: ET.Element, tests: int, failures: int, skipped: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))
    element.set("time", "0")


def render(result: CheckResult, options: RenderOptions) -> str:
    suites = _suites(result)
    # CI dashboards link `file` to the repository: relative to its root.
    path = _clean(display_path(result.report.path, options.source_root))
    root = ET.Element("testsuites", {"name": f"xesg {path}"})
    total_tests = total_failures = total_skipped = 0
    for suite in suites:
        failures = sum(1 for c in suite.cases if c.failure is not None)
        skipped = sum(1 for c in suite.cases if c.skipped is not None)
        element = ET.SubElement(root, "testsuite", {"name": suite.name})
        _counts(element, len(suite.cases), failures, skipped)
        properties = ET.SubElement(element, "properties")
        catalogues = sorted({d.catalogue for d in result.coverage if d.standard == suite.standard})
        for name, value in (
            ("report", path),
            ("sha256", result.report.sha256),
            ("catalogues", ", ".join(catalogues)),
            ("tool", f"{result.tool} {result.version}"),
        ):
            ET.SubElement(properties, "property", {"name": name, "value": value})
        for case in suite.cases:
            attributes = {"classname": _clean(case.classname), "name": _clean(case.name)}
            testcase = ET.SubElement(element, "testcase", {**attributes, "file": path, "time": "0"})
            if case.failure is not None:
                message, kind, text = case.failure
                failure = ET.SubElement(
                    testcase, "failure", {"message": _clean(message), "type": _clean(kind)}
                )
                failure.text = _clean(text)
            if case.skipped is not None:
                ET.SubElement(testcase, "skipped", {"message": _clean(case.skipped)})
            if case.output:
                ET.SubElement(testcase, "system-out").text = _clean(case.output)
        total_tests += len(suite.cases)
        total_failures += failures
        total_skipped += skipped
    _counts(root, total_tests, total_failures, total_skipped)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
