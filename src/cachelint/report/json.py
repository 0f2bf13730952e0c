"""A JSON array of diagnostics on stdout, for tools."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cachelint.model import Diagnostic
from cachelint.runner import RunResult


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
    }


def render_json(run: RunResult, stream: TextIO) -> None:
    """Write all diagnostics as one JSON array."""
    json.dump([diagnostic_record(d) for d in run.diagnostics], stream, indent=2, ensure_ascii=False)
    stream.write("\n")
