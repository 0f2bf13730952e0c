"""``--changed-since REF``: which pages to check, and which tags to total again.

git lists the files that differ between REF and the work tree (untracked
files included; a rename is a deletion and an addition). Each existing
changed file is checked as if a walk had found it. In each catalog, a tag is
*touched* when one of its pages was added, changed or deleted, its tag page
``pages/tags/<tag>.md`` changed, or its entry in ``_data/meta.yaml`` or
``_data/tags.yaml`` differs from REF's; the whole-tag rules run for every
touched tag, over all its pages. A tag whose declaration in ``tags.yaml``
changed has every page checked, since CL503 and CL504 compare each page with
it.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from cachelint.catalog.changes import ChangeKind, TagChange
from cachelint.catalog.sitedata import ALL_TAGS, META_FILE, TAGS_FILE
from cachelint.catalog.view import TAG_PAGES
from cachelint.layout import CACHE_FOLDER
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import Finding
from cachelint.page.source import decode_source, read_source
from cachelint.page.yamlparse import parse_yaml
from cachelint.record import Record, fill
from cachelint.scope.discovery import path_context
from cachelint.scope.git import Change, Repository, Status
from cachelint.scope.roots import RootFinder, absolute


class ChangedScope(Record):
    """What ``--changed-since`` checks.

    ``paths``: the changed files that exist and the folders of tags whose
    every page is checked, as the user would name them. ``touched``: for
    each catalog root with changes, the tags whose whole-tag rules run.
    """

    __slots__ = ("changes", "paths", "revision", "touched")

    paths: tuple[str, ...]
    touched: Mapping[Path, frozenset[str]]
    revision: str | None  # the commit REF names
    changes: Mapping[Path, tuple[TagChange, ...]]

    def __init__(
        self,
        paths: tuple[str, ...],
        touched: Mapping[Path, frozenset[str]],
        revision: str | None = None,
        changes: Mapping[Path, tuple[TagChange, ...]] | None = None,
    ) -> None:
        fill(self, paths, touched, revision, {} if changes is None else changes)


def changed_scope(
    ref: str, paths: Sequence[str], roots: RootFinder, *, limits: Limits = DEFAULT_LIMITS
) -> ChangedScope:
    """Ask git what changed since ``ref`` below ``paths``; a usage error if it cannot say."""
    where = [absolute(path) for path in paths]
    repository = Repository.of(_folder_of(where[0]))
    commit = repository.commit(ref)
    read_before: Reader = partial(repository.read, commit)
    changed: list[str] = []
    touched: defaultdict[Path, set[str]] = defaultdict(set)
    changes = _TagChanges(read_before, limits)
    for change in repository.changes(commit, where):
        if change.status is not Status.DELETED:
            changed.append(os.path.relpath(change.path))
        root = roots.root_of(change.path.parent)
        if root is None:
            continue
        parts = _parts_below(change.path, root)
        if path_context(change.path.parts).tag is None and not _in_catalog(parts):
            continue
        tags = touched[root]
        tags.update(_tags_of(change, parts, read_before=read_before, limits=limits))
        changes.add_page(root, change)
        if parts == Path(TAGS_FILE).parts:
            redeclared = _declarations_changed(change, read_before, limits)
            tags.update(redeclared)
            changed += [os.path.relpath(root / CACHE_FOLDER / tag) for tag in sorted(redeclared)]
            changes.add_declarations(root, change, redeclared)
    touched_tags = {root: frozenset(tags) for root, tags in touched.items()}
    return ChangedScope(tuple(changed), touched_tags, commit, changes.by_root())


class _TagChanges:
    """The changes to each tag's pages and declaration, for the catalog rules (CL622)."""

    def __init__(self, read_before: Reader, limits: Limits) -> None:
        self._read_before = read_before
        self._limits = limits
        self._declared_before: dict[Path, frozenset[str]] = {}
        self._changes: defaultdict[Path, list[TagChange]] = defaultdict(list)

    def add_page(self, root: Path, change: Change) -> None:
        tag = path_context(change.path.parts).tag
        if tag is not None:
            self._add(root, tag, ChangeKind.PAGE, change)

    def add_declarations(self, root: Path, change: Change, tags: set[str]) -> None:
        for tag in sorted(tags):
            self._add(root, tag, ChangeKind.DECLARATION, change)

    def by_root(self) -> dict[Path, tuple[TagChange, ...]]:
        return {root: tuple(changes) for root, changes in self._changes.items()}

    def _add(self, root: Path, tag: str, kind: ChangeKind, change: Change) -> None:
        new = tag not in self._declared(root)
        path = os.path.relpath(change.path)
        self._changes[root].append(TagChange(tag, kind, path, change.status.value, new))

    def _declared(self, root: Path) -> frozenset[str]:
        """The tags ``tags.yaml`` declared at the revision."""
        if root not in self._declared_before:
            before = _data(self._read_before(root / TAGS_FILE), self._limits)
            self._declared_before[root] = frozenset(_declarations(before) or ())
        return self._declared_before[root]


def _parts_below(path: Path, root: Path) -> tuple[str, ...]:
    """``path`` relative to ``root`` (``()`` when a fixed ``--catalog-root`` is elsewhere)."""
    try:
        return path.relative_to(root).parts
    except ValueError:
        return ()


def _in_catalog(parts: tuple[str, ...]) -> bool:
    """Whether a file below a catalog root is a page, a data file or a tag page."""
    return parts[:1] in ((CACHE_FOLDER,), ("_data",)) or parts[:2] == Path(TAG_PAGES).parts


Reader = Callable[[Path], bytes | None]


def _tags_of(
    change: Change, parts: tuple[str, ...], *, read_before: Reader, limits: Limits
) -> set[str]:
    """The tags a changed page, tag page or totals file touches."""
    tag = path_context(change.path.parts).tag
    if tag is not None:
        return {tag}
    if len(parts) == 3 and Path(*parts[:2]) == Path(TAG_PAGES) and parts[2].endswith(".md"):
        return {parts[2].removesuffix(".md")}
    if parts == Path(META_FILE).parts:
        before = _data(read_before(change.path), limits)
        after = _data(_read_now(change.path, limits), limits)
        return _entries_changed(_mapping(before), _mapping(after)) - {ALL_TAGS}
    return set()


def _declarations_changed(change: Change, read_before: Reader, limits: Limits) -> set[str]:
    """The tags whose entry in ``tags.yaml`` was added, removed or given other stacks."""
    before = _declarations(_data(read_before(change.path), limits))
    after = _declarations(_data(_read_now(change.path, limits), limits))
    return _entries_changed(before, after)


def _entries_changed(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> set[str]:
    """Keys whose values differ; every key of one side when the other cannot be read."""
    if before is None or after is None:
        return set(before or after or ())
    return {key for key in {*before, *after} if before.get(key) != after.get(key)}


def _declarations(data: Any) -> dict[str, frozenset[str]] | None:
    if not isinstance(data, list):
        return None
    declared: dict[str, frozenset[str]] = {}
    for entry in data:
        if isinstance(entry, Mapping) and isinstance(entry.get("name"), str):
            stacks = entry.get("stacks")
            items = stacks if isinstance(stacks, list) else []
            declared[entry["name"]] = frozenset(s for s in items if isinstance(s, str))
    return declared


def _mapping(data: Any) -> Mapping[str, Any] | None:
    return data if isinstance(data, Mapping) else None


def _data(raw: bytes | None, limits: Limits) -> Any:
    """A data file's YAML, read as safely as a page; ``None`` when absent or unreadable."""
    if raw is None or len(raw) > limits.max_file_size:
        return None
    source = decode_source(raw)
    if isinstance(source, Finding):
        return None
    parsed = parse_yaml(source.text, first_line=1, max_depth=limits.max_depth)
    return None if parsed.findings else parsed.data


def _read_now(path: Path, limits: Limits) -> bytes | None:
    """A data file as it is now: never through a link out of its catalog, nor a FIFO."""
    root = path.parent.parent  # <root>/_data/<name>.yaml
    source = read_source(path, max_size=limits.max_file_size, inside=root)
    return None if isinstance(source, Finding) else source.raw


def _folder_of(path: Path) -> Path:
    """The folder git is asked in: ``path`` if it is one, else the nearest existing parent."""
    for folder in (path, *path.parents):
        if folder.is_dir():
            return folder
    return Path.cwd()
