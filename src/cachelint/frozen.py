"""Deeply read-only page data, so that no rule can change what the next one sees.

Parsed front matter is frozen once per page, before any rule runs. The frozen
containers subclass ``dict`` and ``list``: rules (and the schema validator) use
them exactly as plain data, compare them with plain lists and dicts, and
``copy.deepcopy`` returns a plain, mutable copy. Any mutating method raises
:class:`~cachelint.errors.ReadOnlyDataError`.
"""

from __future__ import annotations

import copy
import sys
from typing import Any, NoReturn

from cachelint.errors import ReadOnlyDataError


def _refuse(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise ReadOnlyDataError(
        f"page data is read-only ({type(self).__name__}); "
        "work on copy.deepcopy(page.data) to change a copy"
    )


class FrozenDict(dict):  # type: ignore[type-arg]
    """A ``dict`` whose mutating methods raise."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {key: copy.deepcopy(value, memo) for key, value in self.items()}

    def __reduce__(self) -> tuple[type, tuple[dict[Any, Any]]]:
        return (dict, (dict(self),))


class FrozenList(list):  # type: ignore[type-arg]
    """A ``list`` whose mutating methods raise."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = clear = extend = insert = pop = remove = reverse = sort = _refuse

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(item, memo) for item in self]

    def __reduce__(self) -> tuple[type, tuple[list[Any]]]:
        return (list, (list(self),))


class TooDeep(ValueError):
    """The data nests more containers than :func:`freeze` was told to allow."""


# Values that are never containers: not looked into (most of a page is strings).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def freeze(value: Any, *, max_depth: int | None = None) -> Any:
    """A deeply read-only copy of parsed data (scalars are immutable already).

    With ``max_depth``, data nesting more than that many containers (the
    outermost one counts) raises :class:`TooDeep` instead.
    """
    return _freeze(value, sys.maxsize if max_depth is None else max_depth)


def _freeze(value: Any, depth: int) -> Any:
    if isinstance(value, dict):
        if depth < 1:
            raise TooDeep
        return FrozenDict(
            {k: v if type(v) in _SCALARS else _freeze(v, depth - 1) for k, v in value.items()}
        )
    if isinstance(value, list):
        if depth < 1:
            raise TooDeep
        return FrozenList([v if type(v) in _SCALARS else _freeze(v, depth - 1) for v in value])
    return value
