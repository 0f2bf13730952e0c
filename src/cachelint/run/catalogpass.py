"""The catalog pass: once the pages are checked, check each catalog as a whole.

While pages stream through the checker, the pass watches each result (the
run's ``on_file`` hook) and adds the page's facts to its tag's totals. When
the pages are done, for each catalog a checked page lies in it reports the
site data files' own findings (CL508), then runs each selected catalog rule
whose data is there and whose scope the checked paths cover, and adds their
diagnostics to the run. A rule that raises is reported as CL900, like a page
rule.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from cachelint.catalog.aggregate import Aggregator
from cachelint.catalog.changes import TagChange
from cachelint.catalog.rule import CatalogRule, Scope
from cachelint.catalog.sitedata import SiteFile, SiteFiles
from cachelint.catalog.summary import summarize
from cachelint.catalog.view import Catalog, CatalogFinding
from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.model import FILE_START, FileResult
from cachelint.record import replace
from cachelint.run.batches import CleanPages
from cachelint.run.catalogplace import place_findings
from cachelint.run.runner import RunResult
from cachelint.scope.coverage import Coverage, coverage
from cachelint.scope.shard import Shard

FileCallback = Callable[[FileResult], None]


class CatalogPass:
    """Checks the catalogs of one run; ``paths`` are the checked paths as given.

    ``shard`` keeps the whole-tag rules to the tags of one shard, and the site
    data and whole-catalog rules to the first. ``touched`` (``--changed-since``)
    names, for each catalog root, the tags whose whole-tag rules run instead
    of those the paths cover; the whole-catalog rules run on those catalogs.
    """

    def __init__(
        self,
        paths: Sequence[str],
        settings: CheckSettings,
        *,
        log: Callable[[str], None] | None = None,
        shard: Shard | None = None,
        touched: Mapping[Path, frozenset[str]] | None = None,
        changes: Mapping[Path, tuple[TagChange, ...]] | None = None,
    ) -> None:
        self._paths = list(paths)
        self._settings = settings
        self._index = settings.catalogs
        self._aggregator = Aggregator(self._index.finder)
        self._log = log
        self._shard = shard
        self._touched = touched
        self._changes = changes
        self._read: set[Path] = set()  # the roots whose data files were read ahead

    @property
    def aggregator(self) -> Aggregator:
        """The per-tag totals (a run snapshot of the result cache saves and restores them)."""
        return self._aggregator

    def observe(self, on_file: FileCallback | None = None) -> FileCallback:
        """An ``on_file`` hook that counts each result, then hands it to ``on_file``."""

        def observe_file(result: FileResult) -> None:
            self._aggregator.add(result)
            if on_file is not None:
                on_file(result)

        return observe_file

    def observe_pages(
        self, on_pages: Callable[[CleanPages], None] | None = None
    ) -> Callable[[CleanPages], None]:
        """An ``on_pages`` hook that adds runs of clean pages to their tags' totals."""

        def observe_run(pages: CleanPages) -> None:
            self._aggregator.merge(pages.totals)
            if pages.totals.examples.keys() - self._read:
                self._read_site_files()
            if on_pages is not None:
                on_pages(pages)

        return observe_run

    def _read_site_files(self) -> None:
        """Read the data files of each catalog met so far, as :meth:`finish` will.

        Called as pages stream in from worker processes: reading ``meta.yaml``
        then costs no time of theirs, instead of delaying the end of the run.
        """
        for root, named_from in self._aggregator.roots().items():
            if root not in self._read:
                self._read.add(root)
                self._index.site_files(root, named_from=named_from, limits=self._settings.limits)

    def count(self, results: Iterable[FileResult]) -> None:
        """Add pages to their tags' totals without reporting them (the rest of a touched tag)."""
        for result in results:
            self._aggregator.add(result)

    def coverage(self, root: Path) -> Coverage:
        """How much of the catalog at ``root`` this run covers."""
        if self._touched is not None:
            tags = self._touched.get(root, frozenset())
            return Coverage(whole=False, tags=tags, catalog_rules=True)
        return replace(coverage(root, self._paths), shard=self._shard)

    def finish(self, run: RunResult) -> None:
        """Add the findings about each catalog, and its data files, to ``run``."""
        roots = self._roots()
        if not roots and self._touched is not None:
            self._note("no catalog changed: the catalog rules have nothing to check")
            return
        if not roots:
            self._note(
                "no catalog root (a folder holding _cache/ and _data/) at or above the "
                "checked pages: the catalog rules are skipped"
            )
            return
        for root, named_from in roots.items():
            files = self._index.site_files(
                root, named_from=named_from, limits=self._settings.limits
            )
            covered = self.coverage(root)
            catalog = Catalog(
                files=files,
                coverage=covered,
                aggregates=self._aggregator.aggregates(root),
                limits=self._settings.limits,
                memo=self._index.memo,
                changes=None if self._changes is None else self._changes.get(root, ()),
                spack=self._settings.spack,
            )
            rule_findings = self._run_rules(catalog)  # the tag pages they ask for are read
            # The data files among the checked names (one pass over them): a data file
            # named on the command line reports its own findings, and is counted once.
            checked = _among(run.checked_files, {f.display for f in catalog.files()})
            own = _file_findings(files, checked) if covered.reports_site else iter(())
            findings = [*own, *rule_findings]
            run.diagnostics.extend(place_findings(findings, catalog.files(), self._settings))
            if not covered.reports_site:  # the first shard counts the site data files
                checked.update(f.display for f in files.files())
            run.checked_files.extend(f.display for f in catalog.files() if f.display not in checked)
            run.catalogs.append(summarize(catalog))  # health by tag, for the html report
        run.diagnostics.sort(key=lambda d: d.sort_key)

    def _roots(self) -> dict[Path, str]:
        """Each catalog a checked page is in, or whose tags a checked folder covers."""
        roots = self._aggregator.roots()
        if self._touched is not None:  # --changed-since: the catalogs with changes
            for root in self._touched:
                roots.setdefault(root, os.path.relpath(root))
            return roots
        for path in self._paths:
            root = self._index.finder.root_of(path)
            if root is not None and root not in roots and coverage(root, [path]).covers_any:
                roots[root] = path
        return roots

    def _run_rules(self, catalog: Catalog) -> list[CatalogFinding]:
        """The findings of each selected catalog rule that can run; say why others cannot."""
        findings: list[CatalogFinding] = []
        skipped: dict[str, list[str]] = defaultdict(list)
        for rule in self._settings.registry.catalog_rules():
            if rule.code not in self._settings.selection:
                continue
            if rule.scope is Scope.CHANGES and catalog.changes is None:
                continue  # not a --changed-since run: nothing for it to look at
            reason = _skip_reason(rule, catalog)
            if reason:
                skipped[reason].append(rule.code)
            else:
                findings.extend(self._run_rule(rule, catalog))
        for reason, codes in skipped.items():
            self._note(f"catalog {catalog.root}: {', '.join(codes)} skipped: {reason}")
        if catalog.site is None:
            self._note(
                f"catalog {catalog.root}: {_absent(catalog, SiteFile.TAGS)}: page rules that "
                "read the declared tags (page.site) have nothing to check"
            )
        return findings

    def _run_rule(self, rule: CatalogRule, catalog: Catalog) -> list[CatalogFinding]:
        try:
            return list(rule.check(catalog))
        except Exception as exc:  # a broken rule must not stop the run
            return [
                CatalogFinding(
                    INTERNAL_ERROR,
                    self._crash_message(rule, catalog, exc),
                    catalog.tags_path,
                    position=FILE_START,
                )
            ]

    def _crash_message(self, rule: CatalogRule, catalog: Catalog, exc: Exception) -> str:
        import traceback  # only for a rule that crashed

        frames = traceback.extract_tb(exc.__traceback__)
        where = (
            f" (in {frames[-1].name} at {Path(frames[-1].filename).name}:{frames[-1].lineno})"
            if frames
            else ""
        )
        return (
            f"rule {rule.code} ({rule.name}) from {self._settings.registry.source(rule.code)} "
            f"crashed on catalog {catalog.root}: {type(exc).__name__}: {exc}{where}"
        )

    def _note(self, message: str) -> None:
        if self._log is not None:
            self._log(f"cachelint: {message}")


def _among(names: Iterable[str], wanted: set[str]) -> set[str]:
    """Those of ``wanted`` that are in ``names`` (a run's names: one pass, no set of them)."""
    return {name for name in names if name in wanted}


def _file_findings(files: SiteFiles, named: set[str]) -> Iterator[CatalogFinding]:
    """The data files' own findings (CL508), whatever part of the catalog is checked."""
    for file in files.files():
        if file.display in named:
            continue
        for finding in file.findings:
            yield CatalogFinding(
                finding.code,
                finding.message,
                file.display,
                finding.pointer,
                position=finding.position,
            )


def _skip_reason(rule: CatalogRule, catalog: Catalog) -> str:
    """Why ``rule`` cannot run on this catalog in this run (``""``: it can)."""
    for need in rule.needs:
        file = catalog.data_file(need)
        if file is None or not file.usable:
            return _absent(catalog, need)
    if rule.scope is Scope.CATALOG and not catalog.coverage.catalog_wide:
        if catalog.whole:
            return "a sharded run checks the whole catalog in shard 1 only"
        return "the checked paths do not cover the whole catalog (its _cache/ folder)"
    if rule.scope is Scope.TAG and not catalog.coverage.covers_any:
        return "the checked paths cover no whole tag folder (_cache/<tag>)"
    return ""


def _absent(catalog: Catalog, need: SiteFile) -> str:
    if catalog.data_file(need) is None:
        return f"no {need.value}"
    return f"{need.value} is malformed (CL508)"
