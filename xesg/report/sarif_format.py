"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, SonarQube).

One run. ``tool.driver.rules`` holds the rules that have results, sorted by id, documented from
the rule's docstring (so adding a rule does not change every file). Results point at the report
file as given on the command line, with the index row's line as ``region.startLine`` (1 when the
finding concerns no row) and the printed page in ``properties``. Waived findings follow the
others as results with an accepted ``suppressions`` entry whose justification is the waiver's
reason (code scanning does not raise them).
``partialFingerprints["xesg/v1"]`` is :attr:`Finding.fingerprint`, which never includes page or
line numbers, so alerts survive a renumbered report.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from xesg.model.finding import Finding, Severity
from xesg.model.result import CheckResult
from xesg.report import RenderOptions, indented_json
from xesg.report._common import detail_lines
from xesg.rules.docs import rule_page
from xesg.rules.registry import Rule, discover

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Where the project and its rule pages live; helpUri/informationUri must be absolute URIs.
PROJECT_URL = "https://github.com/xesg-dev/xesg"
RULE_DOC_URL = PROJECT_URL + "/blob/main/docs/rules/{code}.md"
FINGERPRINT_KEY = "xesg/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """The report path as a URI reference: relative paths stay relative (forward slashes,
    percent-encoded); absolute paths — only when the user gave one — become ``file:`` URIs."""
    if PureWindowsPath(path).drive or path.startswith("\\\\"):
        return PureWindowsPath(path).as_uri()
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return posix.as_uri()
    return quote(str(posix), safe="/-._~")


def _descriptor(rule: Rule) -> dict[str, Any]:
    page = rule_page(rule)
    doc = rule.doc
    head = doc.split("\n\n", 1)[0]
    full = head.split(": ", 1)[-1].strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full[:1].upper() + full[1:]},
        "help": {"text": doc, "markdown": page},
        "helpUri": RULE_DOC_URL.format(code=rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["esg", rule.group],
            "precision": rule.confidence.value,
        },
    }


def _unknown_descriptor(finding: Finding) -> dict[str, Any]:
    """A rule the registry does not know (a result built elsewhere): minimal but valid."""
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.name.replace("-", " ")},
        "help": {"text": finding.name.replace("-", " ")},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": ["esg"]},
    }


def _message(finding: Finding) -> str:
    return "\n".join([finding.message, *detail_lines(finding, end=".")])


def _result(finding: Finding, index: int, uri: str, waiver: str | None = None) -> dict[str, Any]:
    suppression = (
        {"suppressions": [{"kind": "external", "status": "accepted", "justification": waiver}]}
        if waiver is not None
        else {}
    )
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": 0},
                    "region": {"startLine": finding.line if finding.line else 1},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "page": finding.page,
            "code": finding.code,
            "standard": finding.standard,
            "confidence": finding.confidence.value,
            "expected": finding.expected,
            "found": finding.found,
        },
        **suppression,
    }


def to_data(result: CheckResult) -> dict[str, Any]:
    findings = (*result.findings, *(w.finding for w in result.waived))
    known = {rule.code: rule for rule in discover()}
    descriptors: dict[str, dict[str, Any]] = {}
    for finding in findings:  # like ruff: the rules that have results, sorted by id
        if finding.rule not in descriptors:
            rule = known.get(finding.rule)
            descriptors[finding.rule] = (
                _descriptor(rule) if rule is not None else _unknown_descriptor(finding)
            )
    rules = [descriptors[code] for code in sorted(descriptors)]
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    uri = artifact_uri(result.report.path)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": result.tool,
                        "version": result.version,
                        "semanticVersion": result.version,
                        "informationUri": PROJECT_URL,
                        "rules": rules,
                    }
                },
                "artifacts": [
                    {
                        "location": {"uri": uri},
                        **(
                            {"hashes": {"sha-256": result.report.sha256}}
                            if result.report.sha256
                            else {}
                        ),
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule], uri) for f in result.findings]
                + [_result(w.finding, index[w.finding.rule], uri, w.reason) for w in result.waived],
                "properties": {
                    "standards": list(result.standards),
                    "catalogues": [c.id for c in result.catalogues],
                    "notes": list(result.notes),
                },
            }
        ],
    }


def render(result: CheckResult, options: RenderOptions) -> str:
    return indented_json(to_data(result))
