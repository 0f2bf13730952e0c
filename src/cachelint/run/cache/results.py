"""A persistent cache of per-file results, so an unchanged catalog re-checks in a blink.

A result is stored under a content key: the digest of the page's bytes and of
everything else its verdict depends on (its path in the catalog, the codes
selected for it, the catalog's site data: whether there is a catalog, and the
bytes of ``_data/tags.yaml`` and ``_data/meta.yaml``), in a folder named by the
run fingerprint (cachelint's version, the settings, the bundled schemas and the
installed rule plugins). A stat index (size, mtime, ctime, inode of each
absolute path, with the key it had) lets a warm run answer with an ``lstat``
of the page and its folder, and no read. When the stat index misses, as in a
fresh checkout whose files all have new times (a cache that CI restored), the
page is read once and looked up by its content key: an unchanged page is a
hit, a changed one is checked again. A signature recorded within
:data:`~cachelint.run.cache.entry.RACY_NS` of the page's mtime is not kept (git's "racy" rule: a
same-size rewrite in the same timestamp tick would keep it), and a page that
cannot be stat'ed, or would not be read (a link, or a folder on its way, that
now leads out of the catalog), never hits.

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
from collections.abc import Iterator
from typing import Any

from cachelint import __version__
from cachelint.config.check import CheckSettings
from cachelint.model import FileResult
from cachelint.page.source import Source
from cachelint.run.cache.codec import decode_result, encode_result
from cachelint.run.cache.entry import (
    CacheEntry,
    StatSignature,
    folder_inside,
    is_racy,
    may_be_cached,
    signature_inside,
    stat_signature,
)
from cachelint.run.cache.parts import Part, child_of, load_part, signature_matches
from cachelint.run.cache.place import Place, content_key, place_of
from cachelint.run.cache.place import part_id as make_part_id
from cachelint.run.reading import read_target
from cachelint.schema.explain import schema_dir
from cachelint.scope.discovery import Target
from cachelint.store.sealed import CacheStore, json_object

FORMAT = 6  # 5: signed parts; 6: diagnostics carry related locations
# Parts held at once: results arrive a few hundred files behind the lookups.
PARTS_IN_MEMORY = 4
# Results a part holds before it is split by the next letter of the package folder,
# down to MAX_DEPTH letters: parts are bounded in size, however large a tag grows.
MAX_ENTRIES = 2048
MAX_DEPTH = 4
# The largest part file read back (a part of a few thousand pages is a few MB).
MAX_PART_SIZE = 64 * 1024 * 1024


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


class ResultCache:
    """Cached results of one run fingerprint, in parts loaded and saved as needed."""

    def __init__(self, store: CacheStore, settings: CheckSettings) -> None:
        self._store = store
        self.settings = settings
        self.folder = f"results-{run_fingerprint(settings)}"
        self._parts: OrderedDict[str, Part] = OrderedDict()  # least recently used first
        self._split: set[str] = set()  # parts known to be split (a marker on disk)
        self._fresh: set[str] = set()  # parts that were fresh (see Part.fresh) this run
        self._bases: dict[str, bool] = {}  # walked folders: do they resolve inside?
        # No part of this fingerprint on disk when the run began: every part is fresh.
        self._cold = not os.path.isdir(os.path.join(store.path, self.folder))

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
        current = signature_inside(
            path, target, self.settings, folder_known_inside=self._walked_inside(target)
        )
        if current is None:
            return None  # nothing to compare, or not to be read: never a hit
        known = part.stats.get(path)
        if signature_matches(known, current, place.context):
            hit = self._result(part, known[1], target)
            if hit is not None:
                return hit
        return self._lookup_content(target, path, place, part, current) if part.loaded else None

    def _lookup_content(
        self, target: Target, path: str, place: Place, part: Part, current: StatSignature
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

    def _walked_inside(self, target: Target) -> bool:
        """Whether ``target`` was found by a walk of a folder that resolves inside its boundary.

        A walk goes into no linked folder, so every folder between the walked one
        and the page was a real one this run: only the walked folder, which may
        have become a link since a result was kept, is resolved (once a run).
        """
        if not target.base:
            return False  # a named page: its own folder is resolved
        inside = self._bases.get(target.base)
        if inside is None:
            inside = self._bases[target.base] = folder_inside(target.base, target, self.settings)
        return inside

    def knows_folder(self, folder: str) -> bool:
        """Whether a page of package folder ``folder`` (absolute, normalised) may be a hit.

        ``False`` when the folder's part held nothing before this run: its pages
        need no lookup, and can be checked elsewhere (a worker) and stored.
        """
        if self._cold:
            return False
        place = place_of(os.path.join(folder, "specs.md"), self.settings)
        return not self._part_of(place)[1].fresh

    def _result(self, part: Part, key: Any, target: Target) -> FileResult | None:
        stored = part.results.get(key) if isinstance(key, str) else None
        if not isinstance(stored, list) or len(stored) != 2:
            return None
        result = decode_result(stored[1], target.display)
        if result is not None:
            part.used.add(key)
        return result

    def store(self, entry: CacheEntry, result: FileResult) -> None:
        """Remember a freshly computed result (crashed rules are never cached)."""
        if may_be_cached(result):
            self.store_encoded(entry, encode_result(result))

    def store_encoded(self, entry: CacheEntry, encoded: Any) -> None:
        """Remember a result a worker encoded (:func:`~.entry.check_for_cache`)."""
        place = entry.place
        depth, part = self._part_of(place)
        if entry.signature is not None:
            part.stats[entry.path] = [list(entry.signature), entry.key, place.context]
        part.results[entry.key] = [place.package, encoded]
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

    def _part_of(self, place: Place) -> tuple[int, Part]:
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

    def _split_part(self, place: Place, depth: int, part: Part) -> None:
        """Share out a part grown too large by the next letter of the package folder."""
        children: dict[str, Part] = {}
        for key, stored in part.results.items():
            child = children.setdefault(str(stored[0])[: depth + 1], child_of(part))
            child.results[key] = stored
            if key in part.used:
                child.used.add(key)
        for path, known in part.stats.items():
            prefix = os.path.basename(os.path.dirname(path))[: depth + 1]
            children.setdefault(prefix, child_of(part)).stats[path] = known
        part_id = place.part(depth)
        self._store.save(self._name(part_id), {"split": True})
        self._split.add(part_id)
        self._parts.pop(part_id, None)
        for prefix, child in children.items():
            child_id = make_part_id(place.base, prefix, depth + 1)
            if child.fresh:
                self._fresh.add(child_id)
            self._remember(child_id, child)
            if len(child.results) > MAX_ENTRIES and depth + 1 < MAX_DEPTH:
                self._split_part(Place(place.base, prefix, "", ""), depth + 1, child)

    def _part(self, part_id: str) -> Part:
        part = self._parts.get(part_id)
        if part is not None:
            self._parts.move_to_end(part_id)
            return part
        loaded = load_part(self._store.load(self._name(part_id), max_size=MAX_PART_SIZE))
        if part_id in self._fresh or not (loaded.split or loaded.stats or loaded.results):
            loaded.fresh = True  # saved since with this run's entries, or nothing on disk
            self._fresh.add(part_id)
        return self._remember(part_id, loaded)

    def _remember(self, part_id: str, part: Part) -> Part:
        self._parts[part_id] = part
        while len(self._parts) > PARTS_IN_MEMORY:
            self._save(*self._parts.popitem(last=False))
        return part

    def _save(self, part_id: str, part: Part) -> None:
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
        if self._store.save_text(self._name(part_id), _part_text(part.stats, results)):
            part.dirty = False


def _part_text(stats: dict[str, list[Any]], results: dict[str, list[Any]]) -> Iterator[str]:
    """A part as JSON, in pieces (a part of a few thousand pages is a few MB of text)."""
    yield '{"stats":'
    yield from json_object(stats)
    yield ',"results":'
    yield from json_object(results)
    yield "}"
