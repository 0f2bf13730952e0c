"""A persistent cache of per-file results, so an unchanged catalog re-checks in a blink.

Results are keyed by the file's content hash together with everything else that
decides them: the page's path context (tag and package folders), the codes
selected for that path, and a fingerprint of the run (cachelint's version, the
settings, the bundled schemas and the installed rule plugins). A stat signature
(size, mtime, ctime, inode) of each path remembers its content hash, so a warm
run does not even read unchanged files.

The cache is one file per run fingerprint, loaded whole and written back
atomically (a temporary file renamed over it): several cachelint processes at
once never corrupt it; at worst one's new entries are lost, which only costs a
later cache miss. An unreadable or corrupt cache file is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cachelint import __version__
from cachelint.cachefile import load_marshal, save_marshal
from cachelint.catalog.facts import PageFacts
from cachelint.checker import CheckSettings, check_source, check_target
from cachelint.codes import INTERNAL_ERROR
from cachelint.discovery import CACHE_FOLDER, Target, is_dir
from cachelint.model import Diagnostic, FileResult, Finding, Position, Severity
from cachelint.schema import schema_dir
from cachelint.source import read_source

CACHE_DIR_NAME = ".cachelint_cache"
FORMAT = 3

StatSignature = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What a worker learned about a file, for the cache: its stat signature and key."""

    path: str
    signature: StatSignature
    key: str
    site: str


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
    digest.update(",".join(sorted(selection)).encode())
    return digest.hexdigest()


@dataclass(slots=True)
class ResultCache:
    """Cached results of one run fingerprint, loaded from and saved to one file."""

    file: Path
    settings: CheckSettings
    stats: dict[str, tuple[StatSignature, str, str]] = field(default_factory=dict)
    results: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, cache_dir: Path, settings: CheckSettings) -> ResultCache:
        """Load the cache of this run's fingerprint (empty when absent or corrupt)."""
        cache = cls(cache_dir / f"results-{run_fingerprint(settings)}.marshal", settings)
        loaded = load_marshal(cache.file)
        if isinstance(loaded, tuple) and len(loaded) == 2:
            stats, results = loaded
            if isinstance(stats, dict) and isinstance(results, dict):
                cache.stats, cache.results = stats, results
        return cache

    def lookup(self, target: Target) -> FileResult | None:
        """The cached result of ``target`` if its file is unchanged since it was stored."""
        known = self.stats.get(os.path.abspath(target.path))
        if known is None or stat_signature(target.path) != known[0]:
            return None
        if site_digest(target, self.settings) != known[2]:
            return None  # the catalog's tags.yaml changed: CL503/CL504 may differ
        return _decode(self.results.get(known[1]), target.display)

    def store(self, entry: CacheEntry, result: FileResult) -> None:
        """Remember a freshly computed result (crashed rules are never cached)."""
        if any(d.code == INTERNAL_ERROR for d in result.diagnostics):
            return
        self.stats[entry.path] = (entry.signature, entry.key, entry.site)
        self.results[entry.key] = _encode(result)
        self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is skipped quietly."""
        if self.dirty and save_marshal(self.file, (self.stats, self.results)):
            self.dirty = False


def _encode(result: FileResult) -> tuple[Any, ...]:
    diagnostics = tuple(
        (
            d.code,
            d.severity.value,
            d.message,
            d.position.line,
            d.position.column,
            d.position.end_line,
            d.position.end_column,
            d.pointer,
            d.fixable,
        )
        for d in result.diagnostics
    )
    facts = result.facts
    packed_facts = (
        None
        if facts is None
        else (facts.num_specs, facts.compilers, facts.parameters, facts.stacks)
    )
    return (result.checked, result.note, result.fix_note, diagnostics, packed_facts)


def _decode(payload: tuple[Any, ...] | None, display: str) -> FileResult | None:
    if payload is None:
        return None
    try:
        checked, note, fix_note, diagnostics, packed_facts = payload
        facts = None if packed_facts is None else PageFacts(*packed_facts)
        placed = tuple(
            Diagnostic(
                code=code,
                severity=Severity(severity),
                message=message,
                path=display,
                position=Position(line, column, end_line, end_column),
                pointer=pointer,
                fixable=fixable,
            )
            for code, severity, message, line, column, end_line, end_column, pointer, fixable in (
                diagnostics
            )
        )
    except (TypeError, ValueError):
        return None  # a corrupt entry: checked again and rewritten
    return FileResult(
        display,
        checked=checked,
        diagnostics=placed,
        note=note,
        fix_note=fix_note,
        facts=facts,
    )


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
