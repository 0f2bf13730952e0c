"""The text extents of chosen values of a YAML text, in one pass over its events.

Composing a node tree (:mod:`cachelint.page.yamlnodes`) costs some 30 bytes per
byte of text: for a page of tens of megabytes, more than the page's data. For
big front matter the resolver asks this module instead: it streams the parser's
events, keeps a stack as deep as the data, and records the extent of each value
whose path is wanted, as :func:`cachelint.page.yamlnodes.extent` measures it.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    NodeEvent,
    ScalarEvent,
)

from cachelint.record import MutableRecord, fill

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str, ...]
_TRAILING_SPACE = " \t\r\n"


class _Open(MutableRecord):
    """A collection being read: where it is, and what its next child is."""

    __slots__ = ("flow", "index", "is_mapping", "key", "last_end", "path", "start")

    path: Path
    start: int
    is_mapping: bool
    flow: bool
    index: int
    key: str | None
    last_end: int | None

    def __init__(
        self,
        path: Path,
        start: int,
        is_mapping: bool,
        flow: bool,
        index: int = 0,
        key: str | None = None,
        last_end: int | None = None,
    ) -> None:
        fill(self, path, start, is_mapping, flow, index, key, last_end)


class _NotPlain(Exception):
    """A key that is a collection: left to the node tree."""


def extents(text: str, wanted: Iterable[Path]) -> dict[Path, tuple[int, int]] | None:
    """``{path: (start, end)}`` for each wanted path (and its parents) that exists.

    ``None`` when ``text`` is no YAML, or has a key that is a collection
    (the caller composes the node tree then). The first of repeated keys
    wins, as in the node tree.
    """
    keep = {path[:depth] for path in wanted for depth in range(len(path) + 1)}
    found: dict[Path, tuple[int, int]] = {}
    stack: list[_Open] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            _step(event, stack, keep, found, text)
    except (yaml.YAMLError, _NotPlain):
        return None
    return found


def _step(
    event: Event,
    stack: list[_Open],
    keep: set[Path],
    found: dict[Path, tuple[int, int]],
    text: str,
) -> None:
    if isinstance(event, CollectionEndEvent):
        done = stack.pop()
        block_end = done.last_end if not done.flow and done.last_end is not None else None
        end = block_end if block_end is not None else event.end_mark.index
        _finish(done.path, done.start, end, stack, keep, found, text)
        return
    if not isinstance(event, NodeEvent):
        return
    parent = stack[-1] if stack else None
    if parent is not None and parent.is_mapping and parent.key is None:
        if not isinstance(event, ScalarEvent):
            raise _NotPlain
        parent.key = event.value
        return  # a key: the value that follows is the child
    path = _child_path(parent)
    start = event.start_mark.index
    if isinstance(event, CollectionStartEvent):
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        stack.append(_Open(path, start, is_mapping, bool(event.flow_style)))
    else:
        _finish(path, start, event.end_mark.index, stack, keep, found, text)


def _child_path(parent: _Open | None) -> Path:
    if parent is None:
        return ()
    if parent.is_mapping:
        return (*parent.path, parent.key or "")
    return (*parent.path, str(parent.index))


def _finish(
    path: Path,
    start: int,
    end: int,
    stack: list[_Open],
    keep: set[Path],
    found: dict[Path, tuple[int, int]],
    text: str,
) -> None:
    """Record a finished value, and tell its parent that a child ended at ``end``."""
    while end > start and text[end - 1] in _TRAILING_SPACE:
        end -= 1
    if path in keep and path not in found:
        found[path] = (start, end)
    if stack:
        parent = stack[-1]
        parent.last_end = end
        if parent.is_mapping:
            parent.key = None
        else:
            parent.index += 1
