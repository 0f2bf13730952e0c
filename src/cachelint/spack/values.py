"""The distinct values of a page's specs: each rule checks those first.

A page repeats the same few targets, compilers and variants in every spec, so
a rule that finds every distinct value valid is done at C speed; only a page
with a bad value pays for the loop that places each finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

Specs = Sequence[Mapping[str, Any]]


def distinct(specs: Specs, key: str) -> set[Any]:
    """The distinct values of ``key`` over the specs."""
    return set(map(itemgetter(key), specs))


def distinct_pairs(specs: Specs, first: str, second: str) -> set[tuple[Any, Any]]:
    """The distinct ``(first, second)`` pairs over the specs."""
    return set(map(itemgetter(first, second), specs))


def distinct_items(specs: Specs, key: str) -> set[Any]:
    """The distinct items of the lists under ``key`` (variants, versions)."""
    lists: Iterable[Iterable[Any]] = map(itemgetter(key), specs)
    return set(chain.from_iterable(lists))
