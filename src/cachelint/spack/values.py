"""The distinct values of a page's specs: each Spack rule checks those first.

A page repeats the same few targets, compilers and variants in every spec, so
a rule that finds every distinct value valid is done at C speed; only a page
with a bad value pays for the loop that places each finding. The rules of one
page share one :class:`PageValues`; each set is computed when first asked for,
so a rule reads only the keys it ``needs`` (the others may be invalid).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from itertools import chain
from operator import itemgetter
from typing import Any

Specs = Sequence[Mapping[str, Any]]


# The scalar fields the rules read, fetched together: one C call per spec.
_SCALARS = ("compiler", "os", "platform", "target")
_ROW = itemgetter(*_SCALARS)


class PageValues:
    """The distinct values of one page's specs."""

    def __init__(self, specs: Specs) -> None:
        self.specs = specs
        self._columns: dict[str, frozenset[Any]] = {}

    def distinct(self, key: str) -> frozenset[Any]:
        """The distinct values of ``key`` (``"target"``, ``"compiler"``...)."""
        found = self._columns.get(key)
        if found is None:
            rows = self._rows
            if rows is not None and key in _SCALARS:
                column = _SCALARS.index(key)
                found = frozenset(row[column] for row in rows)
            else:  # a spec lacks a field, or holds a list there: read the key alone
                found = frozenset(map(itemgetter(key), self.specs))
            self._columns[key] = found
        return found

    @cached_property
    def _rows(self) -> frozenset[tuple[Any, ...]] | None:
        """The distinct (compiler, os, platform, target), or ``None`` if a spec has none."""
        try:
            return frozenset(map(_ROW, self.specs))
        except (KeyError, TypeError):
            return None

    @cached_property
    def os_platforms(self) -> frozenset[tuple[str, str]]:
        if self._rows is not None:
            return frozenset((row[1], row[2]) for row in self._rows)
        return frozenset(map(itemgetter("os", "platform"), self.specs))

    def _list_column(self, key: str) -> frozenset[tuple[Any, ...]]:
        return frozenset(map(tuple, map(itemgetter(key), self.specs)))

    @cached_property
    def variant_lists(self) -> frozenset[tuple[str, ...]]:
        return self._list_column("variants")

    @cached_property
    def variants(self) -> frozenset[str]:
        return frozenset(chain.from_iterable(self.variant_lists))

    @cached_property
    def version_lists(self) -> frozenset[tuple[str, ...]]:
        return self._list_column("versions")

    @cached_property
    def versions(self) -> frozenset[str]:
        return frozenset(chain.from_iterable(self.version_lists))

    @cached_property
    def stacks(self) -> frozenset[str]:
        """Every stack a spec is in."""
        return frozenset(chain.from_iterable(map(itemgetter("stacks"), self.specs)))

    @cached_property
    def builds(self) -> frozenset[tuple[str, str, tuple[str, ...]]]:
        """The distinct (platform, target, stacks) of the specs."""
        stacks = map(tuple, map(itemgetter("stacks"), self.specs))
        return frozenset(zip(*_columns(self.specs, "platform", "target"), stacks, strict=True))


def _columns(specs: Specs, *keys: str) -> list[map[Any]]:
    return [map(itemgetter(key), specs) for key in keys]


_last: PageValues | None = None


def page_values(specs: Specs) -> PageValues:
    """The values of ``specs``; the same object for the same list (the rules of one page)."""
    global _last
    if _last is None or _last.specs is not specs:
        _last = PageValues(specs)
    return _last
