"""A persistent cache of per-file results, so an unchanged catalog re-checks in a blink.

Results are keyed by the file's content hash together with everything else that
decides them: the page's path context (tag and package folders), the codes
selected for that path, and a fingerprint of the run (cachelint's version, the
settings, the bundled schemas and the installed rule plugins). A stat signature
(size, mtime, ctime, inode) of each path remembers its content hash, so a warm
run does not even read unchanged files.

The cache of a run fingerprint is a folder of parts, one per folder two
levels above the files (a catalog's ``_cache/<tag>``), each loaded when a file
of it is first looked up: a pre-commit run of one page reads one tag's part,
and a whole-catalog run holds a few parts at a time however large the
catalog (files stream in sorted order). Each part is written back atomically
(a temporary file renamed over it): several cachelint processes at once never
corrupt it; at worst one's new entries are lost, which only costs a later
cache miss. An unreadable or corrupt part is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cachelint import __version__
from cachelint.cachefile import load_marshal, save_marshal
from cachelint.checker import CheckSettings, check_source, check_target
from cachelint.codes import INTERNAL_ERROR
from cachelint.discovery import CACHE_FOLDER, Target, is_dir
from cachelint.model import FileResult, Finding
from cachelint.resultcodec import decode_result, encode_result
from cachelint.schema import schema_dir
from cachelint.source import read_source

CACHE_DIR_NAME = ".cachelint_cache"
FORMAT = 4
# Parts held at once: results arrive a few hundred files behind the lookups.
PARTS_IN_MEMORY = 4

StatSignature = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What a worker learned about a file, for the cache: its stat signature and key."""

    path: str
    signature: StatSignature
    key: str
    site: str

    def __reduce__(self) -> tuple[type[CacheEntry], tuple[Any, ...]]:
        return (CacheEntry, (self.path, self.signature, self.key, self.site))


def default_cache_dir(paths: Iterable[str]) -> Path:
    """``.cachelint_cache`` beside the catalog root of the first path (else here)."""
    first = Path(next(iter(paths), ".")).absolute()
    for folder in (first, *first.parents):
        if is_dir(folder / CACHE_FOLDER):
            return folder / CACHE_DIR_NAME
    return Path.cwd() / CACHE_DIR_NAME


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


def stat_signature(path: Path) -> StatSignature | None:
    """Size, mtime, ctime and inode: any write to the file changes one of them."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def site_digest(target: Target, settings: CheckSettings) -> str:
    """The digest of the site data (``_data/tags.yaml``) the page is checked against."""
    site = settings.catalogs.site_for(target.path, limits=settings.limits)
    return site.digest if site is not None else ""


def content_key(raw: bytes, target: Target, selection: frozenset[str], site: str) -> str:
    """The result key of a file: its bytes, path context, selected codes and site data."""
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(site.encode())
    context = target.context
    digest.update(repr((context.tag, context.package, target.explicit, target.in_cache)).encode())
    digest.update(_codes_text(selection))
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _codes_text(selection: frozenset[str]) -> bytes:
    return ",".join(sorted(selection)).encode()


@dataclass(slots=True)
class _Part:
    """The cached results of the files below one folder: stat index and results by key."""

    stats: dict[str, tuple[StatSignature, str, str]] = field(default_factory=dict)
    results: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    dirty: bool = False


class ResultCache:
    """Cached results of one run fingerprint, in parts loaded and saved as needed."""

    def __init__(self, folder: Path, settings: CheckSettings) -> None:
        self.folder = folder
        self.settings = settings
        self._parts: OrderedDict[str, _Part] = OrderedDict()  # least recently used first
        self._names: dict[str, str] = {}  # folder -> its part file

    @classmethod
    def open(cls, cache_dir: Path, settings: CheckSettings) -> ResultCache:
        """The cache of this run's fingerprint in ``cache_dir`` (parts load lazily)."""
        return cls(cache_dir / f"results-{run_fingerprint(settings)}", settings)

    def lookup(self, target: Target) -> FileResult | None:
        """The cached result of ``target`` if its file is unchanged since it was stored."""
        path = os.path.abspath(target.path)
        part = self._part(path)
        known = part.stats.get(path)
        if not isinstance(known, tuple) or len(known) != 3:
            return None  # not stored (or a corrupt entry: checked again and rewritten)
        signature, key, site = known
        if stat_signature(target.path) != signature:
            return None
        if site_digest(target, self.settings) != site:
            return None  # the catalog's tags.yaml changed: CL503/CL504 may differ
        if not isinstance(key, str):
            return None
        return decode_result(part.results.get(key), target.display)

    def store(self, entry: CacheEntry, result: FileResult) -> None:
        """Remember a freshly computed result (crashed rules are never cached)."""
        if any(d.code == INTERNAL_ERROR for d in result.diagnostics):
            return
        part = self._part(entry.path)
        part.stats[entry.path] = (entry.signature, entry.key, entry.site)
        part.results[entry.key] = encode_result(result)
        part.dirty = True

    def save(self) -> None:
        """Write every changed part (a part that cannot be written is skipped quietly)."""
        for name, part in self._parts.items():
            self._save(name, part)

    def part_file(self, path: str) -> Path:
        """The file of the part holding ``path`` (an absolute, normalised path)."""
        return Path(self._part_name(path))

    def _part_name(self, path: str) -> str:
        folder = os.path.dirname(os.path.dirname(path))
        name = self._names.get(folder)
        if name is None:
            digest = hashlib.blake2b(folder.encode("utf-8", "surrogatepass"), digest_size=12)
            name = self._names[folder] = os.path.join(self.folder, f"{digest.hexdigest()}.marshal")
        return name

    def _part(self, path: str) -> _Part:
        name = self._part_name(path)
        part = self._parts.get(name)
        if part is not None:
            self._parts.move_to_end(name)
            return part
        part = self._parts[name] = _load_part(Path(name))
        if len(self._parts) > PARTS_IN_MEMORY:
            self._save(*self._parts.popitem(last=False))
        return part

    def _save(self, name: str, part: _Part) -> None:
        if not part.dirty:
            return
        used = {key for _, key, _ in part.stats.values()}
        results = {key: value for key, value in part.results.items() if key in used}
        if save_marshal(Path(name), (part.stats, results), cache_dir=self.folder.parent):
            part.dirty = False


def _load_part(file: Path) -> _Part:
    loaded = load_marshal(file)
    if isinstance(loaded, tuple) and len(loaded) == 2:
        stats, results = loaded
        if isinstance(stats, dict) and isinstance(results, dict):
            return _Part(stats, results)
    return _Part()


def check_and_describe(
    target: Target, settings: CheckSettings
) -> tuple[FileResult, CacheEntry | None]:
    """Check ``target`` (in a worker) and say how to cache the result, if it may be."""
    if target.excluded:
        return check_target(target, settings), None
    before = stat_signature(target.path)
    source = read_source(target.path, max_size=settings.limits.max_file_size)
    after = stat_signature(target.path)
    result = check_source(target, source, settings)
    if before is None or after != before or isinstance(source, Finding):
        # Changed while it was read, or never fully read (special file, too large, an
        # I/O error): the result is not tied to the content the signature describes.
        return result, None
    selection = settings.selection_for(target.path).active
    site = site_digest(target, settings)
    key = content_key(source.raw, target, selection, site)
    return result, CacheEntry(os.path.abspath(target.path), before, key, site)
