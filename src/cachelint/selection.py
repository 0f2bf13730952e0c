"""Which codes are active: ``select``, ``extend-select`` and ``ignore``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cachelint.codes import ALWAYS_SELECTED_PREFIX, INTERNAL_ERROR
from cachelint.errors import UsageError

ALL = "ALL"


@dataclass(frozen=True, slots=True)
class Selection:
    """The active codes, decided once per run."""

    active: frozenset[str]

    def __contains__(self, code: object) -> bool:
        return code in self.active


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
    for prefix in [*(select or ()), *extend_select, *ignore]:
        _check_prefix(prefix, known, option)
    if select is None:
        chosen = set(enabled_by_default)
    else:
        chosen = {code for code in known if _matches_any(code, select)}
    chosen |= {code for code in known if _matches_any(code, extend_select)}
    chosen |= {code for code in known if code.startswith(ALWAYS_SELECTED_PREFIX)}
    chosen -= {code for code in known if _matches_any(code, ignore)}
    chosen.add(INTERNAL_ERROR)  # a crashed rule is never silent
    return Selection(frozenset(chosen))


def _matches_any(code: str, prefixes: Iterable[str]) -> bool:
    return any(prefix == ALL or code.startswith(prefix) for prefix in prefixes)


def _check_prefix(prefix: str, known: list[str], option: str) -> None:
    if prefix != ALL and not any(code.startswith(prefix) for code in known):
        raise UsageError(
            f"{option}: unknown rule code or prefix {prefix!r} "
            f"(known: {known[0]} to {known[-1]}, or ALL; see 'cachelint rules')"
        )
