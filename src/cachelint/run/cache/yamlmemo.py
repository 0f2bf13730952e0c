"""What the catalog's data files parse to, remembered across runs by their text.

A run checking one page of a catalog (as pre-commit does) still reads the
catalog's ``_data/tags.yaml`` and ``_data/meta.yaml``; parsing them is most of
such a run's time. :class:`YamlMemo` keeps each text's parse result (data, or
findings) in one sealed file of the cache store (authenticated, size-capped:
see :mod:`cachelint.store.sealed`; a file the checked tree ships is never read),
keyed by a digest of the text and the parse options. Schema findings of the
data are kept the same way. A save keeps only the entries this run used or
added, so old versions of the files do not pile up. Data that JSON does not
give back exactly (YAML dates, integer keys, NaN, ...) is parsed every time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from cachelint import __version__
from cachelint.model import Finding, Parsed, Position
from cachelint.store.sealed import CacheStore

FORMAT = 2
# The largest memo read back: the data files of a few catalogs.
MAX_MEMO_SIZE = 64 * 1024 * 1024


class YamlMemo:
    """Parse results by text, loaded from and saved to ``name`` in ``store`` (module doc)."""

    def __init__(self, store: CacheStore, name: str) -> None:
        self.store = store
        self.name = name
        self._stored: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._dirty = False

    @classmethod
    def in_store(cls, store: CacheStore) -> YamlMemo:
        """The memo of this cachelint version in the cache ``store``."""
        return cls(store, f"yaml-{FORMAT}-{__version__}.json")

    def parse(self, text: str, *, first_line: int, max_depth: int) -> Parsed:
        """What :func:`~cachelint.page.yamlparse.parse_yaml` returns for ``text``."""
        key = _key(f"parse:{first_line}:{max_depth}", text)
        stored = self._entries().get(key)
        parsed = _decode(stored)
        if parsed is None:
            from cachelint.page.yamlparse import parse_yaml  # PyYAML: only when the text is new

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
        if self._dirty and self.store.save(self.name, self._used):
            self._dirty = False

    def _keep(self, key: str, entry: Any) -> None:
        if entry is None:
            return  # not marshallable: computed again next time
        if key not in self._used:
            self._dirty = self._dirty or self._entries().get(key) is not entry
            self._used[key] = entry

    def _entries(self) -> dict[str, Any]:
        if self._stored is None:
            loaded = self.store.load(self.name, max_size=MAX_MEMO_SIZE)
            self._stored = loaded if isinstance(loaded, dict) else {}
        return self._stored


def _key(kind: str, text: str) -> str:
    digest = hashlib.blake2b(kind.encode() + b"\0", digest_size=20)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _encode(parsed: Parsed) -> list[Any] | None:
    findings = [
        [f.code, f.message, f.pointer, None if f.position is None else _position(f.position)]
        for f in parsed.findings
    ]
    try:  # kept only when JSON gives the same data back (types included)
        same = _exactly(json.loads(json.dumps(parsed.data)), parsed.data)
    except (TypeError, ValueError, RecursionError):  # e.g. a YAML date
        return None
    return [parsed.data, findings] if same else None


def _exactly(copy: Any, original: Any) -> bool:
    """Equal with the same types throughout (``1 == 1.0``, ``[1] != (1,)``, NaN differ)."""
    if type(copy) is not type(original):
        return False
    if isinstance(original, dict):
        return copy.keys() == original.keys() and all(
            _exactly(copy[key], value) for key, value in original.items()
        )
    if isinstance(original, list):
        return len(copy) == len(original) and all(map(_exactly, copy, original))
    return bool(copy == original)


def _position(position: Position) -> list[int | None]:
    return [position.line, position.column, position.end_line, position.end_column]


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
