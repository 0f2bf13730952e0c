"""How much of a catalog the checked paths cover: whole, some tags, or one shard of it.

The catalog pass compares a tag's total only where every page of the tag was
checked; this says which tags those are.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePath

from cachelint.layout import CACHE_FOLDER
from cachelint.record import Record, fill
from cachelint.scope.roots import absolute
from cachelint.scope.shard import Shard


class Coverage(Record):
    """How much of one catalog the checked paths take in.

    ``whole``: a checked folder is at or above the catalog's ``_cache/``, so
    every tag folder is checked. Otherwise ``tags`` names the tags whose whole
    folder ``_cache/<tag>`` a checked folder is at or above (or, with
    ``--changed-since``, whose pages changed). ``shard``, in a sharded run,
    keeps only the tags whose pages are in that shard. ``catalog_rules`` says
    whether the whole-catalog rules run (``None``: when ``whole``, and then in
    the first shard only).
    """

    __slots__ = ("catalog_rules", "shard", "tags", "whole")

    whole: bool
    tags: frozenset[str]
    shard: Shard | None
    catalog_rules: bool | None

    def __init__(
        self,
        whole: bool,
        tags: frozenset[str] = frozenset(),
        shard: Shard | None = None,
        catalog_rules: bool | None = None,
    ) -> None:
        fill(self, whole, tags, shard, catalog_rules)

    def covers(self, tag: str) -> bool:
        """Whether every page of ``tag`` is among the checked paths."""
        if self.shard is not None and not self.shard.owns_tag(tag):
            return False
        return self.whole or tag in self.tags

    @property
    def covers_any(self) -> bool:
        """Whether the checked paths cover at least one whole tag."""
        return self.whole or bool(self.tags)

    @property
    def catalog_wide(self) -> bool:
        """Whether the whole-catalog rules run on this catalog in this run."""
        if self.catalog_rules is not None:
            return self.catalog_rules
        return self.whole and (self.shard is None or self.shard.first)

    @property
    def reports_site(self) -> bool:
        """Whether this run reports the site data files (every shard would repeat them)."""
        return self.shard is None or self.shard.first


def coverage(root: Path, checked: Iterable[str | PurePath]) -> Coverage:
    """What the checked paths (as given on the command line) cover of the catalog at ``root``."""
    cache = absolute(root) / CACHE_FOLDER
    tags: set[str] = set()
    for path in map(absolute, checked):
        if path == cache or path in cache.parents:
            return Coverage(whole=True)
        if path.parent == cache:
            tags.add(path.name)
    return Coverage(whole=False, tags=frozenset(tags))
