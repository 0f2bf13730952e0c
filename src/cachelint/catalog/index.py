"""The catalogs of a run: which catalog a page is in, and its site data, loaded once.

One :class:`CatalogIndex` travels with the check settings. The checker asks it
for a page's :class:`~cachelint.catalog.sitedata.SiteData` (``page.site``) and
whether the page is in a catalog at all (then it keeps the page's facts); the
catalog pass asks it for each root's data files to report on. Each root's
files are read at most once per process.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from cachelint.catalog.root import RootFinder, display_root
from cachelint.catalog.sitedata import SiteData, SiteFiles, load_site
from cachelint.limits import DEFAULT_LIMITS, Limits


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

    def root_of_file(self, path: str | PurePath) -> Path | None:
        """The catalog root of a file (``None``: it is in no catalog)."""
        return self.finder.root_of_folder(os.path.dirname(os.path.abspath(path)))

    def site_files(
        self, root: Path, *, named_from: str | PurePath, limits: Limits = DEFAULT_LIMITS
    ) -> SiteFiles:
        """The data files of ``root``; ``named_from`` is a path below it, as the user named it."""
        files = self._sites.get(root)
        if files is None:
            shown = str(self.fixed) if self.fixed is not None else display_root(root, named_from)
            files = self._sites[root] = load_site(root, shown, limits=limits)
        return files

    def site_for(self, path: str | PurePath, *, limits: Limits = DEFAULT_LIMITS) -> SiteData | None:
        """What the tags file of the page at ``path``'s catalog declares, if anything."""
        root = self.root_of_file(path)
        if root is None:
            return None
        return self.site_files(root, named_from=path, limits=limits).site
