"""Worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cachelint.run.cache.entry import check_and_describe
from cachelint.run.checker import check_target
from cachelint.run.runner import run_checks
from cachelint.run.workers import IN_PROCESS_LIMIT, check_all
from cachelint.scope.discovery import iter_targets
from tests.conftest import page_text, spec
from tests.tests_support import default_settings


def _catalog(root: Path, pages: int) -> Path:
    for index in range(pages):
        name = f"pkg{index:03d}"
        text = page_text([spec(hash=f"{'abcdefgh'[index % 8] * 32}")], title=name, tag="t")
        if index % 7 == 0:
            text = text.replace('"num_specs": 1', '"num_specs": 2')
        if index % 11 == 0:
            text = "---\ntitle: [\n---"
        path = root / "_cache" / "t" / name / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_text(text)
    return root


def _flatten(results):
    return [(r.path, r.checked, r.diagnostics) for r in results]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    return _catalog(tmp_path_factory.mktemp("parallel"), IN_PROCESS_LIMIT * 3)


def test_two_workers_match_one_process(catalog):
    settings = default_settings()
    one = _flatten(check_all(iter_targets([str(catalog)]), settings, jobs=1, check=check_target))
    two = _flatten(check_all(iter_targets([str(catalog)]), settings, jobs=2, check=check_target))
    assert one == two
    assert len(one) == IN_PROCESS_LIMIT * 3
    assert sum(len(d) for _, _, d in one) > 0


def test_a_lookup_answers_some_targets_and_the_order_holds(catalog):
    settings = default_settings()
    expected = _flatten(
        check_all(iter_targets([str(catalog)]), settings, jobs=1, check=check_target)
    )
    answered = []

    def lookup(target):
        if target.display.endswith(("0/specs.md", "5/specs.md")):
            answered.append(target.display)
            return check_target(target, settings)
        return None

    mixed = check_all(
        iter_targets([str(catalog)]), settings, jobs=2, check=check_target, lookup=lookup
    )
    assert _flatten(mixed) == expected
    assert len(answered) > 10


def test_run_checks_with_workers_sorts_like_one_process(catalog):
    settings = default_settings()
    one = run_checks(iter_targets([str(catalog)]), settings, jobs=1)
    two = run_checks(iter_targets([str(catalog)]), settings, jobs=2)
    assert one.diagnostics == two.diagnostics
    assert one.checked_files == two.checked_files


def test_targets_and_results_survive_the_trip_to_a_worker(catalog, tmp_path):
    fixable = tmp_path / "_cache" / "t" / "fixable" / "specs.md"
    fixable.parent.mkdir(parents=True)
    (tmp_path / "_data").mkdir()  # a catalog root: its pages' results carry facts
    broken = page_text(title="fixable", tag="t").replace('"num_specs": 1', '"num_specs": 2')
    fixable.write_text(broken)
    targets = [*iter_targets([str(catalog)]), *iter_targets([str(fixable)])]
    settings = default_settings()
    described = [check_and_describe(target, settings) for target in targets]
    assert any(result.fix is not None for result, _ in described)
    assert any(result.facts is not None for result, _ in described)
    assert pickle.loads(pickle.dumps(targets)) == targets
    assert pickle.loads(pickle.dumps(described)) == described


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork here"
)
def test_workers_are_forked_not_spawned_where_the_platform_forks():
    # A forked worker starts with the modules imported and the caches warm; a
    # spawned one would import the whole checker again (about 0.1 s of CPU each).
    from cachelint.run.workers import worker_pool as _pool

    with _pool(1, (), _nothing) as pool:
        assert pool._mp_context.get_start_method() == "fork"
        assert pool.submit(abs, -3).result() == 3


def _nothing() -> None:
    return None
