"""Offsets to 1-based lines and code-point columns."""

from __future__ import annotations

from cachelint.model import Position
from cachelint.page.lineindex import LineIndex


def test_points_are_one_based_and_offset_by_the_first_line() -> None:
    lines = LineIndex("ab\ncd\n", first_line=2)
    assert lines.point(0) == (2, 1)
    assert lines.point(4) == (3, 2)
    assert lines.point(6) == (4, 1)  # the end of the text: an empty last line


def test_span_end_is_one_past_the_last_character() -> None:
    assert LineIndex("xy: 12\n").span(4, 6) == Position(1, 5, 1, 7)


def test_crlf_keeps_the_carriage_return_on_its_line() -> None:
    lines = LineIndex("a\r\nb")
    assert lines.point(1) == (1, 2)
    assert lines.point(3) == (2, 1)


def test_non_ascii_counts_one_column_per_code_point() -> None:
    assert LineIndex("é😀中x").point(3) == (1, 4)


def test_a_mark_covers_one_character_or_none_at_a_line_end() -> None:
    lines = LineIndex("ab\r\ncd")
    assert lines.mark(1) == Position(1, 2, 1, 3)
    assert lines.mark(2) == Position(1, 3, 1, 3)
    assert lines.mark(6) == Position(2, 3, 2, 3)
    assert lines.mark(99) == Position(2, 3, 2, 3)
