"""The findings list as data: JSON the page's script renders a screen at a time.

A catalog can have 100,000 findings: as HTML elements that is tens of
megabytes and a million nodes the browser must lay out before the page
answers. As compact JSON (pages and messages by index, excerpts pre-clipped)
it parses in well under a second, and the script builds only the screen shown.

The excerpt is the ``full`` format's: :func:`~cachelint.report.excerpt.clip`
around the span, with the span given as the text before, in and after it.
"""

from __future__ import annotations

import html
import json
import shlex
from typing import Any

from cachelint.model import Diagnostic, Severity
from cachelint.report.base import Report
from cachelint.report.excerpt import ELLIPSIS, Excerpt, cell_width, clip
from cachelint.report.full import _SourceLines  # the same lines the full format reads
from cachelint.report.html.view import tag_of
from cachelint.report.text import one_line

EXCERPT_WIDTH = 120  # cells: a browser line of monospace text at a readable size
SEVERITY_CODES = {Severity.ERROR: 0, Severity.WARNING: 1}
# In a <script> element only "</" (and "<!--") can end or confuse it: escape every "<".
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def text(value: str) -> str:
    """Text from the run as printable UTF-8: controls escaped, undecodable bytes shown."""
    return one_line(value).encode("utf-8", "backslashreplace").decode("utf-8")


def esc(value: object) -> str:
    """A value from the run as HTML text or a quoted attribute value."""
    return html.escape(text(str(value)), quote=True)


def fix_command(path: str) -> str:
    """The command that repairs one page, quoted for a POSIX shell."""
    return f"cachelint check --fix {shlex.quote(text(path))}"


def findings_payload(report: Report) -> dict[str, Any]:
    """Pages with findings, their tags, and each finding as a compact row.

    A finding is ``[page, code, severity, line, column, message, fixable, new,
    excerpt]`` where ``page`` and ``message`` index ``pages`` and ``messages``
    and ``excerpt`` is a list of ``[line, before, span, after]``.
    """
    new = set(report.baseline.new) if report.baseline is not None else set()
    pages: dict[str, int] = {}
    messages: dict[str, int] = {}
    rows: list[list[Any]] = []
    lines = _SourceLines(report.read_text)
    for diagnostic in report.diagnostics:
        page = pages.setdefault(diagnostic.path, len(pages))
        message = messages.setdefault(text(diagnostic.message), len(messages))
        position = diagnostic.position
        rows.append(
            [
                page,
                diagnostic.code,
                SEVERITY_CODES.get(diagnostic.severity, 0),
                position.line,
                position.column,
                message,
                int(diagnostic.fixable),
                int(diagnostic in new),
                excerpt_rows(diagnostic, lines.get(diagnostic.path)),
            ]
        )
    return {
        "pages": [_page_entry(path) for path in pages],
        "messages": list(messages),
        "findings": rows,
        "baseline": report.baseline is not None,
    }


def _page_entry(path: str) -> list[str]:
    key = tag_of(path)
    return [text(path), text(key[1]) if key else "", fix_command(path)]


def excerpt_rows(diagnostic: Diagnostic, lines: list[str] | None) -> list[list[Any]]:
    """The span's first (and last) line, clipped as ``full`` clips it, split at the span."""
    position = diagnostic.position
    end_line = position.end_line or position.line
    if lines is None or end_line > len(lines) or position.line < 1:
        return []
    end_column = position.end_column or position.column
    spans = [(position.line, position.column - 1, end_column - 1)]
    if end_line != position.line:
        first = lines[position.line - 1]
        spans = [(position.line, position.column - 1, len(first)), (end_line, 0, end_column - 1)]
    rows = []
    for number, start, end in spans:
        excerpt = clip(lines[number - 1], start, end, width=EXCERPT_WIDTH)
        rows.append([number, *split_at_span(excerpt)])
    return rows


def split_at_span(excerpt: Excerpt) -> tuple[str, str, str]:
    """The excerpt's text before, under and after its underline (cells back to characters)."""
    chars = excerpt.text
    if chars.replace(ELLIPSIS, "").isascii():  # displayable ASCII: a cell a character
        start, end = excerpt.underline_start, excerpt.underline_start + excerpt.underline_width
    else:
        start = _index_at_cell(chars, 0, excerpt.underline_start)
        end = _index_at_cell(chars, start, excerpt.underline_width)
    return chars[:start], chars[start:end], chars[end:]


def _index_at_cell(chars: str, index: int, cells: int) -> int:
    """The index ``cells`` terminal cells after ``index``."""
    while cells > 0 and index < len(chars):
        cells -= cell_width(chars[index])
        index += 1
    return index


def script_json(data: Any) -> str:
    """``data`` as JSON that cannot end the ``<script>`` element holding it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
