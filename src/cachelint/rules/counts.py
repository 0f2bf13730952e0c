"""Counts in ``meta`` that must agree with ``spec_details``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cachelint.model import Finding, Page
from cachelint.pointer import to_pointer
from cachelint.rules.base import rule
from cachelint.spack.specs import SpecTable, spec_table


def stack_counts(specs: Sequence[Mapping[str, Any]]) -> Counter[str]:
    """How many specs are in each stack (a spec counts once per stack).

    Shared with the page's other rules (:mod:`cachelint.spack.specs`): read it only.
    """
    return spec_table(specs).derived(_stack_counts)


def _stack_counts(table: SpecTable) -> Counter[str]:
    counts: Counter[str] = Counter()
    for stacks, specs in table.counted_lists("stacks").items():
        for stack in set(stacks):
            counts[stack] += specs
    return counts


@rule(
    code="CL201",
    name="num-specs-mismatch",
    needs=("/meta/num_specs", "/spec_details"),
    fixable=True,
)
def num_specs_mismatch(page: Page) -> Iterator[Finding]:
    """``meta.num_specs`` differs from the number of ``spec_details``.

    ``num_specs`` is derived data: the catalog shows it as the package's spec
    count, so a stale value misleads every reader of the page.

    Failing (two specs, but the summary says three)::

        meta: {..., "num_specs": 3, ...}
        spec_details: [{"hash": "aaaa...", ...}, {"hash": "bbbb...", ...}]

    Passing::

        meta: {..., "num_specs": 2, ...}
        spec_details: [{"hash": "aaaa...", ...}, {"hash": "bbbb...", ...}]
    """
    declared = page.data["meta"]["num_specs"]
    actual = len(page.data["spec_details"])
    if declared != actual:
        yield Finding(
            "CL201",
            f"meta.num_specs is {declared} but spec_details has {_entries(actual)}",
            "/meta/num_specs",
        )


@rule(
    code="CL202",
    name="stack-count-mismatch",
    needs=("/meta/num_specs_by_stack/**", "/spec_details/*/stacks/**"),
    fixable=True,
)
def stack_count_mismatch(page: Page) -> Iterator[Finding]:
    """``meta.num_specs_by_stack`` differs from the per-stack counts of the specs.

    Each stack a spec belongs to must be listed with the number of specs in it;
    a wrong count, a stack missing, or a stack listed with no spec are all
    reported.

    Failing (one spec in ``e4s``, none in ``hep``)::

        meta: {..., "num_specs_by_stack": {"e4s": 2, "hep": 1, "root": 1}, ...}
        spec_details: [{..., "stacks": ["e4s", "root"], ...}]

    Passing::

        meta: {..., "num_specs_by_stack": {"e4s": 1, "root": 1}, ...}
        spec_details: [{..., "stacks": ["e4s", "root"], ...}]
    """
    declared: Mapping[str, int] = page.data["meta"]["num_specs_by_stack"]
    actual = stack_counts(page.data["spec_details"])
    for stack, count in declared.items():
        if actual.get(stack) == count:
            continue
        pointer = to_pointer(["meta", "num_specs_by_stack", stack])
        if stack not in actual:
            yield Finding(
                "CL202",
                f"meta.num_specs_by_stack lists stack {stack!r} with {count} but no spec is in it",
                pointer,
            )
        elif count != actual[stack]:
            yield Finding(
                "CL202",
                f"meta.num_specs_by_stack[{stack!r}] is {count} but "
                f"{_specs(actual[stack])} in stack {stack!r}",
                pointer,
            )
    for stack in sorted(set(actual) - set(declared)):
        yield Finding(
            "CL202",
            f"meta.num_specs_by_stack lacks stack {stack!r} ({_specs(actual[stack])} in it)",
            "/meta/num_specs_by_stack",
        )


def _specs(count: int) -> str:
    return "1 spec is" if count == 1 else f"{count} specs are"


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"
