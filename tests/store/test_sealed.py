"""Sealed cache files: authenticated, bounded, never through a link."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cachelint.store.home import CacheHome
from cachelint.store.sealed import MAGIC, CacheStore, Folder, json_list, json_object, load_key
from tests.tests_support import make_store


def test_what_is_saved_loads_back(tmp_path: Path) -> None:
    store = make_store(tmp_path / "c")
    assert store.save("sub/part.json", {"a": [1, "\udce9"]})
    assert store.load("sub/part.json", max_size=1000) == {"a": [1, "\udce9"]}
    assert oct((tmp_path / "c" / "key").stat().st_mode & 0o777) == "0o600"


def test_a_file_under_another_name_or_key_or_edited_is_a_miss(tmp_path: Path) -> None:
    store = make_store(tmp_path / "c")
    store.save("a.json", {"verdict": "broken"})
    sealed = (tmp_path / "c" / "a.json").read_bytes()
    (tmp_path / "c" / "b.json").write_bytes(sealed)
    assert store.load("b.json", max_size=1000) is None  # the name is sealed too
    other = make_store(tmp_path / "other")
    (tmp_path / "other" / "a.json").write_bytes(sealed)
    assert other.load("a.json", max_size=1000) is None
    (tmp_path / "c" / "a.json").write_bytes(sealed.replace(b"broken", b"passed"))
    assert store.load("a.json", max_size=1000) is None
    (tmp_path / "c" / "a.json").write_bytes(sealed)
    assert store.load("a.json", max_size=len(sealed) - len(MAGIC) - 33) is None  # over the cap


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_key_others_can_read_is_not_used(tmp_path: Path) -> None:
    store = make_store(tmp_path / "c")
    assert store is not None
    (tmp_path / "c" / "key").chmod(0o644)
    assert load_key(Folder(tmp_path / "c")) is None
    assert CacheStore.open(CacheHome(tmp_path / "c", tmp_path / "c")) is None


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW")
def test_links_are_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    os.symlink(target, tmp_path / "linked")
    assert CacheStore.open(CacheHome(tmp_path / "linked", tmp_path / "linked")) is None
    store = make_store(tmp_path / "c")
    os.symlink(target / "made", tmp_path / "c" / "x.json")
    assert store.load("x.json", max_size=100) is None
    assert store.save("x.json", {"a": 1})  # the link is replaced, never written through
    assert not (target / "made").exists()
    assert list(target.iterdir()) == []
    os.symlink(target, tmp_path / "c" / "sub")
    assert not store.save("sub/y.json", {"a": 1})
    assert list(target.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_special_files_are_not_read(tmp_path: Path) -> None:
    store = make_store(tmp_path / "c")
    os.mkfifo(tmp_path / "c" / "fifo.json")
    assert store.load("fifo.json", max_size=100) is None  # no hang
    assert Folder(tmp_path / "c").read("fifo.json", max_size=100) is None


@pytest.mark.parametrize("count", [0, 1, 1024, 1025, 3000])
def test_a_text_in_pieces_is_the_json_of_its_data(tmp_path: Path, count: int) -> None:
    items = [f"page-{n}\0é" for n in range(count)]
    mapping = {f"key-{n}": [n, None] for n in range(count)}
    assert "".join(json_list(items)) == json.dumps(items, separators=(",", ":"))
    assert "".join(json_object(mapping)) == json.dumps(mapping, separators=(",", ":"))
    store = make_store(tmp_path / "c")
    pieces = ['{"items":', *json_list(items), ',"mapping":', *json_object(mapping), "}"]
    assert store.save_text("run.json", iter(pieces))
    assert store.load("run.json", max_size=1 << 20) == {"items": items, "mapping": mapping}


def test_a_text_in_pieces_is_sealed_as_a_whole(tmp_path: Path) -> None:
    store = make_store(tmp_path / "c")
    assert store.save_text("run.json", iter(['{"verdict":', '"broken"', "}"]))
    sealed = (tmp_path / "c" / "run.json").read_bytes()
    assert sealed.startswith(MAGIC) and b"\0" * 32 not in sealed  # the tag replaced its place
    (tmp_path / "c" / "run.json").write_bytes(sealed.replace(b"broken", b"passed"))
    assert store.load("run.json", max_size=1000) is None


def test_a_text_that_cannot_be_written_leaves_nothing(tmp_path: Path) -> None:
    store = make_store(tmp_path / "c")
    assert store.save_text("run.json", iter(['{"a":', '"é"}'])) is False  # not ASCII

    def failing() -> Iterator[str]:
        yield "["
        yield json.dumps(object())

    assert store.save_text("run.json", failing()) is False
    assert sorted(path.name for path in (tmp_path / "c").iterdir()) == [".gitignore", "key"]
