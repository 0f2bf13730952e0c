"""The ``meta`` lists: the sorted sets of what the specs hold."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cachelint.model import Finding, Page
from cachelint.rules.base import rule
from cachelint.spack.specs import SpecTable, spec_table

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


def summary_values(specs: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, None]]:
    """For each ``meta`` list, the values the specs hold (dict keys, in order of first use).

    The answer is shared with the page's other rules (:mod:`cachelint.spack.specs`):
    read it, never change it.
    """
    return spec_table(specs).derived(_summary_values)


def _summary_values(table: SpecTable) -> dict[str, dict[str, None]]:
    return {
        name: table.items(key) if is_list else table.distinct(key)
        for name, (key, is_list) in SUMMARY_FIELDS.items()
    }


def first_use_pointer(specs: Sequence[Mapping[str, Any]], meta_list: str, value: str) -> str:
    """The JSON Pointer of the first spec value a ``meta`` list summarises as ``value``."""
    key, is_list = SUMMARY_FIELDS[meta_list]
    for index, spec in enumerate(specs):
        held = spec[key]
        if not is_list and held == value:
            return f"/spec_details/{index}/{key}"
        if is_list and value in held:
            return f"/spec_details/{index}/{key}/{list(held).index(value)}"
    raise ValueError(f"no spec holds {value!r} in {key!r}")


def spec_values(specs: Sequence[Mapping[str, Any]], meta_list: str) -> dict[str, str]:
    """Each value the specs hold for a ``meta`` list, with the pointer of its first use."""
    held = summary_values(specs)[meta_list]
    return {value: first_use_pointer(specs, meta_list, value) for value in held}


def derived_summary(specs: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The ``meta`` lists as the generator derives them: sorted unique values."""
    return {name: sorted(held) for name, held in summary_values(specs).items()}


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
    for name, held in summary_values(specs).items():
        listed = set(meta[name])
        for value in held:
            if value not in listed:
                pointer = first_use_pointer(specs, name, value)
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
    meta = page.data["meta"]
    for name, held in summary_values(page.data["spec_details"]).items():
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
