"""Workers walk and check batches of package folders; the run is the same as page by page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cachelint.catalog.aggregate import Aggregator
from cachelint.model import FileResult
from cachelint.run.batches import CLEAN_RUN_LIMIT, CleanPages, check_units
from cachelint.run.runner import run_checks
from cachelint.run.workers import IN_PROCESS_LIMIT
from cachelint.scope.discovery import FolderWalk, iter_targets
from cachelint.scope.pathfilter import GlobSet, PathFilter
from tests.conftest import page_text, spec
from tests.tests_support import default_settings

PAGES = IN_PROCESS_LIMIT * 3


def _page(name: str, tag: str, index: int) -> str:
    text = page_text([spec(hash="abcdefgh"[index % 8] * 32)], title=name, tag=tag)
    if index % 7 == 0:  # a wrong count: a finding, a repair and an incomplete total
        text = text.replace('"num_specs": 1', '"num_specs": 2')
    if index % 11 == 0:  # cannot be parsed: counted without facts
        text = "---\ntitle: [\n---"
    return text


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog root with two tags, a note beside the tags, hidden and nested folders."""
    root = tmp_path_factory.mktemp("batches")
    (root / "_data").mkdir()
    for index in range(PAGES):
        tag = "develop" if index % 3 else "v1"
        path = root / "_cache" / tag / f"pkg{index:03d}" / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_text(_page(f"pkg{index:03d}", tag, index))
    (root / "_cache" / "develop" / "notes.md").write_text("no front matter\n")
    (root / "_cache" / "develop" / "pkg001" / "old").mkdir()
    (root / "_cache" / "develop" / "pkg001" / "old" / "specs.md").write_text("---\n---\n")
    (root / "_cache" / "develop" / ".hidden").mkdir()
    (root / "_cache" / "develop" / ".hidden" / "specs.md").write_text("---\n---\n")
    return root


def _walked(walk: FolderWalk) -> list[str]:
    return [target.display for unit in walk.units() for target in walk.unit_targets(unit)]


@pytest.mark.parametrize("named", ["", "_cache", "_cache/develop", "_cache/develop/pkg001"])
def test_units_give_the_walk_in_its_order(catalog, named, monkeypatch):
    monkeypatch.chdir(catalog)
    path_filter = PathFilter(exclude=(GlobSet.of(catalog, ["pkg004/"]),))
    walk = FolderWalk(named or ".", path_filter)
    expected = [target.display for target in iter_targets([named or "."], path_filter)]
    assert _walked(walk) == [target.display for target in walk] == expected
    assert expected
    assert not any("pkg004" in path for path in expected)


def test_units_are_package_folders_so_the_lister_reads_one_folder_per_tag(catalog, monkeypatch):
    monkeypatch.chdir(catalog)
    units = list(FolderWalk(".", PathFilter()).units())
    folders = [unit for unit in units if unit.endswith(os.sep)]
    assert len(folders) == PAGES
    assert all(unit.count(os.sep) == 3 for unit in folders)  # _cache/<tag>/<package>/
    assert [unit for unit in units if not unit.endswith(os.sep)] == ["_cache/develop/notes.md"]


def test_clean_pages_come_in_runs_split_by_results_with_something_to_say(catalog):
    settings = default_settings()
    walk = FolderWalk(str(catalog), PathFilter())
    outcomes = list(check_units(walk, walk.units(), settings))
    assert not any(isinstance(o, FileResult) and not o.diagnostics and o.checked for o in outcomes)
    runs = [o for o in outcomes if isinstance(o, CleanPages)]
    assert runs and all(0 < run.count <= CLEAN_RUN_LIMIT for run in runs)
    paths = [p for o in outcomes for p in (o.paths if isinstance(o, CleanPages) else [o.path])]
    assert paths == [target.display for target in walk]


def _per_page(catalog: Path, settings):
    aggregator = Aggregator(settings.catalogs.finder)
    run = run_checks(iter_targets([str(catalog)]), settings, on_file=aggregator.add, jobs=1)
    return run, aggregator


def _batched(catalog: Path, settings, jobs: int):
    aggregator = Aggregator(settings.catalogs.finder)
    seen: list[FileResult] = []

    def on_file(result: FileResult) -> None:
        seen.append(result)
        aggregator.add(result)

    def on_pages(pages: CleanPages) -> None:
        aggregator.merge(pages.totals)

    walk = FolderWalk(str(catalog), PathFilter())
    run = run_checks(walk, settings, on_file=on_file, on_pages=on_pages, jobs=jobs)
    return run, aggregator, seen


@pytest.mark.parametrize("jobs", [1, 2])
def test_batches_give_the_run_and_totals_of_a_page_by_page_run(catalog, jobs):
    settings = default_settings()
    expected, totals = _per_page(catalog, settings)
    run, aggregator, seen = _batched(catalog, settings, jobs)
    assert run.diagnostics == expected.diagnostics
    assert run.checked_files == expected.checked_files
    assert run.skipped == expected.skipped
    assert aggregator.roots() == totals.roots()
    assert aggregator.aggregates(catalog) == totals.aggregates(catalog)
    assert not aggregator.aggregates(catalog)["develop"].complete
    # Only results with something to say crossed over one by one.
    assert seen and all(result.diagnostics or not result.checked for result in seen)
    assert any(d.fixable for result in seen for d in result.diagnostics)
    if jobs > 1:  # the fixed text of a page stays in the worker: only --fix writes it
        assert all(result.fix is None for result in seen)
    assert len(seen) < len(run.checked_files) // 2


def test_a_watcher_of_every_result_gets_every_result(catalog):
    settings = default_settings()
    seen: list[FileResult] = []
    walk = FolderWalk(str(catalog), PathFilter())
    run = run_checks(walk, settings, on_file=seen.append, jobs=2)
    assert [r.path for r in seen if r.checked] == run.checked_files
    assert len(run.checked_files) > PAGES


def test_a_worker_that_dies_is_a_clear_error(catalog, monkeypatch):
    from cachelint.errors import CachelintError
    from cachelint.run import walking

    parent, real = os.getpid(), walking.check_units

    def dies_in_a_worker(walk, units, settings, **options):
        if os.getpid() != parent:
            os._exit(3)
        return real(walk, units, settings, **options)

    monkeypatch.setattr(walking, "check_units", dies_in_a_worker)
    walk = FolderWalk(str(catalog), PathFilter())
    with pytest.raises(CachelintError, match=r"worker process died.*--jobs 1"):
        run_checks(walk, default_settings(), jobs=2)
