"""``github``: GitHub Actions workflow commands, one annotation per diagnostic.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::message``;
messages escape ``%``, CR and LF, properties also ``:`` and ``,`` (as the
Actions toolkit does). GitHub shows only ten annotations per level in a step:
all are printed, then a ``::notice`` says how many exist; with
``GITHUB_STEP_SUMMARY`` set, a Markdown summary is appended to that file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO

from cachelint.errors import OutputError
from cachelint.model import Diagnostic, Severity
from cachelint.report.base import Report
from cachelint.report.escape import workflow_data as escape_data
from cachelint.report.escape import workflow_property as escape_property
from cachelint.report.github_summary import step_summary
from cachelint.report.summary import plural

SHOWN_PER_LEVEL = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def render_github(report: Report, stream: TextIO) -> None:
    """Write one annotation per diagnostic, then notices, then the step summary."""
    for diagnostic in report.diagnostics:
        stream.write(format_annotation(diagnostic, report) + "\n")
    counts = Counter(d.severity for d in report.diagnostics)
    for severity, command in COMMANDS.items():
        if counts[severity] > SHOWN_PER_LEVEL:
            message = (
                f"cachelint found {plural(counts[severity], command)}; GitHub shows "
                f"{SHOWN_PER_LEVEL} {command} annotations per step: see this log "
                "or the job summary for all of them"
            )
            stream.write(f"::notice title={escape_property('cachelint')}::{escape_data(message)}\n")
    if report.options.step_summary is not None:
        _append(report.options.step_summary, step_summary(report))


def format_annotation(diagnostic: Diagnostic, report: Report) -> str:
    """One ``::error``/``::warning`` command."""
    position = diagnostic.position
    end_line = position.end_line or position.line
    one_line = end_line == position.line  # GitHub takes columns only within one line
    properties = {
        "file": report.relative_path(diagnostic.path) or diagnostic.path,
        "line": str(position.line),
        "col": str(position.column) if one_line else None,
        "endLine": str(end_line),
        "endColumn": str(position.end_column or position.column) if one_line else None,
        "title": diagnostic.code,
    }
    listed = ",".join(
        f"{key}={escape_property(value)}" for key, value in properties.items() if value is not None
    )
    return f"::{COMMANDS[diagnostic.severity]} {listed}::{escape_data(diagnostic.message)}"


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8", errors="backslashreplace") as summary:
            summary.write(text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot append the job summary: {reason}", path=str(path)) from exc
