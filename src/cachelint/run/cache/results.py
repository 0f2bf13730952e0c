"""A persistent cache of per-file results, so an unchanged catalog re-checks in a blink.

A result is stored under a content key: the digest of the page's bytes and of
everything else its verdict depends on (its path in the catalog, the codes
selected for it, the catalog's site data: whether there is a catalog, and the
bytes of ``_data/tags.yaml`` and ``_data/meta.yaml``), in a folder named by the
run fingerprint (cachelint's version, the settings, the bundled schemas and the
installed rule plugins). A stat index (size, mtime, ctime, inode of each
absolute path, with the key it had) lets a warm run answer with one ``stat``
per page and no read. When the stat index misses, as in a fresh checkout whose
files all have new times (a cache that CI restored), the page is read once
and looked up by its content key: an unchanged page is a hit, a changed one
is checked again. A signature recorded within :data:`RACY_NS` of the page's
mtime is not kept (git's "racy" rule: a same-size rewrite in the same
timestamp tick would keep it), and a page that cannot be stat'ed never hits.

The cache is a folder of parts, one per tag folder (a catalog's
``_cache/<tag>``), named by their place inside the catalog so that a checkout
elsewhere finds them. A part that grows past :data:`MAX_ENTRIES` results is
split by the first letter of the package folder (and so on, down to
:data:`MAX_DEPTH` letters), leaving a marker: parts are bounded in size, not by
the tag. Each is loaded when a file of it is first looked up, and a few are
held at once: files stream in sorted order, so memory stays flat however large
the catalog. Parts are sealed files of a
:class:`~cachelint.store.sealed.CacheStore` (authenticated, size-capped, written
atomically): a part that fails any check is a miss and is rewritten; several
processes at once at worst lose each other's new entries.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from cachelint import __version__
from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.model import FileResult, Finding
from cachelint.page.source import Source
from cachelint.run.cache.codec import decode_result, encode_result
from cachelint.run.cache.place import Place, content_key, place_of
from cachelint.run.cache.place import part_id as make_part_id
from cachelint.run.checker import check_source, check_target
from cachelint.run.reading import read_target
from cachelint.schema.explain import schema_dir
from cachelint.scope.discovery import Target
from cachelint.store.sealed import CacheStore

FORMAT = 6  # 5: signed parts; 6: diagnostics carry related locations
# Parts held at once: results arrive a few hundred files behind the lookups.
PARTS_IN_MEMORY = 4
# Results a part holds before it is split by the next letter of the package folder,
# down to MAX_DEPTH letters: parts are bounded in size, however large a tag grows.
MAX_ENTRIES = 2048
MAX_DEPTH = 4
# The largest part file read back (a part of a few thousand pages is a few MB).
MAX_PART_SIZE = 64 * 1024 * 1024
# Timestamps are at best this coarse (FAT: 2 s; ext3, HFS+: 1 s): a signature taken
# sooner after the page's last write may not see a rewrite within the same tick.
RACY_NS = 2_000_000_000

StatSignature = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What a worker learned about a file: its stat signature (unless racy), key, context."""

    path: str
    signature: StatSignature | None
    key: str
    context: str

    def __reduce__(self) -> tuple[type[CacheEntry], tuple[Any, ...]]:
        return (CacheEntry, (self.path, self.signature, self.key, self.context))


def run_fingerprint(settings: CheckSettings) -> str:
    """A digest of everything besides a file's content that decides its result."""
    digest = hashlib.blake2b(digest_size=16)
    parts: list[Any] = [
        FORMAT,
        __version__,
        sys.version_info[:2],
        sorted(settings.selection.active),
        settings.root_stack,
        repr(settings.spack),
        sorted((code, str(level)) for code, level in settings.severities.items()),
        repr(settings.limits),
        repr(settings.per_file_ignores),
        sorted((code, settings.registry.source(code)) for code in settings.registry.rules),
    ]
    digest.update(repr(parts).encode())
    for schema in sorted(schema_dir().glob("*.json")):
        digest.update(schema.read_bytes())
    return digest.hexdigest()


def stat_signature(path: str | os.PathLike[str]) -> StatSignature | None:
    """Size, mtime, ctime and inode: any write to the file changes one of them."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def is_racy(signature: StatSignature, now_ns: int) -> bool:
    """Whether the file was written too recently for its signature to prove anything."""
    return now_ns - signature[1] < RACY_NS or now_ns - signature[2] < RACY_NS


@dataclass(slots=True)
class _Part:
    """The results of one part: stat index (path -> signature, key, context) and results.

    A result is stored with its page's package folder name, so that a part that
    grows past :data:`MAX_ENTRIES` can be split by the next letter of it.
    """

    stats: dict[str, list[Any]] = field(default_factory=dict)
    results: dict[str, list[Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    split: bool = False
    dirty: bool = False
    # Results read from disk: only those can answer a content lookup (this run's own
    # are for other paths, and the key holds the path), so a cold run reads each page once.
    loaded: int = 0


class ResultCache:
    """Cached results of one run fingerprint, in parts loaded and saved as needed."""

    def __init__(self, store: CacheStore, settings: CheckSettings) -> None:
        self._store = store
        self.settings = settings
        self.folder = f"results-{run_fingerprint(settings)}"
        self._parts: OrderedDict[str, _Part] = OrderedDict()  # least recently used first
        self._split: set[str] = set()  # parts known to be split (a marker on disk)

    @property
    def sealed(self) -> CacheStore:
        """The sealed store the parts (and the run snapshots) live in."""
        return self._store

    @classmethod
    def open(cls, store: CacheStore, settings: CheckSettings) -> ResultCache:
        """The cache of this run's fingerprint in ``store`` (parts load lazily)."""
        return cls(store, settings)

    def lookup(self, target: Target) -> FileResult | None:
        """The cached result of ``target`` if its content is one a run checked before."""
        path = os.path.abspath(target.path)
        place = place_of(path, self.settings)
        part = self._part_of(place)[1]
        current = stat_signature(path)
        if current is None:
            return None  # nothing to compare: never a hit
        known = part.stats.get(path)
        if _matches(known, current, place.context):
            hit = self._result(part, known[1], target)
            if hit is not None:
                return hit
        return self._lookup_content(target, path, place, part, current) if part.loaded else None

    def _lookup_content(
        self, target: Target, path: str, place: Place, part: _Part, current: StatSignature
    ) -> FileResult | None:
        """The stat index missed (a fresh checkout, a touched file): look up the bytes."""
        now = time.time_ns()
        source = read_target(target, self.settings)
        if not isinstance(source, Source) or stat_signature(path) != current:
            return None
        selection = self.settings.selection_for(target.path).active
        key = content_key(source.raw, target, selection, place)
        hit = self._result(part, key, target)
        if hit is not None and not is_racy(current, now):
            part.stats[path] = [list(current), key, place.context]
            part.dirty = True
        return hit

    def _result(self, part: _Part, key: Any, target: Target) -> FileResult | None:
        stored = part.results.get(key) if isinstance(key, str) else None
        if not isinstance(stored, list) or len(stored) != 2:
            return None
        result = decode_result(stored[1], target.display)
        if result is not None:
            part.used.add(key)
        return result

    def store(self, entry: CacheEntry, result: FileResult) -> None:
        """Remember a freshly computed result (crashed rules are never cached)."""
        if any(d.code == INTERNAL_ERROR for d in result.diagnostics):
            return
        place = place_of(entry.path, self.settings)
        depth, part = self._part_of(place)
        if entry.signature is not None:
            part.stats[entry.path] = [list(entry.signature), entry.key, entry.context]
        part.results[entry.key] = [place.package, encode_result(result)]
        part.used.add(entry.key)
        part.dirty = True
        if len(part.results) > MAX_ENTRIES and depth < MAX_DEPTH:
            self._split_part(place, depth, part)

    def save(self) -> None:
        """Write every changed part (a part that cannot be written is skipped quietly)."""
        for name, part in self._parts.items():
            self._save(name, part)

    def part_file(self, path: str) -> str:
        """The name in the store of the part holding ``path`` (absolute, normalised)."""
        place = place_of(path, self.settings)
        return self._name(place.part(self._part_of(place)[0]))

    def _name(self, part_id: str) -> str:
        return f"{self.folder}/{part_id}.json"

    def _part_of(self, place: Place) -> tuple[int, _Part]:
        """The part holding ``place`` (and its depth), going down the split ones."""
        for depth in range(MAX_DEPTH):
            part_id = place.part(depth)
            if part_id in self._split:
                continue
            part = self._part(part_id)
            if not part.split:
                return depth, part
            self._split.add(part_id)
            del self._parts[part_id]
        return MAX_DEPTH, self._part(place.part(MAX_DEPTH))

    def _split_part(self, place: Place, depth: int, part: _Part) -> None:
        """Share out a part grown too large by the next letter of the package folder."""
        children: dict[str, _Part] = {}
        for key, stored in part.results.items():
            child = children.setdefault(
                str(stored[0])[: depth + 1], _Part(dirty=True, loaded=part.loaded)
            )
            child.results[key] = stored
            if key in part.used:
                child.used.add(key)
        for path, known in part.stats.items():
            prefix = os.path.basename(os.path.dirname(path))[: depth + 1]
            children.setdefault(prefix, _Part(dirty=True, loaded=part.loaded)).stats[path] = known
        part_id = place.part(depth)
        self._store.save(self._name(part_id), {"split": True})
        self._split.add(part_id)
        self._parts.pop(part_id, None)
        for prefix, child in children.items():
            self._remember(make_part_id(place.base, prefix, depth + 1), child)
            if len(child.results) > MAX_ENTRIES and depth + 1 < MAX_DEPTH:
                self._split_part(Place(place.base, prefix, "", ""), depth + 1, child)

    def _part(self, part_id: str) -> _Part:
        part = self._parts.get(part_id)
        if part is not None:
            self._parts.move_to_end(part_id)
            return part
        loaded = self._store.load(self._name(part_id), max_size=MAX_PART_SIZE)
        return self._remember(part_id, _load_part(loaded))

    def _remember(self, part_id: str, part: _Part) -> _Part:
        self._parts[part_id] = part
        while len(self._parts) > PARTS_IN_MEMORY:
            self._save(*self._parts.popitem(last=False))
        return part

    def _save(self, part_id: str, part: _Part) -> None:
        if not part.dirty:
            return
        # Keep what the stat index points to and what this run used (racy pages have
        # only their content key); results no page leads to any more are dropped.
        keep = part.used | {
            entry[1]
            for entry in part.stats.values()
            if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[1], str)
        }
        results = {key: value for key, value in part.results.items() if key in keep}
        if self._store.save(self._name(part_id), {"stats": part.stats, "results": results}):
            part.dirty = False


def _matches(known: Any, current: StatSignature, context: str) -> bool:
    """Whether a stat index entry says the file is the one it describes."""
    return (
        isinstance(known, list)
        and len(known) == 3
        and known[0] == list(current)
        and known[2] == context
    )


def _load_part(loaded: Any) -> _Part:
    if isinstance(loaded, dict):
        if loaded.get("split") is True:
            return _Part(split=True)
        stats, results = loaded.get("stats"), loaded.get("results")
        if isinstance(stats, dict) and isinstance(results, dict):
            return _Part(stats, results, loaded=len(results))
    return _Part()


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
    return result, CacheEntry(path, signature, key, place.context)
