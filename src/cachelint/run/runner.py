"""Run the checks over every target and collect the results of the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Protocol

from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.model import Diagnostic, DiagnosticCounts, FileResult, Severity
from cachelint.record import MutableRecord, fill
from cachelint.run.batches import CleanPages
from cachelint.run.cache.entry import check_and_describe
from cachelint.run.cache.results import ResultCache
from cachelint.run.checker import check_target
from cachelint.run.compact import CompactList
from cachelint.run.walking import check_walk
from cachelint.run.workers import check_all
from cachelint.scope.discovery import FolderWalk, Target

if TYPE_CHECKING:
    from cachelint.catalog.summary import CatalogSummary

CheckFunction = Callable[[Target, CheckSettings], FileResult]


class RunResult(DiagnosticCounts, MutableRecord):
    """Everything a reporter needs: diagnostics in order, and file counts."""

    __slots__ = ("catalogs", "checked_files", "diagnostics", "skipped")

    diagnostics: list[Diagnostic]
    checked_files: CompactList
    skipped: list[tuple[str, str]]
    catalogs: list[CatalogSummary]  # set by the catalog pass

    def __init__(
        self,
        diagnostics: list[Diagnostic] | None = None,
        checked_files: CompactList | None = None,
        skipped: list[tuple[str, str]] | None = None,
        catalogs: list[CatalogSummary] | None = None,
    ) -> None:
        checked_files = CompactList() if checked_files is None else checked_files
        lists = ([] if found is None else found for found in (skipped, catalogs))
        fill(self, [] if diagnostics is None else diagnostics, checked_files, *lists)

    @property
    def internal_error(self) -> bool:
        return any(d.code == INTERNAL_ERROR for d in self.diagnostics)


class Snapshot(Protocol):
    """A whole-run snapshot (see :mod:`cachelint.run.cache.snapshot`)."""

    def replay(self, on_file: Callable[[FileResult], None] | None) -> RunResult | None: ...

    def observe(
        self, on_file: Callable[[FileResult], None] | None
    ) -> Callable[[FileResult], None]: ...

    def observe_pages(
        self, on_pages: Callable[[CleanPages], None] | None
    ) -> Callable[[CleanPages], None]: ...

    def save(self, run: RunResult) -> None: ...


def run_checks(
    targets: Iterable[Target],
    settings: CheckSettings,
    *,
    on_file: Callable[[FileResult], None] | None = None,
    on_pages: Callable[[CleanPages], None] | None = None,
    check: CheckFunction = check_target,
    jobs: int = 1,
    cache: ResultCache | None = None,
    given: Iterable[FileResult] = (),
    snapshot: Snapshot | None = None,
) -> RunResult:
    """Check each target with ``check``; the diagnostics come back sorted by path and position.

    ``given`` results (a page read from standard input) are taken as they are.
    With ``on_pages``, runs of clean pages of a walked folder may come to it as
    :class:`~cachelint.run.batches.CleanPages` instead of one by one to ``on_file``,
    and results from worker processes then carry no ``fix`` (``--fix`` checks in
    this process).
    A ``snapshot`` that still holds answers for the whole run answers it, else
    records this one.
    """
    if snapshot is not None:
        replayed = snapshot.replay(on_file)
        if replayed is not None:
            return replayed
        on_file = snapshot.observe(on_file)
        on_pages = snapshot.observe_pages(on_pages)
    run = RunResult()
    outcomes: Iterable[FileResult | CleanPages]
    if _walks_in_batches(targets, on_file, on_pages, check):
        assert isinstance(targets, FolderWalk)
        outcomes = check_walk(targets, settings, jobs=jobs, cache=cache)
    else:
        outcomes = _results(targets, settings, jobs=jobs, check=check, cache=cache)
    for result in chain(given, outcomes):
        if isinstance(result, CleanPages):
            run.checked_files.extend(result.paths)
            if on_pages is not None:
                on_pages(result)
            continue
        if on_file is not None:
            on_file(result)
        if not result.checked:
            run.skipped.append((result.path, result.note))
            continue
        run.checked_files.append(result.path)
        run.diagnostics.extend(result.diagnostics)
    run.diagnostics.sort(key=lambda d: d.sort_key)
    if snapshot is not None:
        snapshot.save(run)
    return run


def _walks_in_batches(
    targets: Iterable[Target],
    on_file: Callable[[FileResult], None] | None,
    on_pages: Callable[[CleanPages], None] | None,
    check: CheckFunction,
) -> bool:
    """Whether the pages can be walked and checked in batches (by workers, when there are some).

    Whoever watches each result (``on_file`` without ``on_pages``) must see each one.
    """
    return (
        isinstance(targets, FolderWalk)
        and check is check_target
        and (on_file is None or on_pages is not None)
    )


def _results(
    targets: Iterable[Target],
    settings: CheckSettings,
    *,
    jobs: int,
    check: CheckFunction,
    cache: ResultCache | None,
) -> Iterator[FileResult]:
    if cache is None:
        yield from check_all(targets, settings, jobs=jobs, check=check)
        return
    described = check_all(
        targets, settings, jobs=jobs, check=check_and_describe, lookup=_cached(cache)
    )
    for result, entry in described:
        if entry is not None:
            cache.store(entry, result)
        yield result
    cache.save()


def _cached(cache: ResultCache) -> Callable[[Target], tuple[FileResult, None] | None]:
    def lookup(target: Target) -> tuple[FileResult, None] | None:
        hit = cache.lookup(target)
        return None if hit is None else (hit, None)

    return lookup


def exit_status(
    run: RunResult, *, exit_zero: bool = False, fail_on: Severity = Severity.ERROR
) -> int:
    """0 clean, 1 findings at or above ``fail_on``, 2 a rule crashed (even with ``exit_zero``)."""
    if run.internal_error:
        return 2
    if exit_zero:
        return 0
    failing = run.errors + (run.warnings if fail_on is Severity.WARNING else 0)
    return 1 if failing else 0
