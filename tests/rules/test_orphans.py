"""CL509: tag folders and declared tags that have no counterpart."""

from __future__ import annotations

import pytest

from tests.catalog.builder import META, TAGS, CatalogBuilder

ON = ("--extend-select", "CL509")


@pytest.fixture
def catalog(make_catalog) -> CatalogBuilder:
    return make_catalog.page("develop", "bc").page("v0.23.0", "bc").consistent()


def test_matching_folders_and_declarations_pass(catalog, check_catalog):
    assert check_catalog(*ON, ".") == []


def test_off_by_default(catalog, check_catalog):
    catalog.tags({"develop": ["e4s", "root"]})
    assert [code for _, code, _, _ in check_catalog(".")] == ["CL503"]


def test_a_folder_without_a_declaration(catalog, check_catalog, cli):
    catalog.tags({"develop": ["e4s", "root"]})
    found = check_catalog(*ON, "--ignore", "CL503", ".")
    assert found == [(TAGS, "CL509", 1, 1)]
    out = cli("check", *ON, "--output-format", "concise", ".").out
    assert "CL509 the tag folder _cache/v0.23.0/ has no entry in this file" in out


def test_a_declaration_and_a_meta_entry_without_a_folder(catalog, check_catalog):
    catalog.tags({"develop": ["e4s", "root"], "v0.23.0": ["e4s", "root"], "v0.22.0": ["root"]})
    meta = catalog.derived_meta()
    meta["v0.21.0"] = {"compilers": {}, "count": 0, "parameters": {}}
    catalog.meta(meta)
    tags_line = catalog.text(TAGS).split("\n").index("- name: v0.22.0") + 1
    meta_line = catalog.text(META).split("\n").index("v0.21.0:") + 1
    assert check_catalog(*ON, ".") == [(META, "CL509", meta_line, 1), (TAGS, "CL509", tags_line, 9)]


def test_flat_package_folders_are_not_tags(catalog, check_catalog):
    catalog.write("_cache/zlib/specs.md", "---\ncategory: package\n---\n")
    assert "CL509" not in {code for _, code, _, _ in check_catalog(*ON, ".")}


def test_needs_the_whole_catalog(catalog, check_catalog, cli):
    catalog.tags({"develop": ["e4s", "root"], "v0.23.0": ["e4s", "root"], "v0.22.0": ["root"]})
    assert check_catalog(*ON, "_cache/develop", "_cache/v0.23.0") == []
    assert [code for _, code, _, _ in check_catalog(*ON, "_cache")] == ["CL509"]
    result = cli("check", *ON, "-v", "_cache/develop")
    assert "CL509 skipped: the checked paths do not cover the whole catalog" in result.err
