"""``full``: each diagnostic with the source excerpt and its span underlined, as ruff does.

::

    _cache/develop/abyss/specs.md:6:2451: CL104 spec_details[5].target: ...
      |
    6 | …"platform": "linux", "target": "x86 64", "variants": […
      |                                 ^^^^^^^^ CL104
      |
      = pointer: /spec_details/5/target
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TextIO

from cachelint.model import Diagnostic
from cachelint.report.ansi import BLUE, BOLD, CYAN, SEVERITY_COLORS, Style
from cachelint.report.base import Report
from cachelint.report.escape import terminal_path
from cachelint.report.escape import terminal_text as one_line
from cachelint.report.excerpt import ELLIPSIS, clip

UNREADABLE = "CL001"


def render_full(report: Report, stream: TextIO) -> None:
    """Write every diagnostic with its excerpt, separated by blank lines."""
    style = Style(report.options.color)
    source_lines = _SourceLines(report.read_text)
    for diagnostic in report.diagnostics:
        # CL001: the file was not read (a link out of the catalog...): show nothing of it.
        lines = None if diagnostic.code == UNREADABLE else source_lines.get(diagnostic.path)
        rows = format_full(
            diagnostic,
            lines,
            style=style,
            width=report.options.width,
            ellipsis=report.options.ellipsis,
        )
        for row in rows:
            stream.write(row + "\n")
        stream.write("\n")


def format_full(
    diagnostic: Diagnostic,
    lines: list[str] | None,
    *,
    style: Style,
    width: int,
    ellipsis: str = ELLIPSIS,
) -> Iterator[str]:
    """The rows of one diagnostic: header, excerpt with underline, pointer."""
    position = diagnostic.position
    where = f"{terminal_path(diagnostic.path)}:{position.line}:{position.column}:"
    code = style(diagnostic.code, BOLD, SEVERITY_COLORS[diagnostic.severity])
    mark = " [*]" if diagnostic.fixable else ""  # as ruff marks what --fix repairs
    yield f"{style(where, BOLD)} {code}{mark} {one_line(diagnostic.message)}"
    pad = " " * len(str(position.end_line or position.line))
    if lines is not None and (position.end_line or position.line) <= len(lines):
        yield from _excerpt(diagnostic, lines, pad=pad, style=style, width=width, mark=ellipsis)
    if diagnostic.pointer:
        label = f"{style('=', BLUE, BOLD)} {style('pointer:', CYAN)}"
        yield f"{pad} {label} {one_line(diagnostic.pointer)}"


def _excerpt(
    diagnostic: Diagnostic, lines: list[str], *, pad: str, style: Style, width: int, mark: str
) -> Iterator[str]:
    """The span's line (or first and last line) with the span underlined."""
    position = diagnostic.position
    end_line = position.end_line or position.line
    end_column = position.end_column or position.column
    spans = [(position.line, position.column - 1, end_column - 1)]
    if end_line != position.line:
        first = lines[position.line - 1]
        spans = [(position.line, position.column - 1, len(first)), (end_line, 0, end_column - 1)]
    color = SEVERITY_COLORS[diagnostic.severity]
    bar = style(f"{pad} |", BLUE, BOLD)
    yield bar
    for index, (number, start, end) in enumerate(spans):
        if index and number > spans[0][0] + 1:
            yield style(f"{'.' * len(pad)} |", BLUE, BOLD)  # lines left out
        excerpt = clip(lines[number - 1], start, end, width=width - len(pad) - 3, ellipsis=mark)
        label = f" {diagnostic.code}" if index == len(spans) - 1 else ""
        carets = style("^" * excerpt.underline_width + label, BOLD, color)
        yield f"{style(f'{number:>{len(pad)}} |', BLUE, BOLD)} {excerpt.text}"
        yield f"{bar} {' ' * excerpt.underline_start}{carets}"
    yield bar


class _SourceLines:
    """The lines of the file being reported on; diagnostics come sorted by path."""

    def __init__(self, read_text: Callable[[str], str | None]) -> None:
        self._read_text = read_text
        self._path: str | None = None
        self._lines: list[str] | None = None

    def get(self, path: str) -> list[str] | None:
        if path != self._path:
            text = self._read_text(path)
            self._path = path
            self._lines = None if text is None else _split_lines(text)
        return self._lines


def _split_lines(text: str) -> list[str]:
    return [line.removesuffix("\r") for line in text.split("\n")]
