"""Immutable tags do not change in a pull request."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.catalog.changes import ChangeKind, TagChange
from cachelint.catalog.rule import Scope, catalog_rule
from cachelint.catalog.view import Catalog, CatalogFinding
from cachelint.model import Severity


@catalog_rule(
    code="CL622",
    name="immutable-tag-changed",
    severity=Severity.WARNING,
    scope=Scope.CHANGES,
    needs=(),
)
def immutable_tag_changed(catalog: Catalog) -> Iterator[CatalogFinding]:
    """A change touches a tag whose build cache no longer changes (``--changed-since`` only).

    Release tags (``v0.21.0``) and dated snapshots (``develop-2025-07-13``) are
    build caches that were published once and stay as they are; only the
    mutable tags (``mutable-tags``, default ``["develop"]``, globs allowed) are
    regenerated. A pull request that adds, changes or deletes a page of another
    tag, or changes its entry in ``_data/tags.yaml``, rewrites history: the
    warning asks a reviewer to confirm it. Publishing a new tag (one that
    ``tags.yaml`` did not declare at the revision) is not reported. The rule
    runs only with ``--changed-since``, which knows what changed; the finding
    is on the changed page (its first line) or on the tag's entry in
    ``tags.yaml``.

    Failing (a page of a release, edited; ``--changed-since origin/main``)::

        _cache/v0.21.0/bc/specs.md  (modified)

    Passing::

        _cache/develop/bc/specs.md  (modified)
    """
    for change in catalog.changes or ():
        if change.new_tag or catalog.spack.is_mutable(change.tag):
            continue
        yield _finding(catalog, change)


def _finding(catalog: Catalog, change: TagChange) -> CatalogFinding:
    what = f"tag {change.tag!r} is immutable (not one of mutable-tags)"
    if change.kind is ChangeKind.DECLARATION:
        message = f"the entry of {what} in {catalog.tags_path} was {change.status}"
    elif change.status == "deleted":  # the page is gone: say so on the tag's entry
        message = f"page {change.path} was deleted, but {what}"
    else:
        return CatalogFinding(
            "CL622", f"page {change.path} was {change.status}, but {what}", change.path
        )
    declaration = catalog.site.declaration(change.tag) if catalog.site else None
    pointer = declaration.pointer if declaration else ""
    return CatalogFinding("CL622", message, catalog.tags_path, pointer)
