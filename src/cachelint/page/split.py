"""Split a page into its Jekyll front matter and body."""

from __future__ import annotations

import re

from cachelint.model import Finding
from cachelint.record import Record, fill

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
# Jekyll closes front matter at the first "---" or "..." line (YAML's document end).
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_LAYOUT_CACHE = re.compile(r"""^layout:[ \t]*(["']?)cache\1[ \t]*\r?$""", re.MULTILINE)


class FrontMatter(Record):
    """The YAML text between the fences and where it sits in the file.

    ``first_line`` is the 1-based file line of the first YAML line; a YAML mark
    at (line, column) in ``text`` is at file line ``first_line + line``.
    """

    __slots__ = ("end", "first_line", "start", "text")

    text: str
    first_line: int
    start: int
    end: int

    def __init__(self, text: str, first_line: int, start: int, end: int) -> None:
        fill(self, text, first_line, start, end)


def has_opening_fence(text: str) -> bool:
    """Whether the text starts with a ``---`` line."""
    match = _FENCE.match(text)
    return match is not None


def split_front_matter(text: str) -> FrontMatter | Finding:
    """Find the front matter of a page, or say why there is none (CL002)."""
    opening = _FENCE.match(text)
    if opening is None:
        return Finding("CL002", "no front matter: the file does not start with a '---' line")
    start = _line_end(text, opening.end())
    closing = _find_fence(text, start)
    if closing is None:
        return Finding("CL002", "front matter is not closed: no '---' or '...' line after it")
    yaml_text = text[start : closing.start()]
    if not _has_content(yaml_text):
        return Finding("CL002", "front matter is empty")
    return FrontMatter(text=yaml_text, first_line=2, start=start, end=closing.start())


def declares_cache_layout(front_matter: FrontMatter) -> bool:
    """Textual test for a ``layout: cache`` line (works on broken YAML too)."""
    return _LAYOUT_CACHE.search(front_matter.text) is not None


def _find_fence(text: str, start: int) -> re.Match[str] | None:
    """The first closing fence line (``---`` or ``...``) at or after ``start`` (a line start).

    ``str.find`` jumps from line to line: a multi-line regex search would try
    every character of the long JSON lines of a catalog page.
    """
    index = start
    while index >= 0:
        if text.startswith(("---", "..."), index):
            fence = _CLOSING_FENCE.match(text, index)
            if fence is not None:
                return fence
        index = _next_line_starting_a_fence(text, index)
    return None


def _next_line_starting_a_fence(text: str, index: int) -> int:
    dashes, dots = text.find("\n---", index), text.find("\n...", index)
    found = min(dashes, dots) if dashes >= 0 and dots >= 0 else max(dashes, dots)
    return found + 1 if found >= 0 else -1


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _has_content(yaml_text: str) -> bool:
    # The first line almost always answers: split the rest only when it does not.
    newline = yaml_text.find("\n")
    if newline < 0:
        return _any_content(yaml_text)
    return _any_content(yaml_text[:newline]) or _any_content(yaml_text[newline + 1 :])


def _any_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())
