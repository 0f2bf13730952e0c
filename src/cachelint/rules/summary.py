"""The ``meta`` lists: the sorted sets of what the specs hold."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cachelint.model import Finding, Page
from cachelint.rules.base import rule

# meta list -> (spec key, whether the spec holds a list of values)
SUMMARY_FIELDS: dict[str, tuple[str, bool]] = {
    "compilers": ("compiler", False),
    "oss": ("os", False),
    "platforms": ("platform", False),
    "stacks": ("stacks", True),
    "targets": ("target", False),
    "versions": ("versions", True),
}

_SUMMARY_NEEDS = tuple(f"/meta/{name}/**" for name in SUMMARY_FIELDS) + tuple(
    f"/spec_details/*/{key}/**" for key, _ in SUMMARY_FIELDS.values()
)


def spec_values(specs: Sequence[Mapping[str, Any]], meta_list: str) -> dict[str, str]:
    """Each value the specs hold for a ``meta`` list, with the pointer of its first use."""
    key, is_list = SUMMARY_FIELDS[meta_list]
    found: dict[str, str] = {}
    for index, spec in enumerate(specs):
        if is_list:
            for position, value in enumerate(spec[key]):
                found.setdefault(value, f"/spec_details/{index}/{key}/{position}")
        else:
            found.setdefault(spec[key], f"/spec_details/{index}/{key}")
    return found


def derived_summary(specs: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The ``meta`` lists as the generator derives them: sorted unique values."""
    return {name: sorted(spec_values(specs, name)) for name in SUMMARY_FIELDS}


@rule(code="CL301", name="summary-missing-value", needs=_SUMMARY_NEEDS, fixable=True)
def summary_missing_value(page: Page) -> Iterator[Finding]:
    """A spec's compiler, os, platform, target, version or stack is missing from ``meta``.

    The site's filters are built from the ``meta`` lists; a value the specs
    hold but the summary lacks makes those specs impossible to find.

    Failing (the spec's target is not listed)::

        meta: {..., "targets": ["x86_64_v3"], ...}
        spec_details: [{..., "target": "zen4", ...}]

    Passing::

        meta: {..., "targets": ["zen4"], ...}
        spec_details: [{..., "target": "zen4", ...}]
    """
    meta, specs = page.data["meta"], page.data["spec_details"]
    for name in SUMMARY_FIELDS:
        listed = set(meta[name])
        for value, pointer in spec_values(specs, name).items():
            if value not in listed:
                where = _display(pointer)
                yield Finding("CL301", f"{where} {value!r} is missing from meta.{name}", pointer)


@rule(code="CL302", name="summary-stale-value", needs=_SUMMARY_NEEDS, fixable=True)
def summary_stale_value(page: Page) -> Iterator[Finding]:
    """A ``meta`` list names a value that no spec has (a stale summary).

    The site offers each listed value as a filter; a value no spec has is a
    filter that finds nothing, left over from specs that are gone.

    Failing (no spec is built for ``zen4``)::

        meta: {..., "targets": ["x86_64_v3", "zen4"], ...}
        spec_details: [{..., "target": "x86_64_v3", ...}]

    Passing::

        meta: {..., "targets": ["x86_64_v3"], ...}
        spec_details: [{..., "target": "x86_64_v3", ...}]
    """
    meta, specs = page.data["meta"], page.data["spec_details"]
    for name in SUMMARY_FIELDS:
        held = spec_values(specs, name)
        reported: set[str] = set()
        for position, value in enumerate(meta[name]):
            if value not in held and value not in reported:
                reported.add(value)
                yield Finding(
                    "CL302",
                    f"meta.{name} lists {value!r} but no spec has that {name.removesuffix('s')}",
                    f"/meta/{name}/{position}",
                )


@rule(
    code="CL402",
    name="summary-not-sorted",
    severity="warning",
    needs=tuple(f"/meta/{name}/**" for name in SUMMARY_FIELDS),
    fixable=True,
)
def summary_not_sorted(page: Page) -> Iterator[Finding]:
    """A ``meta`` list is not sorted, or repeats a value.

    Generators write each list sorted and unique, so a regenerated page
    differs from a hand-edited one only where the data changed.

    Failing::

        meta: {..., "oss": ["ubuntu22.04", "centos7", "centos7"], ...}

    Passing::

        meta: {..., "oss": ["centos7", "ubuntu22.04"], ...}
    """
    meta = page.data["meta"]
    for name in SUMMARY_FIELDS:
        values = meta[name]
        seen: set[str] = set()
        unsorted_reported = False
        for position, value in enumerate(values):
            pointer = f"/meta/{name}/{position}"
            if value in seen:
                yield Finding("CL402", f"meta.{name} repeats {value!r}", pointer)
            elif position and value < values[position - 1] and not unsorted_reported:
                unsorted_reported = True
                yield Finding(
                    "CL402",
                    f"meta.{name} is not sorted: {value!r} comes after {values[position - 1]!r}",
                    pointer,
                )
            seen.add(value)


def _display(pointer: str) -> str:
    parts = pointer.split("/")[1:]
    text = f"{parts[0]}[{parts[1]}].{parts[2]}"
    return text + (f"[{parts[3]}]" if len(parts) > 3 else "")
