"""Stack membership of the specs."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from operator import contains, itemgetter

from cachelint.model import Finding, Page
from cachelint.rules.base import rule

_STACKS = itemgetter("stacks")


@rule(
    code="CL203",
    name="spec-outside-root-stack",
    needs=("/spec_details/*/stacks/**", "/spec_details/*/hash"),
)
def spec_outside_root_stack(page: Page) -> Iterator[Finding]:
    """A spec is not in the root stack.

    Every published spec is in the root index (the ``root`` stack unless
    configured otherwise); a spec outside it is left over from a stack that no
    longer publishes, and the page is stale.

    Failing::

        spec_details: [{..., "hash": "aaaa...", "stacks": ["e4s"], ...}]

    Passing::

        spec_details: [{..., "hash": "aaaa...", "stacks": ["e4s", "root"], ...}]
    """
    root, specs = page.root_stack, page.data["spec_details"]
    if all(map(contains, map(_STACKS, specs), repeat(root))):
        return  # the common clean page, at C speed
    for index, spec in enumerate(specs):
        if root not in spec["stacks"]:
            stacks = ", ".join(spec["stacks"]) or "no stack"
            yield Finding(
                "CL203",
                f"spec_details[{index}] ({spec['hash']}) is not in the root stack "
                f"{root!r} (it is in {stacks})",
                f"/spec_details/{index}/stacks",
            )
