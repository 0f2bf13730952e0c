"""Turn a JSON Pointer into the exact span of its value in the file.

Rules say *where in the data*; this one resolver says where in the text. The
front matter is composed into a YAML node tree (marks, no Python objects) only
when a page has findings, so a clean page pays nothing.

A span covers the value's own text: a scalar with its quotes, a flow
collection from its opening to its closing bracket, a block collection from
its first to the end of its last item. A pointer to a missing key or index
gives the span of the nearest value that exists: the object lacking it.
Columns count Unicode code points, 1-based; ``end_column`` is one past the
last character (see :mod:`cachelint.page.lineindex`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cachelint.model import FILE_START, Position
from cachelint.page.lineindex import LineIndex
from cachelint.page.split import FrontMatter
from cachelint.pointer import from_pointer

# Front matter this long is placed by streaming (see PositionResolver.prefetch).
STREAMED_FROM = 1 << 20

if TYPE_CHECKING:  # PyYAML is imported when a finding is first placed: clean pages need none
    from yaml.nodes import Node


class PositionResolver:
    """Resolves pointers for one page; composes the node tree at most once."""

    def __init__(self, front_matter: FrontMatter | None) -> None:
        self._front_matter = front_matter
        self._root: Node | None = None
        self._lines: LineIndex | None = None
        self._composed = False
        self._extents: dict[tuple[str, ...], tuple[int, int]] = {}
        self._wanted: set[tuple[str, ...]] = set()

    def prefetch(self, pointers: Iterable[str]) -> None:
        """Find the values at ``pointers`` in one pass, without a node tree, for big texts.

        A node tree costs some 30 bytes per byte of text; below
        ``STREAMED_FROM`` characters it is composed as usual, and pointers not
        prefetched are always resolved through it.
        """
        front_matter = self._front_matter
        if front_matter is None or len(front_matter.text) < STREAMED_FROM or self._composed:
            return
        from cachelint.page.yamlextents import extents

        wanted = [tuple(from_pointer(pointer)) for pointer in pointers]
        found = extents(front_matter.text, wanted)
        if found is not None:
            self._extents = found
            self._wanted = set(wanted)
            self._lines = LineIndex(front_matter.text, first_line=front_matter.first_line)

    def resolve(self, pointer: str, *, key: bool = False) -> Position:
        """The span of the value at ``pointer`` (or of its nearest existing parent).

        With ``key``, the span of the mapping key that names the value instead
        (for findings about an entry as a whole, such as a tag of a data file).
        """
        path = tuple(from_pointer(pointer))
        if not key and path in self._wanted and self._lines is not None:
            return self._streamed(path, self._lines)
        root = self._tree()
        if root is None or self._lines is None:
            return FILE_START
        from cachelint.page import yamlnodes

        parts = from_pointer(pointer)
        node = yamlnodes.walk(root, parts)
        if key and parts:
            node = yamlnodes.mapping_key(root, parts) or node
        start, end = yamlnodes.extent(node, self._lines.text)
        return self._lines.span(start, end)

    def _streamed(self, parts: tuple[str, ...], lines: LineIndex) -> Position:
        for depth in range(len(parts), -1, -1):  # the nearest value that exists
            extent = self._extents.get(parts[:depth])
            if extent is not None:
                return lines.span(*extent)
        return FILE_START

    def _tree(self) -> Node | None:
        if not self._composed:
            self._composed = True
            if self._front_matter is not None:
                text = self._front_matter.text
                from cachelint.page.yamlnodes import compose

                self._root = compose(text)
                self._lines = LineIndex(text, first_line=self._front_matter.first_line)
        return self._root
