"""Turn a JSON Pointer into the exact span of its value in the file.

Rules say *where in the data*; this one resolver says where in the text. The
front matter is composed into a YAML node tree (marks, no Python objects) only
when a page has findings, so a clean page pays nothing.

A span covers the value's own text: a scalar with its quotes, a flow
collection from its opening to its closing bracket, a block collection from
its first to the end of its last item. A pointer to a missing key or index
gives the span of the nearest value that exists: the object lacking it.
Columns count Unicode code points, 1-based; ``end_column`` is one past the
last character (see :mod:`cachelint.lineindex`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cachelint.frontmatter import FrontMatter
from cachelint.lineindex import LineIndex
from cachelint.model import FILE_START, Position
from cachelint.pointer import from_pointer

if TYPE_CHECKING:  # PyYAML is imported when a finding is first placed: clean pages need none
    from yaml.nodes import Node


class PositionResolver:
    """Resolves pointers for one page; composes the node tree at most once."""

    def __init__(self, front_matter: FrontMatter | None) -> None:
        self._front_matter = front_matter
        self._root: Node | None = None
        self._lines: LineIndex | None = None
        self._composed = False

    def resolve(self, pointer: str, *, key: bool = False) -> Position:
        """The span of the value at ``pointer`` (or of its nearest existing parent).

        With ``key``, the span of the mapping key that names the value instead
        (for findings about an entry as a whole, such as a tag of a data file).
        """
        root = self._tree()
        if root is None or self._lines is None:
            return FILE_START
        from cachelint import yamlnodes

        parts = from_pointer(pointer)
        node = yamlnodes.walk(root, parts)
        if key and parts:
            node = yamlnodes.mapping_key(root, parts) or node
        start, end = yamlnodes.extent(node, self._lines.text)
        return self._lines.span(start, end)

    def _tree(self) -> Node | None:
        if not self._composed:
            self._composed = True
            if self._front_matter is not None:
                text = self._front_matter.text
                from cachelint.yamlnodes import compose

                self._root = compose(text)
                self._lines = LineIndex(text, first_line=self._front_matter.first_line)
        return self._root
