"""Each declared tag's page, ``pages/tags/<tag>.md``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cachelint.catalog.rule import Scope, catalog_rule
from cachelint.catalog.view import Catalog, CatalogFinding


@catalog_rule(
    code="CL507", name="tag-page-mismatch", severity="warning", enabled=False, scope=Scope.TAG
)
def tag_page_mismatch(catalog: Catalog) -> Iterator[CatalogFinding]:
    """A declared tag has no ``pages/tags/<tag>.md``, or its ``tag`` or ``permalink`` is another.

    The site renders each tag of ``_data/tags.yaml`` through the page
    ``pages/tags/<tag>.md``, whose front matter names the tag (``tag``) and
    its address (``permalink: /tag/<tag>/``). Without the page the tag cannot
    be browsed; a page copied from another tag and not edited lists the other
    tag's packages, or claims its address. Off by default: a partial copy of
    a catalog (a sparse checkout, a mirror of a few tags) lacks most tag pages.
    The ``cachelint-catalog`` pre-commit hook selects it.

    Failing (``pages/tags/v0.23.0.md``, copied from ``v0.22.0``)::

        ---
        layout: table
        permalink: /tag/v0.22.0/
        tag: v0.22.0
        ---

    Passing::

        ---
        layout: table
        permalink: /tag/v0.23.0/
        tag: v0.23.0
        ---
    """
    site = catalog.site
    assert site is not None  # needs TAGS
    for declaration in site.declarations:
        tag = declaration.name
        if not catalog.covers(tag):
            continue
        page = catalog.tag_page(tag)
        if page is None:
            message = f"tag {tag!r} has no page pages/tags/{tag}.md"
            yield CatalogFinding("CL507", message, catalog.tags_path, declaration.pointer)
        elif page.findings:  # unreadable, or no YAML front matter
            for finding in page.findings:
                yield CatalogFinding(
                    "CL507",
                    finding.message,
                    page.display,
                    finding.pointer,
                    position=finding.position,
                )
        else:
            yield from names_another_tag(page.data, tag, page.display)


def names_another_tag(data: object, tag: str, path: str) -> Iterator[CatalogFinding]:
    """CL507 for each of ``tag`` and ``permalink`` that does not name ``tag``."""
    front_matter = data if isinstance(data, Mapping) else {}
    expected = {"tag": tag, "permalink": f"/tag/{tag}/"}
    for key, value in expected.items():
        if key not in front_matter:  # placed on the front matter that lacks it
            yield CatalogFinding("CL507", f"{key} is missing (expected {value!r})", path, f"/{key}")
        elif front_matter[key] != value:
            message = f"{key} is {front_matter[key]!r}, expected {value!r}"
            yield CatalogFinding("CL507", message, path, f"/{key}")
