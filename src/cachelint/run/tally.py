"""Count pages toward their tags' totals without checking them.

With ``--changed-since`` a few pages are checked, but the whole-tag rules of
their tags compare sums over every page of the tag. The other pages of those
tags are only counted: their facts come from the result cache when it knows
the file, and are otherwise read with the checker's own parser (the fast path
where the page allows) with no schema or rule run, about half the cost of a
check. Their findings are not reported: they did not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cachelint.catalog.facts import page_facts
from cachelint.config.check import CheckSettings
from cachelint.model import FileResult, Finding
from cachelint.page.parse import parse_front_matter
from cachelint.page.split import has_opening_fence, split_front_matter
from cachelint.run.cache.results import ResultCache
from cachelint.run.reading import read_target
from cachelint.run.workers import check_all
from cachelint.scope.discovery import Target

# Forking workers costs more than counting a few hundred pages in this process.
IN_PROCESS_TALLY = 2000


def tally(
    targets: Iterable[Target],
    settings: CheckSettings,
    *,
    cache: ResultCache | None = None,
    jobs: int = 1,
) -> Iterator[FileResult]:
    """The facts of each target (results with no diagnostics), in order."""
    listed = list(targets)
    workers = jobs if len(listed) > IN_PROCESS_TALLY else 1
    lookup = cache.lookup if cache is not None else None
    return check_all(listed, settings, jobs=workers, check=tally_target, lookup=lookup)


def tally_target(target: Target, settings: CheckSettings) -> FileResult:
    """One page's facts, read as :func:`~cachelint.run.checker.check_target` reads them.

    Targets are found pages below a tag folder: one without front matter
    (CL002 there), or that cannot be read or parsed, is counted without facts
    (its tag's sum is then unknown, as in a full run).
    """
    if target.excluded:
        return FileResult(target.display, checked=False, note=target.excluded)
    source = read_target(target, settings)
    if isinstance(source, Finding):
        return FileResult(target.display, checked=True)
    if not (target.in_cache or has_opening_fence(source.text)):
        return FileResult(target.display, checked=False, note="no front matter")
    front_matter = split_front_matter(source.text)
    if isinstance(front_matter, Finding):
        return FileResult(target.display, checked=True)
    parsed = parse_front_matter(front_matter, max_depth=settings.limits.max_depth)
    if parsed.findings:
        return FileResult(target.display, checked=True)
    return FileResult(target.display, checked=True, facts=page_facts(parsed.data))
