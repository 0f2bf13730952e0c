"""In a git work tree, which files are ignored is git's answer (REF's, with --changed-since)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cachelint.scope.gitignored import IgnoredPaths, relocate
from tests.conftest import page_text
from tests.gitrepo import GIT_ENV, commit_all, git, init_repo, require_git

CACHELINT = str(Path(sys.executable).with_name("cachelint"))
CLEAN = page_text()
BROKEN = page_text().replace('"num_specs": 1', '"num_specs": 2')  # CL201


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def reported(cwd: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    """The paths ``cachelint check --output-format json ARGS`` reports (installed entry point)."""
    done = subprocess.run(
        [CACHELINT, "check", "--no-cache", "--output-format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **GIT_ENV, **(env or {})},
    )
    assert done.returncode in (0, 1), done.stderr
    return sorted({record["path"] for record in json.loads(done.stdout)})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    require_git()
    (tmp_path / "catalog").mkdir()
    root = init_repo(tmp_path / "catalog")
    write(root, "_cache/develop/bc/specs.md", CLEAN)
    commit_all(root)
    return root


def test_git_info_exclude_counts(repo):
    write(repo, "_cache/develop/zlib/specs.md", BROKEN)  # untracked
    assert reported(repo, ".") == ["_cache/develop/zlib/specs.md"]
    with (repo / ".git" / "info" / "exclude").open("a", encoding="utf-8") as exclude:
        exclude.write("_cache/develop/zlib/\n")
    assert reported(repo, ".") == []


def test_core_excludes_file_counts(repo, tmp_path):
    write(repo, "_cache/develop/zlib/specs.md", BROKEN)
    excludes = tmp_path / "global-ignore"
    excludes.write_text("zlib/\n", encoding="utf-8")
    git(repo, "config", "core.excludesFile", str(excludes))
    assert reported(repo, ".") == []


def test_a_tracked_page_is_never_ignored(repo, tmp_path):
    """A pull request's .gitignore cannot hide its own committed pages (issue 12 item 7)."""
    write(repo, "_cache/develop/zlib/specs.md", BROKEN)
    write(repo, ".gitignore", "_cache/\n")
    git(repo, "add", "--force", "--all")
    git(repo, "commit", "--quiet", "-m", "hostile")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(repo), str(clone))
    assert reported(clone, ".") == ["_cache/develop/zlib/specs.md"]
    # an untracked page is still ignored, as git ignores it
    write(clone, "_cache/develop/gcc/specs.md", BROKEN)
    assert reported(clone, ".") == ["_cache/develop/zlib/specs.md"]


def test_changed_since_takes_the_ignore_rules_of_ref(repo):
    write(repo, ".gitignore", "drafts/\n")
    write(repo, "_cache/develop/lib/.gitignore", "local.md\n")
    commit_all(repo, "base rules")
    # the pull request drops the rules, and its untracked drafts would be checked
    write(repo, ".gitignore", "\n")
    write(repo, "_cache/develop/lib/.gitignore", "\n")
    write(repo, "_cache/develop/drafts/specs.md", BROKEN)
    write(repo, "_cache/develop/lib/local.md", BROKEN)
    write(repo, "_cache/develop/zlib/specs.md", BROKEN)
    found = reported(repo, "--changed-since", "HEAD", "--select", "CL201")
    assert found == ["_cache/develop/zlib/specs.md"]
    # without --changed-since the work tree's rules apply, as git status says
    assert "_cache/develop/drafts/specs.md" in reported(repo, ".", "--select", "CL201")


def test_outside_git_gitignore_files_are_read_as_before(tmp_path):
    (tmp_path / ".git").mkdir()  # a folder git does not accept as a repository
    write(tmp_path, ".gitignore", "old/\n")
    write(tmp_path, "_cache/develop/old/specs.md", BROKEN)
    assert reported(tmp_path, ".") == []


@pytest.mark.parametrize(
    ("text", "folder", "expected"),
    [
        ("a.md\n", "", ["a.md"]),
        (
            "a.md\n/b.md\nc/d.md\ne/\n",
            "sub",
            ["sub/**/a.md", "sub/b.md", "sub/c/d.md", "sub/**/e/"],
        ),
        ("!keep.md\n# comment\n\n", "x", ["!x/**/keep.md"]),
        ("a.md\n", "[w]*?", ["\\[w]\\*\\?/**/a.md"]),
        ("a.md\n", "!neg", ["\\!neg/**/a.md"]),
        ("a.md\n", "bad\nname", []),
    ],
)
def test_relocate(text, folder, expected):
    assert relocate(text, folder) == expected


def test_ignored_paths_match_folders_and_files(tmp_path):
    top = str(tmp_path)
    ignored = IgnoredPaths(top, frozenset({"build/", "a/x.md"}))
    assert ignored.match(os.path.join(top, "build", "y.md")) is not None
    assert ignored.match(os.path.join(top, "build"), is_dir=True) is not None
    assert ignored.match(os.path.join(top, "a", "x.md")) is not None
    assert ignored.match(os.path.join(top, "a", "y.md")) is None
    assert ignored.match(os.path.join(top, "a"), is_dir=True) is None
    assert ignored.match(os.path.dirname(top)) is None
