"""A walked folder checked in batches with the result cache: the run of a page-by-page check.

Folders the cache knows nothing of go to the workers whole, and come back
with what the cache keeps; the others are looked up here, and only the pages
the cache does not know are checked again.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from cachelint.codes import INTERNAL_ERROR
from cachelint.record import replace
from cachelint.run.cache import entry
from cachelint.run.cache.results import ResultCache
from cachelint.run.runner import RunResult, run_checks
from cachelint.run.workers import IN_PROCESS_LIMIT
from cachelint.scope.discovery import FolderWalk, iter_targets
from cachelint.scope.pathfilter import PathFilter
from tests.conftest import page_text, spec
from tests.tests_support import default_settings, make_store

PAGES = IN_PROCESS_LIMIT * 2


def _page(name: str, tag: str, index: int) -> str:
    text = page_text([spec(hash="abcdefgh"[index % 8] * 32)], title=name, tag=tag)
    if index % 7 == 0:  # a wrong count: a finding
        text = text.replace('"num_specs": 1', '"num_specs": 2')
    if index % 11 == 0:  # cannot be parsed
        text = "---\ntitle: [\n---"
    return text


def _write_tag(root: Path, tag: str, pages: int) -> None:
    for index in range(pages):
        path = root / "_cache" / tag / f"pkg{index:03d}" / "specs.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(f"pkg{index:03d}", tag, index))


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(entry, "RACY_NS", 0)  # pages just written keep their signatures
    root = tmp_path / "catalog"
    (root / "_data").mkdir(parents=True)
    _write_tag(root, "develop", PAGES)
    (root / "_cache" / "develop" / "notes.md").write_text("no front matter\n")  # CL002
    (root / "README.md").write_text("# not a page\n")  # skipped
    return root


def _truth(root: Path) -> RunResult:
    return run_checks(iter_targets([str(root)]), default_settings(), jobs=1)


def _cached_run(root: Path, cache_dir: Path, jobs: int) -> RunResult:
    settings = default_settings()
    cache = ResultCache.open(make_store(cache_dir), settings)
    walk = FolderWalk(str(root), PathFilter())
    return run_checks(walk, settings, jobs=jobs, cache=cache, on_pages=lambda pages: None)


def _same(run: RunResult, expected: RunResult) -> None:
    assert run.diagnostics == expected.diagnostics
    assert run.checked_files == expected.checked_files
    assert run.skipped == expected.skipped


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the pages checked from here on (forked workers inherit the counter's code,
    so each counts its own: the parent sees only its own checks)."""
    checked: Counter[str] = Counter()
    real = entry.check_source

    def counting(target, source, settings):
        checked[Path(target.path).parent.name] += 1
        return real(target, source, settings)

    monkeypatch.setattr(entry, "check_source", counting)
    return checked


def _count_lookups(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the cache lookups (in this process) by the folder of the page."""
    looked_up: Counter[str] = Counter()
    real = ResultCache.lookup

    def counting(self, target):
        looked_up[Path(target.path).parent.name] += 1
        return real(self, target)

    monkeypatch.setattr(ResultCache, "lookup", counting)
    return looked_up


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cold_run_in_batches_fills_the_cache_that_answers_the_next(
    catalog, tmp_path, monkeypatch, jobs
):
    expected = _truth(catalog)
    assert expected.diagnostics and expected.skipped
    looked_up = _count_lookups(monkeypatch)
    _same(_cached_run(catalog, tmp_path / "cache", jobs), expected)
    assert set(looked_up) == {"catalog", "develop"}  # only the files above package folders

    def refuse(*args, **kwargs):
        raise AssertionError("a page the cache knows was checked again")

    monkeypatch.setattr(entry, "check_source", refuse)  # forked workers too
    _same(_cached_run(catalog, tmp_path / "cache", jobs), expected)


@pytest.mark.parametrize("jobs", [1, 2])
def test_only_changed_pages_and_new_folders_are_checked(catalog, tmp_path, monkeypatch, jobs):
    _cached_run(catalog, tmp_path / "cache", jobs)
    changed = catalog / "_cache" / "develop" / "pkg001" / "specs.md"
    changed.write_text(changed.read_text().replace('"num_specs": 1', '"num_specs": 3'))
    os.utime(changed, ns=(1, 1))  # an old mtime: only the content says it changed
    _write_tag(catalog, "v1", 5)  # a new tag: its part holds nothing yet
    checked = _count_checks(monkeypatch)
    looked_up = _count_lookups(monkeypatch)
    run = _cached_run(catalog, tmp_path / "cache", 1)
    _same(run, _truth(catalog))
    assert looked_up["pkg001"] == 1 and looked_up["pkg004"] == 1  # develop's, not v1's
    new_tag = Counter(f"pkg{n:03d}" for n in range(5))
    assert checked == new_tag + Counter(["pkg001"])  # and develop's pkg001, changed
    assert any("pkg001" in d.path and "num_specs" in d.message for d in run.diagnostics)


def test_a_restored_cache_in_another_checkout_reads_but_checks_nothing(
    catalog, tmp_path, monkeypatch
):
    _cached_run(catalog, tmp_path / "cache", 2)
    copy = tmp_path / "clone"
    os.system(f"cp -r '{catalog}' '{copy}'")  # new inodes and times: the stat index misses
    checked = _count_checks(monkeypatch)
    _same(_cached_run(copy, tmp_path / "cache", 2), _truth(copy))
    assert checked == Counter()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_result_of_a_crashed_rule_is_not_kept(catalog, tmp_path, monkeypatch, jobs):
    real = entry.check_source

    def crashed_on_pkg007(target, source, settings):
        result = real(target, source, settings)
        if Path(target.path).parent.name != "pkg007":
            return result
        crash = replace(result.diagnostics[0], code=INTERNAL_ERROR)
        return replace(result, diagnostics=[crash, *result.diagnostics[1:]])

    monkeypatch.setattr(entry, "check_source", crashed_on_pkg007)
    run = _cached_run(catalog, tmp_path / "cache", jobs)
    assert run.internal_error
    monkeypatch.setattr(entry, "check_source", real)
    checked = _count_checks(monkeypatch)
    _same(_cached_run(catalog, tmp_path / "cache", jobs), _truth(catalog))
    if jobs == 1:  # a worker's counts stay in the worker
        assert checked == Counter({"pkg007": 1})
