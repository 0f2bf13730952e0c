"""Targets are microarchitectures Spack knows (archspec)."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.targets import is_known, suggestion
from cachelint.spack.values import GoodValues, column

_KNOWN = GoodValues(is_known, column("target"))


@rule(code="CL601", name="unknown-target", needs=("/spec_details/*/target",))
def unknown_target(page: Page) -> Iterator[Finding]:
    """A spec's ``target`` is not a microarchitecture Spack knows.

    Spack names targets after archspec's microarchitectures (``x86_64_v3``,
    ``zen4``, ``neoverse_v1``, ``ppc64le``, ``m1``...); a name archspec does not
    know was typed by hand or mangled by a generator, and no Spack can install
    the binary for it. The message suggests the closest of archspec's names.
    The names older archspec releases had before renaming them (``graviton2``,
    now ``neoverse_n1``) are accepted: the releases of that time built for them.

    Failing (archspec spells it with an underscore)::

        spec_details: [{..., "target": "neoverse-v1", ...}]

    Passing::

        spec_details: [{..., "target": "neoverse_v1", ...}]
    """
    specs = page.data["spec_details"]
    if _KNOWN.all_good(specs):
        return  # the common clean page
    for index, target in enumerate(spec["target"] for spec in specs):
        if is_known(target):
            continue
        guess = suggestion(target)
        hint = f"; did you mean {guess!r}?" if guess else ""
        yield Finding(
            "CL601",
            f"spec_details[{index}].target {target!r} is not a target Spack knows{hint}",
            f"/spec_details/{index}/target",
        )
