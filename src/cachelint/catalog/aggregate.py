"""Per-tag running totals, folded from page results as they stream in.

Whole-tag rules compare sums over every page of a tag; a real catalog has
about 150,000 pages. Each result carries a page's few facts
(:class:`~cachelint.catalog.facts.PageFacts`); the :class:`Aggregator` adds
them to its tag's totals and keeps nothing else of the page, so memory grows
with the number of tags and distinct values, not of pages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cachelint.catalog.facts import PageFacts
from cachelint.layout import data_file_kind
from cachelint.model import FileResult
from cachelint.page.boundary import CODE as BOUNDARY_CODE
from cachelint.page.boundary import DANGLING, LEAVES_CATALOG, LOOP
from cachelint.record import MutableRecord, Record, fill
from cachelint.scope.discovery import path_context
from cachelint.scope.roots import RootFinder


class TagAggregate(Record):
    """The totals of one tag's checked pages, as catalog rules see them.

    ``num_specs`` sums ``meta.num_specs`` over the pages; ``uncounted`` pages
    could not be read or have no valid ``meta.num_specs`` (``example`` names
    one), so the sum is short by theirs. ``compilers``, ``parameters`` (variant
    names: ``+shared`` -> ``shared``, ``build_system=cmake`` -> ``build_system``)
    and ``stacks`` are the distinct values over the tag's specs.
    """

    __slots__ = (
        "compilers",
        "example",
        "num_specs",
        "pages",
        "parameters",
        "stacks",
        "tag",
        "uncounted",
    )

    tag: str
    pages: int
    num_specs: int
    uncounted: int
    example: str
    compilers: frozenset[str]
    parameters: frozenset[str]
    stacks: frozenset[str]

    def __init__(
        self,
        tag: str,
        pages: int = 0,
        num_specs: int = 0,
        uncounted: int = 0,
        example: str = "",
        compilers: frozenset[str] = frozenset(),
        parameters: frozenset[str] = frozenset(),
        stacks: frozenset[str] = frozenset(),
    ) -> None:
        fill(self, tag, pages, num_specs, uncounted, example, compilers, parameters, stacks)

    @property
    def complete(self) -> bool:
        """Whether every page was counted, so ``num_specs`` is the tag's true sum."""
        return self.uncounted == 0


class _Totals(MutableRecord):
    __slots__ = ("compilers", "example", "num_specs", "pages", "parameters", "stacks", "uncounted")

    def __init__(
        self,
        pages: int = 0,
        num_specs: int = 0,
        uncounted: int = 0,
        example: str = "",
        compilers: set[str] | None = None,
        parameters: set[str] | None = None,
        stacks: set[str] | None = None,
    ) -> None:
        sets = (set() if found is None else found for found in (compilers, parameters, stacks))
        fill(self, pages, num_specs, uncounted, example, *sets)

    def add(self, facts: PageFacts | None, path: str) -> None:
        self.pages += 1
        if facts is None or facts.num_specs is None:
            self.uncounted += 1
            self.example = self.example or path
        else:
            self.num_specs += facts.num_specs
        if facts is not None:
            self.compilers |= facts.compilers
            self.parameters |= facts.parameters
            self.stacks |= facts.stacks

    def merge(self, later: _Totals) -> None:
        """Add the totals of pages counted after this one's."""
        self.pages += later.pages
        self.num_specs += later.num_specs
        self.uncounted += later.uncounted
        self.example = self.example or later.example
        self.compilers |= later.compilers
        self.parameters |= later.parameters
        self.stacks |= later.stacks

    def frozen(self, tag: str) -> TagAggregate:
        return TagAggregate(
            tag,
            self.pages,
            self.num_specs,
            self.uncounted,
            self.example,
            frozenset(self.compilers),
            frozenset(self.parameters),
            frozenset(self.stacks),
        )


_LINKS_JEKYLL_SKIPS = frozenset({DANGLING, LEAVES_CATALOG, LOOP})


def _unrendered_link(result: FileResult) -> bool:
    """A link Jekyll does not render (dangling, looping, leaving the site) is no page.

    It is reported (CL001), but a tag's total is over the pages the site shows.
    """
    return any(
        d.code == BOUNDARY_CODE and d.message in _LINKS_JEKYLL_SKIPS for d in result.diagnostics
    )


class Totals(MutableRecord):
    """What an :class:`Aggregator` keeps: per-tag totals, and a page of each catalog.

    A worker process counts a run of pages into its own; the parent adds it
    with :meth:`Aggregator.merge` (plain data: it pickles small).
    """

    __slots__ = ("examples", "tags")

    tags: dict[Path, dict[str, _Totals]]
    examples: dict[Path, str]

    def __init__(
        self,
        tags: dict[Path, dict[str, _Totals]] | None = None,
        examples: dict[Path, str] | None = None,
    ) -> None:
        fill(self, {} if tags is None else tags, {} if examples is None else examples)


class Aggregator:
    """Folds each checked page into its catalog's per-tag totals."""

    def __init__(self, roots: RootFinder) -> None:
        self._roots = roots
        self.totals = Totals()
        self._totals = self.totals.tags
        self._examples = self.totals.examples

    def merge(self, later: Totals) -> None:
        """Add totals counted (elsewhere) over the pages that come after those added so far."""
        for root, example in later.examples.items():
            self._examples.setdefault(root, example)
        for root, tags in later.tags.items():
            mine = self._totals.setdefault(root, {})
            for tag, totals in tags.items():
                mine.setdefault(tag, _Totals()).merge(totals)

    def add(self, result: FileResult) -> None:
        """Count one file's result (files that were not checked are not pages)."""
        if not result.checked:
            return
        location = os.path.abspath(result.path)  # strings: this runs for every page
        root = self._roots.root_of_folder(os.path.dirname(location))
        if root is None:
            return
        tag = path_context(location.split(os.sep)).tag
        if tag is None and data_file_kind(location):
            return  # a data file named on the command line is no page of its catalog
        if _unrendered_link(result):
            return
        self._examples.setdefault(root, result.path)
        tags = self._totals.setdefault(root, {})
        if tag is not None:
            tags.setdefault(tag, _Totals()).add(result.facts, result.path)

    def roots(self) -> dict[Path, str]:
        """Each catalog root a checked page was in, with one such page as the user named it."""
        return dict(self._examples)

    def state(self) -> list[Any]:
        """Everything summed so far as plain data (the result cache's run snapshot keeps it)."""
        return [
            [str(root), example, [[tag, *_plain(totals)] for tag, totals in tags.items()]]
            for (root, example), tags in zip(
                self._examples.items(), map(self._totals.__getitem__, self._examples), strict=True
            )
        ]

    def restore(self, state: Any) -> bool:
        """Take the totals :meth:`state` gave (before any page is added); ``False``: malformed."""
        try:
            restored = {
                Path(root): (example, {tag: _Totals(*_checked(row)) for tag, *row in tags})
                for root, example, tags in state
            }
        except (TypeError, ValueError):
            return False
        for example, tags in restored.values():
            if not isinstance(example, str) or not all(isinstance(tag, str) for tag in tags):
                return False
        for root, (example, tags) in restored.items():
            self._examples[root] = example
            self._totals[root] = tags
        return True

    def aggregates(self, root: Path) -> dict[str, TagAggregate]:
        """The totals of each tag of ``root`` that had a checked page."""
        tags = self._totals.get(root, {})
        return {tag: totals.frozen(tag) for tag, totals in sorted(tags.items())}


def _plain(totals: _Totals) -> list[Any]:
    return [
        totals.pages,
        totals.num_specs,
        totals.uncounted,
        totals.example,
        sorted(totals.compilers),
        sorted(totals.parameters),
        sorted(totals.stacks),
    ]


def _checked(row: list[Any]) -> tuple[Any, ...]:
    """A :func:`_plain` row back as the fields of :class:`_Totals` (``ValueError``: not one)."""
    pages, num_specs, uncounted, example, compilers, parameters, stacks = row
    numbers_ok = all(type(n) is int and n >= 0 for n in (pages, num_specs, uncounted))
    sets = (compilers, parameters, stacks)
    if not numbers_ok or not isinstance(example, str) or not all(map(_strings, sets)):
        raise ValueError("not the totals of a tag")
    return (pages, num_specs, uncounted, example, set(compilers), set(parameters), set(stacks))


def _strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(value, str) for value in values)
