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
from typing import TYPE_CHECKING

from cachelint.discovery import CACHE_FOLDER

if TYPE_CHECKING:
    from cachelint.shard import Shard

DATA_FOLDER = "_data"


def absolute(path: str | PurePath) -> Path:
    """``path`` made absolute and normalised, without resolving symlinks."""
    return Path(os.path.abspath(path))


def is_catalog_root(folder: Path) -> bool:
    """Whether ``folder`` holds both ``_cache/`` and ``_data/``."""
    try:
        return (folder / CACHE_FOLDER).is_dir() and (folder / DATA_FOLDER).is_dir()
    except OSError:  # e.g. a name too long
        return False


class RootFinder:
    """Finds the catalog root of a path; each folder is looked at once per run."""

    def __init__(self, fixed: Path | None = None) -> None:
        self.fixed = absolute(fixed) if fixed is not None else None
        self._is_root: dict[Path, bool] = {}

    def root_of(self, path: str | PurePath) -> Path | None:
        """The catalog root of a file or folder: the nearest root at or above it."""
        if self.fixed is not None:
            return self.fixed
        location = absolute(path)
        for folder in (location, *location.parents):
            known = self._is_root.get(folder)
            if known is None:
                known = self._is_root[folder] = is_catalog_root(folder)
            if known:
                return folder
        return None


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
