"""Issue 15: a result cache that CI saves and restores into a fresh checkout.

A fresh clone gives every page new times and inodes, so the stat index never
matches; the cache then looks each page up by the hash of its bytes and of
everything else its verdict depends on. An unchanged catalog is a warm run
(each page read once, none checked), a changed page is checked again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from cachelint.cli.main import main
from cachelint.run.cache import entry
from cachelint.run.cache import results as cache
from tests.catalog.builder import CatalogBuilder
from tests.gitrepo import commit_all, git, init_repo, require_git
from tests.helpers import cachelint_command

PAGES = [("develop", name) for name in ("bc", "cmake", "zlib", "zstd")] + [("v1", "bc")]


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """A catalog committed once and cloned twice, as two CI runs check it out."""
    require_git()
    source = tmp_path / "source"
    source.mkdir()
    init_repo(source)
    builder = CatalogBuilder(source)
    for tag, package in PAGES:
        builder.page(tag, package)
    builder.consistent()
    commit_all(source)
    first, second = tmp_path / "run-1" / "catalog", tmp_path / "run-2" / "work" / "catalog"
    for where in (first, second):
        git(source.parent, "clone", "--quiet", str(source), str(where))
    return first, second


def cli_json(checkout: Path, cache_dir: Path) -> tuple[int, list[dict]]:
    done = subprocess.run(
        [*cachelint_command(), "check", "--output-format", "json", "."],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={**os.environ, "CACHELINT_CACHE_DIR": str(cache_dir)},
        timeout=60,
        check=False,
    )
    return done.returncode, json.loads(done.stdout)


def counted_run(checkout: Path, cache_dir: Path, monkeypatch) -> tuple[Counter, Counter, int]:
    """Check ``checkout`` in this process; how often each page was read and checked."""
    reads: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    read, check = cache.read_target, entry.check_source

    def counting_read(target, settings):
        reads[Path(target.path).as_posix()] += 1
        return read(target, settings)

    def counting_check(target, source, settings):
        checks[Path(target.path).as_posix()] += 1
        return check(target, source, settings)

    monkeypatch.setattr(cache, "read_target", counting_read)  # a content lookup
    monkeypatch.setattr(entry, "read_target", counting_read)  # a check
    monkeypatch.setattr(entry, "check_source", counting_check)
    monkeypatch.setenv("CACHELINT_CACHE_DIR", str(cache_dir))
    monkeypatch.chdir(checkout)
    status = main(["check", "--jobs", "1", "--quiet", "."])
    monkeypatch.undo()
    return reads, checks, status


def test_a_restored_cache_makes_a_fresh_clone_a_warm_run(clones, tmp_path, monkeypatch):
    first, second = clones
    saved, restored = tmp_path / "saved", tmp_path / "restored"
    assert cli_json(first, saved) == (0, [])
    shutil.copytree(saved, restored)  # what actions/cache does between two runs
    pages = {f"_cache/{tag}/{package}/specs.md" for tag, package in PAGES}
    pages |= {f"pages/tags/{tag}.md" for tag, _ in PAGES}  # the tag pages are checked too
    reads, checks, status = counted_run(second, restored, monkeypatch)
    assert status == 0
    assert reads == Counter(dict.fromkeys(pages, 1))  # each page read once ...
    assert checks == Counter()  # ... and none checked again

    page = second / "_cache" / "develop" / "zlib" / "specs.md"
    page.write_text(page.read_text().replace('"num_specs": 1', '"num_specs": 2'))
    reads, checks, status = counted_run(second, restored, monkeypatch)
    assert checks == Counter({"_cache/develop/zlib/specs.md": 1})
    assert status == 1
    status, findings = cli_json(second, restored)
    assert status == 1
    assert {(f["path"], f["code"]) for f in findings} >= {("_cache/develop/zlib/specs.md", "CL201")}


def test_a_page_moved_elsewhere_in_the_catalog_is_checked_again(clones, tmp_path, monkeypatch):
    first, second = clones
    assert cli_json(first, tmp_path / "saved")[0] == 0
    moved = second / "_cache" / "v1" / "zlib" / "specs.md"
    moved.parent.mkdir()
    shutil.copy(second / "_cache" / "develop" / "zlib" / "specs.md", moved)
    _, checks, _ = counted_run(second, tmp_path / "saved", monkeypatch)
    assert checks == Counter({"_cache/v1/zlib/specs.md": 1})  # same bytes, another place
