"""Which findings get the annotations GitHub shows: as many pages as possible.

GitHub shows 10 error and 10 warning annotations per step and drops the rest
(they stay in the log). Printed in file order, the ten shown errors go to the
first one or two pages, and the rest of a broken catalog gets none. So the
annotations are printed in an order that spreads the shown ones: every page's
worst finding before any page's second, the pages with the most errors first;
warnings go first to pages that no shown error names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

from cachelint.model import Diagnostic, Severity
from cachelint.record import Record, fill

SHOWN_PER_LEVEL = 10
_Numbered = tuple[int, Diagnostic]  # a diagnostic and its place in the report


class AnnotationPlan(Record):
    """The annotations to print first (GitHub shows these), then all the others."""

    __slots__ = ("rest", "shown")

    shown: tuple[Diagnostic, ...]
    rest: tuple[Diagnostic, ...]

    def __init__(self, shown: tuple[Diagnostic, ...], rest: tuple[Diagnostic, ...]) -> None:
        fill(self, shown, rest)

    @property
    def pages_shown(self) -> int:
        return len({d.path for d in self.shown})

    @property
    def hidden(self) -> bool:
        """True when GitHub will not show every annotation."""
        return bool(self.rest)


def plan_annotations(
    diagnostics: Sequence[Diagnostic], *, per_level: int = SHOWN_PER_LEVEL
) -> AnnotationPlan:
    """Choose ``per_level`` errors and warnings covering the most pages; keep the rest in order."""
    numbered = list(enumerate(diagnostics))
    pages = [list(found) for _, found in groupby(numbered, key=lambda item: item[1].path)]
    errors = _spread(_of(pages, Severity.ERROR), per_level, named=set())
    named = {diagnostics[i].path for i in errors}
    warnings = _spread(_of(pages, Severity.WARNING), per_level, named=named)
    chosen = {*errors, *warnings}
    return AnnotationPlan(
        shown=tuple(d for i, d in numbered if i in chosen),  # in file order
        rest=tuple(d for i, d in numbered if i not in chosen),
    )


def _of(pages: Iterable[list[_Numbered]], severity: Severity) -> list[list[_Numbered]]:
    """Each page's findings of one severity, worst page (most findings) first."""
    found = [[item for item in page if item[1].severity is severity] for page in pages]
    # sorted() is stable: pages with equal counts keep their file order
    return sorted((page for page in found if page), key=lambda page: -len(page))


def _spread(pages: list[list[_Numbered]], limit: int, *, named: set[str]) -> list[int]:
    """Round-robin over the pages, pages not yet ``named`` first, until ``limit`` are taken."""
    fresh = [page for page in pages if page[0][1].path not in named]
    pages = fresh + [page for page in pages if page[0][1].path in named]
    taken: list[int] = []
    turn = 0
    while len(taken) < limit and any(turn < len(page) for page in pages):
        for page in pages:
            if turn < len(page) and len(taken) < limit:
                taken.append(page[turn][0])
        turn += 1
    return taken
