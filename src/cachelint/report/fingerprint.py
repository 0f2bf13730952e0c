"""Stable identities of findings, for code scanning and GitLab Code Quality.

GitHub and GitLab match a finding of one run with the same finding of an
earlier run by its fingerprint: a fingerprint that changes when unrelated
lines are inserted above it turns every finding into a new one. So a
fingerprint is built from what the finding is about, never from where it
happens to be printed:

- the code (``CL201``),
- the page, relative to the repository root,
- the JSON Pointer into the front matter (``/meta/num_specs``),
- a hash of the text of the value the finding points at (whitespace folded), so
  that a finding on a value that is later changed to another wrong value is a
  new finding, while moving the value to another line keeps its identity.

Two findings alike in all four are told apart by their order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

from cachelint.model import Position

if TYPE_CHECKING:
    from cachelint.model import Diagnostic
    from cachelint.report.base import Report

FINGERPRINT_LENGTH = 32


def stable_fingerprints(report: Report) -> list[str]:
    """One fingerprint per diagnostic of ``report``, in order."""
    texts = _PageLines(report)
    seen: Counter[tuple[str, ...]] = Counter()
    prints = []
    for diagnostic in report.diagnostics:
        key = identity(diagnostic, report, value=texts.value(diagnostic))
        prints.append(digest(*key, str(seen[key])))
        seen[key] += 1
    return prints


def identity(diagnostic: Diagnostic, report: Report, *, value: str) -> tuple[str, ...]:
    """What a finding is about: code, page, pointer and the hash of its value."""
    path = report.relative_path(diagnostic.path) or diagnostic.path
    return (diagnostic.code, path, diagnostic.pointer, digest(value))


def digest(*parts: str) -> str:
    """A short hex SHA-256 of the parts (a file name that is not UTF-8 is hashed, not fatal)."""
    text = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(text).hexdigest()[:FINGERPRINT_LENGTH]


def span_text(lines: list[str], position: Position) -> str:
    """The text a position spans, with runs of whitespace folded to one space."""
    first = position.line - 1
    last = (position.end_line or position.line) - 1
    if not 0 <= first < len(lines):
        return ""
    chosen = lines[first : last + 1]
    end_column = position.end_column or position.column
    if chosen and last < len(lines):
        chosen[-1] = chosen[-1][: end_column - 1]
    chosen[0] = chosen[0][position.column - 1 :]
    return " ".join("\n".join(chosen).split())


class _PageLines:
    """The lines of each page, read once however many findings it has."""

    def __init__(self, report: Report) -> None:
        self._report = report
        self._lines: dict[str, list[str]] = {}

    def value(self, diagnostic: Diagnostic) -> str:
        lines = self._lines.get(diagnostic.path)
        if lines is None:
            text = self._report.read_text(diagnostic.path) or ""
            lines = self._lines[diagnostic.path] = text.split("\n")
        return span_text(lines, diagnostic.position)
