"""A cached result never answers for a page that now leads out of its catalog.

A link that stays the same can come to lead elsewhere when a folder on its way
is swapped for a link: the file it reaches, and so its stat signature, is the
one a run checked, but reading it now would leave the catalog (CL001). The
result cache must say what a run without it says.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cachelint.page.boundary import real_folder
from cachelint.run.cache.results import ResultCache
from cachelint.run.runner import RunResult, run_checks
from cachelint.scope.discovery import FolderWalk, iter_targets
from cachelint.scope.pathfilter import PathFilter
from tests.conftest import page_text
from tests.tests_support import default_settings, make_store


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages written by a test are brand new: keep their stat signatures all the same."""
    monkeypatch.setattr("cachelint.run.cache.entry.RACY_NS", 0)


def _codes(run: RunResult) -> list[tuple[str, str]]:
    return [(Path(d.path).parent.name, d.code) for d in run.diagnostics]


def _walked(root: Path, cache: ResultCache | None) -> RunResult:
    walk = FolderWalk(str(root), PathFilter())
    return run_checks(walk, default_settings(), cache=cache, on_pages=lambda pages: None)


def _listed(paths: list[Path], cache: ResultCache | None) -> RunResult:
    return run_checks(iter_targets([str(p) for p in paths]), default_settings(), cache=cache)


def _catalog(tmp_path: Path) -> Path:
    """A catalog root (``_cache/`` and ``_data/``) with the page ``_cache/t/ok/specs.md``."""
    root = tmp_path / "catalog"
    (root / "_data").mkdir(parents=True)
    (root / "_cache" / "t" / "ok").mkdir(parents=True)
    return root


def _swap_for_link(folder: Path, elsewhere: Path) -> None:
    """Move ``folder`` out (the files in it keep their inodes and times) and link to it."""
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    real_folder.cache_clear()  # resolved once per process: a new run is a new process


@pytest.mark.parametrize("run", [_walked, _listed], ids=["walked", "listed"])
def test_a_linked_page_whose_target_left_the_catalog_is_read_again(tmp_path, run):
    root = _catalog(tmp_path)
    shared = root / "shared" / "specs.md"
    shared.parent.mkdir()
    shared.write_text(page_text(title="ok", tag="t"))
    page = root / "_cache" / "t" / "ok" / "specs.md"
    page.symlink_to(os.path.join("..", "..", "..", "shared", "specs.md"))
    scope = root if run is _walked else [page]
    store = tmp_path / "cache"
    assert _codes(run(scope, ResultCache.open(make_store(store), default_settings()))) == []

    _swap_for_link(root / "shared", tmp_path / "outside")
    expected = run(scope, None)
    assert _codes(expected) == [("ok", "CL001")]
    warm = run(scope, ResultCache.open(make_store(store), default_settings()))
    assert warm.diagnostics == expected.diagnostics


def test_a_named_page_whose_folder_now_leads_out_is_read_again(tmp_path):
    page = _catalog(tmp_path) / "_cache" / "t" / "ok" / "specs.md"
    page.write_text(page_text(title="ok", tag="t"))
    store = tmp_path / "cache"
    assert _codes(_listed([page], ResultCache.open(make_store(store), default_settings()))) == []

    _swap_for_link(page.parent, tmp_path / "outside")
    expected = _listed([page], None)
    assert _codes(expected) == [("ok", "CL001")]
    warm = _listed([page], ResultCache.open(make_store(store), default_settings()))
    assert warm.diagnostics == expected.diagnostics


def test_a_walked_folder_that_now_leads_out_is_read_again(tmp_path):
    # A walk goes into no linked folder below the one it was given: only that
    # one can have become a link, and its pages are then read again.
    root = _catalog(tmp_path)
    page = root / "_cache" / "t" / "ok" / "specs.md"
    page.write_text(page_text(title="ok", tag="t"))
    walked = root / "_cache" / "t"
    store = tmp_path / "cache"
    assert _codes(_walked(walked, ResultCache.open(make_store(store), default_settings()))) == []

    _swap_for_link(walked, tmp_path / "outside")
    expected = _walked(walked, None)
    assert _codes(expected) == [("ok", "CL001")]
    warm = _walked(walked, ResultCache.open(make_store(store), default_settings()))
    assert warm.diagnostics == expected.diagnostics
