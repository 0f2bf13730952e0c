"""The totals of ``_data/meta.yaml`` against the pages and against themselves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cachelint.catalog.rule import Scope, catalog_rule
from cachelint.catalog.sitedata import ALL_TAGS, SiteFile
from cachelint.catalog.view import Catalog, CatalogFinding
from cachelint.model import FILE_START
from cachelint.pointer import to_pointer
from cachelint.wording import plural

# all.<key> counts the distinct keys of every tag's <tally>.
DISTINCT_TOTALS = {"compiler_count": "compilers", "parameter_count": "parameters"}


@catalog_rule(code="CL505", name="tag-count-mismatch", scope=Scope.TAG, needs=(SiteFile.META,))
def tag_count_mismatch(catalog: Catalog) -> Iterator[CatalogFinding]:
    """``_data/meta.yaml`` gives a tag a ``count`` other than its pages' ``meta.num_specs`` sum.

    The site shows this count as the number of specs a tag holds; its pages
    hold them, ``meta.num_specs`` each. A different count means pages were
    added or removed without regenerating the totals, or the reverse. A tag
    that has pages but no entry in ``meta.yaml`` is reported too. The sum is
    only known when every page of the tag is checked, so the rule runs on
    whole tags only; a tag with a page that could not be counted (unreadable,
    or without a valid ``meta.num_specs``, reported on the page itself) is
    left out.

    Failing (the tag's two pages hold 3 and 4 specs)::

        develop:
          compilers: {gcc@11.4.0: 12}
          count: 8
          parameters: {build_system: 7}

    Passing::

        develop:
          compilers: {gcc@11.4.0: 12}
          count: 7
          parameters: {build_system: 7}
    """
    meta = catalog.meta
    assert meta is not None  # needs META: the rule only runs with valid totals
    for totals in catalog.aggregates():
        if not totals.complete or totals.tag == ALL_TAGS:
            continue
        sum_of = f"the sum of meta.num_specs over its {plural(totals.pages, 'page')}"
        entry = meta.get(totals.tag)
        if entry is None:
            yield CatalogFinding(
                "CL505",
                f"tag {totals.tag!r} has no entry, but {sum_of} is {totals.num_specs}",
                catalog.meta_path,
                position=FILE_START,
            )
        elif entry["count"] != totals.num_specs:
            yield CatalogFinding(
                "CL505",
                f"{totals.tag}.count is {entry['count']} but {sum_of} is {totals.num_specs}",
                catalog.meta_path,
                to_pointer([totals.tag, "count"]),
            )


@catalog_rule(
    code="CL506", name="site-totals-mismatch", scope=Scope.CATALOG, needs=(SiteFile.META,)
)
def site_totals_mismatch(catalog: Catalog) -> Iterator[CatalogFinding]:
    """The ``all`` totals of ``_data/meta.yaml`` disagree with its tags.

    ``all.count`` is the sum of every tag's ``count``; ``all.compiler_count``
    and ``all.parameter_count`` are the numbers of distinct compilers and
    parameters over every tag's ``compilers`` and ``parameters``, written with
    thousands separators as the generator writes them (``'1,234'``). The site's
    front page shows them; totals that disagree with the tags were edited by
    hand or are left from an earlier run.

    Failing (two tags of 3 and 4 specs, using 2 compilers and 1 parameter)::

        all: {compiler_count: '3', count: 8, parameter_count: '1', version: all}

    Passing::

        all: {compiler_count: '2', count: 7, parameter_count: '1', version: all}
    """
    meta = catalog.meta
    assert meta is not None  # needs META: the rule only runs with valid totals
    tags = [entry for name, entry in meta.items() if name != ALL_TAGS]
    totals = meta[ALL_TAGS]
    count = sum(entry["count"] for entry in tags)
    if totals["count"] != count:
        yield CatalogFinding(
            "CL506",
            f"all.count is {totals['count']} but the tags' counts add up to {count}",
            catalog.meta_path,
            "/all/count",
        )
    for key, tally in DISTINCT_TOTALS.items():
        distinct = len(_distinct(tags, tally))
        if totals[key] != f"{distinct:,}":
            yield CatalogFinding(
                "CL506",
                f"all.{key} is {totals[key]!r} but the tags use "
                f"{plural(distinct, 'distinct ' + tally.removesuffix('s'))} "
                f"(expected {f'{distinct:,}'!r})",
                catalog.meta_path,
                f"/all/{key}",
            )


def _distinct(tags: list[Mapping[str, Any]], tally: str) -> set[str]:
    return {name for entry in tags for name in entry[tally]}
