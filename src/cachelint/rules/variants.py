"""Variants are written in Spack's syntax, each name once per spec."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import spec_table
from cachelint.spack.syntax import variant_name
from cachelint.spack.values import GoodValues, items

_WELL_FORMED = GoodValues(lambda variant: variant_name(variant) is not None, items("variants"))


@rule(code="CL613", name="malformed-variant", needs=("/spec_details/*/variants/*",))
def malformed_variant(page: Page) -> Iterator[Finding]:
    """A variant is not written in Spack's syntax.

    A variant is ``+name`` or ``~name`` (on, off), ``name=value`` or
    ``name:=value``, or a propagated ``++name``, ``~~name`` or ``name==value``;
    values may be lists (``libs=shared,static``) or quoted
    (``languages:='c,c++,fortran'``). Anything else (``-name``, ``name=``, a
    stray space) is not something Spack printed.

    Failing (no value)::

        spec_details: [{..., "variants": ["build_system=", "+shared"], ...}]

    Passing::

        spec_details: [{..., "variants": ["build_system=cmake", "+shared"], ...}]
    """
    specs = page.data["spec_details"]
    if _WELL_FORMED.all_good(specs):
        return  # the common clean page
    for index, spec in enumerate(specs):
        for position, variant in enumerate(spec["variants"]):
            if variant_name(variant) is None:
                yield Finding(
                    "CL613",
                    f"spec_details[{index}].variants[{position}] {variant!r} is not a Spack "
                    "variant (+name, ~name, name=value, name:=value, ++name, ~~name, "
                    "name==value)",
                    f"/spec_details/{index}/variants/{position}",
                )


@rule(code="CL614", name="duplicate-variant", needs=("/spec_details/*/variants/*",))
def duplicate_variant(page: Page) -> Iterator[Finding]:
    """A spec sets the same variant twice.

    A spec has one value per variant; ``+shared`` beside ``~shared`` (or
    ``libs=shared`` beside ``libs=static``) means two specs were merged into
    one record, and the page describes a build that does not exist.

    Failing::

        spec_details: [{..., "variants": ["+shared", "~shared"], ...}]

    Passing::

        spec_details: [{..., "variants": ["+shared", "~static"], ...}]
    """
    specs = page.data["spec_details"]
    if all(map(_names_once, spec_table(specs).distinct_lists("variants"))):
        return  # the common clean page: each distinct list asked once
    for index, spec in enumerate(specs):
        seen: dict[str, int] = {}
        for position, variant in enumerate(spec["variants"]):
            name = variant_name(variant)
            if name is None:
                continue  # CL613
            if name in seen:
                yield Finding(
                    "CL614",
                    f"spec_details[{index}].variants[{position}] {variant!r} sets {name!r} "
                    f"again (variants[{seen[name]}] set it first)",
                    f"/spec_details/{index}/variants/{position}",
                )
            else:
                seen[name] = position


def _names_once(variants: tuple[str, ...]) -> bool:
    """Whether no variant name comes twice in the list (two malformed ones count: the loop decides).

    Not remembered across pages: a page has one or two distinct lists, and a
    catalog tens of thousands (each package its own), so a memory of them
    would miss on nearly every page, and a miss costs several times the check.
    """
    return len(set(map(variant_name, variants))) == len(variants)
