"""``path:line:col: CODE message``, one line per diagnostic."""

from __future__ import annotations

from typing import TextIO

from cachelint.model import Diagnostic
from cachelint.runner import RunResult


def format_concise(diagnostic: Diagnostic) -> str:
    """One diagnostic as ``path:line:col: CODE message``."""
    position = diagnostic.position
    message = diagnostic.message.replace("\r", "\\r").replace("\n", "\\n")
    return f"{diagnostic.path}:{position.line}:{position.column}: {diagnostic.code} {message}"


def render_concise(run: RunResult, stream: TextIO) -> None:
    """Write every diagnostic on its own line."""
    for diagnostic in run.diagnostics:
        stream.write(format_concise(diagnostic) + "\n")
