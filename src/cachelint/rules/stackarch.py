"""Stacks whose names name an architecture hold only specs of it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, repeat
from operator import contains
from typing import Any

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import SpecTable, spec_table
from cachelint.spack.targets import family
from cachelint.spack.values import GoodValues, items


@rule(
    code="CL606",
    name="stack-architecture-mismatch",
    needs=("/spec_details/*/stacks/*", "/spec_details/*/platform", "/spec_details/*/target"),
)
def stack_architecture_mismatch(page: Page) -> Iterator[Finding]:
    """A spec is in a stack named for another platform or target family.

    Spack's CI names many stacks after what they build for:
    ``ml-linux-aarch64-cuda``, ``ml-darwin-aarch64-mps``, ``ml-linux-x86_64-rocm``
    hold only specs of that platform and archspec target family, and
    ``e4s-power`` only ``ppc64le`` ones. A spec in the wrong one was filed under
    another stack's name. Which names count is the ``stack-architectures``
    setting (default ``["*-{platform}-{family}-*", "e4s-power{family=ppc64le}"]``;
    ``[]`` turns the rule off): ``*`` is any number of dash-separated parts,
    ``{platform}`` a Spack platform, ``{family}`` an archspec family
    (``x86_64``, ``aarch64``, ``ppc64le``...), ``{family=NAME}`` and
    ``{platform=NAME}`` state the value for a stack whose name does not spell
    it. Targets Spack does not know are CL601's.

    Failing::

        spec_details: [{..., "platform": "linux", "stacks": ["ml-linux-aarch64-cuda", "root"],
          "target": "x86_64_v3", ...}]

    Passing::

        spec_details: [{..., "platform": "linux", "stacks": ["ml-linux-aarch64-cuda", "root"],
          "target": "neoverse_v2", ...}]
    """
    texts = page.spack.stack_architectures
    if not texts:
        return
    specs = page.data["spec_details"]
    if _unnamed(texts).all_good(specs) or _all_fit(spec_table(specs), texts):
        return  # the common page: no stack names an architecture, or every spec fits
    for index, spec in enumerate(specs):
        have = family(spec["target"])
        for position, stack in enumerate(spec["stacks"]):
            wrong = _wrong(texts, spec["platform"], have, stack)
            if wrong:
                yield Finding(
                    "CL606",
                    f"spec_details[{index}] (platform {spec['platform']!r}, target "
                    f"{spec['target']!r}) is in stack {stack!r}, which holds {wrong}",
                    f"/spec_details/{index}/stacks/{position}",
                )


@lru_cache(maxsize=8)
def _unnamed(texts: tuple[str, ...]) -> GoodValues:
    """The stacks whose names name no architecture, remembered across pages."""
    return GoodValues(lambda stack: not _architecture(texts, stack), items("stacks"))


def _all_fit(table: SpecTable, texts: tuple[str, ...]) -> bool:
    """Whether the specs in each stack that names an architecture are all of it.

    For each such stack, one pass in C marks the specs in it, and the distinct
    platforms and targets of those specs are compared with what it names (a
    target archspec does not know fits: it is CL601's). ``False`` sends the
    rule to its loop over the specs, which decides.
    """
    stacks = table.column("stacks")
    for stack in table.items("stacks"):
        wanted = _architecture(texts, stack)
        if not wanted:
            continue
        inside = list(map(contains, stacks, repeat(stack)))
        platform, wanted_family = wanted.get("platform"), wanted.get("family")
        if platform is not None and any(
            have != platform for have in dict.fromkeys(compress(table.column("platform"), inside))
        ):
            return False
        if wanted_family is not None and any(
            family(target) not in (None, wanted_family)
            for target in dict.fromkeys(compress(table.column("target"), inside))
        ):
            return False
    return True


# Keyed on the templates' texts (a tuple of strings hashes cheaply), not on the
# compiled templates.
@lru_cache(maxsize=4096)
def _wrong(texts: tuple[str, ...], platform: str, family: str | None, stack: str) -> str:
    """What ``stack`` holds that a build of ``platform`` and ``family`` is not (``""``: fits)."""
    have = {"platform": platform, "family": family}
    wanted = _architecture(texts, stack)
    return " and ".join(
        f"{key} {value!r}"
        for key, value in wanted.items()
        if have[key] is not None and have[key] != value
    )


@lru_cache(maxsize=4096)
def _architecture(texts: tuple[str, ...], stack: str) -> dict[str, str]:
    for template in _templates(texts):
        found = template.architecture(stack)
        if found is not None:
            return found
    return {}


@lru_cache(maxsize=8)
def _templates(texts: tuple[str, ...]) -> tuple[Any, ...]:
    if not texts:
        return ()
    from cachelint.spack.options import compile_templates
    from cachelint.spack.platforms import PLATFORMS
    from cachelint.spack.targets import families

    return compile_templates(texts, platforms=PLATFORMS, families=families())
