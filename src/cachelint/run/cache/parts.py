"""The parts of the result cache: each a stat index and the results it leads to.

See :mod:`cachelint.run.cache.results` for how parts are found, split and saved.
"""

from __future__ import annotations

from typing import Any

from cachelint.record import MutableRecord, fill
from cachelint.run.cache.entry import StatSignature


class Part(MutableRecord):
    """The results of one part: stat index (path -> signature, key, context) and results.

    A result is stored with its page's package folder name, so that a part that
    grows past :data:`~cachelint.run.cache.results.MAX_ENTRIES` can be split by
    the next letter of it.

    ``loaded`` counts the results read from disk: only those can answer a
    content lookup (this run's own are for other paths, and the key holds the
    path), so a cold run reads each page once. ``fresh``: nothing was on disk
    when this run first read it, so no page this run has yet to check can be
    answered from it (this run's own entries are for the pages it checked).
    """

    __slots__ = ("dirty", "fresh", "loaded", "results", "split", "stats", "used")

    stats: dict[str, list[Any]]
    results: dict[str, list[Any]]
    used: set[str]
    split: bool
    dirty: bool
    loaded: int
    fresh: bool

    def __init__(
        self,
        stats: dict[str, list[Any]] | None = None,
        results: dict[str, list[Any]] | None = None,
        used: set[str] | None = None,
        split: bool = False,
        dirty: bool = False,
        loaded: int = 0,
        fresh: bool = False,
    ) -> None:
        stats, results = ({} if found is None else found for found in (stats, results))
        fill(self, stats, results, set() if used is None else used, split, dirty, loaded, fresh)


def signature_matches(known: Any, current: StatSignature, context: str) -> bool:
    """Whether a stat index entry says the file is the one it describes."""
    return (
        isinstance(known, list)
        and len(known) == 3
        and known[0] == list(current)
        and known[2] == context
    )


def child_of(part: Part) -> Part:
    """A new part for some of the results of ``part``, which is being split."""
    return Part(dirty=True, loaded=part.loaded, fresh=part.fresh)


def load_part(loaded: Any) -> Part:
    """The part a store held (anything else, a part not written or forged: an empty one)."""
    if isinstance(loaded, dict):
        if loaded.get("split") is True:
            return Part(split=True)
        stats, results = loaded.get("stats"), loaded.get("results")
        if isinstance(stats, dict) and isinstance(results, dict):
            return Part(stats, results, loaded=len(results))
    return Part()
