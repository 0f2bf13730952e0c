"""Stack membership of the specs."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page
from cachelint.rules.base import rule


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
    root = page.root_stack
    for index, spec in enumerate(page.data["spec_details"]):
        if root not in spec["stacks"]:
            stacks = ", ".join(spec["stacks"]) or "no stack"
            yield Finding(
                "CL203",
                f"spec_details[{index}] ({spec['hash']}) is not in the root stack "
                f"{root!r} (it is in {stacks})",
                f"/spec_details/{index}/stacks",
            )
