"""One page's specs, read once: the columns and distinct values every rule shares.

A page's summary rules, count rules, Spack rules and its catalog facts all ask
the same questions of ``spec_details``: every spec's target, the distinct
compilers, the stacks of each spec. :func:`spec_table` answers each question
once per page and remembers the answer for the page's next rule. Each answer
is one pass in C over the specs (``map``, ``dict.fromkeys``, ``zip``): a pass
costs tens of nanoseconds a spec, a loop in Python ten times that, so the
table is computed column by column, as the rules ask, never all at once.

The answers are shared: read them, never change them. The table belongs to
the specs list it was made from (the same object, kept alive by the table),
and that list is never changed while rules run (cachelint's rules do not
change page data; other rules get a read-only copy, another list).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

Specs = Sequence[Mapping[str, Any]]
Derived = TypeVar("Derived")


class SpecTable:
    """What one page's specs hold, each part worked out on first use."""

    __slots__ = (
        "_columns",
        "_counted",
        "_derived",
        "_distinct",
        "_items",
        "_lists",
        "_tuples",
        "specs",
    )

    def __init__(self, specs: Specs) -> None:
        self.specs = specs
        self._columns: dict[str, list[Any]] = {}
        self._distinct: dict[Hashable, dict[Any, None]] = {}
        self._items: dict[str, dict[Any, None]] = {}
        self._lists: dict[str, dict[tuple[Any, ...], None]] = {}
        self._counted: dict[str, Counter[tuple[Any, ...]]] = {}
        self._tuples: dict[str, list[tuple[Any, ...]]] = {}
        self._derived: dict[Callable[[SpecTable], Any], Any] = {}

    def column(self, key: str) -> list[Any]:
        """Each spec's ``key``, in spec order (``KeyError`` if a spec lacks it)."""
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = list(map(itemgetter(key), self.specs))
        return found

    def distinct(self, key: str) -> dict[Any, None]:
        """The distinct values of ``key``, in order of first use (as dict keys)."""
        found = self._distinct.get(key)
        if found is None:
            found = self._distinct[key] = dict.fromkeys(self.column(key))
        return found

    def distinct_rows(self, *keys: str) -> dict[tuple[Any, ...], None]:
        """The distinct tuples of the specs' ``keys``, in order of first use."""
        found = self._distinct.get(keys)
        if found is None:
            rows = zip(*map(self.column, keys), strict=True)
            found = self._distinct[keys] = dict.fromkeys(rows)
        return found

    def tuples(self, key: str) -> list[tuple[Any, ...]]:
        """Each spec's list ``key`` as a tuple (hashable), in spec order."""
        found = self._tuples.get(key)
        if found is None:
            found = self._tuples[key] = list(map(tuple, self.column(key)))
        return found

    def distinct_lists(self, key: str) -> dict[tuple[Any, ...], None]:
        """The distinct lists ``key`` of the specs, as tuples, in order of first use.

        A page repeats a few lists (of stacks, of variants) in every spec, so
        what is asked of each list is asked once.
        """
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = self._counted.get(key) or dict.fromkeys(self.tuples(key))
        return found

    def counted_lists(self, key: str) -> Counter[tuple[Any, ...]]:
        """:meth:`distinct_lists` with how many specs hold each list.

        Counting costs a third more than finding the distinct lists: only the
        rules that need the counts ask for them.
        """
        found = self._counted.get(key)
        if found is None:
            found = self._counted[key] = Counter(self.tuples(key))
        return found

    def items(self, key: str) -> dict[Any, None]:
        """The distinct items of the specs' lists ``key``, in order of first use."""
        found = self._items.get(key)
        if found is None:
            lists = self.distinct_lists(key)
            found = self._items[key] = dict.fromkeys(chain.from_iterable(lists))
        return found

    def derived(self, compute: Callable[[SpecTable], Derived]) -> Derived:
        """``compute(self)``, computed once per page (``compute`` is the key)."""
        try:
            return self._derived[compute]  # type: ignore[no-any-return]
        except KeyError:
            found = self._derived[compute] = compute(self)
            return found


class _LastTable:
    """The table of the last page's specs: a page's rules run one after the other."""

    __slots__ = ("table",)

    def __init__(self) -> None:
        self.table = SpecTable(())


_LAST = _LastTable()


def spec_table(specs: Specs) -> SpecTable:
    """The table of ``specs``: the same object for the same list, until another page's."""
    table = _LAST.table
    if table.specs is not specs:
        table = _LAST.table = SpecTable(specs)
    return table
