"""Unified diffs of repairs, for ``--diff``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from cachelint.model import Fix
from cachelint.report.escape import terminal_path, terminal_text

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
NO_NEWLINE = "\\ No newline at end of file\n"


def render_diff(path: str, fix: Fix) -> str:
    """The unified diff from a file's bytes to its repaired bytes, as ``diff -u`` writes it."""
    before = _lines(fix.original.decode("utf-8"))
    after = _lines(fix.fixed.decode("utf-8"))
    shown = terminal_path(path)
    diff = difflib.unified_diff(before, after, fromfile=shown, tofile=shown)
    return "".join(_mark_missing_newlines(_terminal_safe(diff)))


def _terminal_safe(lines: Iterator[str]) -> Iterator[str]:
    # A page's own controls (a lone CR, ESC) would act on the terminal or the CI
    # log; such a line is shown escaped (and no longer applies with ``patch``).
    for line in lines:
        body = line.removesuffix("\n")
        ending = line[len(body) :]
        if body.endswith("\r"):  # CRLF pages keep their line ends
            body, ending = body[:-1], "\r" + ending
        yield terminal_text(body) + ending


def _lines(text: str) -> list[str]:
    # Lines end at "\n" only, as in the file; str.splitlines would also split
    # at "\r", "\f" and other characters the file does not treat as line ends.
    return _LINE.findall(text)


def _mark_missing_newlines(diff: Iterator[str]) -> Iterator[str]:
    for line in diff:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n" + NO_NEWLINE
