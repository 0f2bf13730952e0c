"""Catalog roots and what the checked paths cover of a catalog."""

from __future__ import annotations

from pathlib import Path

from cachelint.scope.coverage import coverage
from cachelint.scope.roots import RootFinder, display_root, is_catalog_root


def make_root(folder: Path) -> Path:
    (folder / "_cache").mkdir(parents=True)
    (folder / "_data").mkdir()
    return folder


def test_a_root_holds_both_cache_and_data(tmp_path):
    (tmp_path / "_cache").mkdir()
    assert not is_catalog_root(tmp_path)
    (tmp_path / "_data").mkdir()
    assert is_catalog_root(tmp_path)


def test_the_nearest_root_above_a_path_wins(tmp_path):
    outer = make_root(tmp_path / "outer")
    inner = make_root(outer / "_cache" / "develop" / "inner")
    finder = RootFinder()
    assert finder.root_of(outer / "_cache" / "develop" / "bc") == outer
    assert finder.root_of(inner / "_cache" / "t" / "p") == inner
    assert finder.root_of(tmp_path) is None


def test_older_data_without_a_cache_is_not_a_root(tmp_path):
    catalog = make_root(tmp_path / "site")
    older = tmp_path / "site" / "_older" / "abc" / "_data"
    older.mkdir(parents=True)
    assert RootFinder().root_of(older.parent) == catalog


def test_a_fixed_root_is_every_path_s_root(tmp_path):
    finder = RootFinder(tmp_path / "site")
    assert finder.root_of(tmp_path / "elsewhere" / "page.md") == (tmp_path / "site").absolute()


def test_relative_paths_with_dot_dot_are_normalised(tmp_path, monkeypatch):
    catalog = make_root(tmp_path / "site")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert RootFinder().root_of("../site/_cache") == catalog


def test_coverage_of_the_root_or_cache_is_whole(tmp_path):
    root = tmp_path / "site"
    assert coverage(root, [root]).whole
    assert coverage(root, [root / "_cache"]).whole
    assert coverage(root, [tmp_path]).whole  # a folder above the root
    assert coverage(root, [root / "_cache" / "develop" / "bc" / "specs.md", root]).whole


def test_coverage_of_tag_folders_names_the_tags(tmp_path):
    root = tmp_path / "site"
    cache = root / "_cache"
    covered = coverage(root, [cache / "develop", cache / "v0.23.0"])
    assert not covered.whole
    assert covered.tags == {"develop", "v0.23.0"}
    assert covered.covers("develop") and not covered.covers("v0.22.0")


def test_pages_and_package_folders_cover_no_whole_tag(tmp_path):
    cache = tmp_path / "site" / "_cache"
    covered = coverage(tmp_path / "site", [cache / "develop" / "bc", cache / "develop" / "x.md"])
    assert not covered.whole
    assert covered.tags == set()
    assert not coverage(tmp_path / "site", [tmp_path / "site" / "_data"]).covers("develop")


def test_the_root_is_named_as_the_user_named_the_page(tmp_path, monkeypatch):
    root = make_root(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    assert display_root(root, "site/_cache/develop/bc/specs.md") == "site"
    assert display_root(root, Path("site")) == "site"
    monkeypatch.chdir(root)
    assert display_root(root, "_cache/develop/bc/specs.md") == "."
    monkeypatch.chdir(root / "_cache")
    assert display_root(root, "develop/bc/specs.md") == str(root)
