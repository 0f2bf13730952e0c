"""The persistent result cache: hits, invalidation, corruption, concurrency."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from cachelint.run.cache.results import ResultCache, run_fingerprint
from cachelint.run.runner import run_checks
from cachelint.scope.discovery import iter_targets
from tests.conftest import page_text, spec
from tests.helpers import cachelint_command
from tests.tests_support import default_settings, make_store

BROKEN = page_text([spec()], title="bc", tag="t").replace('"num_specs": 1', '"num_specs": 2')


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch):
    """Pages written by a test are brand new: keep their stat signatures all the same.

    (The racy rule itself is tested in test_cache_hostile.py.)
    """
    monkeypatch.setattr("cachelint.run.cache.entry.RACY_NS", 0)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    for name, text in (("bc", BROKEN), ("ok", page_text(title="ok", tag="t"))):
        path = tmp_path / "catalog" / "_cache" / "t" / name / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_text(text)
    return tmp_path / "catalog"


def _run(catalog: Path, cache: ResultCache | None, settings=None):
    settings = settings or default_settings()
    return run_checks(iter_targets([str(catalog)]), settings, cache=cache)


def _open(catalog: Path, settings=None) -> ResultCache:
    return ResultCache.open(make_store(catalog.parent / "cache"), settings or default_settings())


def test_a_warm_run_gives_the_same_findings_without_checking(catalog, monkeypatch):
    cold = _run(catalog, _open(catalog))
    assert [d.code for d in cold.diagnostics] == ["CL201"]

    def no_checking(*args, **kwargs):
        raise AssertionError("a cached file was checked again")

    monkeypatch.setattr("cachelint.run.cache.entry.check_target", no_checking)
    monkeypatch.setattr("cachelint.run.cache.entry.check_source", no_checking)
    warm = _run(catalog, _open(catalog))
    assert warm.diagnostics == cold.diagnostics
    assert warm.checked_files == cold.checked_files


def test_a_changed_file_is_checked_again(catalog):
    _run(catalog, _open(catalog))
    page = catalog / "_cache" / "t" / "bc" / "specs.md"
    page.write_text(page_text([spec()], title="bc", tag="t"))
    assert _run(catalog, _open(catalog)).diagnostics == []


def test_same_content_in_another_folder_is_not_a_hit(catalog):
    _run(catalog, _open(catalog))
    moved = catalog / "_cache" / "u" / "bc" / "specs.md"
    moved.parent.mkdir(parents=True)
    moved.write_text(BROKEN)
    codes = sorted(d.code for d in _run(catalog, _open(catalog)).diagnostics)
    assert codes == ["CL201", "CL201", "CL501"]


def test_the_fingerprint_follows_the_settings():
    assert run_fingerprint(default_settings()) != run_fingerprint(default_settings(["CL2"]))
    assert run_fingerprint(default_settings()) == run_fingerprint(default_settings())


def parts(catalog: Path) -> list[Path]:
    return sorted((catalog.parent / "cache" / _open(catalog).folder).glob("*.json"))


def load(catalog: Path, part: Path):
    return make_store(catalog.parent / "cache").load(
        f"{part.parent.name}/{part.name}", max_size=10**8
    )


def test_a_large_part_is_split_by_the_package_initial(tmp_path, monkeypatch):
    monkeypatch.setattr("cachelint.run.cache.results.MAX_ENTRIES", 3)
    catalog = tmp_path / "catalog"
    names = ["aa", "ab", "ac", "ad", "b", "c", "ca", "cb", "cc"]  # "c": shorter than its depth
    for name in names:
        path = catalog / "_cache" / "t" / name / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_text(page_text(title=name, tag="t"))
    cold = _run(catalog, _open(catalog))
    stored = [load(catalog, part) for part in parts(catalog)]
    assert {"split": True} in stored  # the tag's part, then "a" (4 pages) split again
    sizes = sorted(len(part["results"]) for part in stored if "results" in part)
    assert max(sizes) <= 3 and sum(sizes) == len(names)

    def no_checking(*args, **kwargs):
        raise AssertionError("a cached file was checked again")

    monkeypatch.setattr("cachelint.run.cache.entry.check_source", no_checking)
    assert _run(catalog, _open(catalog)).diagnostics == cold.diagnostics


def test_a_corrupt_cache_is_ignored_and_rewritten(catalog):
    _run(catalog, _open(catalog))
    part = parts(catalog)[0]
    part.write_bytes(b"\x00garbage")
    assert [d.code for d in _run(catalog, _open(catalog)).diagnostics] == ["CL201"]
    assert len(load(catalog, part)["stats"]) == 2  # rewritten, loadable again


def test_a_corrupt_entry_is_checked_again(catalog):
    _run(catalog, _open(catalog))
    store = make_store(catalog.parent / "cache")
    for part in parts(catalog):  # sealed with the right key, but of the wrong shapes
        name = f"{part.parent.name}/{part.name}"
        stored = load(catalog, part)
        bad = {"stats": stored["stats"], "results": {key: [1, 2] for key in stored["results"]}}
        store.save(name, bad)
    assert [d.code for d in _run(catalog, _open(catalog)).diagnostics] == ["CL201"]
    for part in parts(catalog):
        stored = load(catalog, part)
        store.save(f"{part.parent.name}/{part.name}", {**stored, "stats": {"x": 7}})
    assert [d.code for d in _run(catalog, _open(catalog)).diagnostics] == ["CL201"]


def test_each_tag_folder_is_a_part_of_its_own(catalog):
    other = catalog / "_cache" / "u" / "ok" / "specs.md"
    other.parent.mkdir(parents=True)
    other.write_text(page_text(title="ok", tag="u"))
    _run(catalog, _open(catalog))
    assert len(parts(catalog)) == 2
    cache = _open(catalog)
    page = os.path.abspath(other)
    assert catalog.parent / "cache" / cache.part_file(page) in parts(catalog)
    target = next(t for t in iter_targets([str(other)]))
    assert cache.lookup(target) is not None  # one part read, the other not
    assert len(cache._parts) == 1


def test_only_a_few_parts_are_held_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr("cachelint.run.cache.results.PARTS_IN_MEMORY", 2)
    catalog = tmp_path / "catalog"
    for tag in "abcde":
        path = catalog / "_cache" / tag / "ok" / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_text(page_text(title="ok", tag=tag))
    cache = _open(catalog)
    _run(catalog, cache)
    assert len(cache._parts) == 2
    assert len(parts(catalog)) == 5  # the others were saved when they were let go
    warm = _open(catalog)
    assert _run(catalog, warm).diagnostics == []
    assert all(warm.lookup(t) is not None for t in iter_targets([str(catalog)]))


def test_the_cache_folder_is_ignored_by_git(catalog):
    _run(catalog, _open(catalog))
    assert (catalog.parent / "cache" / ".gitignore").read_text().endswith("*\n")


def _cli(catalog: Path, *args: str, cache: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "CACHELINT_CACHE_DIR": str(cache or catalog.parent / "cache")}
    return subprocess.Popen(
        [*cachelint_command(), "check", "--output-format", "json", *args, "."],
        cwd=catalog,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_concurrent_processes_share_the_cache_safely(catalog):
    runs = [_cli(catalog) for _ in range(4)]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert all(run.returncode == 1 for run in runs)
    assert all(json.loads(out)[0]["code"] == "CL201" for out, _ in outputs)
    leftovers = [p.name for p in (catalog.parent / "cache").rglob("*")]
    assert not [name for name in leftovers if name.startswith(".tmp-")]
    again = _cli(catalog)
    out, _ = again.communicate(timeout=60)
    assert [f["code"] for f in json.loads(out)] == ["CL201"]


def test_no_cache_writes_nothing_and_cache_dir_moves_it(catalog, tmp_path):
    assert _cli(catalog, "--no-cache").wait(timeout=60) == 1
    assert not (tmp_path / "cache").exists()
    elsewhere = tmp_path / "elsewhere"
    assert _cli(catalog, "--cache-dir", str(elsewhere)).wait(timeout=60) == 1
    assert any(elsewhere.glob("results-*"))
    assert sorted(p.name for p in catalog.iterdir()) == ["_cache"]  # nothing in the tree


def test_jobs_must_be_positive(catalog):
    run = _cli(catalog, "--jobs", "0")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 2
    assert "--jobs must be at least 1" in err


def test_a_changed_tags_file_invalidates_the_pages_of_its_catalog(tmp_path):
    tmp_path = tmp_path / "catalog"
    page = tmp_path / "_cache" / "t" / "bc" / "specs.md"
    page.parent.mkdir(parents=True)
    page.write_text(page_text([spec(stacks=["e4s", "root"])], title="bc", tag="t"))
    tags = tmp_path / "_data" / "tags.yaml"
    tags.parent.mkdir()
    tags.write_text("- name: t\n  stacks:\n  - e4s\n  - root\n")
    assert _run(tmp_path, _open(tmp_path)).diagnostics == []
    tags.write_text("- name: t\n  stacks:\n  - root\n")
    assert [d.code for d in _run(tmp_path, _open(tmp_path)).diagnostics] == ["CL504"]


def test_catalog_totals_come_back_from_the_cache(tmp_path):
    from cachelint.model import FileResult

    tmp_path = tmp_path / "catalog"
    page = tmp_path / "_cache" / "t" / "bc" / "specs.md"
    page.parent.mkdir(parents=True)
    page.write_text(page_text(title="bc", tag="t"))
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "tags.yaml").write_text("- name: t\n  stacks:\n  - e4s\n  - root\n")
    seen: list[FileResult] = []
    settings = default_settings()
    run_checks(iter_targets([str(tmp_path)]), settings, cache=_open(tmp_path), on_file=seen.append)
    cold = [r.facts for r in seen if r.facts is not None]
    seen.clear()
    run_checks(iter_targets([str(tmp_path)]), settings, cache=_open(tmp_path), on_file=seen.append)
    assert [r.facts for r in seen if r.facts is not None] == cold != []
