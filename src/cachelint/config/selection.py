"""Which codes are active: ``select``, ``extend-select`` and ``ignore``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cachelint.codes import ALWAYS_SELECTED_PREFIX, INTERNAL_ERROR
from cachelint.errors import UsageError
from cachelint.record import Record, fill
from cachelint.scope.pathfilter import GlobSet

ALL = "ALL"


class Selection(Record):
    """The active codes, decided once per run."""

    __slots__ = ("active",)

    active: frozenset[str]

    def __init__(self, active: frozenset[str]) -> None:
        fill(self, active)

    def __contains__(self, code: object) -> bool:
        return code in self.active

    def without(self, codes: Iterable[str]) -> Selection:
        """This selection less ``codes`` (a crashed rule stays reported)."""
        return Selection(self.active - (set(codes) - {INTERNAL_ERROR}))


class PerFileIgnore(Record):
    """Codes turned off in the files that a glob matches (``per-file-ignores``)."""

    __slots__ = ("codes", "globs")

    globs: GlobSet
    codes: frozenset[str]

    def __init__(self, globs: GlobSet, codes: frozenset[str]) -> None:
        fill(self, globs, codes)


def build_selection(
    *,
    known: Iterable[str],
    enabled_by_default: Iterable[str],
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    option: str = "option",
) -> Selection:
    """Resolve code prefixes (``CL2``, ``CL301``, ``ALL``) against the known codes."""
    known = sorted(known)
    check_prefixes([*(select or ()), *extend_select, *ignore], known, option=option)
    chosen = set(enabled_by_default) if select is None else expand_prefixes(select, known)
    chosen |= expand_prefixes(extend_select, known)
    chosen |= {code for code in known if code.startswith(ALWAYS_SELECTED_PREFIX)}
    chosen -= expand_prefixes(ignore, known)
    chosen.add(INTERNAL_ERROR)  # a crashed rule is never silent
    return Selection(frozenset(chosen))


def expand_prefixes(prefixes: Iterable[str], known: Iterable[str]) -> set[str]:
    """The known codes that any of ``prefixes`` (or ``ALL``) names."""
    prefixes = list(prefixes)
    return {code for code in known if _matches_any(code, prefixes)}


def check_prefixes(prefixes: Iterable[str], known: Sequence[str], *, option: str) -> None:
    """Refuse a prefix that names no known code; ``option`` says where it was given."""
    for prefix in prefixes:
        if prefix != ALL and not any(code.startswith(prefix) for code in known):
            raise UsageError(
                f"{option}: unknown rule code or prefix {prefix!r} "
                f"(known: {min(known)} to {max(known)}, or ALL; see 'cachelint rules')"
            )


def _matches_any(code: str, prefixes: Iterable[str]) -> bool:
    return any(prefix == ALL or code.startswith(prefix) for prefix in prefixes)
