"""The node tree of a YAML text: the nodes a JSON Pointer names, and their text extents.

Used by :mod:`cachelint.page.positions` to place findings; kept apart so that
PyYAML is imported only when a finding is placed.
"""

from __future__ import annotations

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TRAILING_SPACE = " \t\r\n"


def compose(text: str) -> Node | None:
    """The node tree of ``text`` (marks, no Python objects), or ``None`` if it is no YAML."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def extent(node: Node, text: str) -> tuple[int, int]:
    """Offsets of the node's own text, without what follows it."""
    start = node.start_mark.index
    if isinstance(node, CollectionNode) and not node.flow_style and node.value:
        # A block collection ends where the next token starts, after comments
        # and blank lines: end it with its last item instead.
        last = node.value[-1]
        end = extent(last[1] if isinstance(last, tuple) else last, text)[1]
    else:
        end = node.end_mark.index
    while end > start and text[end - 1] in _TRAILING_SPACE:  # block scalars keep line breaks
        end -= 1
    return start, end


def walk(node: Node, parts: list[str]) -> Node:
    """The node at ``parts``, or the deepest existing node on the way."""
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


def mapping_key(root: Node, parts: list[str]) -> Node | None:
    """The key node naming the value at ``parts`` (``None``: not an entry of a mapping)."""
    parent = _find(root, parts[:-1])
    if not isinstance(parent, MappingNode):
        return None
    entry = _mapping_entry(parent, parts[-1])
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
