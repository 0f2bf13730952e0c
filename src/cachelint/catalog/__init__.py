"""Catalog-wide checks: a catalog's site data, tags and totals across files.

A catalog root holds ``_cache/`` (the pages) and ``_data/`` (``tags.yaml``,
``meta.yaml``). Page rules read what ``tags.yaml`` declares through
``page.site``; catalog rules (:class:`~cachelint.catalog.rule.CatalogRule`)
see each catalog once, after the pages, through a
:class:`~cachelint.catalog.view.Catalog` holding per-tag totals. The modules,
in pipeline order: ``root`` (where a catalog starts, what the checked paths
cover), ``datafile`` and ``sitedata`` (reading the data files), ``index``
(roots and site data for the checker), ``facts`` and ``aggregate`` (per-tag
totals streamed from page results), ``rule`` and ``view`` (the plugin hook),
``run`` and ``place`` (the pass after the pages, and its diagnostics).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cachelint.catalog.aggregate import TagAggregate
    from cachelint.catalog.rule import CatalogRule, Scope, catalog_rule
    from cachelint.catalog.sitedata import SiteData, SiteFile, TagDeclaration
    from cachelint.catalog.view import Catalog, CatalogFinding

# Public name -> its module: imported on first use, so that a page check
# importing one module of the package does not import them all.
_PUBLIC = {
    "Catalog": "view",
    "CatalogFinding": "view",
    "CatalogRule": "rule",
    "Scope": "rule",
    "SiteData": "sitedata",
    "SiteFile": "sitedata",
    "TagAggregate": "aggregate",
    "TagDeclaration": "sitedata",
    "catalog_rule": "rule",
}


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = [
    "Catalog",
    "CatalogFinding",
    "CatalogRule",
    "Scope",
    "SiteData",
    "SiteFile",
    "TagAggregate",
    "TagDeclaration",
    "catalog_rule",
]
