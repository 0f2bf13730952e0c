"""What a catalog rule is given, and what it reports.

A :class:`Catalog` is one catalog root seen once, after every page was
checked: its site data, the totals of each tag the checked paths cover, and
its tag folders and tag pages, read on demand. Rules read it and yield
:class:`CatalogFinding` objects; they never see a page.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from cachelint.catalog.aggregate import TagAggregate
from cachelint.catalog.changes import TagChange
from cachelint.catalog.datafile import DataFile, ParseMemo, read_front_matter_file
from cachelint.catalog.sitedata import META_FILE, TAGS_FILE, SiteData, SiteFile, SiteFiles
from cachelint.layout import CACHE_FOLDER
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import Position
from cachelint.record import Record, fill
from cachelint.scope.coverage import Coverage
from cachelint.scope.roots import join_display
from cachelint.spack.options import SpackOptions

TAG_PAGES = os.path.join("pages", "tags")
TAG_PAGE_CODE = "CL507"


class CatalogFinding(Record):
    """What a catalog rule reports: a code, a message, a file and where in its data.

    ``path`` names a file as the :class:`Catalog` names it (``tags_path``,
    ``meta_path``, ``tag_page_path(tag)``). ``pointer`` is a JSON Pointer into
    the file's YAML, placed by the same resolver as a page's; with ``key`` the
    finding is placed on the mapping key naming that value (a tag's entry in
    ``meta.yaml``) rather than on the value. ``position``, when set, is used as is.
    """

    __slots__ = ("code", "key", "message", "path", "pointer", "position")

    code: str
    message: str
    path: str
    pointer: str
    key: bool
    position: Position | None

    def __init__(
        self,
        code: str,
        message: str,
        path: str,
        pointer: str = "",
        key: bool = False,
        position: Position | None = None,
    ) -> None:
        fill(self, code, message, path, pointer, key, position)


class Catalog:
    """One catalog as catalog rules see it; read-only."""

    def __init__(
        self,
        *,
        files: SiteFiles,
        coverage: Coverage,
        aggregates: Mapping[str, TagAggregate],
        limits: Limits = DEFAULT_LIMITS,
        memo: ParseMemo | None = None,
        changes: tuple[TagChange, ...] | None = None,
        spack: SpackOptions | None = None,
    ) -> None:
        self._files = files
        self._coverage = coverage
        self._aggregates = dict(aggregates)
        self._limits = limits
        self._memo = memo
        self._tag_pages: dict[str, DataFile | None] = {}
        self._changes = changes
        self._spack = spack or SpackOptions()

    @property
    def changes(self) -> tuple[TagChange, ...] | None:
        """With ``--changed-since``, what changed in each tag; ``None`` in other runs."""
        return self._changes

    @property
    def spack(self) -> SpackOptions:
        """The Spack rules' settings (``mutable-tags``, ``stack-architectures``)."""
        return self._spack

    @property
    def root(self) -> str:
        """The catalog root, as the user named it."""
        return self._files.display

    @property
    def site(self) -> SiteData | None:
        """What ``_data/tags.yaml`` declares (``None`` if it is missing or malformed)."""
        return self._files.site

    @property
    def meta(self) -> Mapping[str, Any] | None:
        """``_data/meta.yaml``'s data, schema-valid (``None`` if missing or malformed)."""
        meta = self._files.meta
        return meta.data if meta is not None and meta.usable else None

    def data_file(self, which: SiteFile) -> DataFile | None:
        """``_data/tags.yaml`` or ``_data/meta.yaml`` as read (``None``: no such file)."""
        return self._files.tags if which is SiteFile.TAGS else self._files.meta

    @property
    def tags_path(self) -> str:
        """``_data/tags.yaml`` as findings name it."""
        return join_display(self.root, TAGS_FILE)

    @property
    def meta_path(self) -> str:
        """``_data/meta.yaml`` as findings name it."""
        return join_display(self.root, META_FILE)

    @property
    def coverage(self) -> Coverage:
        """What the checked paths cover of this catalog."""
        return self._coverage

    @property
    def whole(self) -> bool:
        """Whether the checked paths cover the whole catalog (every tag folder)."""
        return self._coverage.whole

    def covers(self, tag: str) -> bool:
        """Whether every page of ``tag`` was checked."""
        return self._coverage.covers(tag)

    def aggregate(self, tag: str) -> TagAggregate | None:
        """The totals of a covered tag's pages (``None``: not covered, or no page)."""
        return self._aggregates.get(tag) if self.covers(tag) else None

    def aggregates(self) -> tuple[TagAggregate, ...]:
        """The totals of every covered tag that has pages, by tag name."""
        return tuple(agg for tag, agg in sorted(self._aggregates.items()) if self.covers(tag))

    def has_folder(self, tag: str) -> bool:
        """Whether ``_cache/<tag>/`` is a tag folder (it holds package folders)."""
        return _is_tag_folder(self._files.root / CACHE_FOLDER / tag)

    def tag_folders(self) -> tuple[str, ...]:
        """The tag folders of ``_cache/`` that this run sees, by name.

        Every one when the whole-catalog rules run, else those of the covered
        tags. Folders holding files only are flat pages of the oldest layout
        (``_cache/zlib/specs.md``), not tags.
        """
        if not (self.whole or self._coverage.catalog_wide):
            return tuple(sorted(t for t in self._coverage.tags if self.has_folder(t)))
        try:
            with os.scandir(self._files.root / CACHE_FOLDER) as entries:
                names = [e.name for e in entries if _is_dir(e) and not e.name.startswith(".")]
        except OSError:
            return ()
        seen = (n for n in names if self._coverage.catalog_wide or self.covers(n))
        return tuple(sorted(name for name in seen if self.has_folder(name)))

    def tag_page_path(self, tag: str) -> str:
        """``pages/tags/<tag>.md`` as findings name it."""
        return join_display(self.root, os.path.join(TAG_PAGES, f"{tag}.md"))

    def tag_page(self, tag: str) -> DataFile | None:
        """The front matter of ``pages/tags/<tag>.md`` (``None``: no such page)."""
        if tag not in self._tag_pages:
            path = self._files.root / TAG_PAGES / f"{tag}.md"
            self._tag_pages[tag] = read_front_matter_file(
                path,
                self.tag_page_path(tag),
                code=TAG_PAGE_CODE,
                limits=self._limits,
                memo=self._memo,
                inside=self._files.root,
            )
        return self._tag_pages[tag]

    def files(self) -> tuple[DataFile, ...]:
        """Every data file read so far: the site data and the tag pages rules asked for."""
        pages = (page for page in self._tag_pages.values() if page is not None)
        return (*self._files.files(), *pages)


def _is_tag_folder(folder: os.PathLike[str]) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(_is_dir(e) and not e.name.startswith(".") for e in entries)
    except OSError:
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
