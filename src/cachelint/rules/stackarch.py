"""Stacks whose names name an architecture hold only specs of it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from operator import methodcaller
from typing import Any

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import SpecTable
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
    unnamed, fitting = _verdicts(texts)
    specs = page.data["spec_details"]
    if unnamed.all_good(specs) or fitting.all_good(specs):
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


def _distinct_builds(table: SpecTable) -> dict[tuple[str, str, tuple[str, ...]], None]:
    """The distinct (platform, target, stacks) of the specs."""
    stacks = table.tuples("stacks")
    return dict.fromkeys(zip(table.column("platform"), table.column("target"), stacks, strict=True))


_BUILDS = methodcaller("derived", _distinct_builds)


@lru_cache(maxsize=8)
def _verdicts(texts: tuple[str, ...]) -> tuple[GoodValues, GoodValues]:
    """The stacks that name no architecture, and the builds that fit their stacks."""

    def fits(build: tuple[str, str, tuple[str, ...]]) -> bool:
        platform, target, stacks = build
        return not any(_wrong(texts, platform, family(target), stack) for stack in stacks)

    unnamed = GoodValues(lambda stack: not _architecture(texts, stack), items("stacks"))
    return unnamed, GoodValues(fits, _BUILDS)


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
