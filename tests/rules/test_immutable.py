"""CL622: with --changed-since, changes to immutable tags are reported."""

from __future__ import annotations

import pytest

from tests.catalog.builder import TAGS, CatalogBuilder
from tests.gitrepo import commit_all, git, init_repo, isolate_git, require_git

RELEASE = "_cache/v0.21.0/bc/specs.md"
SNAPSHOT = "_cache/develop-2025-07-13/bc/specs.md"
DEVELOP = "_cache/develop/bc/specs.md"


@pytest.fixture
def catalog(make_catalog: CatalogBuilder, monkeypatch: pytest.MonkeyPatch) -> CatalogBuilder:
    """A mutable tag, a release and a dated snapshot, consistent and committed."""
    require_git()
    isolate_git(monkeypatch)
    for tag in ("develop", "v0.21.0", "develop-2025-07-13"):
        make_catalog.page(tag, "bc")
    make_catalog.consistent()
    init_repo(make_catalog.root)
    commit_all(make_catalog.root)
    return make_catalog


def immutable(check_catalog, *args: str) -> list[tuple[str, str, int, int]]:
    found = check_catalog(*(args or ("--changed-since", "HEAD")))
    return [item for item in found if item[1] == "CL622"]


def entry_line(catalog: CatalogBuilder, tag: str) -> int:
    """The line of ``- name: <tag>`` in ``tags.yaml``."""
    return catalog.text(TAGS).split("\n").index(f"- name: {tag}") + 1


def touch(catalog: CatalogBuilder, relative: str) -> None:
    catalog.write(relative, catalog.text(relative) + "\n")


def test_a_change_to_the_mutable_tag_passes(catalog, check_catalog):
    touch(catalog, DEVELOP)
    assert immutable(check_catalog) == []


@pytest.mark.parametrize("page", [RELEASE, SNAPSHOT])
def test_a_changed_page_of_a_release_or_snapshot(catalog, check_catalog, page):
    touch(catalog, page)
    assert immutable(check_catalog) == [(page, "CL622", 1, 1)]


def test_it_is_a_warning(catalog, cli):
    touch(catalog, RELEASE)
    result = cli("check", "--changed-since", "HEAD", "--no-cache")
    assert result.status == 0
    assert "CL622" in result.out and "'v0.21.0' is immutable" in result.out


def test_a_deleted_page_is_reported_on_the_tag_entry(catalog, check_catalog):
    git(catalog.root, "rm", "--quiet", RELEASE)
    assert immutable(check_catalog) == [(TAGS, "CL622", entry_line(catalog, "v0.21.0"), 9)]


def test_a_changed_declaration(catalog, check_catalog):
    catalog.tags({"develop": ["e4s", "root"], "v0.21.0": ["root"], "develop-2025-07-13": []})
    found = immutable(check_catalog)
    lines = [entry_line(catalog, tag) for tag in ("v0.21.0", "develop-2025-07-13")]
    assert [(path, line) for path, _, line, _ in found] == [(TAGS, line) for line in sorted(lines)]


def test_a_new_tag_is_published_not_changed(catalog, check_catalog):
    catalog.page("v0.22.0", "bc").consistent()
    assert immutable(check_catalog) == []


def test_mutable_tags_are_configurable(catalog, check_catalog):
    touch(catalog, SNAPSHOT)
    touch(catalog, RELEASE)
    found = immutable(check_catalog, "--changed-since", "HEAD", "--mutable-tags", "develop*")
    assert found == [(RELEASE, "CL622", 1, 1)]


def test_without_changed_since_nothing_is_reported(catalog, check_catalog):
    touch(catalog, RELEASE)
    assert immutable(check_catalog, ".") == []
