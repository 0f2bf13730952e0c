"""Where cachelint keeps what it remembers: never inside the tree it checks.

The default home is the platform's user cache folder (``$XDG_CACHE_HOME`` or
``~/.cache`` on Linux and other POSIX systems, ``~/Library/Caches`` on macOS,
``%LOCALAPPDATA%`` on Windows), with one folder per catalog root below it.
``--cache-dir DIR`` or the ``CACHELINT_CACHE_DIR`` environment variable choose
another folder (as CI does, to save and restore it between runs).

The secret that authenticates every cache file (see :mod:`cachelint.store.sealed`)
lives in the user cache folder, or in a chosen folder that is outside every
checked path: a file the checked repository holds can never be the key.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from cachelint.layout import CACHE_FOLDER
from cachelint.record import Record, fill
from cachelint.scope.discovery import is_dir

ENVIRONMENT_VARIABLE = "CACHELINT_CACHE_DIR"
APP = "cachelint"


def user_cache_root() -> Path:
    """The platform's user cache folder for cachelint (a small function: no dependency)."""
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(local) / APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec: a relative value is invalid and must be ignored.
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / APP


class CacheHome(Record):
    """The folder of this run's cache files, and the folder of the key that seals them."""

    __slots__ = ("folder", "key_folder")

    folder: Path
    key_folder: Path

    def __init__(self, folder: Path, key_folder: Path) -> None:
        fill(self, folder, key_folder)


def catalog_root_of(path: str) -> Path:
    """The catalog root above ``path`` (the folder holding ``_cache/``), else its folder."""
    first = Path(path).absolute()
    for folder in (first, *first.parents):
        if is_dir(folder / CACHE_FOLDER):
            return folder
    return first if is_dir(first) else first.parent


def cache_home(paths: Iterable[str], chosen: str | None = None) -> CacheHome:
    """Where the cache of a run checking ``paths`` lives (``chosen``: ``--cache-dir``)."""
    paths = list(paths) or ["."]
    chosen = chosen or os.environ.get(ENVIRONMENT_VARIABLE) or None
    root = user_cache_root()
    if chosen is None:
        catalog = os.path.normcase(str(catalog_root_of(paths[0])))
        name = hashlib.sha256(catalog.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        return CacheHome(root / "catalogs" / name, root)
    folder = Path(chosen).absolute()
    inside = any(_is_within(folder, catalog_root_of(path)) for path in paths)
    return CacheHome(folder, root if inside else folder)


def _is_within(folder: Path, checked: Path) -> bool:
    """Whether ``folder`` is ``checked`` or below it, as named or with links resolved."""
    pairs = ((folder, checked), (Path(os.path.realpath(folder)), Path(os.path.realpath(checked))))
    return any(inner == outer or outer in inner.parents for inner, outer in pairs)
