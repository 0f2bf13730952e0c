"""Shards: K/N, a stable key per page, whole tags in one shard, tag folders pruned."""

from __future__ import annotations

from pathlib import Path

import pytest

from cachelint.scope.roots import RootFinder
from cachelint.scope.shard import Shard, ShardError, ShardFilter, shard_key, shard_of


@pytest.mark.parametrize(("text", "shard"), [("1/4", Shard(1, 4)), (" 4 / 4 ", Shard(4, 4))])
def test_parse(text, shard):
    assert Shard.parse(text) == shard
    assert str(shard) == text.replace(" ", "")


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "1", "a/b", "-1/4", "1/4/2", ""])
def test_parse_refuses_what_names_no_shard(text):
    with pytest.raises(ShardError):
        Shard.parse(text)


def test_the_hash_is_stable_across_runs_and_versions():
    # Pinned: the jobs of one CI matrix must agree, whatever Python or machine runs them.
    assert shard_of("_cache/develop", 7) == 3
    assert shard_of("_cache/v0.23.0", 7) == 4


def test_every_key_is_in_exactly_one_shard():
    keys = [f"_cache/tag{i}" for i in range(200)]
    for count in (1, 2, 3, 8):
        owners = [[k for k in range(1, count + 1) if Shard(k, count).owns_key(key)] for key in keys]
        assert all(len(found) == 1 for found in owners)
    # and the keys spread over the shards
    assert {shard_of(key, 8) for key in keys} == set(range(1, 9))


def test_a_page_below_a_tag_folder_has_the_tag_folder_key(tmp_path):
    page = tmp_path / "_cache" / "develop" / "bc" / "specs.md"
    assert shard_key(page, tmp_path) == "_cache/develop"
    assert shard_key(tmp_path / "_cache" / "develop", tmp_path) == "_cache/develop"
    assert Shard(shard_of("_cache/develop", 3), 3).owns_tag("develop")


def test_other_files_have_their_own_path_as_key(tmp_path, monkeypatch):
    assert shard_key(tmp_path / "_cache" / "zlib.md", tmp_path) == "_cache/zlib.md"
    assert shard_key(tmp_path / "site" / "bc.md", tmp_path) == "site/bc.md"
    monkeypatch.chdir(tmp_path)
    assert shard_key(Path("site") / "bc.md", None) == "site/bc.md"


def catalog(tmp_path: Path) -> Path:
    for folder in ("_data", "_cache/develop/bc", "_cache/v1/bc"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


def test_the_filter_prunes_the_tag_folders_of_other_shards(tmp_path):
    root = catalog(tmp_path)
    count = 5
    develop = shard_of("_cache/develop", count)
    mine = ShardFilter(Shard(develop, count), RootFinder())
    other = ShardFilter(Shard(develop % count + 1, count), RootFinder())
    folder = root / "_cache" / "develop"
    assert mine.excluded_by(folder, is_dir=True) == ""
    assert other.excluded_by(folder, is_dir=True) == f"in shard {develop}/{count}"
    assert other.excluded_by(folder / "bc" / "specs.md") == f"in shard {develop}/{count}"
    # folders that hold several shards' pages are walked by every shard
    for walked in (root, root / "_cache", folder / "bc"):
        assert other.excluded_by(walked, is_dir=True) == ""
