"""Plain value classes: the records the pipeline stages pass to each other.

A record's fields are the parameters of its ``__init__``, in their order,
each kept in a slot of the same name; :class:`Record` adds what a frozen dataclass
would (read-only fields, comparison, hashing, ``repr``, pickling) and
:class:`MutableRecord` what a plain one would. ``dataclasses`` writes those
methods when a module is imported, compiling a handful of functions a class:
0.8 ms a class as measured, and on the path of a one-page pre-commit run 65
classes, a third of the run. A record's methods are written once,
here, and read each class's fields from its ``__init__``.

A slot that is not a parameter is not a field: state the class derives in
its ``__init__`` from its fields, left out of comparison, ``repr``, pickling
and :func:`replace`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, ClassVar, TypeVar

_SET = object.__setattr__
R = TypeVar("R", bound="_Fields")


class _Fields:
    """What both kinds of record share: the fields, found once per class."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Any] = staticmethod(lambda record: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is not None:
            code = init.__code__
            cls._fields = code.co_varnames[1 : code.co_argcount]
            cls._values = _values_getter(cls._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) == self._values(other))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self._items())
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        # Results and cache entries travel back from worker processes: positional
        # fields pickle at half the cost of a slotted class's state.
        return (self.__class__, self._values(self))

    def _items(self) -> zip[tuple[str, Any]]:
        return zip(self._fields, self._values(self), strict=True)


class Record(_Fields):
    """A frozen record: fields are set once, by ``__init__`` (through :func:`fill`)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a {self.__class__.__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a {self.__class__.__name__}")

    def __hash__(self) -> int:
        return hash(self._values(self))


class MutableRecord(_Fields):
    """A record whose fields can change (an accumulator); not hashable."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]


def fill(record: _Fields, *values: Any) -> None:
    """Set ``record``'s fields, in order, from its ``__init__``'s parameters."""
    for name, value in zip(record._fields, values, strict=True):
        _SET(record, name, value)


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with the fields ``changes`` names set to new values."""
    unknown = changes.keys() - set(record._fields)
    if unknown:
        raise TypeError(f"{record.__class__.__name__} has no field {sorted(unknown)[0]!r}")
    values = (changes.get(name, value) for name, value in record._items())
    return record.__class__(*values)


def _values_getter(fields: tuple[str, ...]) -> Any:
    """A function from a record to the tuple of its fields' values (in C past the call)."""
    if not fields:
        return staticmethod(lambda record: ())
    if len(fields) == 1:
        single = attrgetter(fields[0])
        return staticmethod(lambda record: (single(record),))
    return staticmethod(attrgetter(*fields))
