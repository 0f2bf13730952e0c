"""Where a catalog starts, and how much of it the checked paths cover.

A catalog root is a folder holding both ``_cache/`` (the pages) and ``_data/``
(the site data); a page belongs to the nearest such folder above it, unless
``--catalog-root`` (or the ``catalog-root`` key) names one for every page.
Paths are compared as normalised absolute paths (``..`` removed, symlinks
kept, as discovery keeps them).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import Any

from cachelint.layout import is_catalog_root

_UNKNOWN: Any = object()
# Folders remembered at most: a catalog has a folder per page, and memory must
# not grow with the catalog; the folders above them are soon found again.
FOLDER_MEMO_LIMIT = 4096


def absolute(path: str | PurePath) -> Path:
    """``path`` made absolute and normalised, without resolving symlinks."""
    return Path(os.path.abspath(path))


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
        if len(self._roots) >= FOLDER_MEMO_LIMIT:  # one key per package folder: bound it
            self._roots.clear()
        self._roots[folder] = root
        return root


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
