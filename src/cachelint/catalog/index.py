"""The catalogs of a run: which catalog a page is in, and its site data, loaded once.

One :class:`CatalogIndex` travels with the check settings. The checker asks it
for a page's :class:`~cachelint.catalog.sitedata.SiteData` (``page.site``) and
whether the page is in a catalog at all (then it keeps the page's facts); the
catalog pass asks it for each root's data files to report on. Each root's
files are read at most once per process, and ``meta.yaml`` only by the pass.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from cachelint.catalog.datafile import DataFile, ParseMemo
from cachelint.catalog.sitedata import SiteData, SiteFiles, load_declared, load_meta
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.scope.roots import RootFinder, display_root


class CatalogIndex:
    """Finds catalog roots and holds their site data.

    ``root`` (``--catalog-root``) makes one folder the root of every page,
    instead of the nearest folder above each page holding ``_cache/`` and
    ``_data/``.
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.fixed = root
        self.finder = RootFinder(Path(root) if root is not None else None)
        self._sites: dict[Path, SiteFiles] = {}
        # Set by a run with a result cache: data files parse once across runs.
        self.memo: ParseMemo | None = None
        # What page rules need: tags.yaml alone (each worker process reads it once).
        self._declared: dict[Path, tuple[DataFile | None, SiteData | None]] = {}
        self._shown: dict[Path, str] = {}

    def root_of_file(self, path: str | PurePath) -> Path | None:
        """The catalog root of a file (``None``: it is in no catalog)."""
        return self.finder.root_of_folder(os.path.dirname(os.path.abspath(path)))

    def site_files(
        self, root: Path, *, named_from: str | PurePath, limits: Limits = DEFAULT_LIMITS
    ) -> SiteFiles:
        """The data files of ``root``; ``named_from`` is a path below it, as the user named it."""
        files = self._sites.get(root)
        if files is None:
            tags, site = self._tags(root, named_from=named_from, limits=limits)
            shown = self._display(root, named_from)
            meta = load_meta(root, shown, limits=limits, memo=self.memo)
            files = self._sites[root] = SiteFiles(root, shown, tags, meta, site)
        return files

    def site_for(self, path: str | PurePath, *, limits: Limits = DEFAULT_LIMITS) -> SiteData | None:
        """What the tags file of the page at ``path``'s catalog declares, if anything."""
        return self.site_of(self.root_of_file(path), named_from=path, limits=limits)

    def site_of(
        self, root: Path | None, *, named_from: str | PurePath, limits: Limits = DEFAULT_LIMITS
    ) -> SiteData | None:
        """What the tags file of the catalog at ``root`` declares (``None``: no catalog)."""
        if root is None:
            return None
        return self._tags(root, named_from=named_from, limits=limits)[1]

    def _tags(
        self, root: Path, *, named_from: str | PurePath, limits: Limits
    ) -> tuple[DataFile | None, SiteData | None]:
        declared = self._declared.get(root)
        if declared is None:
            shown = self._display(root, named_from)
            declared = self._declared[root] = load_declared(
                root, shown, limits=limits, memo=self.memo
            )
        return declared

    def _display(self, root: Path, named_from: str | PurePath) -> str:
        """The root as the user named it, decided by the first path seen below it."""
        shown = self._shown.get(root)
        if shown is None:
            fixed = self.fixed
            shown = str(fixed) if fixed is not None else display_root(root, named_from)
            self._shown[root] = shown
        return shown
