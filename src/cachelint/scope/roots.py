"""Where a catalog starts, and how much of it the checked paths cover.

A catalog root is a folder holding both ``_cache/`` (the pages) and ``_data/``
(the site data); a page belongs to the nearest such folder above it, unless
``--catalog-root`` (or the ``catalog-root`` key) names one for every page.
Paths are compared as normalised absolute paths (``..`` removed, symlinks
kept, as discovery keeps them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from cachelint.scope.discovery import CACHE_FOLDER

if TYPE_CHECKING:
    from cachelint.scope.shard import Shard

DATA_FOLDER = "_data"
_UNKNOWN: Any = object()


def absolute(path: str | PurePath) -> Path:
    """``path`` made absolute and normalised, without resolving symlinks."""
    return Path(os.path.abspath(path))


def is_catalog_root(folder: str | PurePath) -> bool:
    """Whether ``folder`` holds both ``_cache/`` and ``_data/``."""
    # os.path.isdir is False for paths the OS refuses (e.g. a name too long).
    join = os.path.join
    return os.path.isdir(join(folder, CACHE_FOLDER)) and os.path.isdir(join(folder, DATA_FOLDER))


class RootFinder:
    """Finds the catalog root of a path; each folder is looked at once per run.

    Folders are remembered as absolute path strings with the root found for
    them: this runs for every page, so it makes no ``Path`` object but roots.
    """

    def __init__(self, fixed: Path | None = None) -> None:
        self.fixed = absolute(fixed) if fixed is not None else None
        self._roots: dict[str, Path | None] = {}

    def root_of(self, path: str | PurePath) -> Path | None:
        """The catalog root of a file or folder: the nearest root at or above it."""
        if self.fixed is not None:
            return self.fixed
        return self.root_of_folder(os.path.abspath(path))

    def root_of_folder(self, folder: str) -> Path | None:
        """The catalog root of ``folder``, an absolute and normalised path."""
        known = self._roots.get(folder, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        if self.fixed is not None:
            return self.fixed
        if is_catalog_root(folder):
            root: Path | None = Path(folder)
        else:
            parent = os.path.dirname(folder)
            root = None if parent == folder else self.root_of_folder(parent)
        self._roots[folder] = root
        return root


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one catalog the checked paths take in.

    ``whole``: a checked folder is at or above the catalog's ``_cache/``, so
    every tag folder is checked. Otherwise ``tags`` names the tags whose whole
    folder ``_cache/<tag>`` a checked folder is at or above (or, with
    ``--changed-since``, whose pages changed). ``shard``, in a sharded run,
    keeps only the tags whose pages are in that shard. ``catalog_rules`` says
    whether the whole-catalog rules run (``None``: when ``whole``, and then in
    the first shard only).
    """

    whole: bool
    tags: frozenset[str] = frozenset()
    shard: Shard | None = None
    catalog_rules: bool | None = None

    def covers(self, tag: str) -> bool:
        """Whether every page of ``tag`` is among the checked paths."""
        if self.shard is not None and not self.shard.owns_tag(tag):
            return False
        return self.whole or tag in self.tags

    @property
    def covers_any(self) -> bool:
        """Whether the checked paths cover at least one whole tag."""
        return self.whole or bool(self.tags)

    @property
    def catalog_wide(self) -> bool:
        """Whether the whole-catalog rules run on this catalog in this run."""
        if self.catalog_rules is not None:
            return self.catalog_rules
        return self.whole and (self.shard is None or self.shard.first)

    @property
    def reports_site(self) -> bool:
        """Whether this run reports the site data files (every shard would repeat them)."""
        return self.shard is None or self.shard.first


def coverage(root: Path, checked: Iterable[str | PurePath]) -> Coverage:
    """What the checked paths (as given on the command line) cover of the catalog at ``root``."""
    cache = absolute(root) / CACHE_FOLDER
    tags: set[str] = set()
    for path in map(absolute, checked):
        if path == cache or path in cache.parents:
            return Coverage(whole=True)
        if path.parent == cache:
            tags.add(path.name)
    return Coverage(whole=False, tags=frozenset(tags))


def display_root(root: Path, given: str | PurePath) -> str:
    """The root as the user would name it, from a path at or below it as the user named it."""
    given_path = PurePath(given)
    for candidate in (given_path, *given_path.parents):
        if absolute(candidate) == root:
            return str(candidate)
    return str(root)


def join_display(root_display: str, relative: str) -> str:
    """A file below the root, named as the root is (``.`` is left out)."""
    if root_display in (".", ""):
        return relative
    return os.path.join(root_display, relative)
