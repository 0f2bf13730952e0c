"""Parse front matter YAML into plain data, safely.

The parser's events are turned into Python values here instead of by a YAML
constructor, so that nothing is ever constructed from a tag, anchors, aliases
and merge keys are refused (CL005), and duplicate keys are caught (CL004) where YAML
loaders silently keep the last one. Scalars resolve exactly as with
``yaml.safe_load`` (YAML 1.1: ``yes``, ``~``, ``1e3``, dates, ...).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml import events
from yaml.nodes import ScalarNode

from cachelint.limits import DEFAULT_LIMITS
from cachelint.model import Finding, Parsed, Position
from cachelint.page.lineindex import LineIndex
from cachelint.record import Record, fill

try:  # libyaml's parser is ~10x faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_RESOLVER = yaml.resolver.Resolver()
_SURROGATE = re.compile("[\ud800-\udfff]")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class ImpossibleDate(Record):
    """A plain scalar shaped like a YAML date that names no date, such as ``2025-02-30``.

    Jekyll (Ruby's Psych) reads it as the text it is, where PyYAML's loaders
    fail; it is kept as this value, which is neither a string nor a date, so
    the schema reports it at its place as a value of the wrong type (CL102).
    """

    __slots__ = ("text",)

    text: str

    def __init__(self, text: str) -> None:
        fill(self, text)

    def __repr__(self) -> str:
        return f"{self.text} (no such date)"

    def __str__(self) -> str:
        return self.text


class _Refused(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def parse_yaml(text: str, *, first_line: int, max_depth: int = DEFAULT_LIMITS.max_depth) -> Parsed:
    """Parse one YAML document; a parse failure is a value, never an exception.

    ``first_line`` is the file line where ``text`` starts; findings carry file
    positions.
    """
    lines = LineIndex(text, first_line=first_line)
    builder = _Builder(lines, max_depth)
    try:
        _feed(builder, text)
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, (_syntax_finding(exc, lines),))
    except yaml.reader.ReaderError as exc:
        return Parsed(None, (_reader_finding(exc, lines),))
    except yaml.YAMLError as exc:
        return Parsed(None, (Finding("CL003", f"invalid YAML: {exc}"),))
    except _Refused as refused:
        return Parsed(None, (refused.finding,))
    if builder.duplicates:
        return Parsed(None, tuple(builder.duplicates))
    return Parsed(builder.result)


def _feed(builder: _Builder, text: str) -> None:
    loader = _Loader(text)  # the pure-Python reader already checks characters here
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    finally:
        loader.dispose()


def _syntax_finding(exc: yaml.MarkedYAMLError, lines: LineIndex) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "syntax error"
    position = lines.mark(mark.index) if mark is not None else None
    if _LIBYAML_DEPTH_LIMIT in problem:
        # libyaml (PyYAML >= 6.0.2) has a nesting limit of its own; a resource limit
        # is CL006 whichever layer reaches it first.
        message = "the YAML nests deeper than the YAML parser's limit of 1000 levels"
        return Finding("CL006", message, position=position)
    context = f" {exc.context}" if exc.context else ""
    return Finding("CL003", f"invalid YAML: {problem}{context}", position=position)


def _reader_finding(exc: yaml.reader.ReaderError, lines: LineIndex) -> Finding:
    # libyaml reports a byte offset and PyYAML a character offset; the reader
    # stops at the first unacceptable character, so finding it is exact for both.
    character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    offset = lines.text.find(character)
    return Finding(
        "CL003",
        f"invalid YAML: unacceptable character U+{ord(character[0]):04X}: {exc.reason}",
        position=lines.mark(offset) if offset >= 0 else None,
    )


def _span(event: events.Event, lines: LineIndex) -> Position:
    return lines.span(event.start_mark.index, event.end_mark.index)


class _Builder:
    """Builds Python values from a stream of parser events."""

    def __init__(self, lines: LineIndex, max_depth: int) -> None:
        self.lines = lines
        self.max_depth = max_depth
        self.stack: list[_Container] = []
        self.result: Any = None
        self.documents = 0
        self.duplicates: list[Finding] = []

    def feed(self, event: events.Event) -> None:
        if isinstance(event, events.AliasEvent):
            self._refuse(event, f"YAML alias '*{event.anchor}' is not allowed in catalog files")
        if isinstance(event, events.NodeEvent) and event.anchor is not None:
            self._refuse(event, f"YAML anchor '&{event.anchor}' is not allowed in catalog files")
        if isinstance(event, events.ScalarEvent):
            self._check_tag(event, explicit=event.tag is not None)
            self._add(self._scalar(event), event)
        elif isinstance(event, events.CollectionStartEvent):
            self._check_tag(event, explicit=not event.implicit and event.tag is not None)
            is_mapping = isinstance(event, events.MappingStartEvent)
            if len(self.stack) >= self.max_depth:
                message = f"the YAML nests deeper than the limit of {_levels(self.max_depth)}"
                raise _Refused(Finding("CL006", message, position=_span(event, self.lines)))
            self.stack.append(_Container({} if is_mapping else [], event))
        elif isinstance(event, events.CollectionEndEvent):
            done = self.stack.pop()
            self._add(done.value, done.start_event)
        elif isinstance(event, events.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Refused(
                    Finding(
                        "CL003",
                        "invalid YAML: front matter holds more than one document",
                        position=_span(event, self.lines),
                    )
                )

    def _check_tag(self, event: events.NodeEvent, *, explicit: bool) -> None:
        if explicit:
            tag = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!")
            self._refuse(event, f"YAML tag '{tag}' is not allowed in catalog files")

    def _refuse(self, event: events.Event, message: str) -> None:
        position = _span(event, self.lines)
        raise _Refused(Finding("CL005", f"{message}; nothing was constructed", position=position))

    def _scalar(self, event: events.ScalarEvent) -> Any:
        surrogate = _SURROGATE.search(event.value)
        if surrogate:  # libyaml refuses "\ud800"; the pure-Python parser lets it through
            message = (
                f"invalid YAML: escape of a lone surrogate U+{ord(surrogate.group()):04X}, "
                "which is not a character"
            )
            raise _Refused(Finding("CL003", message, position=_span(event, self.lines)))
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
        if tag == _MERGE_TAG:
            self._refuse(event, "YAML merge key '<<' is not allowed in catalog files")
        construct = _CONSTRUCTOR.yaml_constructors.get(tag)
        if construct is None:  # a bare "=" (YAML 1.1's value key): safe_load fails on it too
            message = f"invalid YAML: plain scalar {event.value!r} has no value; quote it"
            raise _Refused(Finding("CL003", message, position=_span(event, self.lines)))
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            if tag == _TIMESTAMP_TAG:  # Jekyll shows it as text: a wrong value, not bad YAML
                return ImpossibleDate(event.value)
            # e.g. an integer past Python's digit limit
            message = f"invalid YAML: cannot read scalar {event.value[:40]!r}: {exc}"
            raise _Refused(Finding("CL003", message, position=_span(event, self.lines))) from None

    def _add(self, value: Any, event: events.NodeEvent) -> None:
        if not self.stack:
            self.result = value
            return
        self.stack[-1].add(value, event, self)


class _Container:
    __slots__ = ("key", "keys_seen", "start_event", "value")

    def __init__(self, value: dict[Any, Any] | list[Any], start_event: events.Event) -> None:
        self.value = value
        self.start_event = start_event
        self.key: Any = _NO_KEY
        self.keys_seen: dict[Any, int] = {}

    def add(self, item: Any, event: events.NodeEvent, builder: _Builder) -> None:
        if isinstance(self.value, list):
            self.value.append(item)
        elif self.key is _NO_KEY:
            self._take_key(item, event, builder)
        else:
            self.value[self.key] = item
            self.key = _NO_KEY

    def _take_key(self, key: Any, event: events.NodeEvent, builder: _Builder) -> None:
        position = _span(event, builder.lines)
        try:
            first = self.keys_seen.get(key)
        except TypeError:
            raise _Refused(
                Finding("CL003", "invalid YAML: a mapping key is not hashable", position=position)
            ) from None
        if first is not None:
            message = f"duplicate key {key!r} (first at line {first})"
            builder.duplicates.append(Finding("CL004", message, position=position))
        else:
            self.keys_seen[key] = position.line
        self.key = key


_NO_KEY = object()


def _levels(count: int) -> str:
    return "1 level" if count == 1 else f"{count} levels"
