"""Agreement between a page and where it lives: ``_cache/<tag>/<package>/``."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page
from cachelint.rules.base import rule


@rule(code="CL501", name="categories-mismatch", needs=("/categories/**",))
def categories_mismatch(page: Page) -> Iterator[Finding]:
    """``categories`` is not ``[package, <tag>]`` for the page's tag folder.

    The site lists a tag's packages by this category; a page filed under the
    wrong tag shows up in the wrong release. Checked only when the page lies at
    ``_cache/<tag>/<package>/``.

    Failing (in ``_cache/develop/zlib/specs.md``)::

        categories: [package, v0.23.0]

    Passing::

        categories: [package, develop]
    """
    tag = page.context.tag
    if tag is None:
        return
    categories = page.data["categories"]
    if categories[1] != tag:
        yield Finding(
            "CL501",
            f"categories names tag {categories[1]!r} but the page is in _cache/{tag}/",
            "/categories/1",
        )


@rule(code="CL502", name="title-mismatch", needs=("/title",))
def title_mismatch(page: Page) -> Iterator[Finding]:
    """``title`` differs from the page's package folder.

    The title is the package name the site shows and links by; it must be the
    name of the folder the page lives in. Checked only when the page lies at
    ``_cache/<tag>/<package>/``.

    Failing (in ``_cache/develop/zlib/specs.md``)::

        title: "zlib-ng"

    Passing::

        title: "zlib"
    """
    package = page.context.package
    if package is None:
        return
    title = page.data["title"]
    if title != package:
        yield Finding(
            "CL502",
            f"title is {title!r} but the page is in package folder {package!r}",
            "/title",
        )
