"""What a check learns about a page for the result cache: its signature, key and place.

A worker checks a page and describes it (:func:`check_and_describe`): the stat
signature it had while it was read (unless the page was written too recently
for the signature to prove anything), the content key of its bytes, and its
place in the catalog. The process that owns the cache stores the description
with the result; it never has to read or place the page itself.
"""

from __future__ import annotations

import os
import stat
import time
from typing import Any

from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.model import FileResult, Finding
from cachelint.page.boundary import is_within, real_folder, resolve_inside
from cachelint.record import Record, fill
from cachelint.run.cache.codec import encode_result
from cachelint.run.cache.place import Place, content_key, place_of
from cachelint.run.checker import check_source, check_target
from cachelint.run.reading import read_target, target_boundary
from cachelint.scope.discovery import Target

# Timestamps are at best this coarse (FAT: 2 s; ext3, HFS+: 1 s): a signature taken
# sooner after the page's last write may not see a rewrite within the same tick.
RACY_NS = 2_000_000_000

StatSignature = tuple[int, int, int, int]


class CacheEntry(Record):
    """What a check learned about a file: its stat signature (unless racy), key and place."""

    __slots__ = ("key", "path", "place", "signature")

    path: str
    signature: StatSignature | None
    key: str
    place: Place

    def __init__(self, path: str, signature: StatSignature | None, key: str, place: Place) -> None:
        fill(self, path, signature, key, place)


# A result ready for the cache: its entry and the result encoded (see codec).
Described = tuple[CacheEntry, tuple[Any, ...]]


def stat_signature(path: str | os.PathLike[str]) -> StatSignature | None:
    """Size, mtime, ctime and inode: any write to the file changes one of them."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def signature_inside(
    path: str, target: Target, settings: CheckSettings, *, folder_known_inside: bool = False
) -> StatSignature | None:
    """The signature of the file a check of ``target`` (at ``path``, absolute) would read.

    ``None`` if none would be: a link, or a folder on the way, that now leads out
    of the catalog reaches the very file a run checked (same signature), but the
    page is no longer read (CL001). One ``lstat`` for a page that is no link.
    """
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return None
    if stat.S_ISLNK(info.st_mode):
        resolved = resolve_inside(path, target_boundary(target, settings))
        return None if isinstance(resolved, Finding) else stat_signature(resolved)
    if not folder_known_inside and not folder_inside(os.path.dirname(path), target, settings):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def folder_inside(folder: str, target: Target, settings: CheckSettings) -> bool:
    """Whether ``folder`` (absolute) resolves inside the boundary of ``target``, as
    reading resolves a page's folder (:func:`~cachelint.page.boundary.resolve_inside`)."""
    boundary = real_folder(os.path.abspath(target_boundary(target, settings)))
    return is_within(real_folder(folder), boundary)


def is_racy(signature: StatSignature, now_ns: int) -> bool:
    """Whether the file was written too recently for its signature to prove anything."""
    return now_ns - signature[1] < RACY_NS or now_ns - signature[2] < RACY_NS


def may_be_cached(result: FileResult) -> bool:
    """Results of crashed rules are never cached: the next run must try again."""
    return not any(d.code == INTERNAL_ERROR for d in result.diagnostics)


def check_and_describe(
    target: Target, settings: CheckSettings
) -> tuple[FileResult, CacheEntry | None]:
    """Check ``target`` (in a worker) and say how to cache the result, if it may be."""
    if target.excluded:
        return check_target(target, settings), None
    before = stat_signature(target.path)
    now = time.time_ns()
    source = read_target(target, settings)
    after = stat_signature(target.path)
    result = check_source(target, source, settings)
    if before is None or after != before or isinstance(source, Finding):
        # Changed while it was read, or never fully read (special file, too large, an
        # I/O error): the result is not tied to the content the signature describes.
        return result, None
    selection = settings.selection_for(target.path).active
    path = os.path.abspath(target.path)
    place = place_of(path, settings)
    key = content_key(source.raw, target, selection, place)
    signature = None if is_racy(before, now) else before
    return result, CacheEntry(path, signature, key, place)


def check_for_cache(
    target: Target, settings: CheckSettings, described: list[Described]
) -> FileResult:
    """Check ``target``; a result the cache may keep is added, encoded, to ``described``."""
    result, entry = check_and_describe(target, settings)
    if entry is not None and may_be_cached(result):
        described.append((entry, encode_result(result)))
    return result
