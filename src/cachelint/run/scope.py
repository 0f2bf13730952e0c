"""What a ``cachelint check`` run looks at: named paths, a file list, changes, a shard.

The command line names the pages one of four ways: paths (``PATH ...``), a
list (``--files-from``, with any paths), what changed since a revision
(``--changed-since``, below the paths), and any of these but
``--changed-since`` split into shards (``--shard K/N``). A :class:`RunScope`
turns that into the targets to check, the pages that are only counted toward
their tags' totals, and the catalog pass that knows how much of each catalog
the run covers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from cachelint.catalog.changes import TagChange
from cachelint.config.check import CheckSettings
from cachelint.errors import UsageError
from cachelint.layout import CACHE_FOLDER
from cachelint.record import Record, fill, replace
from cachelint.run.cache.results import ResultCache
from cachelint.run.catalogpass import CatalogPass
from cachelint.run.tally import tally
from cachelint.scope.discovery import FolderWalk, Target, is_dir, iter_targets
from cachelint.scope.filelist import read_file_list
from cachelint.scope.pathfilter import PathFilter
from cachelint.scope.shard import Shard, ShardFilter


class ScopeRequest(Record):
    """How the command line named the pages (the flags of ``cachelint check``).

    ``config_from_ref`` is False when ``--no-config-from-ref`` turned it off.
    """

    __slots__ = ("changed_since", "config_from_ref", "files_from", "null", "paths", "shard")

    paths: tuple[str, ...]
    files_from: str | None
    null: bool
    changed_since: str | None
    config_from_ref: str | bool | None
    shard: Shard | None

    def __init__(
        self,
        paths: tuple[str, ...] = (),
        files_from: str | None = None,
        null: bool = False,
        changed_since: str | None = None,
        config_from_ref: str | bool | None = None,
        shard: Shard | None = None,
    ) -> None:
        fill(self, paths, files_from, null, changed_since, config_from_ref, shard)


class RunScope:
    """The targets of one run and how much of each catalog they cover."""

    def __init__(
        self,
        paths: Iterable[str],
        path_filter: PathFilter,
        *,
        listed: Iterable[str] = (),
        shard: Shard | None = None,
        touched: Mapping[Path, frozenset[str]] | None = None,
        changes: Mapping[Path, tuple[TagChange, ...]] | None = None,
    ) -> None:
        self.paths = list(paths)
        self.path_filter = path_filter
        self.listed = list(listed)
        self.shard = shard
        self.touched = touched
        self.changes = changes
        self._seen: set[Path] = set()

    @property
    def walks_one_folder(self) -> bool:
        """Whether the run walks one named folder (no list, shard or ``--changed-since``)."""
        if self.touched is not None or self.listed or self.shard is not None:
            return False
        return len(self.paths) == 1 and is_dir(Path(self.paths[0]))

    def targets(self) -> Iterable[Target]:
        """The files to check and report, each once.

        One folder is handed over as its :class:`FolderWalk`: workers can then
        walk it in batches (see :func:`cachelint.run.runner.run_checks`).
        """
        if self.touched is None:
            if len(self.paths) == 1 and not self.listed and is_dir(Path(self.paths[0])):
                return FolderWalk(self.paths[0], self.path_filter)
            return iter_targets(self.paths, self.path_filter, listed=self.listed)
        return self._touched_targets()

    def _touched_targets(self) -> Iterator[Target]:
        # With --changed-since the paths only limit which changes count; the pages
        # seen are not counted again by count_the_rest.
        for target in iter_targets([], self.path_filter, listed=self.listed):
            self._seen.add(target.path.absolute())
            yield target

    def catalog_pass(
        self, settings: CheckSettings, *, log: Callable[[str], None] | None
    ) -> CatalogPass:
        """The catalog pass of this run."""
        return CatalogPass(
            self.paths,
            settings,
            log=log,
            shard=self.shard,
            touched=self.touched,
            changes=self.changes,
        )

    def count_the_rest(
        self,
        catalog: CatalogPass,
        settings: CheckSettings,
        *,
        cache: ResultCache | None = None,
        jobs: int = 1,
    ) -> None:
        """Count the unchecked pages of touched tags toward their totals (after :meth:`targets`)."""
        if self.touched:
            catalog.count(tally(self._rest(), settings, cache=cache, jobs=jobs))

    def _rest(self) -> Iterator[Target]:
        for root, tags in sorted((self.touched or {}).items()):
            for tag in sorted(tags):
                folder = root / CACHE_FOLDER / tag
                if not is_dir(folder):
                    continue  # a deleted tag: nothing left to count
                for target in iter_targets([os.path.relpath(folder)], self.path_filter):
                    if target.path.absolute() not in self._seen:
                        yield target


def run_scope(request: ScopeRequest, path_filter: PathFilter, settings: CheckSettings) -> RunScope:
    """The scope the flags of ``cachelint check`` ask for; a usage error if they clash."""
    paths = list(request.paths) or ["."]
    if request.null and request.files_from is None:
        raise UsageError("-0 (--null) only applies to --files-from")
    if request.changed_since is not None:
        from cachelint.run.changed import changed_scope  # git and PyYAML: only for this flag

        for flag, given in (("--files-from", request.files_from), ("--shard", request.shard)):
            if given is not None:
                raise UsageError(f"--changed-since and {flag} cannot be used together")
        changes = changed_scope(
            request.changed_since, paths, settings.catalogs.finder, limits=settings.limits
        )
        if request.config_from_ref is not False:  # REF's ignore rules, not the pull request's
            path_filter = replace(path_filter, ignore_revision=changes.revision)
        return RunScope(
            paths,
            path_filter,
            listed=changes.paths,
            touched=changes.touched,
            changes=changes.changes,
        )
    listed: list[str] = []
    if request.files_from is not None:
        listed = read_file_list(request.files_from, nul=request.null)
        paths = list(request.paths)  # the list replaces the default of "."
    if request.shard is not None:
        path_filter = replace(
            path_filter, shard=ShardFilter(request.shard, settings.catalogs.finder)
        )
    return RunScope(paths, path_filter, listed=listed, shard=request.shard)
