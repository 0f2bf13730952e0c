"""CL507: each declared tag has its page pages/tags/<tag>.md, naming it."""

from __future__ import annotations

import pytest

from tests.catalog.builder import TAGS, CatalogBuilder
from tests.conftest import column_of

ON = ("--extend-select", "CL507")


@pytest.fixture
def catalog(make_catalog) -> CatalogBuilder:
    return make_catalog.page("develop", "bc").page("v0.23.0", "bc").consistent()


def test_pages_naming_their_tags_pass(catalog, check_catalog):
    assert check_catalog(*ON, ".") == []


def test_off_by_default(catalog, check_catalog):
    (catalog.root / "pages" / "tags" / "develop.md").unlink()
    assert check_catalog(".") == []
    assert check_catalog(*ON, ".") != []


def test_a_declared_tag_without_a_page_points_at_its_declaration(catalog, check_catalog, cli):
    (catalog.root / "pages" / "tags" / "v0.23.0.md").unlink()
    text = catalog.text(TAGS)
    line = text.split("\n").index("- name: v0.23.0") + 1
    assert check_catalog(*ON, ".") == [(TAGS, "CL507", line, 9)]
    out = cli("check", *ON, "--output-format", "concise", ".").out
    assert "CL507 tag 'v0.23.0' has no page pages/tags/v0.23.0.md" in out


@pytest.mark.parametrize(
    ("options", "line", "needle", "message"),
    [
        ({"permalink": "/tag/v0.22.0/"}, 3, "/tag/v0.22.0/", "permalink is '/tag/v0.22.0/'"),
        ({"name": "v0.22.0"}, 4, "v0.22.0", "tag is 'v0.22.0', expected 'v0.23.0'"),
    ],
)
def test_a_page_naming_another_tag(catalog, check_catalog, cli, options, line, needle, message):
    catalog.tag_page("v0.23.0", **options)
    page = "pages/tags/v0.23.0.md"
    column = column_of(catalog.text(page), line, needle)
    assert check_catalog(*ON, ".") == [(page, "CL507", line, column)]
    assert message in cli("check", *ON, "--output-format", "concise", ".").out


def test_a_page_without_the_keys(catalog, check_catalog):
    catalog.tag_page("develop", "---\nlayout: table\n---\n")
    page = "pages/tags/develop.md"
    assert check_catalog(*ON, ".") == [(page, "CL507", 2, 1), (page, "CL507", 2, 1)]


@pytest.mark.parametrize(
    ("text", "where"),
    [("layout: table\n", (1, 1)), ("---\ntag: [develop\n---\n", (3, 1))],
)
def test_a_page_that_cannot_be_read(catalog, check_catalog, text, where):
    catalog.tag_page("develop", text)
    assert check_catalog(*ON, ".") == [("pages/tags/develop.md", "CL507", *where)]


def test_only_covered_tags_are_looked_at(catalog, check_catalog):
    (catalog.root / "pages" / "tags" / "v0.23.0.md").unlink()
    assert check_catalog(*ON, "_cache/develop") == []
    assert check_catalog(*ON, "_cache/develop/bc/specs.md", "_cache/v0.23.0/bc/specs.md") == []
    assert [code for _, code, _, _ in check_catalog(*ON, "_cache/v0.23.0")] == ["CL507"]
