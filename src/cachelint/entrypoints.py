"""The rule plugins' entry points, remembered while the installed packages stay the same.

Finding entry points imports :mod:`importlib.metadata` and reads the metadata
of every installed distribution: a third of a pre-commit run of one page. With
a result cache, the list found (each entry point's name, value and
distribution) is kept in the cache folder, keyed by the interpreter and by
``sys.path`` with each folder's modification time. Installing, upgrading or
removing a distribution adds or removes a folder in ``site-packages``, which
changes that time, so the list is found again. ``--no-cache`` always finds it
afresh (and leaves the remembered list as it is).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

from cachelint.cachefile import load_marshal, save_marshal

FORMAT = 1
# As importlib.metadata.EntryPoint reads a value: ``module:attr.attr [extras]``.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPointLike(Protocol):
    """What the registry reads of an entry point."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str: ...

    @property
    def dist(self) -> Any: ...

    def load(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class Release:
    """A distribution's name and version."""

    name: str
    version: str


@dataclass(frozen=True, slots=True)
class RememberedEntryPoint:
    """An entry point as found in an earlier run; loads like the real one."""

    name: str
    value: str
    dist: Release | None

    def load(self) -> Any:
        """The object the entry point names (its module is imported)."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"not an entry point value: {self.value!r}")
        obj: Any = import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            obj = getattr(obj, attr)
        return obj


def remembered(
    group: str, cache_dir: Path, find: Callable[[], Iterable[EntryPointLike]]
) -> list[EntryPointLike]:
    """The entry points of ``group``: as remembered in ``cache_dir``, or ``find()`` them."""
    file = cache_dir / f"entry-points-{FORMAT}.marshal"
    key = installation_key(group)
    stored = load_marshal(file)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        entries = _decode(stored[1])
        if entries is not None:
            return list(entries)
    found = list(find())
    save_marshal(file, (key, [_encode(entry) for entry in found]), cache_dir=cache_dir)
    return found


def installation_key(group: str) -> tuple[Any, ...]:
    """What decides the installed entry points: the interpreter and its import path."""
    folders = []
    for folder in sys.path:
        try:
            mtime: int | None = os.stat(folder or ".").st_mtime_ns
        except (OSError, ValueError):
            mtime = None
        folders.append((folder, mtime))
    return (group, sys.executable, sys.version, os.getcwd(), tuple(folders))


def _encode(entry: EntryPointLike) -> tuple[str, str, str | None, str | None]:
    dist = entry.dist
    if dist is None:
        return (entry.name, entry.value, None, None)
    return (entry.name, entry.value, dist.name, dist.version)


def _decode(entries: Any) -> list[RememberedEntryPoint] | None:
    decoded = []
    try:
        for name, value, dist_name, dist_version in entries:
            if not all(isinstance(text, str) for text in (name, value)):
                return None
            dist = None
            if isinstance(dist_name, str) and isinstance(dist_version, str):
                dist = Release(dist_name, dist_version)
            elif dist_name is not None or dist_version is not None:
                return None
            decoded.append(RememberedEntryPoint(name, value, dist))
    except (TypeError, ValueError):
        return None  # a corrupt file: found again and rewritten
    return decoded
