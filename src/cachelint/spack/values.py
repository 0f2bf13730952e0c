"""Verdicts on the values of specs, remembered across the pages of a process.

A catalog repeats the same targets, compilers, variants and versions on page
after page. Each rule keeps the values it has found valid in a
:class:`GoodValues`: a page whose values are all known good costs one
``set.issuperset`` over the page's distinct values (which the page's rules
share: :mod:`cachelint.spack.specs`), with no Python per spec. A value
not seen before is checked once; only a bad one sends the rule on to its loop
over the specs, which places each finding as it always did, so a remembered
verdict never changes what is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from operator import methodcaller
from typing import Any, TypeVar

from cachelint.spack.specs import Specs, SpecTable, spec_table

# Enough for every distinct value of a large catalog; past it the memory is
# forgotten (and refilled), so a process never grows without bound.
LIMIT = 1 << 16

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class GoodValues:
    """The values of ``values_of(table)`` that passed ``is_good``, at most ``limit`` of them.

    ``table`` is the page's :class:`~cachelint.spack.specs.SpecTable`.
    """

    def __init__(
        self,
        is_good: Callable[[Any], bool],
        values_of: Callable[[SpecTable], Iterable[Hashable]],
        *,
        limit: int = LIMIT,
    ) -> None:
        self._is_good = is_good
        self._limit = limit
        self._values_of = values_of
        self._good: set[Hashable] = set()

    def all_good(self, specs: Specs) -> bool:
        """Whether every value of ``specs`` passes ``is_good``."""
        table = spec_table(specs)
        if self._good.issuperset(self._values_of(table)):
            return True  # the common clean page
        unseen = set(self._values_of(table)) - self._good
        passed = {value for value in unseen if self._is_good(value)}
        if len(self._good) + len(passed) > self._limit:
            self._good.clear()
        self._good |= passed
        return len(passed) == len(unseen)


class Memo(dict[Key, Value]):
    """``compute(key)`` for each key asked, remembered: ``memo[key]`` (or
    ``map(memo.__getitem__, ...)``) is a lookup in C once a key is known.

    At most ``limit`` keys: past it the memory is forgotten (and refilled). An
    exception ``compute`` raises goes to the caller, and nothing is remembered.
    """

    def __init__(self, compute: Callable[[Key], Value], *, limit: int = LIMIT) -> None:
        super().__init__()
        self._compute, self._limit = compute, limit

    def __missing__(self, key: Key) -> Value:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value


def column(key: str) -> Callable[[SpecTable], Iterable[Any]]:
    """The distinct values of ``key``."""
    return methodcaller("distinct", key)


def items(key: str) -> Callable[[SpecTable], Iterable[Any]]:
    """The distinct items of the lists ``key``."""
    return methodcaller("items", key)
