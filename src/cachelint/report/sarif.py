"""``sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Meets GitHub's upload requirements: ``tool.driver`` with name, version,
informationUri and every rule (id, name, short and full description, help,
default level); each result with ruleId, ruleIndex, level, message, a location
relative to the repository root (``uriBaseId`` ``SRCROOT``) with a full region,
and ``partialFingerprints`` that stay the same across runs. Columns are
Unicode code points, declared with ``columnKind``.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from cachelint.model import Diagnostic, Severity
from cachelint.report.base import Report, RuleInfo
from cachelint.report.escape import json_safe
from cachelint.report.paths import file_uri, folder_uri, uri_reference

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "SRCROOT"
FINGERPRINT_KEY = "cachelint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def render_sarif(report: Report, stream: TextIO) -> None:
    """Write the run as one SARIF log."""
    stream.write(json_safe(json.dumps(sarif_log(report), indent=2, ensure_ascii=False)))
    stream.write("\n")


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as data."""
    rules = _rules(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    fingerprints = report.fingerprints()
    results = [
        _result(d, report, index[d.code], fingerprint)
        for d, fingerprint in zip(report.diagnostics, fingerprints, strict=True)
    ]
    tool = report.tool
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool.name,
                        "version": tool.version,
                        "semanticVersion": tool.version,
                        "informationUri": tool.information_uri,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {ROOT_ID: {"uri": folder_uri(report.root)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rules(report: Report) -> list[RuleInfo]:
    """Every documented rule, plus any code only seen in a diagnostic."""
    rules = dict(sorted(report.rules.items()))
    for diagnostic in report.diagnostics:
        if diagnostic.code not in rules:
            rules[diagnostic.code] = RuleInfo(diagnostic.code, diagnostic.code.lower(), "")
    return list(rules.values())


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    summary = rule.summary or rule.code
    full = rule.doc or summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": full},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": ["catalog", "consistency"]},
    }


def _result(
    diagnostic: Diagnostic, report: Report, rule_index: int, fingerprint: str
) -> dict[str, Any]:
    position = diagnostic.position
    region = {
        "startLine": position.line,
        "startColumn": position.column,
        "endLine": position.end_line or position.line,
        "endColumn": position.end_column or position.column,
    }
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(diagnostic.path, report),
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if diagnostic.pointer:
        result["properties"] = {"pointer": diagnostic.pointer}
    return result


def _artifact(path: str, report: Report) -> dict[str, str]:
    relative = report.relative_path(path)
    if relative is None:
        return {"uri": file_uri(path)}
    return {"uri": uri_reference(relative), "uriBaseId": ROOT_ID}
