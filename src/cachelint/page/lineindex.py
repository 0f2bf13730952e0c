"""Map character offsets in a text to 1-based line and column positions.

Lines end at LF (a CRLF's CR is the last character of its line, never inside a
span). Columns count Unicode code points, 1-based; an end column is one past
the last character. YAML's own line counting also breaks at a lone CR, NEL,
LS and PS, which would disagree with editors, git and GitHub, so positions are
always derived from the parser's character offsets through this index.
"""

from __future__ import annotations

from bisect import bisect_right

from cachelint.model import Position


class LineIndex:
    """Offsets of line starts in ``text``, built on first use.

    ``first_line`` is the file line of ``text``'s first line, for a text that
    is a slice of a file starting at the beginning of a line (the front matter).
    """

    def __init__(self, text: str, *, first_line: int = 1) -> None:
        self.text = text
        self.first_line = first_line
        self._starts: list[int] | None = None

    def point(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of the character at ``offset``."""
        starts = self._line_starts()
        row = bisect_right(starts, offset) - 1
        return self.first_line + row, offset - starts[row] + 1

    def span(self, start: int, end: int) -> Position:
        """The position of ``text[start:end]``."""
        line, column = self.point(start)
        end_line, end_column = self.point(max(start, end))
        return Position(line, column, end_line, end_column)

    def mark(self, offset: int) -> Position:
        """A parser mark: the character there, or an empty span at a line end."""
        offset = min(max(offset, 0), len(self.text))
        at_character = offset < len(self.text) and self.text[offset] not in "\r\n"
        return self.span(offset, offset + 1 if at_character else offset)

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self.text.find
            newline = find("\n")
            while newline >= 0:
                starts.append(newline + 1)
                newline = find("\n", newline + 1)
            self._starts = starts
        return self._starts
