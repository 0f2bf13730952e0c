"""Clipping a long line around a span, in terminal cells."""

from __future__ import annotations

import pytest

from cachelint.report.excerpt import ELLIPSIS, REPLACEMENT, cell_width, clip

SPECS = ", ".join(f'{{"target": "t{i}", "os": "中文"}}' for i in range(500))
LONG = f"spec_details: [{SPECS}]"


def cells(text: str) -> int:
    return sum(cell_width(c) for c in text)


def underlined(line: str, start: int, end: int, width: int) -> str:
    """The displayed text above the underline, found by cell arithmetic."""
    excerpt = clip(line, start, end, width=width)
    shown, column = "", 0
    for char in excerpt.text:
        if excerpt.underline_start <= column < excerpt.underline_start + excerpt.underline_width:
            shown += char
        column += cell_width(char)
    return shown


def test_a_short_line_is_shown_whole() -> None:
    excerpt = clip('title: "zlib"', 7, 13, width=80)
    assert excerpt.text == 'title: "zlib"'
    assert (excerpt.underline_start, excerpt.underline_width) == (7, 6)


@pytest.mark.parametrize("width", [20, 41, 80, 200])
@pytest.mark.parametrize("target", ['"t0"', '"t250"', '"t499"'])
def test_long_lines_are_clipped_around_the_span(width: int, target: str) -> None:
    start = LONG.index(target)
    excerpt = clip(LONG, start, start + len(target), width=width)
    assert cells(excerpt.text) <= width
    assert underlined(LONG, start, start + len(target), width) == target
    lead, tail = excerpt.text.startswith(ELLIPSIS), excerpt.text.endswith(ELLIPSIS)
    shown = excerpt.text[lead : len(excerpt.text) - tail]
    assert LONG.startswith(shown) != lead
    assert LONG.endswith(shown) != tail
    if target == '"t250"':  # the middle of a long line: cut on both sides
        assert lead and tail


def test_wide_characters_keep_the_underline_aligned() -> None:
    line = '{"os": "中文中文", "target": "x"}'
    start = line.index('"x"')
    excerpt = clip(line, start, start + 3, width=80)
    assert excerpt.underline_start == start + 4  # four wide characters before it
    assert underlined(line, start, start + 3, 80) == '"x"'


def test_a_span_wider_than_the_screen_shows_its_start() -> None:
    excerpt = clip(LONG, 14, len(LONG), width=30)
    assert excerpt.text.startswith(ELLIPSIS + "[")
    assert excerpt.underline_start == 1
    assert excerpt.underline_start + excerpt.underline_width == cells(excerpt.text) - 1
    assert excerpt.text.endswith(ELLIPSIS)


def test_an_empty_span_still_gets_one_caret() -> None:
    excerpt = clip("abc", 3, 3, width=80)
    assert (excerpt.underline_start, excerpt.underline_width) == (3, 1)


def test_terminal_controls_are_never_shown() -> None:
    line = 'a: "\x1b[31mred\u202etxt\x07"\tb'
    excerpt = clip(line, 0, len(line), width=80)
    assert "\x1b" not in excerpt.text
    assert "\u202e" not in excerpt.text
    assert "\x07" not in excerpt.text
    assert excerpt.text.count(REPLACEMENT) == 3
    assert excerpt.text.endswith(" b")


@pytest.mark.parametrize("width", [30, 80])
def test_three_dots_take_their_three_cells(width: int) -> None:
    line = "spec_details: [" + ", ".join(f'{{"target": "t{i}"}}' for i in range(500)) + "]"
    target = '"target": "t250"'
    start = line.index(target)
    excerpt = clip(line, start, start + len(target), width=width, ellipsis="...")
    assert excerpt.text.startswith("...") and excerpt.text.endswith("...")
    assert len(excerpt.text) == width  # ASCII: one cell each, the width filled exactly
    shown = excerpt.text[
        excerpt.underline_start : excerpt.underline_start + excerpt.underline_width
    ]
    assert shown == target
