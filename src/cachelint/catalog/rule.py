"""The catalog-level hook of the plugin interface: rules that see a catalog once.

A page rule (:class:`~cachelint.rules.base.Rule`) sees one page at a time. A
:class:`CatalogRule` sees one catalog at a time, after every page has been
checked: its site data and the per-tag totals of the pages
(:class:`~cachelint.catalog.view.Catalog`). It is registered through the same
``cachelint.rules`` entry-point group, documented by its docstring in the same
shape, and selected, ignored and re-rated like any other code::

    [project.entry-points."cachelint.rules"]
    XY501 = "my_plugin.rules:my_catalog_rule"

Its ``scope`` says how much of the catalog the checked paths must cover
before it runs; its ``needs`` names the data files it reads (it is skipped,
and ``--verbose`` says so, when one is missing or malformed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from cachelint.catalog.sitedata import SiteFile
from cachelint.docstrings import describe
from cachelint.model import Severity
from cachelint.record import Record, fill

if TYPE_CHECKING:
    from cachelint.catalog.view import Catalog, CatalogFinding


class Scope(StrEnum):
    """How much of a catalog the checked paths must cover for a catalog rule to run."""

    TAG = "tag"
    CATALOG = "catalog"
    CHANGES = "changes"  # only with --changed-since: the rule reads ``Catalog.changes``


# What ``cachelint rule CODE`` and docs/rules.md say of each scope.
SCOPE_CONDITIONS: dict[Scope, str] = {
    Scope.CHANGES: (
        "only with ``--changed-since``, once for each catalog with changes (its "
        "``changes``: the pages and ``tags.yaml`` entries that changed, per tag); never in "
        "other runs"
    ),
    Scope.TAG: (
        "for each tag whose whole folder is checked: a checked path at or above "
        "``_cache/<tag>`` (the tag folder, ``_cache/``, the catalog root), in the shard "
        "holding the tag's pages with ``--shard``; with ``--changed-since``, for each tag "
        "with a changed page, tag page or data file entry; not when only some pages of the "
        "tag are checked, as the ``cachelint`` pre-commit hook does"
    ),
    Scope.CATALOG: (
        "when the whole catalog is checked: a checked path at or above its ``_cache/`` "
        "folder (the catalog root), in shard 1 only with ``--shard``; with "
        "``--changed-since``, whenever the catalog changed; not when only some tags or "
        "pages are checked, as the ``cachelint`` pre-commit hook does"
    ),
}


CatalogCheck = Callable[["Catalog"], Iterable["CatalogFinding"]]


class CatalogRule(Record):
    """A check of a whole catalog (or of whole tags) with a stable code.

    ``check`` is called once per catalog root the run covers enough of, with a
    read-only :class:`~cachelint.catalog.view.Catalog`, and yields
    :class:`~cachelint.catalog.view.CatalogFinding` objects naming a file of the
    catalog and a JSON Pointer into it.
    """

    __slots__ = (
        "check",
        "code",
        "doc",
        "enabled",
        "fixable",
        "name",
        "needs",
        "scope",
        "severity",
        "summary",
    )

    code: str
    name: str
    summary: str
    doc: str
    check: CatalogCheck
    severity: Severity
    enabled: bool
    scope: Scope
    needs: tuple[SiteFile, ...]
    fixable: bool  # catalog findings are never repaired by --fix

    def __init__(
        self,
        code: str,
        name: str,
        summary: str,
        doc: str,
        check: CatalogCheck,
        severity: Severity = Severity.ERROR,
        enabled: bool = True,
        scope: Scope = Scope.TAG,
        needs: tuple[SiteFile, ...] = (SiteFile.TAGS,),
        fixable: bool = False,
    ) -> None:
        fill(self, code, name, summary, doc, check, severity, enabled, scope, needs, fixable)

    @property
    def condition(self) -> str:
        """When the rule runs, in words."""
        return SCOPE_CONDITIONS[self.scope]


def catalog_rule(
    *,
    code: str,
    name: str,
    severity: Severity | str = Severity.ERROR,
    enabled: bool = True,
    scope: Scope | str = Scope.TAG,
    needs: tuple[SiteFile | str, ...] = (SiteFile.TAGS,),
) -> Callable[[CatalogCheck], CatalogRule]:
    """Make a :class:`CatalogRule` from a check function and its docstring."""

    def wrap(check: CatalogCheck) -> CatalogRule:
        summary, doc = describe(check)
        return CatalogRule(
            code=code,
            name=name,
            summary=summary,
            doc=doc,
            check=check,
            severity=Severity(severity),
            enabled=enabled,
            scope=Scope(scope),
            needs=tuple(SiteFile(need) for need in needs),
        )

    return wrap
