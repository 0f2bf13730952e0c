"""The catalog root is a boundary (issue 12, cases 5, 9 and 10).

Each hostile repository is built in a temporary folder, committed, cloned
fresh (as CI checks out a pull request) and checked with the installed
``cachelint``: links out of the catalog are CL001 and show nothing of their
target in any output format; special files met in a walk are reported, never
skipped and never read blocking; ``--fix`` writes nothing through a link and
nothing without a write bit, as root too.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cachelint.report import REPORTERS
from tests.catalog.builder import CatalogBuilder
from tests.conftest import derive_meta, page_text, spec
from tests.gitrepo import commit_all, git, init_repo, require_git

LEAVES_CATALOG = "symlink leaves the catalog; not read"
TOKEN = "ghp_s3cr3tT0kenThatMustNeverBePrinted"
GH_TOKEN = "gho_anotherT0kenFromHostsYml"
ENV_SECRET = "ENVIRON_S3CRET_value"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
BC = "_cache/develop/bc/specs.md"
LEAK = "_cache/develop/leak/specs.md"


def cachelint(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cachelint")
    command = [str(script)] if script.exists() else [shutil.which("cachelint") or "cachelint"]
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environment.update(env, ENVIRON_SECRET=ENV_SECRET)
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=False,
        timeout=60,
    )


def _origin(tmp_path: Path) -> Path:
    (tmp_path / "origin").mkdir()
    return init_repo(tmp_path / "origin")


def fresh_clone(origin: Path, tmp_path: Path) -> Path:
    """Commit ``origin`` and clone it, as a CI job checks out a pull request."""
    commit_all(origin, "hostile pull request")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    return clone


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / ".config" / "gh").mkdir(parents=True)
    (home / ".git-credentials").write_text(f"https://user:{TOKEN}@github.com\n")
    (home / ".config" / "gh" / "hosts.yml").write_text(f"github.com:\n  oauth_token: {GH_TOKEN}\n")
    return home


@pytest.fixture
def hostile(tmp_path: Path, secrets: Path) -> Path:
    """A catalog whose data files, tag page and one page link to secrets outside it."""
    require_git()
    origin = _origin(tmp_path)
    CatalogBuilder(origin).page("develop", "bc").page("develop", "leak").consistent()
    links = {
        "_data/meta.yaml": secrets / ".git-credentials",
        "_data/tags.yaml": secrets / ".config" / "gh" / "hosts.yml",
        "pages/tags/develop.md": secrets / ".git-credentials",
        LEAK: Path("/proc/self/environ"),
    }
    for relative, target in links.items():
        (origin / relative).unlink()
        (origin / relative).symlink_to(target)
    return fresh_clone(origin, tmp_path)


def _leaked(text: str) -> bool:
    return any(secret in text for secret in (TOKEN, GH_TOKEN, ENV_SECRET, "oauth_token"))


@pytest.mark.parametrize("output_format", list(REPORTERS))
def test_links_out_of_the_catalog_show_nothing_in_any_format(
    hostile: Path, tmp_path: Path, output_format: str
) -> None:
    summary, report = tmp_path / "step-summary.md", tmp_path / f"report.{output_format}"
    runs = [
        cachelint(
            "check", "--select", "ALL", "--output-format", output_format, ".",
            "--cache-dir", str(tmp_path / "cache"), cwd=hostile, GITHUB_STEP_SUMMARY=str(summary),
        ),
        cachelint(
            "check", "--select", "ALL", "--output-format", output_format, "--no-cache",
            "--output-file", str(report), ".", "_data/meta.yaml", "pages/tags/develop.md",
            cwd=hostile, GITHUB_STEP_SUMMARY=str(summary),
        ),
    ]  # fmt: skip
    for run in runs:
        assert run.returncode == 1, run.stderr
        assert not _leaked(run.stdout + run.stderr)
        assert "Traceback" not in run.stderr
    written = report.read_text() + (summary.read_text() if summary.exists() else "")
    assert not _leaked(written)
    shown = runs[0].stdout + written
    for relative in (LEAK, "_data/meta.yaml", "_data/tags.yaml"):
        assert relative in shown, f"{relative} is not reported"
    assert LEAVES_CATALOG.split(";")[0] in shown


def test_each_link_is_cl001_at_the_start_of_the_file(hostile: Path) -> None:
    import json

    run = cachelint("check", "--select", "ALL", "--output-format", "json", ".", cwd=hostile)
    found = {(f["path"], f["code"], f["line"], f["message"]) for f in json.loads(run.stdout)}
    for relative in (LEAK, "_data/meta.yaml", "_data/tags.yaml", "pages/tags/develop.md"):
        assert (relative, "CL001", 1, LEAVES_CATALOG) in found


def test_a_link_inside_the_catalog_is_read(tmp_path: Path) -> None:
    require_git()
    origin = _origin(tmp_path)
    CatalogBuilder(origin).page("develop", "bc").consistent()
    (origin / "_cache/develop/alias").mkdir()
    (origin / "_cache/develop/alias/specs.md").symlink_to("../bc/specs.md")
    clone = fresh_clone(origin, tmp_path)
    run = cachelint("check", "--no-cache", "--output-format", "concise", ".", cwd=clone)
    assert "CL001" not in run.stdout


def test_without_a_catalog_root_the_named_folder_is_the_boundary(
    tmp_path: Path, secrets: Path
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.md").symlink_to(secrets / ".git-credentials")
    run = cachelint("check", "--output-format", "full", "--no-cache", "pages", cwd=tmp_path)
    assert "CL001 symlink leaves the catalog" in run.stdout
    assert not _leaked(run.stdout + run.stderr)


def _special_files(folder: Path) -> list[str]:
    """Make each kind of special file a walk can meet; their names."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "fifo.md")
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    (folder / "loop-a.md").symlink_to(folder / "loop-b.md")
    (folder / "loop-b.md").symlink_to(folder / "loop-a.md")
    made = ["dangling.md", "fifo.md", "loop-a.md", "loop-b.md"]
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(folder / "socket.md"))
            made.append("socket.md")
        except OSError:  # a path too long for a socket address
            pass
    if IS_ROOT:
        os.mknod(folder / "device.md", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
        made.append("device.md")
    return sorted(made)


def test_special_files_met_in_a_walk_are_cl001(tmp_path: Path) -> None:
    import json

    folder = tmp_path / "_cache" / "develop" / "bc"
    names = _special_files(folder)
    run = cachelint("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    found = {Path(f["path"]).name: f for f in json.loads(run.stdout)}
    assert sorted(found) == names
    assert {f["code"] for f in found.values()} == {"CL001"}
    assert "FIFO" in found["fifo.md"]["message"]
    assert "dangling" in found["dangling.md"]["message"]
    assert "loop" in found["loop-a.md"]["message"]


def test_dangling_links_and_loops_survive_a_fresh_clone(tmp_path: Path) -> None:
    require_git()
    origin = _origin(tmp_path)
    CatalogBuilder(origin).page("develop", "bc").consistent()
    (origin / "_cache/develop/gone").mkdir()
    (origin / "_cache/develop/gone/specs.md").symlink_to("missing.md")
    (origin / "_cache/develop/gone/a.md").symlink_to("b.md")
    (origin / "_cache/develop/gone/b.md").symlink_to("a.md")
    clone = fresh_clone(origin, tmp_path)
    run = cachelint("check", "--no-cache", "--output-format", "concise", ".", cwd=clone)
    assert run.returncode == 1
    for name in ("specs.md", "a.md", "b.md"):
        assert f"_cache/develop/gone/{name}:1:1: CL001" in run.stdout


def test_a_link_jekyll_does_not_render_is_not_counted_in_its_tag(tmp_path: Path) -> None:
    """The site shows no page for a dangling link: a total counting one is CL505."""
    builder = CatalogBuilder(tmp_path).page("develop", "bc")
    meta = builder.derived_meta()
    meta["develop"]["count"] += 999
    meta["all"]["count"] += 999
    builder.meta(meta)
    (tmp_path / "_cache/develop/gone").mkdir()
    (tmp_path / "_cache/develop/gone/specs.md").symlink_to("missing.md")
    run = cachelint("check", "--no-cache", "--output-format", "concise", ".", cwd=tmp_path)
    assert "_cache/develop/gone/specs.md:1:1: CL001" in run.stdout
    assert "CL505 develop.count is 1000 but the sum of meta.num_specs over its 1 page" in run.stdout


# --fix


def _stale_page_text() -> str:
    specs = [spec()]
    return page_text(specs, meta=dict(derive_meta(specs), num_specs=9))


def test_fix_does_not_rewrite_a_file_outside_through_a_link(tmp_path: Path) -> None:
    require_git()
    outside = tmp_path / "outside.md"
    outside.write_text(_stale_page_text())
    before = outside.read_bytes()
    origin = _origin(tmp_path)
    CatalogBuilder(origin).page("develop", "bc").consistent()
    (origin / BC).unlink()
    (origin / BC).symlink_to(outside)
    clone = fresh_clone(origin, tmp_path)
    run = cachelint("check", "--fix", ".", cwd=clone)
    assert "CL001 symlink leaves the catalog" in run.stdout
    assert outside.read_bytes() == before
    assert (clone / BC).is_symlink()


def test_fix_refuses_a_page_without_write_bits_even_as_root(tmp_path: Path) -> None:
    require_git()
    origin = _origin(tmp_path)
    CatalogBuilder(origin).page("develop", "bc").consistent()
    (origin / BC).write_text(_stale_page_text())
    clone = fresh_clone(origin, tmp_path)
    page = clone / BC
    page.chmod(0o444)
    before = page.read_bytes()
    run = cachelint("check", "--fix", ".", cwd=clone)
    assert run.returncode == 2, run.stdout + run.stderr
    assert f"cannot fix {BC}: it is read-only" in run.stderr
    assert "Fixed 0 findings in 0 files." in run.stdout
    assert page.read_bytes() == before
    assert stat.S_IMODE(page.stat().st_mode) == 0o444


def test_changed_since_never_reads_a_data_file_through_a_fifo_or_a_link(
    tmp_path: Path, secrets: Path
) -> None:
    require_git()
    origin = _origin(tmp_path)
    CatalogBuilder(origin).page("develop", "bc").consistent()
    clone = fresh_clone(origin, tmp_path)
    (clone / "_data/meta.yaml").unlink()
    os.mkfifo(clone / "_data/meta.yaml")  # reading it blocking would hang the run
    (clone / "_data/tags.yaml").unlink()
    (clone / "_data/tags.yaml").symlink_to(secrets / ".config" / "gh" / "hosts.yml")
    run = cachelint("check", "--no-cache", "--changed-since", "HEAD", "-v", cwd=clone)
    assert "Traceback" not in run.stderr
    assert not _leaked(run.stdout + run.stderr)
    assert "_data/tags.yaml:1:1: CL001 symlink leaves the catalog" in run.stdout
    assert "_data/meta.yaml:1:1: CL508 cannot read file: not a regular file (a FIFO)" in run.stdout


# The boundary itself (cachelint.page.boundary), unit by unit.


def test_resolve_inside_opens_the_resolved_path_or_says_why_not(tmp_path: Path) -> None:
    from cachelint.model import Finding
    from cachelint.page.boundary import DANGLING, LOOP, resolve_inside

    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "page.md").write_text("x")
    (tmp_path / "outside.md").write_text("secret")
    (root / "sub" / "alias.md").symlink_to("../page.md")
    (root / "out.md").symlink_to(tmp_path / "outside.md")
    (root / "gone.md").symlink_to("nowhere.md")
    (root / "a.md").symlink_to("b.md")
    (root / "b.md").symlink_to("a.md")
    real_root = os.path.realpath(root)
    assert resolve_inside(root / "page.md", root) == os.path.join(real_root, "page.md")
    assert resolve_inside(root / "sub" / "alias.md", root) == os.path.join(real_root, "page.md")
    messages = {
        name: result.message
        for name in ("out.md", "gone.md", "a.md")
        if isinstance(result := resolve_inside(root / name, root), Finding)
    }
    assert messages == {"out.md": LEAVES_CATALOG, "gone.md": DANGLING, "a.md": LOOP}


def test_a_link_to_a_folder_out_of_the_catalog_is_caught_below_it(tmp_path: Path) -> None:
    from cachelint.model import Finding
    from cachelint.page.boundary import resolve_inside

    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "specs.md").write_text("secret")
    (root / "_cache").symlink_to(tmp_path / "elsewhere")
    refused = resolve_inside(root / "_cache" / "specs.md", root)
    assert isinstance(refused, Finding) and refused.message == LEAVES_CATALOG


def test_boundary_for_prefers_the_catalog_root_then_the_named_folder(tmp_path: Path) -> None:
    from cachelint.page.boundary import boundary_for

    page = tmp_path / "cat" / "_cache" / "t" / "p" / "specs.md"
    root, named = tmp_path / "cat", tmp_path / "cat" / "_cache"
    assert boundary_for(page, root=root, named=named) == str(root)
    assert boundary_for(page, root=None, named=named) == str(named)
    assert boundary_for(page, root=tmp_path / "other", named=None) == str(page.parent)
