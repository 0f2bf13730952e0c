"""What the catalog pass keeps of one page: a few counts and sets, never the page.

The checker takes these facts from each parsed page of a catalog and hands
them on with the page's result, so whole-tag rules work on running totals
(see :mod:`cachelint.catalog.aggregate`) however many pages a tag has. They
are read defensively: the page may have schema errors of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from cachelint.model import PageFacts

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
    specs = [s for s in _list(data.get("spec_details")) if isinstance(s, Mapping)]
    # Sets first: a page repeats the same few variants and stacks in every spec.
    variants = _strings_in(specs, "variants")
    return PageFacts(
        num_specs=num_specs,
        compilers=frozenset(c for s in specs if isinstance(c := s.get("compiler"), str)),
        parameters=frozenset(filter(None, map(parameter_name, variants))),
        stacks=frozenset(_strings_in(specs, "stacks")),
    )


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
