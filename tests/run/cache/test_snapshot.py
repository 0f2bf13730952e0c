"""The whole-run snapshot: a warm run replays it; any change, forgery or corruption is a miss.

What is right is what ``--no-cache`` says, byte for byte, in every output format.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from cachelint.cli.main import main
from cachelint.report import REPORTERS
from cachelint.run import reading
from cachelint.run.cache import walk as walk_module
from cachelint.store.sealed import MAGIC, TAG_SIZE, CacheStore
from tests.catalog.builder import CatalogBuilder
from tests.conftest import page_text, spec

FORMATS = sorted(set(REPORTERS) - {"html"})  # html is compared below on its findings
BROKEN = page_text([spec()], title="bc", tag="develop").replace('"num_specs": 1', '"num_specs": 2')


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages written by a test are brand new: let their signatures count (tested below)."""
    monkeypatch.setattr("cachelint.run.cache.walk.RACY_NS", 0)
    monkeypatch.setattr("cachelint.run.cache.entry.RACY_NS", 0)


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "catalog"
    builder = CatalogBuilder(root).page("develop", "bc").page("develop", "zlib")
    builder.page("e4s", "cmake").consistent()
    builder.write("_cache/develop/bc/specs.md", BROKEN)
    builder.write("notes/readme.md", "no front matter here\n")  # skipped (verbose says so)
    return root


_CLOCK = re.compile(r'(timestamp|startTimeUtc|endTimeUtc)="?[0-9T:.Z-]+"?')


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Status, stdout and stderr of ``cachelint check catalog ARGS`` (the clock left out)."""
    capsys.readouterr()
    status = main(["check", "catalog", *args])
    captured = capsys.readouterr()
    return status, _CLOCK.sub(r"\1=", captured.out), captured.err


def cached(capsys, tmp_path: Path, fmt: str, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--output-format", fmt, "--cache-dir", str(tmp_path / "cache"), *args)


def truth(capsys, fmt: str = "json", *args: str) -> tuple[int, str, str]:
    return run(capsys, "--output-format", fmt, "--no-cache", *args)


def no_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, checking a page or looking one up in the per-page cache fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the snapshot should have answered")

    monkeypatch.setattr("cachelint.run.runner.check_and_describe", refuse)
    monkeypatch.setattr("cachelint.run.walking.check_for_cache", refuse)
    monkeypatch.setattr("cachelint.run.walking.check_target", refuse)
    monkeypatch.setattr("cachelint.run.cache.results.ResultCache.lookup", refuse)
    monkeypatch.setattr("cachelint.run.cache.snapshot.record", refuse)


def snapshot_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache").glob("results-*/run-*.json")
    return found


def test_a_warm_run_replays_the_run_in_every_format(catalog, tmp_path, capsys, monkeypatch):
    expected = {fmt: truth(capsys, fmt) for fmt in FORMATS}
    assert expected["concise"][0] == 1 and "CL201" in expected["concise"][1]
    cached(capsys, tmp_path, "json")
    assert snapshot_file(tmp_path).is_file()
    no_checking(monkeypatch)
    for fmt in FORMATS:
        assert cached(capsys, tmp_path, fmt) == expected[fmt], fmt
    html = cached(capsys, tmp_path, "html")
    assert html[0] == 1 and "CL201" in html[1]


def test_a_replay_tells_the_verbose_log_of_skipped_files(catalog, tmp_path, capsys, monkeypatch):
    cached(capsys, tmp_path, "concise")
    no_checking(monkeypatch)
    status, _, err = cached(capsys, tmp_path, "concise", "--verbose")
    assert status == 1
    assert "skipped catalog/notes/readme.md: no front matter" in err


def rewrite_in_place(page: Path, text: str) -> None:
    """Same size, and the old mtime put back: only the ctime (and the bytes) say it changed."""
    before = page.stat()
    assert len(text.encode()) == before.st_size
    page.write_text(text)
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize(
    "change",
    [
        "rewrite-in-place",
        "fix-in-place",
        "add-page",
        "remove-page",
        "tags-yaml",
        "meta-yaml",
        "new-folder",
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_change_is_seen(catalog, tmp_path, capsys, change, jobs, monkeypatch):
    monkeypatch.setattr(walk_module, "SPLIT_FROM_FOLDERS", 0)  # with 2 jobs, two processes look
    monkeypatch.setattr(walk_module, "_one_thread", lambda: True)  # a test worker has threads
    cached(capsys, tmp_path, "json", "--jobs", jobs)
    cached(capsys, tmp_path, "json", "--jobs", jobs)  # the snapshot answers this one
    pages = catalog / "_cache"
    if change == "rewrite-in-place":
        page = pages / "e4s" / "cmake" / "specs.md"
        rewrite_in_place(page, page.read_text().replace('"num_specs": 1', '"num_specs": 3'))
    elif change == "fix-in-place":
        page = pages / "develop" / "bc" / "specs.md"
        rewrite_in_place(page, page.read_text().replace('"num_specs": 2', '"num_specs": 1'))
    elif change == "add-page":
        (pages / "e4s" / "zz").mkdir()
        (pages / "e4s" / "zz" / "specs.md").write_text(BROKEN)
    elif change == "remove-page":
        (pages / "develop" / "zlib" / "specs.md").unlink()
    elif change == "tags-yaml":
        tags = catalog / "_data" / "tags.yaml"
        tags.write_text(tags.read_text().replace("e4s", "e5s"))
    elif change == "meta-yaml":
        meta = catalog / "_data" / "meta.yaml"
        meta.write_text(meta.read_text() + "extra: 1\n")
    else:
        (pages / "e4s" / "cmake" / "more").mkdir()
        (pages / "e4s" / "cmake" / "more" / "specs.md").write_text(BROKEN)
    for fmt in ("json", "concise"):
        assert cached(capsys, tmp_path, fmt, "--jobs", jobs) == truth(capsys, fmt), (change, fmt)


def test_a_page_removed_behind_its_folders_old_mtime_is_seen(catalog, tmp_path, capsys):
    """The folder's mtime put back: its ctime (which no one can set back) still changed."""
    cached(capsys, tmp_path, "json")
    folder = catalog / "_cache" / "develop" / "zlib"
    before = folder.stat()
    (folder / "specs.md").unlink()
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cached(capsys, tmp_path, "json") == truth(capsys, "json")


def count_listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the snapshot's walk lists (``scandir``) from here on."""
    listed: list[str] = []
    real = walk_module._listing

    def listing(folder: str):
        listed.append(folder)
        return real(folder)

    monkeypatch.setattr(walk_module, "_listing", listing)
    return listed


def test_a_warm_run_lists_no_unchanged_folder(catalog, tmp_path, capsys, monkeypatch):
    cached(capsys, tmp_path, "json")
    listed = count_listings(monkeypatch)
    expected = cached(capsys, tmp_path, "json")
    assert listed == [], "an unchanged folder was listed again"
    (catalog / "_cache" / "develop" / "zlib" / "specs.md").unlink()
    assert cached(capsys, tmp_path, "json") == truth(capsys, "json") != expected
    assert any(folder.rstrip(os.sep).endswith("zlib") for folder in listed)


def test_a_folder_changed_just_before_the_walk_is_listed_again(
    catalog, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr("cachelint.run.cache.walk.RACY_NS", 10**18)  # every folder: just changed
    cached(capsys, tmp_path, "json")
    listed = count_listings(monkeypatch)
    assert cached(capsys, tmp_path, "json") == truth(capsys, "json")
    assert listed, "a folder recorded within the racy window was trusted"


def test_a_racy_signature_is_never_trusted(catalog, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("cachelint.run.cache.walk.RACY_NS", 10**18)  # every page: just written
    cached(capsys, tmp_path, "json")
    data = json.loads(snapshot_file(tmp_path).read_bytes()[len(MAGIC) + TAG_SIZE :])
    from cachelint.run.cache.walk import unpack_signatures

    assert set(unpack_signatures(data["signatures"])) == {-1}
    page = catalog / "_cache" / "develop" / "zlib" / "specs.md"
    calls = []
    monkeypatch.setattr("cachelint.run.cache.snapshot.record", _counting(calls))
    rewrite_in_place(page, page.read_text().replace('"num_specs": 1', '"num_specs": 4'))
    assert cached(capsys, tmp_path, "json") == truth(capsys, "json")
    assert calls, "the racy snapshot was not replayed: the run walked to record a new one"


def _counting(calls: list[int]):
    from cachelint.run.cache import walk

    real = walk.record

    def record(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    return record


def reseal(path: Path, key: bytes, edit) -> None:
    raw = path.read_bytes()
    data = json.loads(raw[len(MAGIC) + TAG_SIZE :])
    edit(data)
    name = "/".join(path.parts[-2:])
    store = CacheStore(path.parent.parent, key)
    assert store.save(name, data)


def claim_clean(data: dict) -> None:
    data["results"] = {k: v for k, v in data["results"].items() if "bc" not in k}


def test_a_snapshot_sealed_with_another_key_is_a_miss(catalog, tmp_path, capsys):
    expected = truth(capsys, "json")
    cached(capsys, tmp_path, "json")
    reseal(snapshot_file(tmp_path), b"k" * 32, claim_clean)  # what a pull request could ship
    assert cached(capsys, tmp_path, "json") == expected


def test_a_forgery_with_the_real_key_would_be_believed(catalog, tmp_path, capsys):
    """The control for the test above: the key, kept 0600 outside the tree, is what protects."""
    cached(capsys, tmp_path, "json")
    key = (tmp_path / "cache" / "key").read_bytes()
    reseal(snapshot_file(tmp_path), key, claim_clean)
    _, out, _ = cached(capsys, tmp_path, "concise")
    assert "CL201" not in out


@pytest.mark.parametrize(
    "damage",
    ["flip-a-byte", "truncate", "empty", "not-json", "wrong-shape", "huge-totals", "link"],
)
def test_a_damaged_snapshot_is_a_miss(catalog, tmp_path, capsys, damage):
    expected = truth(capsys, "json")
    cached(capsys, tmp_path, "json")
    path = snapshot_file(tmp_path)
    raw = path.read_bytes()
    key = (tmp_path / "cache" / "key").read_bytes()
    if damage == "flip-a-byte":
        at = raw.index(b'"results"') + 12
        path.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1 :])
    elif damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not-json":
        store = CacheStore(path.parent.parent, key)
        payload = b"[[[[" * 10
        name = "/".join(path.parts[-2:])
        path.write_bytes(MAGIC + store._seal(name, payload) + payload)
    elif damage == "wrong-shape":
        reseal(path, key, lambda data: data.update(folders=[1, 2], signatures="!!"))
    elif damage == "huge-totals":
        reseal(path, key, lambda data: data.update(totals=[["/", "x", [["t", -1]]]]))
    else:
        outside = tmp_path / "outside.json"
        outside.write_bytes(raw)
        path.unlink()
        path.symlink_to(outside)
    assert cached(capsys, tmp_path, "json") == expected


def test_git_decides_which_files_are_pages_and_the_snapshot_follows_it(
    catalog, tmp_path, capsys, monkeypatch
):
    """A page git ignores, then tracks: the listing is the same, git's answer is not."""
    from tests.gitrepo import git, init_repo, isolate_git, require_git

    require_git()
    isolate_git(monkeypatch)
    init_repo(catalog)
    (catalog / ".gitignore").write_text("_cache/e4s/hidden/\n")
    hidden = catalog / "_cache" / "e4s" / "hidden" / "specs.md"
    hidden.parent.mkdir()
    hidden.write_text(BROKEN)
    cached(capsys, tmp_path, "concise")
    calls: list[int] = []
    monkeypatch.setattr("cachelint.run.cache.snapshot.record", _counting(calls))
    no_git_change = cached(capsys, tmp_path, "concise")
    assert not calls, "in a git work tree the snapshot answers too"
    assert no_git_change == truth(capsys, "concise") and "hidden" not in no_git_change[1]
    git(catalog, "add", "--force", str(hidden))
    tracked = cached(capsys, tmp_path, "concise")
    assert tracked == truth(capsys, "concise") and "e4s/hidden/specs.md" in tracked[1]


def test_files_git_ignores_outside_the_walked_folder_do_not_matter(
    catalog, tmp_path, capsys, monkeypatch
):
    from tests.gitrepo import init_repo, isolate_git, require_git

    require_git()
    isolate_git(monkeypatch)
    init_repo(tmp_path)
    (tmp_path / ".gitignore").write_text("build/\n*.log\ncache/\n")
    cached(capsys, tmp_path, "concise")
    (tmp_path / "build").mkdir()
    (tmp_path / "run.log").write_text("x")
    calls: list[int] = []
    monkeypatch.setattr("cachelint.run.cache.snapshot.record", _counting(calls))
    assert cached(capsys, tmp_path, "concise") == truth(capsys, "concise")
    assert not calls, "an ignored file beside the catalog changed nothing it checks"
    (catalog / "_cache" / "e4s" / "debug.log").write_text("x")  # below it: a listing changed
    assert cached(capsys, tmp_path, "concise") == truth(capsys, "concise")
    assert calls


def test_the_snapshot_written_in_pieces_is_one_json_text(catalog, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("cachelint.store.sealed.PIECE", 7)  # the small parts in pieces too
    expected = truth(capsys, "json")
    cached(capsys, tmp_path, "json")
    payload = snapshot_file(tmp_path).read_bytes()[len(MAGIC) + TAG_SIZE :]
    data = json.loads(payload)
    assert payload == json.dumps(data, separators=(",", ":")).encode("ascii")
    assert data["results"] and len(data["folders"]) > 5
    no_checking(monkeypatch)
    assert cached(capsys, tmp_path, "json") == expected


def snapshots(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "cache").glob("results-*/run-*.json"))


@pytest.mark.parametrize("fmt", ["json", "concise"])  # each result watched, or batches
def test_every_page_is_signed_before_its_bytes_are_read(
    catalog, tmp_path, capsys, monkeypatch, fmt
):
    """A write between a page's read and its signature would be remembered as checked."""
    events: list[tuple[str, str]] = []
    real_signature = walk_module.signature_of
    real_read = reading.read_source

    def signing(entry, kind, now_ns):
        events.append(("signed", os.path.abspath(entry.path)))
        return real_signature(entry, kind, now_ns)

    def read(path, **options):
        events.append(("read", os.path.abspath(path)))
        return real_read(path, **options)

    monkeypatch.setattr(walk_module, "signature_of", signing)
    monkeypatch.setattr(reading, "read_source", read)
    cached(capsys, tmp_path, fmt, "-j", "1")
    reads = enumerate(events)
    pages = [(at, path) for at, (event, path) in reads if event == "read" and path.endswith(".md")]
    assert len(pages) == 6  # three catalog pages, two tag pages and the skipped note
    for at, path in pages:  # site data files are not pages: the snapshot's key covers them
        assert ("signed", path) in events[:at], path
    assert snapshots(tmp_path)


def test_a_page_changed_during_the_run_leaves_no_snapshot(catalog, tmp_path, capsys, monkeypatch):
    from cachelint.run.cache import snapshot

    page = catalog / "_cache" / "develop" / "zlib" / "specs.md"
    real_verify = snapshot.verify

    def changing_first(*args, **kwargs):  # the walk after the run, as the page is edited
        page.write_text(page.read_text().replace('"num_specs": 1', '"num_specs": 7'))
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(snapshot, "verify", changing_first)
    cached(capsys, tmp_path, "json")
    assert not snapshots(tmp_path)
    monkeypatch.setattr(snapshot, "verify", real_verify)
    assert cached(capsys, tmp_path, "json") == truth(capsys, "json")


def test_a_run_that_saw_other_pages_than_its_walk_leaves_no_snapshot(
    catalog, tmp_path, capsys, monkeypatch
):
    from cachelint.run.batches import CleanPages
    from cachelint.run.cache.snapshot import RunSnapshot

    observe, observe_pages = RunSnapshot.observe, RunSnapshot.observe_pages

    def unseen(path: str) -> bool:
        return path.endswith(os.path.join("zlib", "specs.md"))

    def blind_files(self, on_file):
        watch = observe(self, on_file)
        return lambda result: None if unseen(result.path) else watch(result)

    def blind_pages(self, on_pages):
        watch = observe_pages(self, on_pages)
        kept = lambda pages: [path for path in pages.paths if not unseen(path)]  # noqa: E731
        return lambda pages: watch(CleanPages(kept(pages), pages.totals))

    monkeypatch.setattr(RunSnapshot, "observe", blind_files)
    monkeypatch.setattr(RunSnapshot, "observe_pages", blind_pages)
    cached(capsys, tmp_path, "json")
    assert not snapshots(tmp_path)
    monkeypatch.setattr(RunSnapshot, "observe", observe)
    monkeypatch.setattr(RunSnapshot, "observe_pages", observe_pages)
    cached(capsys, tmp_path, "json")
    assert snapshots(tmp_path)  # the same run, seeing every page, writes one


@pytest.mark.parametrize("git_answers", [True, False])
def test_site_data_changed_is_seen_when_git_cannot_answer(
    catalog, tmp_path, capsys, monkeypatch, git_answers
):
    """A ``.git`` entry git cannot list (git missing, a repository it refuses): no snapshot.

    Found by an audit: the run's key was then a constant, which matched whatever
    ``_data/tags.yaml`` became, so a stale snapshot was replayed.
    """
    (catalog / "vendored" / ".git").mkdir(parents=True)  # a .git entry in the walk
    if git_answers:
        from tests.gitrepo import init_repo, isolate_git, require_git

        require_git()
        isolate_git(monkeypatch)
        init_repo(catalog)
    else:  # as with git missing from PATH
        monkeypatch.setattr("cachelint.run.cache.snapshot.ignored_paths", lambda top: None)
    cached(capsys, tmp_path, "concise")
    cached(capsys, tmp_path, "concise")
    assert bool(snapshots(tmp_path)) == git_answers
    tags = catalog / "_data" / "tags.yaml"
    tags.write_text(tags.read_text().replace("e4s", "e5s"))
    expected = truth(capsys, "concise")
    assert "e4s" in expected[1]  # the change matters to the report
    assert cached(capsys, tmp_path, "concise") == expected


@pytest.mark.parametrize("site_data", ["folder", "link to a folder"])
def test_site_data_of_a_catalog_inside_the_walked_folder_keys_the_snapshot(
    tmp_path, capsys, monkeypatch, site_data
):
    """The catalog roots below the walked folder are read from the walk's listings."""
    monkeypatch.chdir(tmp_path)
    for name, tag, package in (("one", "develop", "bc"), ("two", "e4s", "cmake")):
        CatalogBuilder(tmp_path / "catalog" / name).page(tag, package).consistent()
    tags = tmp_path / "catalog" / "two" / "_data" / "tags.yaml"
    if site_data != "folder":  # a link that stays inside the catalog
        (tmp_path / "catalog" / "two" / "_data").rename(tmp_path / "catalog" / "two" / "site")
        (tmp_path / "catalog" / "two" / "_data").symlink_to("site", target_is_directory=True)
    cached(capsys, tmp_path, "concise")
    cached(capsys, tmp_path, "concise")
    assert snapshots(tmp_path)
    tags.write_text(tags.read_text().replace("e4s", "e5s"))
    expected = truth(capsys, "concise")
    assert "e4s" in expected[1]  # the change matters to the report
    assert cached(capsys, tmp_path, "concise") == expected
