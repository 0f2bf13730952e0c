"""A whole-run snapshot: a re-run with nothing changed costs a walk and a stat per page.

After a run that walked one folder, the snapshot keeps, sealed in the result
cache's store beside the parts (so under the same run fingerprint: cachelint's
version, the settings, the schemas, the plugins), the walk of that run (see
:mod:`cachelint.run.cache.walk`: every walked folder's listing and every page's
stat signature) and what the run found: the results of the pages that have
findings or were skipped, and the per-tag totals the catalog pass summed. It
is keyed on everything else the results depend on: the working folder, the
path as given, the path filter, the catalog root above it, the bytes of each
catalog's ``_data/tags.yaml`` and ``_data/meta.yaml``, and git's list of
ignored files where ``.gitignore`` is respected.

The next run walks again and compares. If every listing and every signature is
the same, the results are taken from the snapshot without opening a page or a
cache part; on any difference the run goes on as before, through the per-page
cache (its content keys hold in a fresh checkout, where every mtime differs),
and writes a new snapshot. A signature taken within two seconds of the page's
mtime or ctime, and that of a link or a special file, is unknown: it never
matches, so such a page is looked at again (through the per-page cache) on
every run. A snapshot is written only if the walks before and after the run agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cachelint.catalog.aggregate import Aggregator
from cachelint.codes import INTERNAL_ERROR
from cachelint.layout import CACHE_FOLDER, DATA_FOLDER
from cachelint.model import FileResult
from cachelint.run.batches import CleanPages
from cachelint.run.cache.codec import decode_result, encode_result
from cachelint.run.cache.place import site_context
from cachelint.run.cache.results import ResultCache
from cachelint.run.cache.walk import Walk, pack_signatures, record, unpack_signatures, verify
from cachelint.run.compact import CompactList
from cachelint.run.runner import RunResult
from cachelint.run.scope import RunScope
from cachelint.scope.gitignored import ignored_paths
from cachelint.store.sealed import json_list, json_object

FORMAT = 2  # 2: each folder's own signature before its pages'
MAX_SNAPSHOT_SIZE = 192 * 1024 * 1024  # about 150 bytes a page: a million pages

FileCallback = Callable[[FileResult], None]
PagesCallback = Callable[[CleanPages], None]


class RunSnapshot:
    """The snapshot of runs that walk one folder with the same settings (see the module doc)."""

    def __init__(
        self, cache: ResultCache, scope: RunScope, aggregator: Aggregator, processes: int = 1
    ) -> None:
        self._cache, self._aggregator = cache, aggregator
        self._processes = processes  # how many may look at the pages: the run's jobs
        self._arg = scope.paths[0]
        self._base = str(Path(self._arg))  # as discovery walks it
        self._filter = scope.path_filter
        where = repr((os.getcwd(), self._arg, self._filter, cache.settings.catalogs.fixed))
        digest = hashlib.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=16)
        self.name = f"{cache.folder}/run-{digest.hexdigest()}.json"
        self._walk: Walk | None = None
        self._key: str | None = None
        self._order = _Order()
        self._results: dict[str, Any] = {}

    @classmethod
    def open(
        cls, cache: ResultCache, scope: RunScope, aggregator: Aggregator, *, processes: int = 1
    ) -> RunSnapshot | None:
        """The snapshot of this run, if its scope is one folder walked (no list, shard, REF)."""
        return cls(cache, scope, aggregator, processes) if scope.walks_one_folder else None

    # --- a run that finds its snapshot ---

    def replay(self, on_file: FileCallback | None) -> RunResult | None:
        """The run's results if nothing changed since the snapshot; ``None`` otherwise."""
        loaded = self._cache.sealed.load(self.name, max_size=MAX_SNAPSHOT_SIZE)
        try:
            return self._replay(loaded, on_file)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None  # not the shape cachelint writes: a miss

    def _replay(self, loaded: Any, on_file: FileCallback | None) -> RunResult | None:
        if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
            return None
        roots, tops = loaded["roots"], loaded["git"]
        if not _strings(roots) or not _strings(tops):
            return None
        if loaded["key"] != self._digest(roots, tops):
            return None  # a key of None (git cannot answer) matches no key on disk
        stored = loaded["results"]
        if not isinstance(stored, dict):
            return None
        pages = _ReplayedPages(stored)
        signatures = iter(unpack_signatures(loaded.pop("signatures")))  # the text let go
        folders = loaded["folders"]
        if not _strings(folders) or not verify(
            self._arg, self._base, folders, signatures, on_page=pages.add, processes=self._processes
        ):
            return None
        if next(signatures, None) is not None or not pages.complete:
            return None
        if not self._aggregator.restore(loaded["totals"]):
            return None
        return pages.run(on_file)

    # --- a run that writes one ---

    def observe(self, on_file: FileCallback | None) -> FileCallback:
        """Walk before the run, then watch each result: what a snapshot is made of."""
        now = time.time_ns()
        self._walk = walk = record(self._arg, self._base, self._filter, now)
        self._key = self._digest(self._roots(walk), self._tops(walk))

        def observe_file(result: FileResult) -> None:
            self._order.add(result.path)
            if not result.checked or result.diagnostics:
                kept = FileResult(
                    result.path, result.checked, result.diagnostics, result.note, fix_note=""
                )
                self._results[result.path] = encode_result(kept)
            if on_file is not None:
                on_file(result)

        return observe_file

    def observe_pages(self, on_pages: PagesCallback | None) -> PagesCallback:
        """Watch each run of clean pages (a walk checked in batches) for their names."""

        def observe_run(pages: CleanPages) -> None:
            self._order.add_all(pages.paths)
            if on_pages is not None:
                on_pages(pages)

        return observe_run

    def save(self, run: RunResult) -> None:
        """Write the snapshot, if the run saw what the walk before it saw, and nothing moved.

        What was recorded is let go either way, before the report: about 9 MB
        at 1 GB of pages.
        """
        walk, self._walk = self._walk, None
        try:
            if walk is not None and not any(d.code == INTERNAL_ERROR for d in run.diagnostics):
                self._save(walk)
        finally:
            self._order, self._results = _Order(), {}

    def _save(self, walk: Walk) -> None:
        if self._key is None:
            return  # git cannot answer: the run has no key to keep it under
        roots, tops = self._roots(walk), self._tops(walk)
        if self._digest(roots, tops) != self._key:
            return  # the site data changed during the run
        walked = _Order()
        unchanged = verify(
            self._arg,
            self._base,
            walk.folders,
            iter(walk.signatures),
            on_page=walked.add,
            unknown_matches=True,
            processes=self._processes,
        )
        if not (unchanged and walked == self._order):
            return  # a page changed during the run, or discovery saw other pages
        self._cache.sealed.save_text(self.name, self._text(roots, tops, walk))

    def _text(self, roots: list[str], tops: list[str], walk: Walk) -> Iterator[str]:
        """The snapshot as JSON, in pieces: at 1 GB it is about 10 MB of text."""
        head = {"format": FORMAT, "key": self._key, "roots": roots, "git": tops}
        yield json.dumps(head, separators=(",", ":"))[:-1]
        yield ',"folders":'
        yield from json_list(walk.folders)
        yield ',"signatures":"'
        yield from pack_signatures(walk.signatures)
        yield '","results":'
        yield from json_object(self._results)
        yield ',"totals":'
        yield json.dumps(self._aggregator.state(), separators=(",", ":"))
        yield "}"

    # --- what the results depend on besides the pages ---

    def _roots(self, walk: Walk) -> list[str]:
        """The catalog roots of the walked folders (their site data decides results).

        A folder's root is the nearest folder at or above it that holds
        ``_cache/`` and ``_data/``: the base folder's, or a walked folder whose
        recorded listing shows both (as folders, or links to folders).
        """
        finder = self._cache.settings.catalogs.finder
        base = os.path.abspath(self._base)
        found = {str(finder.root_of_folder(base))}
        if finder.fixed is None:
            for folder in walk.folders:
                relative, kinds, names = folder.split("\0")
                if _holds_a_catalog(kinds, names):
                    found.add(os.path.join(base, relative) if relative else base)
        return sorted(found)

    def _tops(self, walk: Walk) -> list[str]:
        """The git work trees whose ignore rules decide which files are pages."""
        if not self._filter.respect_gitignore:
            return []
        tops = {os.path.abspath(folder) for folder in walk.folders_with_git}
        folder = os.path.abspath(self._base)
        while True:
            if os.path.exists(os.path.join(folder, ".git")):
                tops.add(folder)
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        return sorted(tops)

    def _digest(self, roots: list[str], tops: list[str]) -> str | None:
        """The key of what the results depend on; ``None`` when git cannot list the pages."""
        limit = self._cache.settings.limits.max_file_size
        parts: list[Any] = [FORMAT, self.name, roots, tops]
        for root in roots:
            parts.append(site_context(None if root == "None" else Path(root), limit))
        base = os.path.abspath(self._base)
        for top in tops:
            ignored = ignored_paths(top)
            parts.append(None if ignored is None else _below(ignored.paths, top, base))
        if tops and None in parts[-len(tops) :]:
            return None  # .gitignore files read by cachelint: no snapshot
        text = repr(parts).encode("utf-8", "surrogatepass")
        return hashlib.blake2b(text, digest_size=32).hexdigest()


class _ReplayedPages:
    """The pages a replay finds, as the run would have put them together.

    Each page's name goes to the run's checked names as it is found, unless
    the snapshot holds a result for it: the pages with findings and the
    skipped files, kept in page order (a few: the others are clean).
    """

    def __init__(self, stored: dict[str, Any]) -> None:
        self._stored = stored
        self._checked = CompactList()
        self._results: list[tuple[str, FileResult]] = []
        self._undecoded = 0

    def add(self, display: str) -> None:
        payload = self._stored.get(display)
        if payload is None:
            self._checked.append(display)
            return
        result = decode_result(payload, display)
        if result is None:
            self._undecoded += 1
            return
        self._results.append((display, result))
        if result.checked:
            self._checked.append(display)

    @property
    def complete(self) -> bool:
        """Whether every stored result is of a page found (names are found once), and decodes."""
        return not self._undecoded and len(self._results) == len(self._stored)

    def run(self, on_file: FileCallback | None) -> RunResult:
        """The run as :func:`~cachelint.run.runner.run_checks` would have put it together."""
        run = RunResult(checked_files=self._checked)
        for display, result in self._results:
            if result.checked:
                run.diagnostics.extend(result.diagnostics)
                continue
            if on_file is not None:  # the totals are restored: only skipped files are told
                on_file(result)
            run.skipped.append((display, result.note))
        run.diagnostics.sort(key=lambda d: d.sort_key)
        return run


class _Order:
    """The names a run saw, in order, as a count and a digest: no name is kept."""

    __slots__ = ("_count", "_digest")

    def __init__(self) -> None:
        self._count = 0
        self._digest = hashlib.blake2b(digest_size=32)

    def add(self, name: str) -> None:
        self.add_all((name,))

    def add_all(self, names: list[str] | tuple[str, ...]) -> None:
        if names:  # each name closed by NUL, which no path holds
            self._count += len(names)
            self._digest.update("\0".join(names).encode("utf-8", "surrogatepass") + b"\0")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Order):
            return NotImplemented
        return self._count == other._count and self._digest.digest() == other._digest.digest()

    __hash__ = None  # type: ignore[assignment]


def _below(ignored: frozenset[str], top: str, base: str) -> list[str]:
    """What git ignores at or below the walked folder, or around it (its own folders)."""
    relative = os.path.relpath(base, top).replace(os.sep, "/")
    prefix = "" if relative == "." else relative + "/"
    if prefix.startswith("../"):
        return sorted(ignored)  # a work tree inside the walk: all of it counts
    return sorted(path for path in ignored if path.startswith(prefix) or prefix.startswith(path))


def _holds_a_catalog(kinds: str, joined: str) -> bool:
    """Whether a folder record lists ``_cache`` and ``_data`` as folders (``D``, ``d``, ``k``)."""
    if CACHE_FOLDER not in joined or DATA_FOLDER not in joined:
        return False  # most folders: two searches of the names, no list
    folders = {name for name, kind in zip(joined.split("/"), kinds, strict=True) if kind in "Ddk"}
    return {CACHE_FOLDER, DATA_FOLDER} <= folders


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
