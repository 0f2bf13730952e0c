"""Temporary git repositories for the tests of --changed-since and the pre-commit hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# A repository that ignores the user's and the system's git configuration.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "cachelint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "cachelint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def require_git() -> None:
    """Skip the test when git is not installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the git that cachelint runs ignore the user's configuration too."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its stdout (a failure fails the test)."""
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **GIT_ENV},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def init_repo(repo: Path) -> Path:
    """``git init`` with a fixed branch name."""
    git(repo, "init", "--quiet", "--initial-branch=main")
    return repo


def commit_all(repo: Path, message: str = "catalog") -> str:
    """Stage everything and commit it; the commit's hash."""
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()
