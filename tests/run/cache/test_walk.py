"""The snapshot's walk: it finds what discovery finds, and sees every change to it."""

from __future__ import annotations

import os
import time
from array import array
from pathlib import Path

import pytest

from cachelint.run.cache import walk
from cachelint.run.cache.walk import (
    UNKNOWN,
    Walk,
    pack_signatures,
    record,
    unpack_signatures,
    verify,
)
from cachelint.scope.discovery import iter_targets
from cachelint.scope.pathfilter import GlobSet, PathFilter

NOW_LATER = 10**30  # a clock far ahead: no page is racy


PROCESSES = {"processes": 1}
ONE_THREAD = walk._one_thread


@pytest.fixture(autouse=True, params=["descriptors", "paths"])
def looked_up(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test twice: pages found relative to their folders' descriptors, and by path."""
    if request.param == "paths":
        monkeypatch.setattr(walk, "_AT", False)


@pytest.fixture(autouse=True, params=[1, 2], ids=["one-process", "split"])
def processes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Each test again with the walk's second half looked at by a forked process."""
    if request.param == 2 and not walk._CAN_FORK:
        pytest.skip("no fork here: verify looks at every page itself")
    monkeypatch.setattr(walk, "SPLIT_FROM_FOLDERS", 0)  # the test trees are small
    monkeypatch.setattr(walk, "_one_thread", lambda: True)  # a test worker has threads
    monkeypatch.setitem(PROCESSES, "processes", request.param)
    return request.param


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for relative in (
        "cat/_cache/t/a/specs.md",
        "cat/_cache/t/b/specs.md",
        "cat/_cache/t/b/notes.txt",
        "cat/_cache/u/c/specs.md",
        "cat/.hidden/x.md",
        "cat/vendor/y.md",
        "cat/top.md",
        "cat/skip/z.md",
    ):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative)
    return tmp_path / "cat"


def pages_of(walk_folders: list[str], signatures, **options) -> list[str] | None:
    found: list[str] = []
    options = {**PROCESSES, **options}
    ok = verify("cat", "cat", walk_folders, iter(signatures), on_page=found.append, **options)
    return found if ok else None


def test_the_walk_finds_what_discovery_finds_in_its_order(tree):
    path_filter = PathFilter(exclude=(GlobSet.of(tree, ["skip/"]),))
    walk = record("cat", "cat", path_filter, NOW_LATER)
    expected = [t.display for t in iter_targets(["cat"], path_filter)]
    assert pages_of(walk.folders, walk.signatures, unknown_matches=True) == expected
    assert "cat/skip/z.md" not in expected and "cat/top.md" in expected


def fresh(tree: Path) -> Walk:
    walk = record("cat", "cat", PathFilter(), NOW_LATER)
    assert pages_of(walk.folders, walk.signatures) is not None
    return walk


@pytest.mark.parametrize(
    "change",
    ["append", "same-size", "new-file", "unlink", "file-to-folder", "swap", "new-folder"],
)
def test_each_change_is_a_mismatch(tree, change):
    walk = fresh(tree)
    page = tree / "_cache" / "t" / "a" / "specs.md"
    if change == "append":
        page.write_text(page.read_text() + "x")
    elif change == "same-size":
        before = page.stat()
        time.sleep(0.01)
        page.write_text(page.read_text().upper())
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif change == "new-file":
        (tree / "_cache" / "t" / "a" / "more.md").write_text("x")
    elif change == "unlink":
        page.unlink()
    elif change == "file-to-folder":
        page.unlink()
        page.mkdir()
    elif change == "swap":
        other = tree / "_cache" / "t" / "a" / "other"
        other.write_text(page.read_text())
        os.replace(other, page)
    else:
        (tree / "_cache" / "t" / "new").mkdir()
    assert pages_of(walk.folders, walk.signatures) is None


def test_a_new_file_the_filter_leaves_out_is_still_a_mismatch(tree):
    """A listing is compared whole: no filter runs on a replay."""
    walk = fresh(tree)
    (tree / "_cache" / "t" / "a" / "readme.txt").write_text("x")
    assert pages_of(walk.folders, walk.signatures) is None


def test_racy_links_and_special_pages_are_unknown(tree):
    (tree / "_cache" / "t" / "link.md").symlink_to(tree / "top.md")
    walk = record("cat", "cat", PathFilter(), NOW_LATER)
    signatures = list(walk.signatures)
    assert tuple(signatures[-4:]) != UNKNOWN
    assert UNKNOWN in [tuple(signatures[i : i + 4]) for i in range(0, len(signatures), 4)]
    assert pages_of(walk.folders, signatures) is None  # a link never matches
    assert pages_of(walk.folders, signatures, unknown_matches=True) is not None
    racy = record("cat", "cat", PathFilter(), time.time_ns())
    assert set(racy.signatures) == {-1}


@pytest.mark.parametrize("records", [["a\0b"], ["\0F\0x/y"], [], ["\0D\0_cache"]])
def test_records_that_do_not_fit_are_a_mismatch(tree, records):
    assert pages_of(records, [1, 2, 3, 4]) is None


@pytest.mark.parametrize("count", [0, 4, 3 * 1024, 3 * 1024 + 1, 2 * 3 * 8192 + 7])
def test_signatures_packed_in_pieces_unpack_as_one(count):
    signatures = array("q", (n * 7919 - 2**40 for n in range(count)))
    pieces = list(pack_signatures(signatures))
    assert all(not piece.endswith("=") for piece in pieces[:-1])  # padding only at the end
    assert unpack_signatures("".join(pieces)) == signatures


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
@pytest.mark.parametrize("changed", [False, True])
def test_every_folder_descriptor_is_closed(tree, changed):
    walk = fresh(tree)
    if changed:
        (tree / "_cache" / "u" / "c" / "specs.md").write_text("changed")
    before = len(os.listdir("/proc/self/fd"))
    assert (pages_of(walk.folders, walk.signatures) is None) is changed
    assert len(os.listdir("/proc/self/fd")) == before


PAGES = ["_cache/t/a/specs.md", "_cache/t/b/specs.md", "_cache/u/c/specs.md", "top.md"]


@pytest.mark.parametrize("page", PAGES)
def test_a_change_in_either_half_of_the_walk_is_seen(tree, page, processes, monkeypatch):
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    remembered = fresh(tree)
    assert len(forks) == (1 if processes == 2 else 0)  # the split is taken
    (tree / page).write_text("changed in place")
    assert pages_of(remembered.folders, remembered.signatures) is None


@pytest.mark.parametrize("reason", ["no fork", "a thread runs"])
def test_without_a_fork_one_process_looks_at_every_page(tree, reason, monkeypatch):
    import threading

    monkeypatch.setattr(walk, "_one_thread", ONE_THREAD)
    if reason == "no fork":
        monkeypatch.setattr(walk, "_CAN_FORK", False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked"))
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        remembered = fresh(tree)
        (tree / "_cache/u/c/specs.md").write_text("changed in place")  # the second half's
        assert pages_of(remembered.folders, remembered.signatures, processes=2) is None
    finally:
        stop.set()
        worker.join()


@pytest.mark.skipif(not walk._CAN_FORK, reason="no fork here")
def test_the_forks_answer_is_its_exit_status():
    assert walk._answer_of(walk._in_a_second_process(lambda: True), wanted=True)
    assert not walk._answer_of(walk._in_a_second_process(lambda: False), wanted=True)
    assert not walk._answer_of(walk._in_a_second_process(lambda: 1 / 0), wanted=True)
    started = time.monotonic()
    sleeper = walk._in_a_second_process(lambda: time.sleep(60) or True)
    assert not walk._answer_of(sleeper, wanted=False)  # stopped, not waited for
    assert time.monotonic() - started < 30


THREADS_SEEN = """
import _thread, sys, threading
from cachelint.run.cache.walk import _one_thread
stop = threading.Event()
alone = _one_thread()
threading.Thread(target=stop.wait).start()
with_thread = _one_thread()
stop.set()
threading.enumerate()[-1].join()
native = threading.Event()
_thread.start_new_thread(native.wait, ())  # as a native library's: threading does not count it
print(alone, with_thread, _one_thread(), threading.active_count())
native.set()
"""


def test_a_thread_of_any_kind_is_seen_in_a_process_of_its_own():
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-c", THREADS_SEEN], capture_output=True, text=True, check=True
    )
    alone, with_thread, with_native, counted = shown.stdout.split()
    assert (alone, with_thread, counted) == ("True", "False", "1")
    assert with_native == ("False" if os.path.isdir("/proc/self/task") else "True")
