"""Check files in worker processes; results come back in input order, as they come.

Small runs (a pre-commit hook passing a few files) stay in this process: starting
workers costs more than it saves. Larger runs stream targets to the workers in
chunks, with a bounded number in flight, so memory stays flat however large the
catalog is. An optional ``lookup`` answers some targets in this process (the
result cache) without sending them to a worker; the order is kept all the same.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cachelint.config.check import CheckSettings
from cachelint.errors import CachelintError
from cachelint.scope.discovery import Target

if TYPE_CHECKING:  # imported when workers start: a pre-commit run of a few files needs none
    from concurrent.futures import Future, ProcessPoolExecutor

R = TypeVar("R")

IN_PROCESS_LIMIT = 64  # fewer files than this are checked without workers
CHUNK_SIZE = 32
CHUNKS_IN_FLIGHT_PER_WORKER = 4
UNITS_PER_BATCH = 24  # package folders (about one page each) a worker walks and checks at once


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def outcome_of(future: Future[R]) -> R:
    """The result of a worker's job; a worker that died is a clear error."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise CachelintError(f"a worker process died: {exc}; retry with --jobs 1") from exc


def worker_pool(
    jobs: int, initargs: tuple[Any, ...], initializer: Callable[..., None]
) -> ProcessPoolExecutor:
    """Workers forked from this process where the platform allows: they start with its
    modules imported and its caches warm, instead of importing everything again."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs
    )


def check_all(
    targets: Iterable[Target],
    settings: CheckSettings,
    *,
    jobs: int,
    check: Callable[[Target, CheckSettings], R],
    lookup: Callable[[Target], R | None] | None = None,
) -> Iterator[R]:
    """``check`` every target (unless ``lookup`` knows it), in order, with ``jobs`` workers."""
    remaining = iter(targets)
    head = list(islice(remaining, IN_PROCESS_LIMIT))
    if jobs <= 1 or len(head) < IN_PROCESS_LIMIT:
        for target in chain(head, remaining):
            known = lookup(target) if lookup else None
            yield known if known is not None else check(target, settings)
        return
    # The first file is checked here, before the workers start: what it warms up
    # (site data, schema validators) is then inherited by forked workers, instead
    # of being rebuilt in each of them.
    first = head.pop(0)
    known = lookup(first) if lookup else None
    yield known if known is not None else check(first, settings)
    pipeline = _Pipeline(settings, jobs=jobs, check=check)
    yield from pipeline.run(chain(head, remaining), lookup)


class _Chunk(Generic[R]):
    """Targets sent to a worker together; ``left`` counts results not yet handed out."""

    __slots__ = ("future", "left", "targets")

    def __init__(self) -> None:
        self.targets: list[Target] = []
        self.future: Future[list[R]] | None = None
        self.left = 0


# A slot is a known result, or the place of a target in a chunk.
_Slot = tuple[Any, "_Chunk[Any] | None", int]


class _Pipeline(Generic[R]):
    def __init__(
        self, settings: CheckSettings, *, jobs: int, check: Callable[[Target, CheckSettings], R]
    ) -> None:
        self.settings, self.jobs, self.check = settings, jobs, check
        self.submitted = 0  # chunks sent whose results are not all handed out

    def run(
        self, targets: Iterator[Target], lookup: Callable[[Target], R | None] | None
    ) -> Iterator[R]:
        from concurrent.futures.process import BrokenProcessPool

        slots: deque[_Slot] = deque()
        limit = self.jobs * CHUNKS_IN_FLIGHT_PER_WORKER
        try:
            with worker_pool(self.jobs, (self.settings, self.check), _start_worker) as pool:
                chunk: _Chunk[R] = _Chunk()
                for target in targets:
                    known = lookup(target) if lookup else None
                    if known is not None:
                        slots.append((known, None, 0))
                    else:
                        slots.append((None, chunk, len(chunk.targets)))
                        chunk.targets.append(target)
                        if len(chunk.targets) == CHUNK_SIZE:
                            self._submit(pool, chunk)
                            chunk = _Chunk()
                    while slots and (_ready(slots[0]) or self.submitted >= limit):
                        yield self._take(slots)
                if chunk.targets:
                    self._submit(pool, chunk)
                while slots:
                    yield self._take(slots)
        except BrokenProcessPool as exc:
            raise CachelintError(f"a worker process died: {exc}; retry with --jobs 1") from exc

    def _submit(self, pool: ProcessPoolExecutor, chunk: _Chunk[R]) -> None:
        chunk.future = pool.submit(_check_chunk, chunk.targets)
        chunk.left = len(chunk.targets)
        self.submitted += 1

    def _take(self, slots: deque[_Slot]) -> R:
        known, chunk, index = slots.popleft()
        if chunk is None:
            return known
        assert chunk.future is not None, "a slot is taken only once its chunk is sent"
        result = chunk.future.result()[index]
        chunk.left -= 1
        if chunk.left == 0:
            self.submitted -= 1
        return result


def _ready(slot: _Slot) -> bool:
    _, chunk, _ = slot
    return chunk is None or (chunk.future is not None and chunk.future.done())


_WORKER: dict[str, Any] = {}


def _start_worker(settings: CheckSettings, check: Callable[[Target, CheckSettings], Any]) -> None:
    _WORKER["settings"] = settings
    _WORKER["check"] = check


def _check_chunk(chunk: list[Target]) -> list[Any]:
    settings, check = _WORKER["settings"], _WORKER["check"]
    return [check(target, settings) for target in chunk]
