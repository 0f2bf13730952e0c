"""Verdicts on the values of specs, remembered across the pages of a process.

A catalog repeats the same targets, compilers, variants and versions on page
after page. Each rule keeps the values it has found valid in a
:class:`GoodValues`: a page whose values are all known good costs one pass
in C (``set.issuperset`` over a ``map``), with no Python per spec. A value
not seen before is checked once; only a bad one sends the rule on to its loop
over the specs, which places each finding as it always did, so a remembered
verdict never changes what is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

Specs = Sequence[Mapping[str, Any]]

# Enough for every distinct value of a large catalog; past it the memory is
# forgotten (and refilled), so a process never grows without bound.
LIMIT = 1 << 16


class GoodValues:
    """The values of ``values_of(specs)`` that passed ``is_good``, at most :data:`LIMIT`."""

    def __init__(
        self,
        is_good: Callable[[Any], bool],
        values_of: Callable[[Specs], Iterable[Hashable]],
    ) -> None:
        self._is_good = is_good
        self._values_of = values_of
        self._good: set[Hashable] = set()

    def all_good(self, specs: Specs) -> bool:
        """Whether every value of ``specs`` passes ``is_good``."""
        if self._good.issuperset(self._values_of(specs)):
            return True  # the common clean page
        unseen = set(self._values_of(specs)) - self._good
        passed = {value for value in unseen if self._is_good(value)}
        if len(self._good) + len(passed) > LIMIT:
            self._good.clear()
        self._good |= passed
        return len(passed) == len(unseen)


def column(key: str) -> Callable[[Specs], Iterable[Any]]:
    """The values of ``key`` in each spec."""
    get = itemgetter(key)
    return lambda specs: map(get, specs)


def columns(*keys: str) -> Callable[[Specs], Iterable[tuple[Any, ...]]]:
    """The tuples of the values of ``keys`` in each spec."""
    get = itemgetter(*keys)
    return lambda specs: map(get, specs)


def items(key: str) -> Callable[[Specs], Iterable[Any]]:
    """The items of the list ``key`` of every spec, one after the other."""
    get = itemgetter(key)
    return lambda specs: chain.from_iterable(map(get, specs))


def lists(key: str) -> Callable[[Specs], Iterable[tuple[Any, ...]]]:
    """The list ``key`` of each spec, as a tuple."""
    get = itemgetter(key)
    return lambda specs: map(tuple, map(get, specs))
