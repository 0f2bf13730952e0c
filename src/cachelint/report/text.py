"""``concise``: ``path:line:col: CODE message``, one line per diagnostic."""

from __future__ import annotations

from typing import TextIO

from cachelint.model import Diagnostic
from cachelint.report.base import Report

# Control characters would break the line or drive the terminal: show them escaped.
_ESCAPES: dict[int, str] = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))},
    ord("\r"): "\\r",
    ord("\n"): "\\n",
    ord("\t"): "\\t",
    **{code: f"\\u{code:04x}" for code in (0x2028, 0x2029)},
}


def one_line(text: str) -> str:
    """Text kept on its line: CR, LF and other control characters shown escaped."""
    return text.translate(_ESCAPES)


def format_concise(diagnostic: Diagnostic) -> str:
    """One diagnostic as ``path:line:col: CODE message``."""
    position = diagnostic.position
    where = f"{one_line(diagnostic.path)}:{position.line}:{position.column}"
    return f"{where}: {diagnostic.code} {one_line(diagnostic.message)}"


def render_concise(report: Report, stream: TextIO) -> None:
    """Write every diagnostic on its own line."""
    for diagnostic in report.diagnostics:
        stream.write(format_concise(diagnostic) + "\n")
