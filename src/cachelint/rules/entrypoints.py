"""The rule plugins' entry points, remembered while the installed packages stay the same.

Finding entry points imports :mod:`importlib.metadata` and reads the metadata
of every installed distribution: a third of a pre-commit run of one page. With
a result cache, the list found (each entry point's name, value and
distribution) is kept in a sealed file of the user's cache store (never in
the checked tree; see :mod:`cachelint.store.sealed`), keyed by what decides the
set of plugins: the interpreter, and for each folder of the import path the
``*.dist-info``/``*.egg-info`` folders it holds with the time of their
``entry_points.txt``. Installing, upgrading or removing a distribution changes
that, so the list is found again. The interpreter counts by what it is (its
resolved file, environment and version), not by the name it was started
under (a venv's ``python`` and ``python3``). The working folder is left out
of both the key and the search (``python -m`` puts it on ``sys.path``): a
checked repository can never add a plugin, and ``python -m cachelint`` and
the ``cachelint`` script (which starts ``python3``) share one memo.
``--no-cache`` always finds the entry
points afresh (and leaves the remembered list as it is).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any, Protocol

from cachelint.record import Record, fill
from cachelint.store.sealed import CacheStore

FORMAT = 2
MAX_MEMO_SIZE = 1024 * 1024
_METADATA = (".dist-info", ".egg-info")
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


class Release(Record):
    """A distribution's name and version."""

    __slots__ = ("name", "version")

    name: str
    version: str

    def __init__(self, name: str, version: str) -> None:
        fill(self, name, version)


class RememberedEntryPoint(Record):
    """An entry point as found in an earlier run; loads like the real one."""

    __slots__ = ("dist", "name", "value")

    name: str
    value: str
    dist: Release | None

    def __init__(self, name: str, value: str, dist: Release | None) -> None:
        fill(self, name, value, dist)

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
    group: str, store: CacheStore, find: Callable[[], Iterable[EntryPointLike]]
) -> list[EntryPointLike]:
    """The entry points of ``group``: as remembered in ``store``, or ``find()`` them."""
    name = f"entry-points-{FORMAT}.json"
    key = installation_key(group)
    stored = store.load(name, max_size=MAX_MEMO_SIZE)
    if isinstance(stored, dict) and stored.get("key") == key:
        entries = _decode(stored.get("entries"))
        if entries is not None:
            return list(entries)
    found = list(find())
    store.save(name, {"key": key, "entries": [_encode(entry) for entry in found]})
    return found


def plugin_path() -> list[str]:
    """``sys.path`` less the working folder: where installed distributions are found."""
    here = os.path.normcase(os.path.abspath(os.getcwd()))
    return [
        folder
        for folder in sys.path
        if folder and os.path.normcase(os.path.abspath(folder)) != here
    ]


def installed_entry_points(group: str) -> list[EntryPointLike]:
    """The entry points of ``group`` installed on :func:`plugin_path`."""
    from importlib.metadata import distributions  # slow to import: only when needed

    found: list[EntryPointLike] = []
    seen: set[str] = set()
    for dist in distributions(path=plugin_path()):
        # importlib.metadata.entry_points dedupes by the name in the folder's name too.
        name = getattr(dist, "_normalized_name", None) or dist.metadata["Name"] or ""
        if name in seen:
            continue  # as importlib.metadata.entry_points: the first on the path wins
        seen.add(name)
        found.extend(entry for entry in dist.entry_points if entry.group == group)
    return found


def installation_key(group: str) -> str:
    """What decides the installed entry points: the interpreter and its distributions."""
    digest = hashlib.sha256(repr((group, *interpreter())).encode("utf-8", "surrogatepass"))
    for folder in plugin_path():
        metadata = _metadata_of(folder)
        if metadata:  # a folder holding no distribution (a script's own) adds none
            digest.update(repr((folder, metadata)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def interpreter() -> tuple[str, str, str]:
    """The interpreter, whichever of its names (``python``, ``python3``...) started it."""
    return (os.path.realpath(sys.executable), sys.prefix, sys.version)


def _metadata_of(folder: str) -> list[tuple[str, int | None]] | int | None:
    """The distributions' metadata folders in ``folder``, with their entry points' time."""
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing if entry.name.endswith(_METADATA))
    except NotADirectoryError:
        return _mtime(folder)  # a zip file on the path
    except (OSError, ValueError):
        return None
    return [(name, _mtime(os.path.join(folder, name, "entry_points.txt"))) for name in names]


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except (OSError, ValueError):
        return None


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
