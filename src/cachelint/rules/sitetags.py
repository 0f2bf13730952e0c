"""Agreement between a page and what ``_data/tags.yaml`` declares for its tag.

These page rules read the site data through ``page.site``; on a page outside a
catalog, or when the catalog's ``_data/tags.yaml`` is missing or malformed
(CL508), they have nothing to compare with and report nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from operator import itemgetter

from cachelint.catalog.sitedata import TAGS_FILE
from cachelint.model import FILE_START, Finding, Page
from cachelint.rules.base import rule

_STACKS = itemgetter("stacks")


@rule(code="CL503", name="tag-not-declared")
def tag_not_declared(page: Page) -> Iterator[Finding]:
    """The page's tag is not declared in ``_data/tags.yaml``.

    The site shows the tags of ``_data/tags.yaml`` and nothing else: the pages
    of any other tag are built but cannot be reached, left over from a tag that
    was dropped, or added without being declared. Checked on pages at
    ``_cache/<tag>/<package>/`` in a catalog whose ``_data/tags.yaml`` is
    readable; the finding points at the tag in ``categories``.

    Failing (``tags.yaml`` declares ``develop`` and ``v0.23.0``)::

        # _cache/v0.22.0/zlib/specs.md
        categories: [package, v0.22.0]

    Passing::

        # _cache/v0.23.0/zlib/specs.md
        categories: [package, v0.23.0]
    """
    site, tag = page.site, page.context.tag
    if site is None or tag is None or site.declares(tag):
        return
    message = f"tag {tag!r} (the folder _cache/{tag}/) is not declared in {TAGS_FILE}"
    categories = page.data.get("categories")
    if isinstance(categories, list) and len(categories) == 2 and categories[1] == tag:
        yield Finding("CL503", message, "/categories/1")
    else:  # the page does not name its folder's tag (CL501): the page as a whole
        yield Finding("CL503", message, position=FILE_START)


@rule(code="CL504", name="stack-not-declared", needs=("/spec_details/*/stacks/**",))
def stack_not_declared(page: Page) -> Iterator[Finding]:
    """A spec is in a stack that ``_data/tags.yaml`` does not declare for the page's tag.

    A tag publishes the stacks that ``_data/tags.yaml`` lists for it; a spec in
    any other stack comes from a stack that no longer publishes to the tag, so
    the page is stale (the mutable ``develop`` tag keeps pages of packages that
    are no longer built). Reported once per page, at the first spec in an
    undeclared stack, naming every such stack and how many specs are in it.
    Pages of undeclared tags are left to CL503.

    Failing (``tags.yaml`` declares ``develop`` with the stacks ``e4s`` and ``root``)::

        # _cache/develop/acl/specs.md
        spec_details: [{..., "stacks": ["developer-tools", "root"], ...}]

    Passing::

        # _cache/develop/acl/specs.md
        spec_details: [{..., "stacks": ["e4s", "root"], ...}]
    """
    site, tag = page.site, page.context.tag
    declared = site.stacks_for(tag) if site is not None and tag is not None else None
    specs = page.data["spec_details"]
    if declared is None or declared.issuperset(chain.from_iterable(map(_STACKS, specs))):
        return  # the common clean page, at C speed
    specs_in: dict[str, int] = {}
    first = ""
    for index, spec in enumerate(specs):
        for position, stack in enumerate(spec["stacks"]):
            if stack not in declared:
                specs_in[stack] = specs_in.get(stack, 0) + 1
                first = first or f"/spec_details/{index}/stacks/{position}"
    if specs_in:
        stacks = ", ".join(f"{stack!r} ({_specs(count)})" for stack, count in specs_in.items())
        noun = "stack" if len(specs_in) == 1 else "stacks"
        yield Finding(
            "CL504",
            f"stale page: {noun} {stacks} not declared for tag {tag!r} in {TAGS_FILE}",
            first,
        )


def _specs(count: int) -> str:
    return f"{count} spec" if count == 1 else f"{count} specs"
