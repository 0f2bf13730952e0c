"""Messages use the right words: singular counts, and what a file is (not every file is a page)."""

from __future__ import annotations

import pytest

from cachelint.catalog.sitedata import load_site
from cachelint.page.yamlparse import parse_yaml
from tests.catalog.builder import CatalogBuilder
from tests.conftest import page_text, spec


def test_one_entry_is_singular(cli, write):
    write("_cache/develop/bc/specs.md", page_text().replace('"num_specs": 1', '"num_specs": 2'))
    out = cli("check", "--output-format", "concise", ".").out
    assert "CL201 meta.num_specs is 2 but spec_details has 1 entry\n" in out


def test_several_entries_are_plural(cli, write):
    text = page_text([spec(), spec(hash="a" * 32)]).replace('"num_specs": 2', '"num_specs": 3')
    write("_cache/develop/bc/specs.md", text)
    out = cli("check", "--output-format", "concise", ".").out
    assert "spec_details has 2 entries\n" in out


def test_one_distinct_compiler_is_singular(make_catalog, cli):
    make_catalog.page("develop", "bc").consistent()
    meta = make_catalog.derived_meta()
    meta["all"]["compiler_count"] = "2"
    make_catalog.meta(meta)
    out = cli("check", "--output-format", "concise", ".").out
    assert "all.compiler_count is '2' but the tags use 1 distinct compiler (expected '1')" in out


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("- &a {name: develop, stacks: [root]}\n", "YAML anchor '&a'"),
        ("- !!map {name: develop, stacks: [root]}\n", "YAML tag '!!map'"),
    ],
)
def test_a_data_file_is_not_called_a_page(tmp_path, text, refused):
    builder = CatalogBuilder(tmp_path)
    builder.page("develop", "bc").consistent().tags(text)
    (finding,) = load_site(tmp_path, ".").tags.findings
    assert finding.code == "CL508"
    assert refused in finding.message
    assert "is not allowed in catalog files" in finding.message
    assert "page" not in finding.message


def test_nesting_limit_names_the_yaml_and_counts_levels():
    (one,) = parse_yaml("a: [1]", first_line=1, max_depth=1).findings
    assert one.message == "the YAML nests deeper than the limit of 1 level"
    (two,) = parse_yaml("a: [[1]]", first_line=1, max_depth=2).findings
    assert two.message == "the YAML nests deeper than the limit of 2 levels"
