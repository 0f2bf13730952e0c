"""CL503 and CL504: a page agrees with what _data/tags.yaml declares for its tag."""

from __future__ import annotations

import pytest

from tests.catalog.builder import CatalogBuilder
from tests.conftest import column_of, spec

BC = "_cache/develop/bc/specs.md"


@pytest.fixture
def catalog(make_catalog) -> CatalogBuilder:
    return make_catalog.page("develop", "bc").consistent()


def test_declared_tag_and_stacks_pass(catalog, check_catalog):
    assert check_catalog(BC) == []
    assert check_catalog(".") == []


def test_undeclared_tag_points_at_the_tag(catalog, check_catalog):
    catalog.page("v0.23.0", "bc")
    page = "_cache/v0.23.0/bc/specs.md"
    column = column_of(catalog.text(page), 4, "v0.23.0")
    assert check_catalog(page) == [(page, "CL503", 4, column)]


def test_undeclared_tag_of_a_page_naming_another_tag_points_at_the_page(catalog, check_catalog):
    catalog.page("v0.23.0", "bc", category="develop")
    page = "_cache/v0.23.0/bc/specs.md"
    assert check_catalog("--select", "CL503", page) == [(page, "CL503", 1, 1)]


def test_stale_page_is_reported_once_at_its_first_undeclared_stack(catalog, check_catalog, cli):
    specs = [
        spec(hash="a" * 32, stacks=["root"]),
        spec(hash="b" * 32, stacks=["aws-ahug", "root"]),
        spec(hash="c" * 32, stacks=["developer-tools", "aws-ahug"]),
    ]
    catalog.page("develop", "bc", specs)
    column = column_of(catalog.text(BC), 6, '"aws-ahug"')
    assert check_catalog("--select", "CL504", BC) == [(BC, "CL504", 6, column)]
    message = cli("check", "--output-format", "concise", "--select", "CL504", BC).out
    assert (
        f"{BC}:6:{column}: CL504 stale page: stacks 'aws-ahug' (2 specs), 'developer-tools' "
        "(1 spec) not declared for tag 'develop' in _data/tags.yaml"
    ) in message


def test_stacks_of_another_tag_are_not_declared_for_this_one(make_catalog, check_catalog):
    make_catalog.page("develop", "bc").page("v0.23.0", "bc", [spec(stacks=["ml", "root"])])
    make_catalog.tags({"develop": ["e4s", "root"], "v0.23.0": ["ml", "root"]})
    make_catalog.page("develop", "zlib", [spec(stacks=["ml", "root"])])
    page = "_cache/develop/zlib/specs.md"
    column = column_of(make_catalog.text(page), 6, '"ml"')
    assert check_catalog("--select", "CL504", "_cache") == [(page, "CL504", 6, column)]


def test_a_page_of_an_undeclared_tag_is_left_to_cl503(catalog, check_catalog):
    catalog.page("v0.23.0", "bc", [spec(stacks=["gone", "root"])])
    page = "_cache/v0.23.0/bc/specs.md"
    assert [code for _, code, _, _ in check_catalog(page)] == ["CL503"]


def test_stacks_with_schema_errors_are_not_read(catalog, check_catalog):
    catalog.page("develop", "bc", [spec(stacks=["gone", 7, "root"])], meta={"num_specs": 1})
    codes = {code for _, code, _, _ in check_catalog(BC)}
    assert "CL102" in codes
    assert "CL504" not in codes


@pytest.mark.parametrize("tags", [None, "- name: develop\n  stacks: e4s\n"])
def test_nothing_to_compare_without_a_usable_tags_file(make_catalog, check_catalog, tags):
    make_catalog.page("v0.23.0", "bc", [spec(stacks=["gone", "root"])])
    (make_catalog.root / "_data").mkdir(exist_ok=True)
    if tags is not None:
        make_catalog.tags(tags)
    codes = [code for _, code, _, _ in check_catalog("_cache/v0.23.0/bc/specs.md")]
    assert codes == ([] if tags is None else ["CL508"])


def test_pages_outside_a_catalog_are_not_checked(make_catalog, check_catalog):
    make_catalog.page("v0.23.0", "bc", [spec(stacks=["gone", "root"])])  # no _data/ at all
    assert check_catalog(".") == []
