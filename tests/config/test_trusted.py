"""--changed-since: a pull request cannot configure its own gate (issue 12 item 7).

Each test builds a catalog on ``main``, a hostile pull request on the branch
``pr``, clones the repository fresh (as CI checks out), and runs the installed
``cachelint`` with ``--changed-since origin/main``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog.builder import CatalogBuilder
from tests.gitrepo import GIT_ENV, git, init_repo, require_git

CACHELINT = str(Path(sys.executable).with_name("cachelint"))
BC = "_cache/develop/bc/specs.md"
BASE_COMMAND = [CACHELINT, "check", "--no-cache", "--output-format", "json"]


class PullRequest:
    """``main`` with a consistent catalog; ``edit()`` then ``check()`` a fresh clone of ``pr``."""

    def __init__(self, tmp_path: Path) -> None:
        self.origin = tmp_path / "origin"
        self.origin.mkdir()
        self.clone = tmp_path / "clone"
        init_repo(self.origin)
        self.catalog = CatalogBuilder(self.origin)
        self.catalog.page("develop", "bc").page("develop", "zlib").consistent()

    def base(self, relative: str, text: str) -> PullRequest:
        """A file on ``main`` (call before :meth:`open`)."""
        self.catalog.write(relative, text)
        return self

    def open(self) -> PullRequest:
        git(self.origin, "add", "--all")
        git(self.origin, "commit", "--quiet", "-m", "main")
        git(self.origin, "checkout", "--quiet", "-b", "pr")
        return self

    def edit(self, relative: str, text: str | None) -> PullRequest:
        path = self.origin / relative
        if text is None:
            path.unlink()
        else:
            self.catalog.write(relative, text)
        return self

    def break_a_page(self) -> PullRequest:
        text = self.catalog.text(BC).replace('"num_specs": 1', '"num_specs": 2')
        return self.edit(BC, text)

    def check(self, *args: str) -> tuple[int, list[tuple[str, str, str]]]:
        git(self.origin, "add", "--all", "--force")
        git(self.origin, "commit", "--quiet", "-m", "pull request")
        git(self.origin.parent, "clone", "--quiet", "--branch", "pr", str(self.origin), "clone")
        done = subprocess.run(
            [*BASE_COMMAND, "--changed-since", "origin/main", *args],
            cwd=self.clone,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **GIT_ENV},
        )
        assert done.returncode in (0, 1), done.stderr
        found = {(d["path"], d["code"], d["severity"]) for d in json.loads(done.stdout)}
        return done.returncode, found


@pytest.fixture
def pull_request(tmp_path: Path) -> PullRequest:
    require_git()
    return PullRequest(tmp_path)


# What the broken page gives: its own count, and its tag's total in _data/meta.yaml.
BROKEN = {(BC, "CL201", "error"), ("_data/meta.yaml", "CL505", "error")}


def test_a_new_config_excluding_everything_is_reported_and_not_used(pull_request):
    pull_request.open().edit(".cachelint.toml", 'exclude = ["**"]\n').break_a_page()
    status, found = pull_request.check()
    assert status == 1
    assert found == {(".cachelint.toml", "CL011", "warning"), *BROKEN}


def test_lowered_severities_do_not_apply(pull_request):
    pull_request.base("cachelint.toml", 'exclude = ["_cache/archive/"]\n').open()
    pull_request.edit("cachelint.toml", 'severity = {CL = "warning"}\n').break_a_page()
    status, found = pull_request.check()
    assert status == 1
    assert found == {("cachelint.toml", "CL011", "warning"), *BROKEN}


def test_a_gitignore_hiding_the_catalog_is_reported_and_not_used(pull_request):
    pull_request.open().edit(".gitignore", "_cache/\n").break_a_page()
    status, found = pull_request.check()
    assert status == 1
    assert found == {(".gitignore", "CL011", "warning"), *BROKEN}


def test_removing_the_config_is_reported_and_refs_config_governs(pull_request):
    pull_request.base(".cachelint.toml", 'severity = {CL011 = "error"}\n').open()
    status, found = pull_request.edit(".cachelint.toml", None).check()
    assert (status, found) == (1, {(".cachelint.toml", "CL011", "error")})


def test_pyproject_is_reported_only_when_its_cachelint_table_changes(pull_request):
    pull_request.base("pyproject.toml", '[project]\nname = "site"\n').open()
    pull_request.edit("pyproject.toml", '[project]\nname = "site"\nversion = "2"\n')
    assert pull_request.check() == (0, set())


def test_pyproject_table_change_is_reported(pull_request):
    pull_request.base("pyproject.toml", '[project]\nname = "site"\n').open()
    pull_request.edit(
        "pyproject.toml", '[project]\nname = "site"\n[tool.cachelint]\nignore = ["CL2"]\n'
    )
    status, found = pull_request.break_a_page().check()
    assert (status, found) == (1, {("pyproject.toml", "CL011", "warning"), *BROKEN})


def test_no_config_from_ref_uses_the_work_tree_and_still_reports(pull_request):
    pull_request.open().edit(".cachelint.toml", 'exclude = ["**"]\n').break_a_page()
    status, found = pull_request.check("--no-config-from-ref")
    assert (status, found) == (0, {(".cachelint.toml", "CL011", "warning")})


def test_an_unrelated_change_reports_nothing(pull_request):
    pull_request.open().edit("README.md", "hello\n")
    assert pull_request.check() == (0, set())


def test_config_from_ref_needs_changed_since(tmp_path):
    done = subprocess.run(
        [CACHELINT, "check", "--config-from-ref", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "--config-from-ref only applies with --changed-since" in done.stderr


def test_refs_config_governs_the_changed_pages(pull_request):
    pull_request.base(".cachelint.toml", 'ignore = ["CL201"]\n').open()
    pull_request.edit(".cachelint.toml", "\n").break_a_page()
    status, found = pull_request.check("--select", "CL011,CL201")
    assert (status, found) == (0, {(".cachelint.toml", "CL011", "warning")})
