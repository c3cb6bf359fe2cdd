"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, SonarQube).

One run. ``tool.driver.rules`` holds the rules that have results, sorted by id (so adding a
rule does not change every file), documented from the rule's docstring and page as the result's
rule descriptors carry them; ``helpUri`` is the rule's page under the configured docs base,
when there is one. Results point at the report file relative to the repository root,
``uriBaseId: "%SRCROOT%"`` (as ruff and sqlfluff write them; code scanning maps them onto the
repository's files), with the index row's line as ``region.startLine`` (no region when the
finding concerns no row) and the printed page in ``properties``. Waived findings follow the
others as results with an accepted ``suppressions`` entry whose justification is the waiver's
reason (code scanning does not raise them). GitHub keeps only the :data:`MAX_RESULTS` most
severe results of a run: no more are written, and the run's properties say how many were left
out.
``partialFingerprints["xesg/v1"]`` is :attr:`Finding.fingerprint`, which never includes page or
line numbers, so alerts survive a renumbered report.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from xesg.model.finding import Finding, Severity
from xesg.model.result import CheckResult, RuleDescriptor
from xesg.report import RenderOptions, indented_json, rule_doc_url
from xesg.report._common import by_severity, detail_lines
from xesg.report.paths import inside_root

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
MAX_RESULTS = 5_000  # GitHub code scanning stores no more per run (25,000: refused)
FINGERPRINT_KEY = "xesg/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str, source_root: str | None = None) -> dict[str, str]:
    """The report path as an ``artifactLocation``: relative to ``%SRCROOT%`` (forward
    slashes, percent-encoded) when it is relative, or inside ``source_root``; an absolute
    path elsewhere becomes a ``file:`` URI (code scanning cannot place it)."""
    inside = inside_root(path, source_root)
    if inside is not None:
        return {"uri": quote(inside, safe="/-._~"), "uriBaseId": SRCROOT}
    if PureWindowsPath(path).drive or path.startswith("\\\\"):
        return {"uri": PureWindowsPath(path).as_uri()}
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return {"uri": posix.as_uri()}
    return {"uri": quote(str(posix), safe="/-._~"), "uriBaseId": SRCROOT}


def _descriptor(rule: RuleDescriptor, docs_url: str | None) -> dict[str, Any]:
    doc = rule.doc
    head = doc.split("\n\n", 1)[0]
    full = head.split(": ", 1)[-1].strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full[:1].upper() + full[1:]},
        "help": {"text": doc, "markdown": rule.page},
        **({"helpUri": url} if (url := rule_doc_url(docs_url, rule.code)) else {}),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["esg", rule.group],
            "precision": rule.confidence.value,
        },
    }


def _unknown_descriptor(finding: Finding) -> dict[str, Any]:
    """A rule the result does not describe (a result built elsewhere): minimal but valid."""
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


def _result(
    finding: Finding, index: int, location: dict[str, str], waiver: str | None = None
) -> dict[str, Any]:
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
                    "artifactLocation": {**location, "index": 0},
                    **({"region": {"startLine": finding.line}} if finding.line else {}),
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


def to_data(result: CheckResult, options: RenderOptions | None = None) -> dict[str, Any]:
    options = options or RenderOptions()
    # The most severe first when some must be left out; otherwise in report order.
    kept = result.findings
    if len(result.findings) + len(result.waived) > MAX_RESULTS:
        kept = tuple(by_severity(result.findings)[:MAX_RESULTS])
    waived = result.waived[: MAX_RESULTS - len(kept)]
    left_out = len(result.findings) + len(result.waived) - len(kept) - len(waived)
    findings = (*kept, *(w.finding for w in waived))
    descriptors: dict[str, dict[str, Any]] = {}
    for finding in findings:  # like ruff: the rules that have results, sorted by id
        if finding.rule not in descriptors:
            rule = result.rule(finding.rule)
            descriptors[finding.rule] = (
                _descriptor(rule, options.docs_url)
                if rule is not None
                else _unknown_descriptor(finding)
            )
    rules = [descriptors[code] for code in sorted(descriptors)]
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    location = artifact_location(result.report.path, options.source_root)
    bases = (
        {"originalUriBaseIds": {SRCROOT: {"uri": Path(options.source_root).as_uri() + "/"}}}
        if options.source_root is not None and "uriBaseId" in location
        else {}
    )
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
                        **({"informationUri": options.docs_url} if options.docs_url else {}),
                        "rules": rules,
                    }
                },
                "artifacts": [
                    {
                        "location": location,
                        **(
                            {"hashes": {"sha-256": result.report.sha256}}
                            if result.report.sha256
                            else {}
                        ),
                    }
                ],
                "columnKind": "unicodeCodePoints",
                **bases,
                "results": [_result(f, index[f.rule], location) for f in kept]
                + [_result(w.finding, index[w.finding.rule], location, w.reason) for w in waived],
                "properties": {
                    "standards": list(result.standards),
                    "catalogues": [c.id for c in result.catalogues],
                    "notes": list(result.notes),
                    **({"resultsLeftOut": left_out} if left_out else {}),
                },
            }
        ],
    }


def render(result: CheckResult, options: RenderOptions) -> str:
    return indented_json(to_data(result, options))
