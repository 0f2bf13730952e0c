"""``sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Meets GitHub's upload requirements: ``tool.driver`` with name, version,
informationUri and every rule (id, name, short and full description, Markdown
help converted from the rule's docstring, a ``helpUri`` to its section of
docs/rules.md, default level); each result with ruleId, ruleIndex, level,
message, a location relative to the repository root (``uriBaseId``
``SRCROOT``) with a full region, and ``partialFingerprints`` that survive
unrelated line shifts (:mod:`cachelint.report.fingerprint`). Columns are
Unicode code points, declared with ``columnKind``.

A run stays within GitHub's limits (:mod:`cachelint.report.sarif_select`):
findings of one rule on one page are grouped, results are capped, and
``run.properties`` plus a tool notification say what was left out.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.metadata import PackageNotFoundError, metadata
from typing import Any, TextIO

from cachelint.model import Diagnostic, Severity
from cachelint.report.base import HOMEPAGE, Report, RuleInfo
from cachelint.report.escape import json_safe
from cachelint.report.paths import file_uri, folder_uri, uri_reference
from cachelint.report.sarif_select import MAX_RESULTS, SarifEntry, SarifSelection, select_results
from cachelint.rules.doc import help_markdown, plain

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "SRCROOT"
FINGERPRINT_KEY = "cachelint/v2"  # v2: code, page, pointer and value hash (v1: no value)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}
BUILTIN_PREFIX = "CL"  # cachelint's own codes: plugins cannot use the prefix
CAPPED = "cachelint-results-capped"


def render_sarif(report: Report, stream: TextIO) -> None:
    """Write the run as one SARIF log: compact JSON, as a catalog's log runs to megabytes."""
    log = json.dumps(sarif_log(report), separators=(",", ":"), ensure_ascii=False)
    stream.write(json_safe(log))
    stream.write("\n")


def sarif_log(report: Report, *, max_results: int = MAX_RESULTS) -> dict[str, Any]:
    """The SARIF log as data."""
    rules = _rules(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    selection = select_results(report, max_results=max_results)
    tool = report.tool
    run = {
        "tool": {
            "driver": {
                "name": tool.name,
                "version": tool.version,
                "semanticVersion": tool.version,
                "informationUri": tool.information_uri,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [_invocation(selection, max_results)],
        "originalUriBaseIds": {ROOT_ID: {"uri": folder_uri(report.root)}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(entry, report, index[entry.first.code]) for entry in selection.entries],
        "properties": _run_properties(selection, max_results),
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def left_out_message(selection: SarifSelection, max_results: int = MAX_RESULTS) -> str:
    """What a capped log says about the findings it does not hold."""
    return (
        f"cachelint found {selection.findings} findings; this SARIF log holds at most "
        f"{max_results} results (GitHub code scanning stores only 5,000 and rejects more "
        f"than 25,000), so {selection.findings_left_out} findings are left out "
        f"({selection.results_left_out} results past the cap, the rest related locations "
        "past the log's bound). The results kept give each page with findings its first "
        "result before any page gets a second; the job log and the JSON or JUnit report "
        "list every finding."
    )


def _run_properties(selection: SarifSelection, max_results: int) -> dict[str, Any]:
    return {
        "findings": selection.findings,
        "results": len(selection.entries),
        "maxResults": max_results,
        "resultsLeftOut": selection.results_left_out,
        "findingsLeftOut": selection.findings_left_out,
    }


def _invocation(selection: SarifSelection, max_results: int) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if not selection.complete:
        invocation["toolExecutionNotifications"] = [
            {
                "descriptor": {"id": CAPPED},
                "level": "warning",
                "message": {"text": left_out_message(selection, max_results)},
            }
        ]
    return invocation


def _rules(report: Report) -> list[RuleInfo]:
    """Every documented rule, plus any code only seen in a diagnostic."""
    rules = dict(sorted(report.rules.items()))
    for diagnostic in report.diagnostics:
        if diagnostic.code not in rules:
            rules[diagnostic.code] = RuleInfo(diagnostic.code, diagnostic.code.lower(), "")
    return list(rules.values())


@cache
def project_url() -> str:
    """The project's URL from its metadata (pyproject's ``[project.urls]``)."""
    try:
        urls = metadata("cachelint").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "homepage" and url.strip():
            return url.strip().rstrip("/")
    return HOMEPAGE


def help_uri(code: str) -> str | None:
    """The section of docs/rules.md on a built-in code (plugin codes are not there)."""
    if not code.startswith(BUILTIN_PREFIX):
        return None
    return f"{project_url()}/blob/main/docs/rules.md#{code.lower()}"


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    summary = plain(rule.summary or rule.code)
    full = plain(rule.doc) if rule.doc else summary
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": help_markdown(rule.summary or rule.code, rule.doc)},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": ["catalog", "consistency"]},
    }
    uri = help_uri(rule.code)
    if uri is not None:
        descriptor["helpUri"] = uri
    return descriptor


def _result(entry: SarifEntry, report: Report, rule_index: int) -> dict[str, Any]:
    first = entry.first
    result: dict[str, Any] = {
        "ruleId": first.code,
        "ruleIndex": rule_index,
        "level": LEVELS[first.severity],
        "message": {"text": _message(entry)},
        "locations": [{"physicalLocation": _physical(first, report)}],
        "partialFingerprints": {FINGERPRINT_KEY: entry.fingerprint},
    }
    if entry.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(diagnostic, report),
                "message": {"text": diagnostic.message},
            }
            for number, diagnostic in enumerate(entry.related, start=1)
        ]
    properties: dict[str, Any] = {}
    if first.pointer:
        properties["pointer"] = first.pointer
    if entry.related:
        properties["findings"] = entry.findings
        properties["relatedLeftOut"] = entry.related_left_out
    if properties:
        result["properties"] = properties
    return result


def _message(entry: SarifEntry) -> str:
    if not entry.related:
        return entry.first.message
    more = entry.findings - 1
    return (
        f"{entry.first.message} ({entry.first.code} fires {entry.findings} times on this "
        f"page: the other {more} are its related locations"
        + (f", of which {entry.related_left_out} are left out" if entry.related_left_out else "")
        + ")"
    )


def _physical(diagnostic: Diagnostic, report: Report) -> dict[str, Any]:
    position = diagnostic.position
    region = {
        "startLine": position.line,
        "startColumn": position.column,
        "endLine": position.end_line or position.line,
        "endColumn": position.end_column or position.column,
    }
    return {"artifactLocation": _artifact(diagnostic.path, report), "region": region}


def _artifact(path: str, report: Report) -> dict[str, str]:
    relative = report.relative_path(path)
    if relative is None:
        return {"uri": file_uri(path)}
    return {"uri": uri_reference(relative), "uriBaseId": ROOT_ID}
