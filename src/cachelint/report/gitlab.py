"""``gitlab``: GitLab Code Quality JSON (a subset of the Code Climate issue format)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cachelint.model import Diagnostic, Severity
from cachelint.report.base import Report
from cachelint.report.escape import json_safe
from cachelint.report.fingerprint import stable_fingerprints

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render_gitlab(report: Report, stream: TextIO) -> None:
    """Write the Code Quality report: one issue per diagnostic."""
    issues = [
        _issue(diagnostic, report, fingerprint)
        for diagnostic, fingerprint in zip(
            report.diagnostics, stable_fingerprints(report), strict=True
        )
    ]
    stream.write(json_safe(json.dumps(issues, indent=2, ensure_ascii=False)))
    stream.write("\n")


def _issue(diagnostic: Diagnostic, report: Report, fingerprint: str) -> dict[str, Any]:
    position = diagnostic.position
    return {
        "type": "issue",
        "description": f"{diagnostic.code} {diagnostic.message}",
        "check_name": diagnostic.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[diagnostic.severity],
        "categories": ["Bug Risk"],
        "location": {
            "path": report.relative_path(diagnostic.path) or diagnostic.path,
            "lines": {"begin": position.line, "end": position.end_line or position.line},
        },
    }
