"""Spec hashes: unique, and (opt-in) in hash order."""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.model import Finding, Page, Severity
from cachelint.rules.base import rule
from cachelint.spack.specs import spec_table


@rule(code="CL401", name="duplicate-hash", needs=("/spec_details/*/hash",))
def duplicate_hash(page: Page) -> Iterator[Finding]:
    """Two specs share a hash.

    A hash identifies one build; the same hash twice means the generator merged
    two records of one spec, and every count on the page is off.

    Failing::

        spec_details: [{"hash": "aaaa...", ...}, {"hash": "aaaa...", ...}]

    Passing::

        spec_details: [{"hash": "aaaa...", ...}, {"hash": "bbbb...", ...}]
    """
    table = spec_table(page.data["spec_details"])
    hashes = table.column("hash")
    if len(table.distinct("hash")) == len(hashes):
        return  # the common clean page
    first_seen: dict[str, int] = {}
    for index, digest in enumerate(hashes):
        if digest in first_seen:
            yield Finding(
                "CL401",
                f"spec_details[{index}].hash {digest!r} duplicates "
                f"spec_details[{first_seen[digest]}].hash",
                f"/spec_details/{index}/hash",
            )
        else:
            first_seen[digest] = index


@rule(
    code="CL403",
    name="specs-not-sorted-by-hash",
    severity=Severity.WARNING,
    enabled=False,
    needs=("/spec_details/*/hash",),
    fixable=True,
)
def specs_not_sorted_by_hash(page: Page) -> Iterator[Finding]:
    """``spec_details`` is not sorted by hash (off by default).

    Generators sort the specs by hash since 2025, which keeps diffs of
    regenerated pages small; older pages are unsorted, so the rule is opt-in.

    Failing::

        spec_details: [{"hash": "bbbb...", ...}, {"hash": "aaaa...", ...}]

    Passing::

        spec_details: [{"hash": "aaaa...", ...}, {"hash": "bbbb...", ...}]
    """
    specs = page.data["spec_details"]
    for index in range(1, len(specs)):
        previous, current = specs[index - 1]["hash"], specs[index]["hash"]
        if current < previous:
            yield Finding(
                "CL403",
                f"spec_details is not sorted by hash: spec_details[{index}].hash "
                f"{current!r} sorts before spec_details[{index - 1}].hash {previous!r}",
                f"/spec_details/{index}/hash",
            )
            return
