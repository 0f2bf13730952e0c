"""A catalog's site data: ``_data/tags.yaml`` and ``_data/meta.yaml``.

``tags.yaml`` is a list of ``{name, stacks}``: every tag the site shows and
the stacks it publishes. ``meta.yaml`` maps each tag to its totals (``count``,
``compilers``, ``parameters``) and ``all`` to the totals over every tag. Both
are checked against their own schemas; a malformed file, or one that names a
tag twice, is reported as CL508 and the rules that need it do not run.
"""

from __future__ import annotations

import hashlib
import os
from enum import StrEnum
from pathlib import Path

from cachelint.catalog.datafile import (
    DataFile,
    ParseMemo,
    read_yaml_file,
    validated,
    with_findings,
)
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import Finding, SiteData, TagDeclaration
from cachelint.record import Record, fill
from cachelint.scope.roots import join_display

TAGS_FILE = os.path.join("_data", "tags.yaml")
META_FILE = os.path.join("_data", "meta.yaml")
TAGS_SCHEMA = "tags"
META_SCHEMA = "site-meta"
# The entry of meta.yaml that holds the totals over every tag.
ALL_TAGS = "all"
SITE_DATA_CODE = "CL508"


class SiteFile(StrEnum):
    """A data file of the site that a catalog rule may need."""

    TAGS = "_data/tags.yaml"
    META = "_data/meta.yaml"


class SiteFiles(Record):
    """One catalog root and its data files as loaded (``None``: no such file)."""

    __slots__ = ("display", "meta", "root", "site", "tags")

    root: Path
    display: str
    tags: DataFile | None
    meta: DataFile | None
    site: SiteData | None

    def __init__(
        self,
        root: Path,
        display: str,
        tags: DataFile | None,
        meta: DataFile | None,
        site: SiteData | None,
    ) -> None:
        fill(self, root, display, tags, meta, site)

    def files(self) -> tuple[DataFile, ...]:
        """The data files that exist."""
        return tuple(file for file in (self.tags, self.meta) if file is not None)


def load_site(
    root: Path, display: str, *, limits: Limits = DEFAULT_LIMITS, memo: ParseMemo | None = None
) -> SiteFiles:
    """Read and check the site data of the catalog at ``root`` (shown as ``display``)."""
    tags, site = load_declared(root, display, limits=limits, memo=memo)
    meta = load_meta(root, display, limits=limits, memo=memo)
    return SiteFiles(root, display, tags, meta, site)


def load_declared(
    root: Path, display: str, *, limits: Limits = DEFAULT_LIMITS, memo: ParseMemo | None = None
) -> tuple[DataFile | None, SiteData | None]:
    """``_data/tags.yaml`` as read, and what it declares if it is usable.

    Page rules need this file only; ``meta.yaml`` is large (every tag's
    tallies), and only the catalog pass reads it.
    """
    tags = read_yaml_file(
        root / TAGS_FILE,
        join_display(display, TAGS_FILE),
        code=SITE_DATA_CODE,
        limits=limits,
        memo=memo,
        inside=root,
    )
    if tags is not None:
        tags = validated(tags, TAGS_SCHEMA, code=SITE_DATA_CODE, memo=memo)
        tags = with_findings(tags, tuple(_tags_named_twice(tags)))
    site = _site_data(tags, display) if tags is not None and tags.usable else None
    return tags, site


def load_meta(
    root: Path, display: str, *, limits: Limits = DEFAULT_LIMITS, memo: ParseMemo | None = None
) -> DataFile | None:
    """``_data/meta.yaml`` as read and checked against its schema (``None``: no such file)."""
    meta = read_yaml_file(
        root / META_FILE,
        join_display(display, META_FILE),
        code=SITE_DATA_CODE,
        limits=limits,
        memo=memo,
        inside=root,
    )
    if meta is None:
        return None
    return validated(meta, META_SCHEMA, code=SITE_DATA_CODE, memo=memo)


def _site_data(tags: DataFile, display: str) -> SiteData:
    declarations = tuple(
        TagDeclaration(entry["name"], frozenset(entry["stacks"]), index)
        for index, entry in enumerate(tags.data)
    )
    text = tags.region.text if tags.region else ""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SiteData(display, tags.display, declarations, digest)


def _tags_named_twice(tags: DataFile) -> list[Finding]:
    """CL508 for each repeated tag name (the schema cannot say this of a list)."""
    if not tags.usable:
        return []
    first: dict[str, int] = {}
    repeated = []
    for index, entry in enumerate(tags.data):
        name = entry["name"]
        if name in first:
            repeated.append((index, name))
        else:
            first[name] = index
    if not repeated:
        return []
    resolver = tags.resolver()
    return [
        Finding(
            SITE_DATA_CODE,
            f"tag {name!r} is declared twice (first as entry {first[name]}, "
            f"line {resolver.resolve(f'/{first[name]}/name').line})",
            f"/{index}/name",
        )
        for index, name in repeated
    ]
