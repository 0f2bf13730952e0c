"""The parts of the result cache: each a stat index and the results it leads to.

See :mod:`cachelint.run.cache.results` for how parts are found, split and saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cachelint.run.cache.entry import StatSignature


@dataclass(slots=True)
class Part:
    """The results of one part: stat index (path -> signature, key, context) and results.

    A result is stored with its page's package folder name, so that a part that
    grows past :data:`~cachelint.run.cache.results.MAX_ENTRIES` can be split by
    the next letter of it.
    """

    stats: dict[str, list[Any]] = field(default_factory=dict)
    results: dict[str, list[Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    split: bool = False
    dirty: bool = False
    # Results read from disk: only those can answer a content lookup (this run's own
    # are for other paths, and the key holds the path), so a cold run reads each page once.
    loaded: int = 0
    # Nothing on disk when this run first read it: no page this run has yet to check
    # can be answered from it (this run's own entries are for the pages it checked).
    fresh: bool = False


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
