"""Tags that exist on one side only: a folder without a declaration, or the reverse."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.catalog.rule import Scope, catalog_rule
from cachelint.catalog.sitedata import ALL_TAGS
from cachelint.catalog.view import Catalog, CatalogFinding
from cachelint.model import FILE_START
from cachelint.pointer import to_pointer


@catalog_rule(
    code="CL509", name="orphan-tag", severity="warning", enabled=False, scope=Scope.CATALOG
)
def orphan_tag(catalog: Catalog) -> Iterator[CatalogFinding]:
    """A tag folder in ``_cache/`` has no entry in ``_data/tags.yaml``, or a declared tag no folder.

    Declared tags without a folder are shown with no packages, and a
    ``meta.yaml`` entry without a folder counts specs nobody can browse; a
    folder that ``tags.yaml`` does not declare is built but unreachable
    (CL503 reports each of its pages). Folders that hold files only are pages
    of the oldest, flat layout (``_cache/zlib/specs.md``), not tags. Off by
    default: a partial copy of a catalog (a sparse checkout, a mirror of a
    few tags) lacks most folders. The ``cachelint-catalog`` pre-commit hook
    selects it.

    Failing (``_cache/`` holds the folders ``develop/`` and ``v0.23.0/``)::

        # _data/tags.yaml
        - name: develop
          stacks: [e4s, root]
        - name: v0.22.0
          stacks: [e4s, root]

    Passing::

        # _data/tags.yaml
        - name: develop
          stacks: [e4s, root]
        - name: v0.23.0
          stacks: [e4s, root]
    """
    site = catalog.site
    assert site is not None  # needs TAGS
    folders = set(catalog.tag_folders())
    for folder in sorted(folders - set(site.tag_names())):
        yield CatalogFinding(
            "CL509",
            f"the tag folder _cache/{folder}/ has no entry in this file",
            catalog.tags_path,
            position=FILE_START,
        )
    for declaration in site.declarations:
        if declaration.name not in folders:
            yield CatalogFinding(
                "CL509",
                f"tag {declaration.name!r} has no folder _cache/{declaration.name}/",
                catalog.tags_path,
                declaration.pointer,
            )
    for tag in catalog.meta or {}:
        if tag != ALL_TAGS and tag not in folders:
            yield CatalogFinding(
                "CL509",
                f"tag {tag!r} has no folder _cache/{tag}/",
                catalog.meta_path,
                to_pointer([tag]),
                key=True,
            )
