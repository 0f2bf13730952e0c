"""``json``: one array of diagnostics; ``json-lines``: one object per line."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cachelint.model import Diagnostic, Related
from cachelint.report.base import Report
from cachelint.report.escape import json_safe


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, Any]:
    """The stable JSON shape of one diagnostic."""
    position = diagnostic.position
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "path": diagnostic.path,
        "line": position.line,
        "column": position.column,
        "end_line": position.end_line,
        "end_column": position.end_column,
        "pointer": diagnostic.pointer,
        "fixable": diagnostic.fixable,
        "related": [_related_record(related) for related in diagnostic.related],
    }


def _related_record(related: Related) -> dict[str, Any]:
    position = related.position
    return {
        "pointer": related.pointer,
        "line": position.line,
        "column": position.column,
        "end_line": position.end_line,
        "end_column": position.end_column,
    }


def render_json(report: Report, stream: TextIO) -> None:
    """Write all diagnostics as one JSON array."""
    records = [diagnostic_record(d) for d in report.diagnostics]
    stream.write(json_safe(json.dumps(records, indent=2, ensure_ascii=False)))
    stream.write("\n")


def render_json_lines(report: Report, stream: TextIO) -> None:
    """Write each diagnostic as one compact JSON object on its own line."""
    for diagnostic in report.diagnostics:
        stream.write(_one_line_json(diagnostic_record(diagnostic)) + "\n")


# Valid raw in JSON strings, but line breaks to str.splitlines() and to JavaScript.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _one_line_json(record: dict[str, Any]) -> str:
    return json_safe(json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS))
