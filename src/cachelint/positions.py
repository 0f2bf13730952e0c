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

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from cachelint.frontmatter import FrontMatter
from cachelint.lineindex import LineIndex
from cachelint.model import FILE_START, Position
from cachelint.pointer import from_pointer

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TRAILING_SPACE = " \t\r\n"


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
        parts = from_pointer(pointer)
        node = _walk(root, parts)
        if key and parts:
            parent = _find(root, parts[:-1])
            if isinstance(parent, MappingNode):
                node = _mapping_key(parent, parts[-1]) or node
        start, end = _extent(node, self._lines.text)
        return self._lines.span(start, end)

    def _tree(self) -> Node | None:
        if not self._composed:
            self._composed = True
            if self._front_matter is not None:
                text = self._front_matter.text
                self._root = _compose(text)
                self._lines = LineIndex(text, first_line=self._front_matter.first_line)
        return self._root


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def _extent(node: Node, text: str) -> tuple[int, int]:
    """Offsets of the node's own text, without what follows it."""
    start = node.start_mark.index
    if isinstance(node, CollectionNode) and not node.flow_style and node.value:
        # A block collection ends where the next token starts, after comments
        # and blank lines: end it with its last item instead.
        last = node.value[-1]
        end = _extent(last[1] if isinstance(last, tuple) else last, text)[1]
    else:
        end = node.end_mark.index
    while end > start and text[end - 1] in _TRAILING_SPACE:  # block scalars keep line breaks
        end -= 1
    return start, end


def _walk(node: Node, parts: list[str]) -> Node:
    for part in parts:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node


def _find(node: Node | None, parts: list[str]) -> Node | None:
    """The node at exactly ``parts``, or None if any of them is missing."""
    for part in parts:
        if node is None:
            return None
        node = _child(node, part)
    return node


def _child(node: Node, part: str) -> Node | None:
    if isinstance(node, MappingNode):
        return _mapping_value(node, part)
    if isinstance(node, SequenceNode) and part.isdigit():
        index = int(part)
        return node.value[index] if index < len(node.value) else None
    return None


def _mapping_value(node: MappingNode, part: str) -> Node | None:
    entry = _mapping_entry(node, part)
    return entry[1] if entry else None


def _mapping_key(node: MappingNode, part: str) -> Node | None:
    entry = _mapping_entry(node, part)
    return entry[0] if entry else None


def _mapping_entry(node: MappingNode, part: str) -> tuple[Node, Node] | None:
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == part:
            return key, value
    for key, value in node.value:  # keys such as ``yes`` or ``1e3`` are not their text
        if isinstance(key, ScalarNode) and _key_text(key) == part:
            return key, value
    return None


def _key_text(key: ScalarNode) -> str:
    try:
        return str(_CONSTRUCTOR.yaml_constructors[key.tag](_CONSTRUCTOR, key))
    except (KeyError, ValueError, yaml.YAMLError):
        return key.value
