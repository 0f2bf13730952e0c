"""Turn a JSON Pointer into the exact span of its value in the file.

Rules say *where in the data*; this one resolver says where in the text. The
front matter is composed into a YAML node tree (marks, no Python objects) only
when a page has findings, so a clean page pays nothing. Columns count Unicode
code points, 1-based; ``end_column`` is one past the last character.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cachelint.frontmatter import FrontMatter
from cachelint.model import FILE_START, Position
from cachelint.pointer import from_pointer

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class PositionResolver:
    """Resolves pointers for one page; composes the node tree at most once."""

    def __init__(self, front_matter: FrontMatter | None) -> None:
        self._front_matter = front_matter
        self._root: Node | None = None
        self._composed = False

    def resolve(self, pointer: str) -> Position:
        """The span of the value at ``pointer`` (or of its nearest existing parent)."""
        root = self._tree()
        if root is None or self._front_matter is None:
            return FILE_START
        if pointer == "":
            return FILE_START
        node = _walk(root, from_pointer(pointer))
        first = self._front_matter.first_line
        start, end = node.start_mark, node.end_mark
        return Position(first + start.line, start.column + 1, first + end.line, end.column + 1)

    def _tree(self) -> Node | None:
        if not self._composed:
            self._composed = True
            if self._front_matter is not None:
                self._root = _compose(self._front_matter.text)
        return self._root


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def _walk(node: Node, parts: list[str]) -> Node:
    for part in parts:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node


def _child(node: Node, part: str) -> Node | None:
    if isinstance(node, MappingNode):
        return _mapping_value(node, part)
    if isinstance(node, SequenceNode) and part.isdigit():
        index = int(part)
        return node.value[index] if index < len(node.value) else None
    return None


def _mapping_value(node: MappingNode, part: str) -> Node | None:
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == part:
            return value
    return None
