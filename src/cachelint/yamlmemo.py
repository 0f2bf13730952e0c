"""What the catalog's data files parse to, remembered across runs by their text.

A run checking one page of a catalog (as pre-commit does) still reads the
catalog's ``_data/tags.yaml`` and ``_data/meta.yaml``; parsing them is most of
such a run's time. :class:`YamlMemo` keeps each text's parse result (data, or
findings) in one file of the cache folder, keyed by a digest of the text and
the parse options. Schema findings of the data are kept the same way. A
save keeps only the entries this run used or added, so old versions of the
files do not pile up. Data that ``marshal`` cannot hold
(YAML dates, ...) is parsed every time.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cachelint import __version__
from cachelint.cachefile import load_marshal, save_marshal
from cachelint.model import Finding, Parsed, Position

FORMAT = 1


class YamlMemo:
    """Parse results by text, loaded from and saved to ``file`` (see the module doc)."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._stored: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._dirty = False

    @classmethod
    def in_folder(cls, cache_dir: Path) -> YamlMemo:
        """The memo of this cachelint version in the cache folder ``cache_dir``."""
        return cls(cache_dir / f"yaml-{FORMAT}-{__version__}.marshal")

    def parse(self, text: str, *, first_line: int, max_depth: int) -> Parsed:
        """What :func:`~cachelint.yamlparse.parse_yaml` returns for ``text``."""
        key = _key(f"parse:{first_line}:{max_depth}", text)
        stored = self._entries().get(key)
        parsed = _decode(stored)
        if parsed is None:
            from cachelint.yamlparse import parse_yaml  # PyYAML: only when the text is new

            parsed = parse_yaml(text, first_line=first_line, max_depth=max_depth)
            stored = _encode(parsed)
        self._keep(key, stored)
        return parsed

    def schema_findings(
        self, text: str, schema: str, validate: Callable[[], tuple[Finding, ...]]
    ) -> tuple[Finding, ...]:
        """``validate()``: the schema findings of the data that ``text`` parses to."""
        key = _key(f"schema:{schema}", text)
        stored = self._entries().get(key)
        known = _decode(stored)
        if known is None:
            known = Parsed(None, validate())
            stored = _encode(known)
        self._keep(key, stored)
        return known.findings

    def save(self) -> None:
        """Write the entries this run used or added, if it added any."""
        if self._dirty and save_marshal(self.file, self._used, cache_dir=self.file.parent):
            self._dirty = False

    def _keep(self, key: str, entry: Any) -> None:
        if entry is None:
            return  # not marshallable: computed again next time
        if key not in self._used:
            self._dirty = self._dirty or self._entries().get(key) is not entry
            self._used[key] = entry

    def _entries(self) -> dict[str, Any]:
        if self._stored is None:
            loaded = load_marshal(self.file)
            self._stored = loaded if isinstance(loaded, dict) else {}
        return self._stored


def _key(kind: str, text: str) -> str:
    digest = hashlib.blake2b(kind.encode() + b"\0", digest_size=20)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _encode(parsed: Parsed) -> tuple[Any, ...] | None:
    findings = tuple(
        (f.code, f.message, f.pointer, None if f.position is None else _position(f.position))
        for f in parsed.findings
    )
    entry = (parsed.data, findings)
    try:
        marshal.dumps(entry)
    except ValueError:  # e.g. a YAML date
        return None
    return entry


def _position(position: Position) -> tuple[int, int, int | None, int | None]:
    return (position.line, position.column, position.end_line, position.end_column)


def _decode(entry: Any) -> Parsed | None:
    if entry is None:
        return None
    try:
        data, findings = entry
        return Parsed(
            data,
            tuple(
                Finding(code, message, pointer, None if place is None else Position(*place))
                for code, message, pointer, place in findings
            ),
        )
    except (TypeError, ValueError):
        return None  # a corrupt entry: parsed again
