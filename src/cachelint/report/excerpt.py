"""One source line, made safe for a terminal and clipped around a span.

Catalog lines are hundreds of kilobytes long: the excerpt keeps the span and
as much context on each side as the width allows, with an ellipsis where text
was cut. Widths are terminal cells (wide characters take two, combining marks
none), so the underline lines up under the span.
"""

from __future__ import annotations

import unicodedata
from itertools import accumulate

from cachelint.record import Record, fill
from cachelint.report.base import ELLIPSIS

REPLACEMENT = "\ufffd"
MIN_WIDTH = 20


class Excerpt(Record):
    """A displayable line and where, in cells, its underline goes."""

    __slots__ = ("text", "underline_start", "underline_width")

    text: str
    underline_start: int
    underline_width: int

    def __init__(self, text: str, underline_start: int, underline_width: int) -> None:
        fill(self, text, underline_start, underline_width)


def cell_width(char: str) -> int:
    """Terminal cells a (displayable) character takes."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def displayable(char: str) -> str:
    """The character, or a stand-in for controls that would move or restyle the cursor."""
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
        return REPLACEMENT  # controls, bidi overrides (Trojan Source), separators
    return char


def clip(line: str, start: int, end: int, *, width: int, ellipsis: str = ELLIPSIS) -> Excerpt:
    """The part of ``line`` around ``line[start:end]`` that fits ``width`` cells."""
    width = max(width, MIN_WIDTH)
    start = min(max(start, 0), len(line))
    end = min(max(end, start), len(line), start + width)
    # Only the neighbourhood can be shown: never measure a whole 300 kB line.
    low, high = max(0, start - width), min(len(line), end + width)
    segment = line[low:high]
    if segment.isascii() and segment.isprintable():  # most catalog text: a cell a character
        chars, cells = list(segment), [1] * len(segment)
    else:
        chars = [displayable(c) for c in segment]
        cells = [cell_width(c) for c in chars]
    cut = (low > 0, high < len(line))
    first, last = _window(cells, start - low, end - low, width, cut, len(ellipsis))
    lead = ellipsis if first > 0 or low > 0 else ""
    tail = ellipsis if last < len(chars) or high < len(line) else ""
    return Excerpt(
        text=lead + "".join(chars[first:last]) + tail,
        underline_start=len(lead) + sum(cells[first : start - low]),
        underline_width=max(1, sum(cells[start - low : min(end - low, last)])),
    )


def _window(
    cells: list[int], start: int, end: int, width: int, cut: tuple[bool, bool], mark: int
) -> tuple[int, int]:
    """The widest ``[first, last)`` holding the span's start that fits with its ellipses."""
    total = len(cells)
    cut_before, cut_after = cut
    before = list(accumulate(cells, initial=0))  # cells before each index: O(1) widths

    def fits(first: int, last: int) -> bool:
        ellipses = (first > 0 or cut_before) + (last < total or cut_after)
        return before[last] - before[first] + ellipses * mark <= width

    if fits(0, total):
        return 0, total
    first = last = start
    while last < end and fits(first, last + 1):  # as much of the span as fits
        last += 1
    grew = last == end  # no room for context around a span wider than the screen
    while grew:  # then context, alternately after and before
        grew = False
        if last < total and fits(first, last + 1):
            last, grew = last + 1, True
        if first > 0 and fits(first - 1, last):
            first, grew = first - 1, True
    return first, last
