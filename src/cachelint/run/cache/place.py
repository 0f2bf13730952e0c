"""Where a page is, for the result cache: its part, its path in the catalog, its context.

A page's result depends on more than its bytes: on its path in the catalog
(the tag and package folders), on whether it is in a catalog at all (then its
facts count towards the tag's totals), and on the catalog's data files (CL503,
CL504 read ``_data/tags.yaml``; the totals ``_data/meta.yaml``). :func:`place_of`
says all of that for a page, computed once per package folder and per catalog
root, so a warm run pays one dictionary lookup per page for it.

Places are relative to the catalog root, never absolute: a checkout of the
same catalog elsewhere (a CI runner's fresh clone) finds the same parts and
the same content keys.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from cachelint.config.check import CheckSettings
from cachelint.record import Record, fill
from cachelint.scope.discovery import Target

CHUNK = 1 << 16  # data files are digested in pieces this large
FOLDERS_KEPT = 256  # package folders whose place is remembered at once


class Place(Record):
    """A page's folder in the catalog (``base``: in a catalog, tag folder), its path, context."""

    __slots__ = ("base", "context", "package", "relative")

    base: str
    package: str
    relative: str
    context: str

    def __init__(self, base: str, package: str, relative: str, context: str) -> None:
        fill(self, base, package, relative, context)

    def part(self, depth: int) -> str:
        """The id of the part holding the page when its tag's part is split ``depth`` times."""
        return part_id(self.base, self.package, depth)


class _Folder(Record):
    __slots__ = ("base", "context", "package", "relative")

    base: str
    package: str
    relative: str
    context: str

    def __init__(self, base: str, package: str, relative: str, context: str) -> None:
        fill(self, base, package, relative, context)


# Per catalog index (one per run and process): roots' contexts and folders, computed once.
_CONTEXTS: WeakKeyDictionary[Any, dict[Any, str]] = WeakKeyDictionary()
_FOLDERS: WeakKeyDictionary[Any, dict[str, _Folder]] = WeakKeyDictionary()


def place_of(path: str, settings: CheckSettings) -> Place:
    """The :class:`Place` of the page at ``path`` (absolute and normalised)."""
    folder_path, _, name = path.rpartition(os.sep)
    folders = _FOLDERS.setdefault(settings.catalogs, {})
    folder = folders.get(folder_path)
    if folder is None:
        if len(folders) >= FOLDERS_KEPT:  # pages come folder by folder: keep a few, not all
            folders.clear()
        folder = folders[folder_path] = _folder(folder_path, settings)
    return Place(folder.base, folder.package, f"{folder.relative}/{name}", folder.context)


def _folder(path: str, settings: CheckSettings) -> _Folder:
    """The place of the package folder ``path`` (absolute and normalised)."""
    catalogs = settings.catalogs
    root = catalogs.finder.root_of_folder(path)  # as root_of_file finds a page's root
    contexts = _CONTEXTS.setdefault(catalogs, {})
    context = contexts.get(root)
    if context is None:
        context = contexts[root] = site_context(root, settings.limits.max_file_size)
    relative = path
    if root is not None:
        prefix = os.path.join(str(root), "")
        inside = path.startswith(prefix)
        relative = path[len(prefix) :] if inside else os.path.relpath(path, root)
        relative = relative.replace(os.sep, "/")
    tag_folder, _, package = relative.rpartition("/")
    return _Folder(f"{root is not None}\0{tag_folder}", package, relative, context)


@lru_cache(maxsize=4096)
def part_id(base: str, package: str, depth: int) -> str:
    """The id of the part of the pages below ``base`` whose package starts as ``package``."""
    text = f"{base}\0{depth}\0{package[:depth]}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=12).hexdigest()


def site_context(root: Any, max_size: int) -> str:
    """What a page's verdict takes from its catalog: is there one, and its data files' bytes."""
    if root is None:
        return "no-catalog"
    data = os.path.join(str(root), "_data")
    digests = [
        _file_digest(os.path.join(data, name), max_size) for name in ("tags.yaml", "meta.yaml")
    ]
    return "catalog:" + ":".join(digests)


def _file_digest(path: str, max_size: int) -> str:
    """The digest of a regular file's bytes; a word for anything else (never blocks)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return f"absent-{error.errno}"
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_size:
            return f"special-{stat.S_IFMT(info.st_mode)}-{info.st_size}"
        digest, size = hashlib.blake2b(digest_size=16), 0
        # In chunks: read(max_size + 1) would allocate max-file-size bytes up front.
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > max_size:
                return f"special-{stat.S_IFMT(info.st_mode)}-{size}"  # grew while read
            digest.update(chunk)
        return digest.hexdigest()


def content_key(raw: bytes, target: Target, selection: frozenset[str], place: Place) -> str:
    """The result key of a file: its bytes, place in the catalog, selected codes, site data."""
    digest = hashlib.blake2b(raw, digest_size=20)
    context = target.context
    about = (place.relative, place.context, context.tag, context.package, target.explicit)
    digest.update(repr((*about, target.in_cache)).encode("utf-8", "surrogatepass"))
    digest.update(_codes_text(selection))
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _codes_text(selection: frozenset[str]) -> bytes:
    return ",".join(sorted(selection)).encode()
