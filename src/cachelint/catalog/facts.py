"""What the catalog pass keeps of one page: a few counts and sets, never the page.

The checker takes these facts from each parsed page of a catalog and hands
them on with the page's result, so whole-tag rules work on running totals
(see :mod:`cachelint.catalog.aggregate`) however many pages a tag has. They
are read defensively: the page may have schema errors of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import chain, repeat
from typing import Any

from cachelint.model import PageFacts
from cachelint.spack.specs import spec_table

# A variant's text: ``+shared``, ``~ipo``, ``++x`` (propagated), ``build_system=cmake``,
# ``patches:=abc``, ``cflags==-O2`` (propagated); its name is what precedes the value.
_VARIANT_NAME = re.compile(r"^(?:\+\+|~~|[+~])?(?P<name>[^=:+~][^=:]*)")


def page_facts(data: Any) -> PageFacts:
    """The facts of a page's front matter data (any shape)."""
    if not isinstance(data, Mapping):
        return PageFacts(num_specs=None)
    meta = data.get("meta")
    num_specs = meta.get("num_specs") if isinstance(meta, Mapping) else None
    if isinstance(num_specs, bool) or not isinstance(num_specs, int) or num_specs < 0:
        num_specs = None
    specs = data.get("spec_details")
    compilers, variants, stacks = _well_formed(specs) or _any_shape(specs)
    return PageFacts(
        num_specs=num_specs,
        compilers=frozenset(compilers),
        parameters=frozenset(filter(None, map(parameter_name, variants))),
        stacks=frozenset(stacks),
    )


Strings = Iterable[str]


def _well_formed(specs: Any) -> tuple[Strings, Strings, Strings] | None:
    """The compilers, variants and stacks of specs of the schema's shape, from the rules' table.

    ``None`` for any other shape: :func:`_any_shape` reads those item by item.
    """
    if not isinstance(specs, list) or not all(map(isinstance, specs, repeat(dict))):
        return None
    table = spec_table(specs)
    try:
        if not all(map(isinstance, chain(*map(table.column, _LISTS)), repeat(list))):
            return None
        compilers, variants, stacks = table.distinct("compiler"), *map(table.items, _LISTS)
    except (KeyError, TypeError):  # a key missing, an unhashable value
        return None
    return _strings(compilers), _strings(variants), _strings(stacks)


_LISTS = ("variants", "stacks")


def _strings(values: Iterable[Any]) -> list[str]:
    return [value for value in values if isinstance(value, str)]


def _any_shape(specs: Any) -> tuple[Strings, Strings, Strings]:
    """The compilers, variants and stacks of specs of any shape (only the strings)."""
    specs = [s for s in _list(specs) if isinstance(s, Mapping)]
    # Sets first: a page repeats the same few variants and stacks in every spec.
    compilers = (c for s in specs if isinstance(c := s.get("compiler"), str))
    return compilers, _strings_in(specs, "variants"), _strings_in(specs, "stacks")


@lru_cache(maxsize=4096)
def parameter_name(variant: str) -> str:
    """The parameter a variant sets: ``+shared`` -> ``shared``, ``libs=static`` -> ``libs``."""
    match = _VARIANT_NAME.match(variant)
    return match.group("name").strip() if match else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings_in(specs: list[Mapping[str, Any]], key: str) -> set[str]:
    """The distinct strings of the specs' ``key`` lists (other items are left out)."""
    found: set[Any] = set()
    for spec in specs:
        values = spec.get(key)
        if isinstance(values, list):
            try:
                found.update(values)
            except TypeError:  # an unhashable item: keep the strings around it
                found.update(item for item in values if isinstance(item, str))
    return {item for item in found if isinstance(item, str)}
