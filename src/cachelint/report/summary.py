"""The one-line summary at the end of a run."""

from __future__ import annotations

from cachelint.runner import RunResult


def summary_line(run: RunResult) -> str:
    """``Found 3 errors and 1 warning in 2 of 118 files.`` or ``All checks passed ...``."""
    total = len(run.checked_files)
    if not run.diagnostics:
        return f"All checks passed ({plural(total, 'file')})."
    tallies = ((run.errors, "error"), (run.warnings, "warning"))
    counts = [plural(n, word) for n, word in tallies if n]
    return f"Found {' and '.join(counts)} in {run.files_with_findings} of {plural(total, 'file')}."


def plural(count: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
