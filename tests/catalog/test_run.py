"""The catalog pass in a run: which catalogs, what is said, and how findings are filtered."""

from __future__ import annotations

import pytest

from tests.catalog.builder import META, TAGS, CatalogBuilder
from tests.conftest import spec

BC = "_cache/develop/bc/specs.md"


@pytest.fixture
def catalog(make_catalog) -> CatalogBuilder:
    return make_catalog.page("develop", "bc").page("v0.23.0", "bc").consistent()


def codes(found) -> list[str]:
    return [code for _, code, _, _ in found]


def test_without_site_data_verbose_says_the_catalog_rules_are_skipped(make_catalog, cli):
    make_catalog.page("develop", "bc")
    result = cli("check", "-v", ".")
    assert result.status == 0
    assert "no catalog root (a folder holding _cache/ and _data/)" in result.err
    assert "the catalog rules are skipped" in result.err


def test_without_a_tags_file_verbose_names_what_is_skipped(catalog, cli):
    (catalog.root / TAGS).unlink()
    result = cli("check", "-v", "--select", "ALL", ".")
    assert "catalog .: CL507, CL509 skipped: no _data/tags.yaml" in result.err
    assert "no _data/tags.yaml: page rules that read the declared tags" in result.err


def test_a_malformed_tags_file_is_reported_and_named_in_verbose(catalog, check_catalog, cli):
    catalog.tags("- name: develop\n  stacks: e4s\n")
    assert check_catalog(BC) == [(TAGS, "CL508", 2, 11)]  # as pre-commit passes a page
    result = cli("check", "-v", "--select", "ALL", ".")
    assert "CL507, CL509 skipped: _data/tags.yaml is malformed (CL508)" in result.err


def test_data_files_are_counted_as_checked(catalog, cli):
    result = cli("check", ".")
    assert result.out.strip() == "All checks passed (2 pages and 2 data files)."


def test_each_catalog_has_its_own_site_data(make_catalog, check_catalog):
    one = CatalogBuilder(make_catalog.root / "one").page("develop", "bc").consistent()
    two = CatalogBuilder(make_catalog.root / "two").page("develop", "bc").consistent()
    two.tags({"v1": ["root"]})
    found = check_catalog("one", "two")
    assert found == [("two/_cache/develop/bc/specs.md", "CL503", 4, 23)]
    assert one.root.exists()


def test_catalog_root_flag_names_the_site_data_of_every_page(make_catalog, check_catalog):
    make_catalog.page("develop", "bc", [spec(stacks=["old", "root"])])  # no _data/ here
    CatalogBuilder(make_catalog.root / "site").tags({"develop": ["root"]})
    assert check_catalog(".") == []
    found = check_catalog("--catalog-root", "site", ".")
    assert codes(found) == ["CL504"]


def test_catalog_root_key_is_relative_to_the_configuration_file(make_catalog, check_catalog):
    make_catalog.page("develop", "bc", [spec(stacks=["old", "root"])])
    CatalogBuilder(make_catalog.root / "site").tags({"develop": ["root"]})
    CatalogBuilder(make_catalog.root / "other").tags({"develop": ["old", "root"]})
    make_catalog.write("cachelint.toml", 'catalog-root = "site"\n')
    assert codes(check_catalog("_cache")) == ["CL504"]
    assert codes(check_catalog("--catalog-root", "other", "_cache")) == []  # the flag wins


@pytest.mark.parametrize(
    ("value", "message"),
    [("missing", "'missing' is not a folder"), ("_cache", "'_cache' has no _data/ folder")],
)
def test_a_catalog_root_that_is_no_catalog_is_an_error(catalog, cli, value, message):
    result = cli("check", "--catalog-root", value, ".")
    assert result.status == 2
    assert f"--catalog-root: {message}" in result.err


def test_suppression_comments_work_in_data_files(catalog, check_catalog):
    meta = catalog.derived_meta()
    meta["all"]["count"] = 9
    catalog.meta(meta)
    assert codes(check_catalog(".")) == ["CL506"]
    text = catalog.text(META).replace("  count: 9", "  count: 9  # cachelint: disable=CL506")
    catalog.write(META, text)
    assert check_catalog(".") == []


def test_per_file_ignores_and_severity_apply_to_data_files(catalog, cli, check_catalog):
    meta = catalog.derived_meta()
    meta["all"]["count"] = 9
    catalog.meta(meta)
    assert check_catalog("--per-file-ignores", "_data/meta.yaml:CL506", ".") == []
    result = cli("check", "--severity", "CL506=warning", ".")
    assert result.status == 0
    assert "Found 1 warning in 1 of 2 pages (and 2 data files)." in result.out


def test_fix_reports_the_catalog_findings_that_remain(catalog, cli):
    meta = catalog.derived_meta()
    meta["develop"]["count"] = 9
    catalog.meta(meta)
    result = cli("check", "--fix", "--output-format", "concise", ".")
    assert result.status == 1
    assert "CL505 develop.count is 9" in result.out
    assert cli("check", "--diff", ".").status == 0  # nothing to repair


def test_statistics_count_catalog_codes(catalog, cli):
    catalog.tags({"develop": ["e4s", "root"], "v0.23.0": ["e4s"]})
    result = cli("check", "--statistics", ".")
    assert "CL504" in result.out
