"""``concise``: ``path:line:col: CODE message``, one line per diagnostic."""

from __future__ import annotations

from typing import TextIO

from cachelint.model import Diagnostic
from cachelint.report.base import Report
from cachelint.report.escape import terminal_path, terminal_text

# Kept for callers of the older name: one line, nothing a terminal acts on.
one_line = terminal_text


def format_concise(diagnostic: Diagnostic) -> str:
    """One diagnostic as ``path:line:col: CODE message``."""
    position = diagnostic.position
    where = f"{terminal_path(diagnostic.path)}:{position.line}:{position.column}"
    return f"{where}: {diagnostic.code} {terminal_text(diagnostic.message)}"


def render_concise(report: Report, stream: TextIO) -> None:
    """Write every diagnostic on its own line."""
    for diagnostic in report.diagnostics:
        stream.write(format_concise(diagnostic) + "\n")
