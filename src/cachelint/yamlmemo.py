"""What the catalog's data files parse to, remembered across runs by their text.

A run checking one page of a catalog (as pre-commit does) still reads the
catalog's ``_data/tags.yaml`` and ``_data/meta.yaml``; parsing them is most of
such a run's time. :class:`YamlMemo` keeps each text's parse result (data, or
findings) in one file of the cache folder, keyed by a digest of the text and
the parse options. A save keeps only the entries this run used or added, so
old versions of the files do not pile up. Data that ``marshal`` cannot hold
(YAML dates, ...) is parsed every time.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from cachelint import __version__
from cachelint.cachefile import load_marshal, save_marshal
from cachelint.model import Finding, Position
from cachelint.yamlparse import Parsed, parse_yaml

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
        key = hashlib.blake2b(
            f"{first_line}:{max_depth}:".encode() + text.encode("utf-8", "surrogatepass"),
            digest_size=20,
        ).hexdigest()
        entry = self._entries().get(key)
        parsed = _decode(entry) if entry is not None else None
        if parsed is None:
            parsed = parse_yaml(text, first_line=first_line, max_depth=max_depth)
            entry = _encode(parsed)
            if entry is None:
                return parsed
            self._dirty = True
        self._used[key] = entry
        return parsed

    def save(self) -> None:
        """Write the entries this run used or added, if it added any."""
        if self._dirty and save_marshal(self.file, self._used, cache_dir=self.file.parent):
            self._dirty = False

    def _entries(self) -> dict[str, Any]:
        if self._stored is None:
            loaded = load_marshal(self.file)
            self._stored = loaded if isinstance(loaded, dict) else {}
        return self._stored


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
