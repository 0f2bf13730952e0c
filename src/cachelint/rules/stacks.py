"""Stack membership of the specs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from operator import contains
from typing import Any

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import spec_table


@rule(
    code="CL203",
    name="spec-outside-root-stack",
    needs=("/spec_details/*/stacks/**", "/spec_details/*/hash"),
)
def spec_outside_root_stack(page: Page) -> Iterator[Finding]:
    """A spec is not in the root stack.

    Every published spec is in the root index (the ``root`` stack unless
    configured otherwise); a spec outside it is left over from a stack that no
    longer publishes, and the page is stale. Reported once per page, at the
    stacks of the first such spec, naming every such spec by its index, grouped
    by the stacks it is in; the JSON formats list the pointer of each such
    spec's stacks in ``related``.

    Failing::

        spec_details: [{..., "hash": "aaaa...", "stacks": ["e4s"], ...}]

    Passing::

        spec_details: [{..., "hash": "aaaa...", "stacks": ["e4s", "root"], ...}]
    """
    root, specs = page.root_stack, page.data["spec_details"]
    if all(map(contains, spec_table(specs).distinct_lists("stacks"), repeat(root))):
        return  # the common clean page, at C speed
    outside = [index for index, spec in enumerate(specs) if root not in spec["stacks"]]
    pointers = [f"/spec_details/{index}/stacks" for index in outside]
    if len(outside) == 1:
        index = outside[0]
        message = (
            f"spec_details[{index}] ({specs[index]['hash']}) is not in the root stack "
            f"{root!r} (it is in {_stacks(specs[index])})"
        )
    else:
        by_stacks: dict[str, list[str]] = {}
        for index in outside:
            by_stacks.setdefault(_stacks(specs[index]), []).append(str(index))
        named = "; ".join(
            f"spec_details[{', '.join(indices)}] in {stacks}"
            for stacks, indices in by_stacks.items()
        )
        message = f"{len(outside)} specs are not in the root stack {root!r}: {named}"
    yield Finding("CL203", message, pointers[0], related=tuple(pointers))


def _stacks(spec: Mapping[str, Any]) -> str:
    return ", ".join(spec["stacks"]) or "no stack"
