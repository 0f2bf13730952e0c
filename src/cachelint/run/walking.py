"""Check a walked folder in batches of package folders, with or without the result cache.

This process only lists the package folders (one ``scandir`` per tag folder)
and cuts them into batches; a worker walks, reads and checks each batch and
sends back what the run keeps (see :mod:`cachelint.run.batches`). With the
result cache, a folder whose part of the cache held nothing before this run
(a cold run, a new tag) goes to the workers all the same: they also describe
each page for the cache (:mod:`cachelint.run.cache.entry`), and this process
only stores the descriptions. The pages of the other folders are looked up
here, and only the misses are checked by a worker. Outcomes come back in walk
order, as the folders were listed.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, groupby, islice
from typing import TYPE_CHECKING, Any

from cachelint.config.check import CheckSettings
from cachelint.model import FileResult
from cachelint.record import MutableRecord, fill, replace
from cachelint.run.batches import CLEAN_RUN_LIMIT, Outcome, check_units
from cachelint.run.cache.entry import Described, check_for_cache
from cachelint.run.cache.results import ResultCache
from cachelint.run.checker import check_target
from cachelint.run.workers import (
    CHUNK_SIZE,
    CHUNKS_IN_FLIGHT_PER_WORKER,
    IN_PROCESS_LIMIT,
    UNITS_PER_BATCH,
    outcome_of,
    worker_pool,
)
from cachelint.scope.discovery import FolderWalk, Target

if TYPE_CHECKING:
    from concurrent.futures import Future

Checked = tuple[list[Outcome], list[Described]]
Submit = Callable[..., "Future[Checked]"]


def check_walk(
    walk: FolderWalk, settings: CheckSettings, *, jobs: int, cache: ResultCache | None = None
) -> Iterator[Outcome]:
    """Check the pages of a walked folder, in walk order, with ``jobs`` workers."""
    units = walk.units()
    head = list(islice(units, IN_PROCESS_LIMIT))
    here = _Walker(walk, settings, cache, submit=None)
    if jobs <= 1 or len(head) < IN_PROCESS_LIMIT:
        yield from here.check_here(chain(head, units))
    else:
        # The first folder is checked here: what it warms up (site data, schema
        # validators) is then inherited by forked workers instead of rebuilt in each.
        first = list(here.check_here(head[:1]))
        initargs = (settings, walk, cache is not None)
        with worker_pool(jobs, initargs, _start_walker) as pool:
            walker = _Walker(walk, settings, cache, pool.submit)
            yield from walker.run(
                chain(head[1:], units), limit=jobs * CHUNKS_IN_FLIGHT_PER_WORKER, first=first
            )
    if cache is not None:
        cache.save()


class _Job(MutableRecord):
    """Outcomes of consecutive units, in walk order.

    ``outcomes`` are known here (cache hits); each ``None`` among them stands for
    the next outcome of ``future``, and with no ``outcomes`` at all, every outcome
    of ``future`` is the job's (a batch of units).
    """

    __slots__ = ("future", "misses", "outcomes")

    outcomes: list[Outcome | None]
    misses: list[Target]
    future: Future[Checked] | None

    def __init__(
        self,
        outcomes: list[Outcome | None] | None = None,
        misses: list[Target] | None = None,
        future: Future[Checked] | None = None,
    ) -> None:
        fill(self, [] if outcomes is None else outcomes, [] if misses is None else misses, future)

    def ready(self) -> bool:
        return self.future is None or self.future.done()


class _Walker:
    def __init__(
        self,
        walk: FolderWalk,
        settings: CheckSettings,
        cache: ResultCache | None,
        submit: Submit | None,
    ) -> None:
        self.walk, self.settings, self.cache = walk, settings, cache
        self._submit = submit

    def check_here(self, units: Iterable[str]) -> Iterator[Outcome]:
        """The outcomes of ``units``, checked in this process as they come."""
        for may_hit, group in groupby(units, key=self._may_hit):
            if may_hit:
                yield from self._look_up_here(group)
                continue
            described: list[Described] = []
            check = partial(check_for_cache, described=described) if self.cache else check_target
            for outcome in check_units(self.walk, group, self.settings, check=check):
                self._store(described)
                described.clear()
                yield outcome

    def _look_up_here(self, units: Iterable[str]) -> Iterator[Outcome]:
        for unit in units:
            job = self._look_up(unit, _Job())
            described: list[Described] = []
            checked = [check_for_cache(target, self.settings, described) for target in job.misses]
            self._store(described)
            yield from _merged(job.outcomes, checked)

    def _store(self, described: list[Described]) -> None:
        if self.cache is not None:
            for entry, encoded in described:
                self.cache.store_encoded(entry, encoded)

    def run(
        self, units: Iterable[str], *, limit: int, first: Iterable[Outcome] = ()
    ) -> Iterator[Outcome]:
        """The outcomes of ``units`` (after ``first``), with at most ``limit`` jobs in flight."""
        pending: deque[_Job] = deque()
        jobs = self._jobs(units)
        pending.extend(islice(jobs, limit))
        yield from first  # handed on once the workers have batches to check
        for job in jobs:
            pending.append(job)
            while pending and (len(pending) > limit or pending[0].ready()):
                yield from self._take(pending.popleft())
        while pending:
            yield from self._take(pending.popleft())

    def _jobs(self, units: Iterable[str]) -> Iterator[_Job]:
        batch: list[str] = []
        known = _Job()
        for unit in units:
            if self._may_hit(unit):
                if batch:
                    yield self._batch(batch)
                    batch = []
                self._look_up(unit, known)
                if len(known.misses) >= CHUNK_SIZE or len(known.outcomes) >= CLEAN_RUN_LIMIT:
                    yield self._known(known)
                    known = _Job()
                continue
            if known.outcomes:
                yield self._known(known)
                known = _Job()
            batch.append(unit)
            if len(batch) == UNITS_PER_BATCH:
                yield self._batch(batch)
                batch = []
        if batch:
            yield self._batch(batch)
        if known.outcomes:
            yield self._known(known)

    def _may_hit(self, unit: str) -> bool:
        """Whether the cache may know a page of ``unit`` (files are always looked up)."""
        if self.cache is None:
            return False
        if not unit.endswith(os.sep):
            return True
        return self.cache.knows_folder(os.path.join(self.walk.named, unit[:-1]))

    def _look_up(self, unit: str, job: _Job) -> _Job:
        """``job`` with the pages of ``unit``: each hit, or ``None`` and the page as a miss."""
        assert self.cache is not None
        for target in self.walk.unit_targets(unit):
            hit = self.cache.lookup(target)
            job.outcomes.append(hit)
            if hit is None:
                job.misses.append(target)
        return job

    def _batch(self, units: list[str]) -> _Job:
        assert self._submit is not None
        return _Job(future=self._submit(_check_batch, units))

    def _known(self, job: _Job) -> _Job:
        if job.misses:
            assert self._submit is not None
            job.future = self._submit(_check_misses, job.misses)
        return job

    def _take(self, job: _Job) -> Iterator[Outcome]:
        outcomes, described = outcome_of(job.future) if job.future is not None else ([], [])
        self._store(described)
        yield from _merged(job.outcomes, outcomes) if job.outcomes else outcomes


def _merged(known: list[Outcome | None], checked: Iterable[Outcome]) -> Iterator[Outcome]:
    """``known`` with each ``None`` (a page the cache missed) replaced by the next checked."""
    rest = iter(checked)
    return (next(rest) if outcome is None else outcome for outcome in known)


# --- in this process, or in a worker ---


_WORKER: dict[str, Any] = {}


def _start_walker(settings: CheckSettings, walk: FolderWalk, describe: bool) -> None:
    _WORKER.update(settings=settings, walk=walk, describe=describe)


def _check_batch(units: list[str]) -> Checked:
    """Check the pages of ``units``: clean ones in runs, each described if the cache is on."""
    walk, settings = _WORKER["walk"], _WORKER["settings"]
    described: list[Described] = []
    check = partial(check_for_cache, described=described) if _WORKER["describe"] else check_target
    outcomes = check_units(walk, units, settings, check=check)
    return list(map(_without_fix, outcomes)), described


def _check_misses(targets: list[Target]) -> Checked:
    """Check pages the cache did not know, each described for it."""
    settings = _WORKER["settings"]
    described: list[Described] = []
    results = [_without_fix(check_for_cache(target, settings, described)) for target in targets]
    return results, described


def _without_fix(outcome: Outcome) -> Outcome:
    """A repair is written only by --fix, which checks in its own process: the fixed
    text of a page need not travel back from a worker."""
    if isinstance(outcome, FileResult) and outcome.fix is not None:
        return replace(outcome, fix=None)
    return outcome
