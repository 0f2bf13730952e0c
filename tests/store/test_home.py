"""Where the cache lives: the user's cache folder per catalog root, or a chosen one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cachelint.store import home as cachehome
from cachelint.store.home import cache_home, user_cache_root


@pytest.mark.parametrize(
    ("platform", "environment", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "/x/cache"}, "/x/cache/cachelint"),
        ("linux", {"XDG_CACHE_HOME": "relative/ignored"}, "HOME/.cache/cachelint"),
        ("linux", {}, "HOME/.cache/cachelint"),
        ("darwin", {"XDG_CACHE_HOME": "/x/cache"}, "HOME/Library/Caches/cachelint"),
        ("win32", {"LOCALAPPDATA": "/c/Local"}, "/c/Local/cachelint/Cache"),
    ],
)
def test_the_platform_user_cache_folder(platform, environment, expected, monkeypatch, tmp_path):
    monkeypatch.setattr(cachehome.sys, "platform", platform)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert user_cache_root() == Path(expected.replace("HOME", str(tmp_path)))


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("CACHELINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    for name in ("one", "two"):
        (tmp_path / name / "_cache" / "t" / "p").mkdir(parents=True)
    return tmp_path


def test_the_default_is_one_folder_per_catalog_root_outside_it(catalogs: Path) -> None:
    one = cache_home([str(catalogs / "one" / "_cache" / "t" / "p")])
    assert one == cache_home([str(catalogs / "one")])  # any path below the same root
    assert one != cache_home([str(catalogs / "two")])
    assert one.folder.parent.parent == one.key_folder == catalogs / "xdg" / "cachelint"


def test_a_chosen_folder_keeps_its_key_unless_it_is_inside_a_checked_path(
    catalogs: Path, monkeypatch
) -> None:
    outside = cache_home([str(catalogs / "one")], str(catalogs / "ci-cache"))
    assert outside.folder == outside.key_folder == catalogs / "ci-cache"
    inside = cache_home([str(catalogs / "one")], str(catalogs / "one" / ".cachelint_cache"))
    assert inside.folder == catalogs / "one" / ".cachelint_cache"
    assert inside.key_folder == catalogs / "xdg" / "cachelint"  # never a key in the tree
    monkeypatch.setenv("CACHELINT_CACHE_DIR", str(catalogs / "from-env"))
    assert cache_home([str(catalogs / "one")]).folder == catalogs / "from-env"
    assert cache_home([str(catalogs / "one")], "given").folder == Path("given").absolute()
