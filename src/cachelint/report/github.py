"""``github``: GitHub Actions workflow commands, one annotation per diagnostic.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::message``;
messages escape ``%``, CR and LF, properties also ``:`` and ``,`` (as the
Actions toolkit does). GitHub shows only ten annotations per level in a step:
all are printed, those GitHub shows first, chosen to name as many pages as
possible (:mod:`cachelint.report.annotation_choice`); then one ``::notice``
says so. With ``GITHUB_STEP_SUMMARY`` set, a Markdown summary is appended to
that file (:mod:`cachelint.report.github_summary`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from cachelint.errors import OutputError
from cachelint.model import Diagnostic, Severity
from cachelint.report.annotation_choice import SHOWN_PER_LEVEL, AnnotationPlan, plan_annotations
from cachelint.report.base import Report
from cachelint.report.escape import workflow_data as escape_data
from cachelint.report.escape import workflow_property as escape_property
from cachelint.report.github_summary import step_summary
from cachelint.wording import plural

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def render_github(report: Report, stream: TextIO) -> None:
    """Write every annotation (those GitHub shows first), a notice, then the step summary."""
    plan = plan_annotations(report.diagnostics)
    for diagnostic in (*plan.shown, *plan.rest):
        stream.write(format_annotation(diagnostic, report) + "\n")
    if plan.hidden:
        message = hidden_notice(report, plan)
        stream.write(f"::notice title={escape_property('cachelint')}::{escape_data(message)}\n")
    if report.options.step_summary is not None:
        path = report.options.step_summary
        _append(path, step_summary(report, used=_size(path)))


def hidden_notice(report: Report, plan: AnnotationPlan) -> str:
    """The one notice saying that GitHub shows only some of the annotations, and which."""
    found = [plural(report.errors, "error"), plural(report.warnings, "warning")]
    summary = report.options.step_summary is not None
    where = " (the job summary has them by tag and rule)" if summary else ""
    return (
        f"cachelint found {' and '.join(found)} in {plural(report.files_with_findings, 'page')}; "
        f"GitHub shows {SHOWN_PER_LEVEL} error and {SHOWN_PER_LEVEL} warning annotations per "
        f"step, so the {len(plan.shown)} shown were chosen to name as many pages as possible "
        f"({plural(plan.pages_shown, 'page')}: one per page first, the pages with the most "
        f"findings first). This step's log lists all of them{where}."
    )


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


def _size(path: Path) -> int:
    """Bytes the step's summary file already holds (earlier commands of the same step)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8", errors="backslashreplace") as summary:
            summary.write(text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot append the job summary: {reason}", path=str(path)) from exc
