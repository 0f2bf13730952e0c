"""Check a walked folder in batches: what a worker sends back is what the run keeps.

A worker is handed a batch of units of a :class:`~cachelint.scope.discovery.FolderWalk`
(package folders and the odd file, as strings), walks and checks them, and
sends back, in walk order, the results that say something (findings, a skip,
a repair) and, for each run of clean pages between them, one
:class:`CleanPages`: their names, their count and their tags' totals. The
parent unpickles nothing per clean page, and keeps nothing of it but its name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from cachelint.catalog.aggregate import Aggregator, Totals
from cachelint.config.check import CheckSettings
from cachelint.model import FileResult
from cachelint.record import MutableRecord, fill
from cachelint.run.checker import check_target
from cachelint.scope.discovery import FolderWalk, Target

# A run of clean pages checked in this process is handed on after this many:
# memory stays flat however large the catalog is.
CLEAN_RUN_LIMIT = 512


class CleanPages(MutableRecord):
    """Consecutive checked pages with nothing to report: their names and their tags' totals."""

    __slots__ = ("paths", "totals")

    paths: list[str]
    totals: Totals

    def __init__(self, paths: list[str] | None = None, totals: Totals | None = None) -> None:
        fill(self, [] if paths is None else paths, Totals() if totals is None else totals)

    @property
    def count(self) -> int:
        return len(self.paths)


Outcome = FileResult | CleanPages


def is_clean(result: FileResult) -> bool:
    """A checked page with no finding, no repair and nothing to say."""
    return (
        result.checked
        and not result.diagnostics
        and result.fix is None
        and not result.fix_note
        and not result.note
    )


def check_units(
    walk: FolderWalk,
    units: Iterable[str],
    settings: CheckSettings,
    *,
    check: Callable[[Target, CheckSettings], FileResult] = check_target,
) -> Iterator[Outcome]:
    """``check`` the pages of ``units`` in walk order; clean ones come in :class:`CleanPages`."""
    clean: Aggregator | None = None
    paths: list[str] = []
    for unit in units:
        for target in walk.unit_targets(unit):
            result = check(target, settings)
            if not is_clean(result):
                if clean is not None:
                    yield CleanPages(paths, clean.totals)
                    clean, paths = None, []
                yield result
                continue
            if clean is None:
                clean = Aggregator(settings.catalogs.finder)
            clean.add(result)
            paths.append(result.path)
            if len(paths) >= CLEAN_RUN_LIMIT:
                yield CleanPages(paths, clean.totals)
                clean, paths = None, []
    if clean is not None:
        yield CleanPages(paths, clean.totals)
