"""No page is skipped in silence (issue 13, item 2), through the installed ``cachelint``.

A ``.md`` below ``_cache/`` that does not start with ``---`` is a broken page
(CL002 at 1:1) however the run finds it; named data files get their own
checks; a run that finds no page says so; pages and data files are counted
apart in the summary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog.builder import META, TAGS, CatalogBuilder
from tests.gitrepo import GIT_ENV, commit_all, init_repo, require_git

BROKEN = {
    "no front matter": "# just a heading\n",
    "blank line before the fence": "\n---\ntitle: x\n---\n",
    "CR-only line ends": "---\rtitle: x\r---\r",
}
EXTRA = "_cache/develop/extra/specs.md"


def cachelint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cachelint")
    command = [str(script)] if script.exists() else [shutil.which("cachelint") or "cachelint"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        check=False,
        timeout=60,
    )


def findings(*args: str, cwd: Path) -> set[tuple[str, str, int, int]]:
    run = cachelint("check", "--no-cache", "--output-format", "json", *args, cwd=cwd)
    assert run.returncode in (0, 1), run.stderr
    return {(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(run.stdout)}


@pytest.fixture
def catalog(tmp_path: Path) -> CatalogBuilder:
    """One tag of three pages whose totals agree; ``extra`` is then broken by each test."""
    root = tmp_path / "catalog"
    return (
        CatalogBuilder(root)
        .page("develop", "bc")
        .page("develop", "zlib")
        .page("develop", "extra")
        .consistent()
    )


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.parametrize(
    "how", ["walk", "files-from", "shard", "changed-since"], ids=lambda how: how
)
def test_a_page_without_front_matter_is_cl002_and_leaves_its_tag_sum_unknown(
    catalog: CatalogBuilder, text: str, how: str
) -> None:
    root = catalog.root
    args = {
        "walk": ["."],
        "files-from": ["--files-from", "list.txt"],
        "shard": ["--shard", "1/1", "."],
        "changed-since": ["--changed-since", "HEAD"],
    }[how]
    if how == "changed-since":
        require_git()
        init_repo(root)
        commit_all(root)
    (root / EXTRA).write_bytes(text.encode())
    (root / "list.txt").write_text(f"{EXTRA}\n")
    found = findings(*args, cwd=root)
    assert (EXTRA, "CL002", 1, 1) in found
    # Its spec is in meta.yaml's count but not readable here: the sum is unknown,
    # so CL505 says nothing rather than blame meta.yaml.
    assert not [f for f in found if f[1] == "CL505"], found


def test_outside_cache_a_file_without_front_matter_is_still_no_page(
    catalog: CatalogBuilder,
) -> None:
    (catalog.root / "docs").mkdir()
    (catalog.root / "docs" / "README.md").write_text("# notes\n")
    assert findings(".", cwd=catalog.root) == set()


def test_a_named_tags_file_gets_its_own_checks_not_the_page_schema(
    catalog: CatalogBuilder,
) -> None:
    catalog.tags("- name: develop\n  stacks: e4s\n")
    for args in ([TAGS], ["--files-from", "list.txt"]):
        (catalog.root / "list.txt").write_text(f"{TAGS}\n")
        found = findings(*args, cwd=catalog.root)
        assert found == {(TAGS, "CL508", 2, 11)}, args


def test_a_named_meta_file_gets_its_own_checks(catalog: CatalogBuilder) -> None:
    catalog.meta("develop: [1, 2]\n")
    found = findings(META, cwd=catalog.root)
    assert found and {code for _, code, _, _ in found} == {"CL508"}


def test_a_named_tag_page_gets_cl507_not_cl101(catalog: CatalogBuilder) -> None:
    catalog.tag_page("develop", permalink="/tag/other/")
    page = "pages/tags/develop.md"
    for args in ([page], ["--files-from", "list.txt"]):
        (catalog.root / "list.txt").write_text(f"{page}\n")
        found = findings("--select", "CL507", *args, cwd=catalog.root)
        assert {(path, code) for path, code, _, _ in found} == {(page, "CL507")}, args
        assert not [f for f in findings(*args, cwd=catalog.root) if f[1] == "CL101"]


def test_a_run_that_finds_no_page_warns_naming_the_paths_and_the_rule(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "specs.txt").write_text("---\ntitle: x\n---\n")
    run = cachelint("check", "--no-cache", "notes", cwd=tmp_path)
    assert run.returncode == 0
    assert "All checks passed (0 pages)." in run.stdout
    assert "warning: no catalog page found in notes" in run.stderr
    assert "include (*.md)" in run.stderr
    assert "other files are checked only when named" in run.stderr
    quiet = cachelint("check", "--no-cache", "--quiet", "notes", cwd=tmp_path)
    assert quiet.stderr == ""


def test_the_summary_counts_pages_and_data_files_apart(catalog: CatalogBuilder) -> None:
    root = catalog.root
    clean = cachelint("check", "--no-cache", ".", cwd=root)
    assert clean.stdout.strip() == "All checks passed (3 pages and 2 data files)."
    catalog.meta(catalog.text(META).replace("count: 3", "count: 4"))
    broken = cachelint("check", "--no-cache", ".", cwd=root)
    assert broken.stdout.splitlines()[-1] == "Found 1 error in 1 of 3 pages (and 2 data files)."
    (root / EXTRA).write_text("# broken\n")
    both = cachelint("check", "--no-cache", ".", cwd=root)
    assert both.stdout.splitlines()[-1] == "Found 1 error in 1 of 3 pages (and 2 data files)."
    one = cachelint("check", "--no-cache", TAGS, cwd=root)
    assert one.stdout.strip() == "All checks passed (1 data file)."
