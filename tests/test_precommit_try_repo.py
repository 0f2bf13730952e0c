"""The pre-commit hooks for real: ``pre-commit try-repo`` against this checkout.

Each test makes a git repository holding a small catalog, stages or commits
it, and runs a hook of this repository through pre-commit, which installs
cachelint into a virtual environment of its own. That install needs the
package index for cachelint's dependencies: where pre-commit cannot install
them (offline), the tests are skipped, saying so.

pre-commit clones the hook repository at a commit. The checkout under test
may have uncommitted work, so the tests snapshot its files (tracked and
untracked, not ignored) into a temporary repository and commit them there:
what is tested is the working state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.catalog.builder import CatalogBuilder
from tests.conftest import REPO, spec
from tests.gitrepo import GIT_ENV, commit_all, git, init_repo, require_git

INSTALL_TIMEOUT = 900
BROKEN_PAGE = "_cache/develop/zlib/specs.md"
CATALOG_HOOK = "cachelint (catalog changes)"


def pre_commit() -> list[str]:
    """The pre-commit command of this environment; skip when it is not installed."""
    try:
        import pre_commit  # noqa: F401  (only to know it is installed)
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    import sys

    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This checkout's working state, committed in a repository of its own: (path, commit)."""
    require_git()
    if not (REPO / ".git").exists():
        pytest.skip("this checkout is not a git repository")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listing = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listing.split("\0")):
        source = REPO / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    init_repo(snapshot)
    return snapshot, commit_all(snapshot, "snapshot")


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """pre-commit's home, away from the user's (try-repo installs into a store of its own)."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def install_failures() -> list[str]:
    """Why pre-commit could not install the hook, once it failed (not tried again)."""
    return []


@pytest.fixture
def try_repo(hook_repo, home, install_failures):
    """``try_repo(catalog, hook, *args)``: run a hook of this checkout in ``catalog``."""
    command = pre_commit()
    if install_failures:
        pytest.skip(install_failures[0])
    repo, commit = hook_repo
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)

    def run(catalog: Path, hook: str, *args: str) -> subprocess.CompletedProcess:
        argv = [*command, "try-repo", str(repo), hook, "--ref", commit, "--color", "never", *args]
        try:
            done = subprocess.run(
                argv,
                cwd=catalog,
                env=env,
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            install_failures.append(f"pre-commit did not install the hook in {INSTALL_TIMEOUT} s")
            pytest.skip(install_failures[0])
        reason = _not_installed(done)
        if reason:
            install_failures.append(reason)
            pytest.skip(reason)
        return done

    return run


def _not_installed(done: subprocess.CompletedProcess) -> str:
    """Why pre-commit could not build the hook's environment (``""``: it could)."""
    output = done.stdout + done.stderr
    if "An unexpected error has occurred" not in output or "Installing environment" not in output:
        return ""
    error = next(line for line in output.splitlines() if "An unexpected error" in line)
    return (
        "pre-commit could not install cachelint's environment, which needs the package "
        f"index for the dependencies: {error[:300]}"
    )


@pytest.fixture
def catalog(tmp_path) -> CatalogBuilder:
    """A consistent catalog in a new git repository, staged."""
    require_git()
    builder = CatalogBuilder(tmp_path / "catalog")
    two = [spec(), spec(hash="a" * 32)]
    builder.page("develop", "bc").page("develop", "zlib", two).consistent()
    init_repo(builder.root)
    git(builder.root, "add", "--all")
    return builder


def hook_line(done: subprocess.CompletedProcess, name: str) -> str:
    lines = [line for line in done.stdout.splitlines() if line.startswith(name + ".")]
    assert lines, done.stdout + done.stderr
    return lines[0]


def test_the_page_hook_passes_a_clean_commit(catalog, try_repo):
    done = try_repo(catalog.root, "cachelint")
    assert done.returncode == 0, done.stdout + done.stderr
    assert hook_line(done, "cachelint").endswith("Passed")


def test_the_page_hook_fails_a_broken_page_with_its_code(catalog, try_repo):
    commit_all(catalog.root)
    text = catalog.text(BROKEN_PAGE).replace('"num_specs": 2', '"num_specs": 3')
    catalog.write(BROKEN_PAGE, text)
    git(catalog.root, "add", BROKEN_PAGE)
    done = try_repo(catalog.root, "cachelint")
    assert done.returncode == 1
    assert hook_line(done, "cachelint").endswith("Failed")
    assert f"{BROKEN_PAGE}:5:" in done.stdout
    assert "CL201" in done.stdout


def test_the_catalog_hook_passes_a_clean_commit(catalog, try_repo):
    done = try_repo(catalog.root, "cachelint-catalog")
    assert done.returncode == 0, done.stdout + done.stderr
    assert hook_line(done, CATALOG_HOOK).endswith("Passed")


def test_the_catalog_hook_fails_when_the_totals_are_stale(catalog, try_repo):
    commit_all(catalog.root)
    catalog.page("develop", "zlib", [spec()])  # one spec fewer: develop.count is stale
    git(catalog.root, "add", "--all")
    done = try_repo(catalog.root, "cachelint-catalog")
    assert done.returncode == 1
    assert hook_line(done, CATALOG_HOOK).endswith("Failed")
    assert "_data/meta.yaml" in done.stdout
    assert "CL505" in done.stdout


def test_the_page_hook_prints_one_line_per_finding(catalog, try_repo):
    commit_all(catalog.root)
    text = catalog.text(BROKEN_PAGE).replace('"num_specs": 2', '"num_specs": 3')
    catalog.write(BROKEN_PAGE, text)
    git(catalog.root, "add", BROKEN_PAGE)
    done = try_repo(catalog.root, "cachelint")
    findings = [line for line in done.stdout.splitlines() if line.startswith(BROKEN_PAGE)]
    assert findings == [
        f"{BROKEN_PAGE}:5:50: CL201 meta.num_specs is 3 but spec_details has 2 entries"
    ]
    assert "^" not in done.stdout  # the concise format: no source excerpt


def _with_old_finding(catalog: CatalogBuilder) -> None:
    """Commit a catalog whose tag ``old`` has a stale page (CL504) nobody fixed yet."""
    catalog.page("old", "acl", [spec(stacks=["e4s", "root"])]).consistent()
    catalog.tags({"develop": catalog.stacks("develop"), "old": ["root"]})
    commit_all(catalog.root)


def test_the_catalog_hook_passes_a_clean_commit_beside_old_findings(catalog, try_repo):
    _with_old_finding(catalog)
    catalog.page("develop", "cmake", [spec(hash="b" * 32)]).consistent()
    catalog.tags({"develop": catalog.stacks("develop"), "old": ["root"]})
    git(catalog.root, "add", "--all")
    done = try_repo(catalog.root, "cachelint-catalog")
    assert done.returncode == 0, done.stdout + done.stderr
    assert hook_line(done, CATALOG_HOOK).endswith("Passed")


def test_the_catalog_hook_fails_on_what_the_commit_breaks(catalog, try_repo):
    _with_old_finding(catalog)
    catalog.page("develop", "cmake", [spec(hash="b" * 32, stacks=["aws", "root"])])
    git(catalog.root, "add", "--all")
    done = try_repo(catalog.root, "cachelint-catalog")
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if ": CL5" in line]
    # The new page's undeclared stack and develop's stale total; not the old page.
    assert [line.split(": ")[1].split()[0] for line in lines] == ["CL504", "CL505"]
    assert all("_cache/old/" not in line for line in lines)
