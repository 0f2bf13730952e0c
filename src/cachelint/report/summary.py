"""The one-line summary at the end of a run."""

from __future__ import annotations

from cachelint.report.base import Report

# The human formats, and how each marks a finding that --fix repairs.
FIXABLE_MARKS = {"full": "[*] ", "concise": "", "text": ""}


def summary_line(report: Report) -> str:
    """``Found 3 errors and 1 warning in 2 of 118 files.`` or ``All checks passed ...``."""
    total = len(report.checked_files)
    if not report.diagnostics:
        return f"All checks passed ({plural(total, 'file')})."
    tallies = ((report.errors, "error"), (report.warnings, "warning"))
    counts = [plural(n, word) for n, word in tallies if n]
    files = f"{report.files_with_findings} of {plural(total, 'file')}"
    return f"Found {' and '.join(counts)} in {files}."


def fixable_line(report: Report, output_format: str) -> str:
    """``[*] 12 fixable with --fix.`` after a report that marks them (``""``: none, or JSON)."""
    fixable = sum(d.fixable for d in report.diagnostics)
    if not fixable or output_format not in FIXABLE_MARKS:
        return ""
    return f"{FIXABLE_MARKS[output_format]}{fixable} fixable with --fix."


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
