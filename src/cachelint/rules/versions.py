"""Each spec has one version, written as Spack writes versions."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import spec_table
from cachelint.spack.syntax import VERSION
from cachelint.spack.values import GoodValues, items

_WELL_FORMED = GoodValues(lambda version: VERSION.match(version) is not None, items("versions"))


@rule(code="CL615", name="not-one-version", needs=("/spec_details/*/versions",))
def not_one_version(page: Page) -> Iterator[Finding]:
    """A spec has more than one version.

    A built spec is concrete: it has exactly one version, and the generator
    asserts it. Several versions mean several specs were merged into one
    record. (No version at all is a schema finding, CL105.)

    Failing::

        spec_details: [{..., "versions": ["1.07.1", "1.08.1"], ...}]

    Passing::

        spec_details: [{..., "versions": ["1.07.1"], ...}]
    """
    specs = page.data["spec_details"]
    # The distinct lists, not each spec's: the page's rules have counted them already.
    if max(map(len, spec_table(specs).distinct_lists("versions")), default=0) <= 1:
        return  # the common clean page
    for index, spec in enumerate(specs):
        if len(spec["versions"]) > 1:
            yield Finding(
                "CL615",
                f"spec_details[{index}].versions has {len(spec['versions'])} versions; "
                "a built spec has exactly one",
                f"/spec_details/{index}/versions",
            )


@rule(code="CL616", name="malformed-version", needs=("/spec_details/*/versions/*",))
def malformed_version(page: Page) -> Iterator[Finding]:
    """A version is not a Spack version string.

    Spack versions are letters, digits and the separators ``.``, ``-`` and
    ``_`` (``1.2.3.4``, ``2.4.0-rc1``, ``develop``, ``master``), or git versions
    (``git.<ref>=<version>``, a 40-character commit sha). The page schema
    accepts a wider set of characters; a ``+`` in particular starts a variant
    in Spack's syntax, so ``1.0+cuda`` is a version and a variant run together.

    Failing::

        spec_details: [{..., "versions": ["1.0+cuda"], ...}]

    Passing::

        spec_details: [{..., "versions": ["1.0"], ...}]
    """
    specs = page.data["spec_details"]
    if _WELL_FORMED.all_good(specs):
        return  # the common clean page
    for index, spec in enumerate(specs):
        for position, version in enumerate(spec["versions"]):
            if not VERSION.match(version):
                yield Finding(
                    "CL616",
                    f"spec_details[{index}].versions[{position}] {version!r} is not a Spack "
                    "version",
                    f"/spec_details/{index}/versions/{position}",
                )
