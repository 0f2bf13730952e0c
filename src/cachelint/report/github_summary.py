"""The Markdown appended to ``$GITHUB_STEP_SUMMARY``: counts per code, first findings per file."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from cachelint.report.base import Report
from cachelint.report.escape import markdown_cell
from cachelint.report.summary import summary_line

FIRST_PER_FILE = 5


def step_summary(report: Report) -> str:
    """The job summary: a heading, a table per code and the first findings of each file."""
    rows = [f"### cachelint: {markdown_cell(summary_line(report))}", ""]
    if report.diagnostics:
        rows += [*_per_code(report), "", *_first_per_file(report), ""]
    return "\n".join(rows) + "\n"


def _per_code(report: Report) -> list[str]:
    counts = Counter(d.code for d in report.diagnostics)
    severity = {d.code: d.severity.value for d in report.diagnostics}
    rows = ["| Code | Name | Severity | Findings |", "| --- | --- | --- | ---: |"]
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        info = report.rules.get(code)
        name = markdown_cell(info.name) if info else ""
        rows.append(f"| {markdown_cell(code)} | {name} | {severity[code]} | {count} |")
    return rows


def _first_per_file(report: Report) -> list[str]:
    rows = [
        f"First findings per file (at most {FIRST_PER_FILE} each):",
        "",
        "| File | Line:Column | Code | Message |",
        "| --- | --- | --- | --- |",
    ]
    for path, group in groupby(report.diagnostics, key=lambda d: d.path):
        found = list(group)
        shown = report.relative_path(path) or path
        for diagnostic in found[:FIRST_PER_FILE]:
            where = f"{diagnostic.position.line}:{diagnostic.position.column}"
            cells = [shown, where, diagnostic.code, diagnostic.message]
            rows.append("| " + " | ".join(markdown_cell(cell) for cell in cells) + " |")
        if len(found) > FIRST_PER_FILE:
            more = f"… and {len(found) - FIRST_PER_FILE} more in this file"
            rows.append(f"| {markdown_cell(shown)} | | | {markdown_cell(more)} |")
    return rows
