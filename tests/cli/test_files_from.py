"""--files-from FILE (or -) and -0: check the listed pages, as a git diff pipeline gives them."""

from __future__ import annotations

import io
import sys

import pytest

from tests.catalog.builder import META, CatalogBuilder
from tests.conftest import spec

BC = "_cache/develop/bc/specs.md"
ZLIB = "_cache/develop/zlib/specs.md"


@pytest.fixture
def catalog(make_catalog: CatalogBuilder) -> CatalogBuilder:
    make_catalog.page("develop", "bc").page("develop", "zlib").consistent()
    make_catalog.page("develop", "zlib", [spec(stacks=["root", "undeclared"])])  # CL504
    make_catalog.write("README.md", "# not a page\n")
    return make_catalog


def test_listed_pages_are_checked_and_other_files_left_out(catalog, check_catalog, write):
    write("changed.txt", f"{ZLIB}\nREADME.md\n{META}\n")
    assert check_catalog("--files-from", "changed.txt") == [(ZLIB, "CL504", 6, 161)]


def test_only_the_list_is_checked_not_the_current_folder(catalog, cli, write):
    write("changed.txt", f"{BC}\n")
    result = cli("check", "--files-from", "changed.txt")
    assert result.status == 0
    assert "All checks passed (1 page and 2 data files)." in result.out  # bc, tags.yaml, meta.yaml


def test_paths_given_are_checked_too(catalog, check_catalog, write):
    write("changed.txt", f"{BC}\n")
    assert [code for _, code, _, _ in check_catalog("--files-from", "changed.txt", ZLIB)] == [
        "CL504"
    ]


def test_nul_separated_from_standard_input(catalog, check_catalog, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(f"{BC}\0{ZLIB}\0".encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert [path for path, *_ in check_catalog("--files-from", "-", "-0")] == [ZLIB]


def test_a_deleted_file_in_the_list_is_skipped_with_a_note(catalog, cli, write):
    write("changed.txt", "_cache/develop/gone/specs.md\n")
    result = cli("check", "-v", "--files-from", "changed.txt")
    assert result.status == 0
    assert "skipped _cache/develop/gone/specs.md: listed, but there is no such file" in result.err


def test_excluded_listed_files_are_left_out(catalog, cli, write):
    write("changed.txt", f"{ZLIB}\n")
    assert cli("check", "--files-from", "changed.txt").status == 1
    assert cli("check", "--files-from", "changed.txt", "--exclude", "zlib/").status == 0


def test_null_needs_a_list(catalog, cli):
    result = cli("check", "-0")
    assert result.status == 2
    assert "-0 (--null) only applies to --files-from" in result.err


def test_a_missing_list_is_a_usage_error(catalog, cli):
    result = cli("check", "--files-from", "nope.txt")
    assert result.status == 2
    assert "--files-from nope.txt: cannot read the list" in result.err
