"""CL505 and CL506: the totals of _data/meta.yaml, against the pages and themselves."""

from __future__ import annotations

import pytest

from tests.catalog.builder import META, CatalogBuilder, dump
from tests.conftest import spec

BC = "_cache/develop/bc/specs.md"


def line_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


@pytest.fixture
def catalog(make_catalog) -> CatalogBuilder:
    two = [spec(hash="a" * 32), spec(hash="b" * 32, compiler="gcc@12.3.0")]
    make_catalog.page("develop", "bc").page("develop", "zlib", two)
    make_catalog.page("v0.23.0", "bc", [spec(variants=["+shared", "~ipo"])])
    return make_catalog.consistent()


def with_meta(catalog: CatalogBuilder, change) -> str:
    meta = catalog.derived_meta()
    change(meta)
    catalog.meta(meta)
    return catalog.text(META)


def test_consistent_totals_pass(catalog, check_catalog):
    assert check_catalog(".") == []
    assert check_catalog("_cache") == []
    assert check_catalog("_cache/develop") == []


def test_a_tag_count_off_from_its_pages(catalog, check_catalog, cli):
    text = with_meta(
        catalog, lambda meta: (meta["develop"].update(count=5), meta["all"].update(count=6))
    )
    line, column = line_of(text, "count: 5")
    expected = (META, "CL505", line, column + len("count: "))
    assert check_catalog(".") == [expected]
    out = cli("check", "--output-format", "concise", ".").out
    assert "CL505 develop.count is 5 but the sum of meta.num_specs over its 2 pages is 3" in out


def test_a_tag_with_pages_but_no_entry(catalog, check_catalog):
    with_meta(catalog, lambda meta: (meta.pop("v0.23.0"), meta["all"].update(count=3)))
    assert check_catalog("_cache/v0.23.0") == [(META, "CL505", 1, 1)]


def test_many_pages_are_summed(make_catalog, check_catalog):
    for index in range(60):
        name = f"p{index:02}"
        make_catalog.page("develop", name, [spec(hash=_hash(index)), spec(hash=_hash(index + 60))])
    make_catalog.consistent()
    assert check_catalog("_cache/develop") == []
    with_meta(
        make_catalog,
        lambda meta: (meta["develop"].update(count=119), meta["all"].update(count=119)),
    )
    assert [code for _, code, _, _ in check_catalog("_cache/develop")] == ["CL505"]


def test_only_whole_tags_are_summed(catalog, check_catalog, cli):
    with_meta(catalog, lambda meta: meta["develop"].update(count=5))
    assert check_catalog("_cache/v0.23.0") == []  # develop is not checked
    assert check_catalog(BC, "_cache/develop/zlib/specs.md") == []  # as pre-commit passes pages
    result = cli("check", "-v", BC)
    assert "CL505 skipped: the checked paths cover no whole tag folder" in result.err


def test_a_tag_with_an_uncountable_page_is_not_summed(catalog, check_catalog):
    with_meta(catalog, lambda meta: meta["develop"].update(count=5))
    catalog.page("develop", "bc", meta={"num_specs": "one"})
    codes = {code for _, code, _, _ in check_catalog("_cache/develop")}
    assert "CL102" in codes
    assert "CL505" not in codes


def test_no_totals_without_meta(catalog, check_catalog, cli):
    (catalog.root / META).unlink()
    assert check_catalog(".") == []
    assert "CL505, CL506 skipped: no _data/meta.yaml" in cli("check", "-v", ".").err


def test_all_totals_off_from_the_tags(catalog, check_catalog):
    text = with_meta(
        catalog,
        lambda meta: meta["all"].update(count=9, compiler_count="3", parameter_count="2"),
    )
    assert check_catalog(".") == sorted(
        [
            (META, "CL506", *_after(line_of(text, "compiler_count: '3'"), "compiler_count: ")),
            (META, "CL506", *_after(line_of(text, "count: 9"), "count: ")),
            (META, "CL506", *_after(line_of(text, "parameter_count: '2'"), "parameter_count: ")),
        ]
    )


def test_all_totals_messages(catalog, cli):
    with_meta(catalog, lambda meta: meta["all"].update(count=9, parameter_count="2"))
    out = cli("check", "--output-format", "concise", ".").out
    assert "CL506 all.count is 9 but the tags' counts add up to 4" in out
    assert (
        "CL506 all.parameter_count is '2' but the tags use 3 distinct parameters "
        "(expected '3')" in out
    )


def test_thousands_separators_as_the_generator_writes_them(catalog, check_catalog):
    parameters = {f"p{index}": 1 for index in range(1234)}

    def change(meta, written="1,234"):
        for tag in ("develop", "v0.23.0"):
            meta[tag]["parameters"] = dict(parameters)  # a YAML alias would be refused
        meta["all"]["parameter_count"] = written

    with_meta(catalog, change)
    assert check_catalog(".") == []
    with_meta(catalog, lambda meta: change(meta, "1,235"))
    assert [code for _, code, _, _ in check_catalog(".")] == ["CL506"]


def test_all_totals_need_the_whole_catalog(catalog, check_catalog, cli):
    with_meta(catalog, lambda meta: meta["all"].update(count=9))
    assert check_catalog("_cache/develop", "_cache/v0.23.0") == []
    assert [code for _, code, _, _ in check_catalog("_cache")] == ["CL506"]
    result = cli("check", "-v", "_cache/develop")
    assert "CL506 skipped: the checked paths do not cover the whole catalog" in result.err


def test_totals_from_a_malformed_meta_are_not_compared(catalog, check_catalog):
    catalog.meta(dump({"all": {"count": 1}}))
    codes = [code for _, code, _, _ in check_catalog(".")]
    assert codes == ["CL508", "CL508"]  # compiler_count and parameter_count are missing


def _after(where: tuple[int, int], key: str) -> tuple[int, int]:
    line, column = where
    return line, column + len(key)


def _hash(index: int) -> str:
    """A distinct valid spec hash (32 characters of lowercase base32)."""
    return (chr(97 + index // 26) + chr(97 + index % 26)).ljust(32, "q")
