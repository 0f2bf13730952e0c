"""The identity of a finding in a baseline: what survives unrelated edits of a page.

A key is the code, the file's path relative to its catalog root (POSIX
separators), the JSON Pointer and a hash of the offending value: never a line
or a column, so inserting lines above a finding keeps it baselined, while
changing the value it is about makes it new. A finding whose value cannot be
read (the page does not parse, the pointer names a missing key) hashes its
message with the digits taken out instead, since messages such as "first at
line 3" move with the text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePath
from typing import Any

from cachelint.catalog.index import CatalogIndex
from cachelint.layout import CACHE_FOLDER
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import Diagnostic, Finding
from cachelint.page.source import read_source
from cachelint.page.split import FrontMatter, split_front_matter
from cachelint.pointer import from_pointer
from cachelint.record import Record, fill

_DIGITS = re.compile(r"[0-9]+")
_YAML_SUFFIXES = (".yaml", ".yml")
_MISSING: Any = object()


class BaselineKey(Record):
    """What a baseline entry matches: code, page, pointer and a hash of the value.

    Keys sort by their fields in order: path, code, pointer, value.
    """

    __slots__ = ("code", "path", "pointer", "value")

    path: str
    code: str
    pointer: str
    value: str

    def __init__(self, path: str, code: str, pointer: str, value: str) -> None:
        fill(self, path, code, pointer, value)

    def __lt__(self, other: BaselineKey) -> bool:
        return bool(self._values(self) < other._values(other))


class KeyMaker:
    """Makes the keys of a run's diagnostics; reads each file at most once."""

    def __init__(
        self, catalogs: CatalogIndex | None = None, *, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self._catalogs = catalogs or CatalogIndex()
        self._limits = limits
        self._data: dict[str, Any] = {}

    def key(self, diagnostic: Diagnostic) -> BaselineKey:
        """The baseline key of one diagnostic."""
        value = _lookup(self._file_data(diagnostic.path), diagnostic.pointer)
        if value is _MISSING:
            digest = _hash("message", _DIGITS.sub("#", diagnostic.message))
        else:
            digest = _hash("value", json.dumps(value, sort_keys=True, default=str))
        return BaselineKey(
            self.catalog_path(diagnostic.path), diagnostic.code, diagnostic.pointer, digest
        )

    def catalog_path(self, path: str) -> str:
        """``path`` relative to its catalog root (else to the folder above its ``_cache``)."""
        absolute = Path(os.path.abspath(path))
        root = self._catalogs.root_of_file(absolute)
        if root is None:
            root = _above_cache(absolute)
        if root is not None:
            try:
                return absolute.relative_to(os.path.abspath(root)).as_posix()
            except ValueError:
                pass
        return PurePath(os.path.relpath(absolute)).as_posix()

    def _file_data(self, path: str) -> Any:
        if path not in self._data:
            self._data[path] = _read_data(Path(path), self._limits)
        return self._data[path]


def _above_cache(path: Path) -> Path | None:
    for parent in path.parents:
        if parent.name == CACHE_FOLDER:
            return parent.parent
    return None


def _read_data(path: Path, limits: Limits) -> Any:
    """The parsed data of a page's front matter or a YAML data file (``_MISSING``: none)."""
    source = read_source(path, max_size=limits.max_file_size)
    if isinstance(source, Finding):
        return _MISSING
    if path.suffix in _YAML_SUFFIXES:
        region: FrontMatter | Finding = FrontMatter(source.text, 1, 0, len(source.text))
    else:
        region = split_front_matter(source.text)
    if isinstance(region, Finding):
        return _MISSING
    from cachelint.page.parse import parse_front_matter  # the checker's own reading

    parsed = parse_front_matter(region, max_depth=limits.max_depth)
    return _MISSING if parsed.findings else parsed.data


def _lookup(data: Any, pointer: str) -> Any:
    value = data
    for part in from_pointer(pointer):
        if value is _MISSING:
            break
        if isinstance(value, dict):
            value = next((v for k, v in value.items() if str(k) == part), _MISSING)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            value = _MISSING
    return value


def _hash(kind: str, text: str) -> str:
    # surrogatepass: a value read from a file name or text that is not UTF-8 hashes too
    digest = hashlib.sha256(f"{kind}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha256:{digest[:16]}"
