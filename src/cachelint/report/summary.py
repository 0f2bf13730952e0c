"""The one-line summary at the end of a run."""

from __future__ import annotations

from cachelint.layout import data_file_kind
from cachelint.report.base import Report
from cachelint.wording import plural

# The human formats, and how each marks a finding that --fix repairs.
FIXABLE_MARKS = {"full": "[*] ", "concise": "", "text": ""}


def summary_line(report: Report) -> str:
    """``Found 3 errors and 1 warning in 2 of 118 pages.`` or ``All checks passed ...``.

    Pages and site data files (``_data/*.yaml``, tag pages) are counted apart:
    ``Found 61 errors in 7 of 111 pages (and 1 data file).`` says that 7 of the
    files checked (111 pages and 1 data file) have findings.
    """
    # A run checks each file once: counting, not a set of every path (a catalog's
    # worth of strings at once, the run's peak of memory).
    data_files = {path for path in report.checked_files if data_file_kind(path)}
    pages = len(report.checked_files) - len(data_files)
    if not report.diagnostics:
        counted = [(pages, "page"), (len(data_files), "data file")]
        shown = [plural(n, word) for n, word in counted if n] or [plural(0, "page")]
        return f"All checks passed ({' and '.join(shown)})."
    tallies = ((report.errors, "error"), (report.warnings, "warning"))
    counts = [plural(n, word) for n, word in tallies if n]
    flagged = len({d.path for d in report.diagnostics})
    files = f"{flagged} of {plural(pages, 'page')}"
    if data_files:
        files += f" (and {plural(len(data_files), 'data file')})"
    return f"Found {' and '.join(counts)} in {files}."


def fixable_line(report: Report, output_format: str) -> str:
    """``[*] 12 fixable with --fix.`` after a report that marks them (``""``: none, or JSON)."""
    fixable = sum(d.fixable for d in report.diagnostics)
    if not fixable or output_format not in FIXABLE_MARKS:
        return ""
    return f"{FIXABLE_MARKS[output_format]}{fixable} fixable with --fix."
