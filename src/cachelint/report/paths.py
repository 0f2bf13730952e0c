"""Paths as CI systems want them: relative to the repository root."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git``, else ``start``."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def relative_to_root(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with POSIX separators, or None if outside it."""
    return _relative_to_root(path, root, os.getcwd())


@lru_cache(maxsize=1 << 16)  # every format asks again for each finding of a page
def _relative_to_root(path: str, root: Path, cwd: str) -> str | None:
    """:func:`relative_to_root`; ``cwd`` is in the key because relative paths depend on it."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return None
    parts = Path(relative).parts
    if relative == "." or (parts and parts[0] == os.pardir) or os.path.isabs(relative):
        return None
    return PurePosixPath(*parts).as_posix()


def uri_reference(relative: str) -> str:
    """A relative path as a URI reference: percent-encoded, ``/`` kept.

    A file name that is not UTF-8 is encoded as its own bytes, as ``file:`` URIs are.
    """
    return quote(relative, safe="/", errors="surrogateescape")


def file_uri(path: str) -> str:
    """An absolute ``file:`` URI for a path outside the root."""
    return Path(os.path.abspath(path)).as_uri()


def folder_uri(root: Path) -> str:
    """The root as a ``file:`` URI ending in ``/``, as SARIF base URIs must."""
    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def page_tag(relative: str) -> str | None:
    """The tag of a page path ``.../_cache/<tag>/...`` (POSIX, relative), or None."""
    parts = PurePosixPath(relative).parts
    for index, part in enumerate(parts[:-1]):
        if part == "_cache" and index + 1 < len(parts) - 1:
            return parts[index + 1]
    return None
