"""--changed-since REF: the changed pages, and the whole-tag rules of the tags they touch."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.catalog.builder import META, CatalogBuilder
from tests.conftest import spec
from tests.gitrepo import commit_all, git, init_repo, isolate_git, require_git

BC = "_cache/develop/bc/specs.md"
ZLIB = "_cache/develop/zlib/specs.md"
OLD_BC = "_cache/v0.23.0/bc/specs.md"
GCC = "_cache/v0.23.0/gcc/specs.md"


@pytest.fixture
def catalog(make_catalog: CatalogBuilder, monkeypatch: pytest.MonkeyPatch) -> CatalogBuilder:
    """Two tags of two pages each, consistent and committed."""
    require_git()
    isolate_git(monkeypatch)
    two = [spec(), spec(hash="a" * 32)]
    make_catalog.page("develop", "bc").page("develop", "zlib", two)
    make_catalog.page("v0.23.0", "bc").page("v0.23.0", "gcc", two).consistent()
    init_repo(make_catalog.root)
    commit_all(make_catalog.root)
    return make_catalog


def changed(check_catalog, *args: str) -> list[tuple[str, str, int, int]]:
    # CL622 (a change to the immutable v0.23.0) has its own tests in tests/rules/test_immutable.py.
    return check_catalog("--changed-since", "HEAD", "--ignore", "CL622", *args)


def codes_by_path(found) -> set[tuple[str, str]]:
    return {(path, code) for path, code, _, _ in found}


def test_nothing_changed_checks_nothing(catalog, cli):
    result = cli("check", "--changed-since", "HEAD", "-v")
    assert result.status == 0
    assert "All checks passed (0 pages)." in result.out
    assert "no catalog changed" in result.err


def test_a_changed_page_is_checked_with_its_tags_totals(catalog, check_catalog):
    catalog.page("develop", "zlib", [spec()])  # one spec fewer: develop's count is stale
    assert codes_by_path(changed(check_catalog)) == {(META, "CL505")}


def test_unchanged_pages_are_counted_but_not_reported(catalog, check_catalog, cli):
    catalog.write(OLD_BC, catalog.text(OLD_BC).replace('"num_specs": 1', '"num_specs": 2'))
    commit_all(catalog.root, "a broken page, committed")
    catalog.write(GCC, catalog.text(GCC) + "\n")  # touches v0.23.0, changes no fact
    found = changed(check_catalog)
    # bc's CL201 is old news; its num_specs of 2 makes v0.23.0's total 4, not 3.
    assert codes_by_path(found) == {(META, "CL505")}
    assert ("_cache/v0.23.0/bc/specs.md", "CL201") in codes_by_path(check_catalog("."))


def test_a_deleted_page_touches_its_tag(catalog, check_catalog):
    git(catalog.root, "rm", "--quiet", ZLIB)
    found = changed(check_catalog)
    assert found == [(META, "CL505", 9, 10)]  # develop.count 3, its pages now hold 1


def test_a_page_renamed_into_another_tag_touches_both(catalog, check_catalog):
    (catalog.root / "_cache/v0.23.0/zlib").mkdir()
    git(catalog.root, "mv", ZLIB, "_cache/v0.23.0/zlib/specs.md")
    messages = changed(check_catalog, "--output-format", "json")
    assert [(path, code) for path, code, _, _ in messages] == [
        ("_cache/v0.23.0/zlib/specs.md", "CL501"),  # the page still names develop
        (META, "CL505"),
        (META, "CL505"),
    ]


def test_an_untracked_page_is_checked(catalog, check_catalog):
    catalog.page("develop", "new", [spec(stacks=["e4s", "root", "undeclared"])])
    found = codes_by_path(changed(check_catalog))
    assert ("_cache/develop/new/specs.md", "CL504") in found
    assert (META, "CL505") in found


def test_a_changed_meta_entry_touches_its_tag_only(catalog, check_catalog):
    meta = catalog.derived_meta()
    meta["develop"]["count"] = 9
    meta["all"]["count"] += 6
    catalog.meta(meta)
    assert changed(check_catalog) == [(META, "CL505", 9, 10)]


def test_a_changed_declaration_checks_every_page_of_its_tag(catalog, check_catalog):
    catalog.tags({"develop": ["root"], "v0.23.0": ["e4s", "root"]})  # develop loses e4s
    found = codes_by_path(changed(check_catalog))
    assert found == {(BC, "CL504"), (ZLIB, "CL504")}


def test_whole_catalog_rules_run_when_the_catalog_changed(catalog, check_catalog):
    meta = catalog.derived_meta()
    meta["all"]["count"] = 1
    catalog.meta(meta)
    assert codes_by_path(changed(check_catalog)) == {(META, "CL506")}


def test_paths_limit_which_changes_count(catalog, check_catalog):
    catalog.page("develop", "zlib", [spec()])
    catalog.page("v0.23.0", "gcc", [spec()])
    assert codes_by_path(changed(check_catalog, "_cache/v0.23.0")) == {(META, "CL505")}
    found = changed(check_catalog, "_cache/v0.23.0", "--output-format", "json")
    assert [line for _, _, line, _ in found] == [15]  # v0.23.0.count, not develop.count


def test_a_changed_tag_page_touches_its_tag(catalog, check_catalog):
    catalog.tag_page("develop", permalink="/tag/main/")
    found = changed(check_catalog, "--extend-select", "CL507")
    assert codes_by_path(found) == {("pages/tags/develop.md", "CL507")}


def test_outside_a_git_repository_is_a_usage_error(make_catalog, cli, monkeypatch):
    require_git()
    isolate_git(monkeypatch)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(make_catalog.root.parent))
    make_catalog.page("develop", "bc").consistent()
    result = cli("check", "--changed-since", "HEAD")
    assert result.status == 2
    assert "is not inside a git repository: --changed-since needs one" in result.err


def test_an_unknown_revision_is_a_usage_error(catalog, cli):
    result = cli("check", "--changed-since", "no-such-branch")
    assert result.status == 2
    assert "--changed-since: unknown revision 'no-such-branch'" in result.err
    assert "Traceback" not in result.err


def test_a_revision_like_an_option_is_refused(catalog, cli):
    result = cli("check", "--changed-since=--output=x")
    assert result.status == 2
    assert "unknown revision '--output=x'" in result.err
    assert not (catalog.root / "x").exists()


def test_without_git_on_path_it_says_so(catalog, cli, monkeypatch):
    monkeypatch.setenv("PATH", os.devnull)
    assert shutil.which("git") is None
    result = cli("check", "--changed-since", "HEAD")
    assert result.status == 2
    assert "--changed-since needs git, and git is not on PATH" in result.err


@pytest.mark.parametrize("other", [["--shard", "1/2"], ["--files-from", "-"]])
def test_it_does_not_go_with_shards_or_lists(catalog, cli, other):
    result = cli("check", "--changed-since", "HEAD", *other)
    assert result.status == 2
    assert f"--changed-since and {other[0]} cannot be used together" in result.err


def test_the_result_cache_still_tracks_the_changed_pages(catalog, check_catalog):
    assert changed(check_catalog) == []
    assert check_catalog(".") == []  # fills the cache
    catalog.page("develop", "zlib", [spec()])
    assert codes_by_path(changed(check_catalog)) == {(META, "CL505")}


def test_a_catalog_root_given_elsewhere_is_no_internal_error(tmp_path, cli, monkeypatch):
    # Pages outside the fixed root's _cache/ are never whole tags (as in a full run).
    require_git()
    isolate_git(monkeypatch)
    pages = CatalogBuilder(tmp_path / "pages").page("develop", "bc").page("develop", "zlib")
    site = CatalogBuilder(tmp_path / "site")
    site.pages = pages.pages
    site.consistent()
    init_repo(tmp_path)
    commit_all(tmp_path)
    monkeypatch.chdir(tmp_path)
    pages.page("develop", "bc", [spec(stacks=["root", "undeclared"])])
    result = cli("check", "--changed-since", "HEAD", "--catalog-root", "site", "pages")
    assert result.status == 1, result.err
    assert "CL504" in result.out
    assert "internal error" not in result.err


def test_head_of_a_repository_without_commits_is_an_empty_tree(
    make_catalog: CatalogBuilder, monkeypatch: pytest.MonkeyPatch, check_catalog
):
    # The first commit of a catalog, as the cachelint-catalog pre-commit hook sees it.
    require_git()
    isolate_git(monkeypatch)
    make_catalog.page("develop", "bc").consistent()
    make_catalog.page("develop", "zlib", [spec(stacks=["aws", "root"])])
    init_repo(make_catalog.root)
    git(make_catalog.root, "add", "--all")
    found = codes_by_path(changed(check_catalog))
    assert (ZLIB, "CL504") in found and (META, "CL505") in found
