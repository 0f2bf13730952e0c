"""What a report keeps of each checked catalog: its tags' totals and its data files.

The catalog pass hands these plain records on with the run so that reporters
can show health by tag (pages, specs, the count ``_data/meta.yaml`` declares)
without seeing the catalog or re-reading a page.
"""

from __future__ import annotations

from collections.abc import Mapping

from cachelint.catalog.sitedata import ALL_TAGS
from cachelint.catalog.view import Catalog
from cachelint.record import Record, fill


class TagSummary(Record):
    """One tag's checked pages and their ``meta.num_specs`` sum.

    ``complete`` is false when a page could not be counted (the sum is then a
    lower bound); ``declared`` is the tag's ``count`` in ``_data/meta.yaml``
    (``None``: no usable meta.yaml, or no entry for the tag).
    """

    __slots__ = ("complete", "declared", "num_specs", "pages", "tag")

    tag: str
    pages: int
    num_specs: int
    complete: bool
    declared: int | None

    def __init__(
        self,
        tag: str,
        pages: int,
        num_specs: int,
        complete: bool = True,
        declared: int | None = None,
    ) -> None:
        fill(self, tag, pages, num_specs, complete, declared)

    @property
    def agrees(self) -> bool | None:
        """Whether meta.yaml's count is the pages' sum (``None``: cannot tell)."""
        if self.declared is None or not self.complete:
            return None
        return self.declared == self.num_specs


class CatalogSummary(Record):
    """A checked catalog: its root as the user named it, its tags, its data files."""

    __slots__ = ("data_files", "has_meta", "root", "tags")

    root: str
    tags: tuple[TagSummary, ...]
    data_files: tuple[str, ...]
    has_meta: bool

    def __init__(
        self,
        root: str,
        tags: tuple[TagSummary, ...] = (),
        data_files: tuple[str, ...] = (),
        has_meta: bool = False,
    ) -> None:
        fill(self, root, tags, data_files, has_meta)


def summarize(catalog: Catalog) -> CatalogSummary:
    """The summary of ``catalog`` once its rules have run."""
    meta = catalog.meta
    tags = tuple(
        TagSummary(
            agg.tag,
            agg.pages,
            agg.num_specs,
            agg.complete,
            _declared(meta, agg.tag) if meta is not None else None,
        )
        for agg in catalog.aggregates()
        if agg.tag != ALL_TAGS
    )
    files = tuple(file.display for file in catalog.files())
    return CatalogSummary(catalog.root, tags, files, has_meta=meta is not None)


def _declared(meta: Mapping[str, object], tag: str) -> int | None:
    entry = meta.get(tag)
    count = entry.get("count") if isinstance(entry, Mapping) else None
    return count if isinstance(count, int) and not isinstance(count, bool) else None
