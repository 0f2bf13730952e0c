"""The resolver maps a JSON Pointer to the exact text of its value."""

from __future__ import annotations

import pytest
import yaml

from cachelint.model import FILE_START
from cachelint.page import yamlnodes
from cachelint.page.positions import PositionResolver
from cachelint.page.split import FrontMatter, split_front_matter
from tests.helpers import span_text

META = (
    'meta: {"versions": ["1.0"], "compilers": ["gcc@=11.4.0"], "oss": ["ubuntu22.04"], '
    '"platforms": ["linux"], "targets": ["x86_64_v3"], "stacks": ["root"], '
    '"num_specs": 1, "num_specs_by_stack": {"root": 1}}'
)
SPECS = (
    'spec_details: [{"hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "compiler": "gcc@=11.4.0", '
    '"versions": ["1.0"], "os": "ubuntu22.04", "platform": "linux", "target": "x86_64_v3", '
    '"variants": ["+shared"], "stacks": ["root"], "size": "-"}]'
)
PAGE = f'---\ntitle: "zlib"\nlayout: cache\ncategories: [package, develop]\n{META}\n{SPECS}\n---\n'


def resolver_for(text: str) -> PositionResolver:
    front_matter = split_front_matter(text)
    assert isinstance(front_matter, FrontMatter)
    return PositionResolver(front_matter)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/meta/num_specs", "1"),
        ("/meta/num_specs_by_stack/root", "1"),
        ("/meta/num_specs_by_stack", '{"root": 1}'),
        ("/meta/targets/0", '"x86_64_v3"'),
        ("/spec_details/0/target", '"x86_64_v3"'),
        ("/spec_details/0/variants", '["+shared"]'),
        ("/title", '"zlib"'),
        ("/layout", "cache"),
        ("/categories/1", "develop"),
    ],
)
def test_pointer_spans_exactly_the_value(newline: str, pointer: str, expected: str) -> None:
    text = PAGE.replace("\n", newline)
    assert span_text(text, resolver_for(text).resolve(pointer)) == expected


def test_position_is_one_based_with_an_exclusive_end() -> None:
    position = resolver_for(PAGE).resolve("/title")
    assert (position.line, position.column, position.end_line, position.end_column) == (
        2,
        8,
        2,
        14,
    )


def test_columns_count_code_points() -> None:
    # Three code points either way; in UTF-8 bytes or UTF-16 units they would differ.
    page = PAGE.replace('"versions": ["1.0"], "c', '"versions": ["é😀中"], "c', 1)
    position = resolver_for(page).resolve("/meta/num_specs")
    plain = resolver_for(PAGE).resolve("/meta/num_specs")
    assert (position.column, position.end_column) == (plain.column, plain.end_column)
    assert span_text(page, position) == "1"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_only_line_feeds_end_lines(separator: str) -> None:
    # YAML counts these as line breaks inside a quoted string; editors, git and
    # GitHub do not, so the resolver must not either.
    page = PAGE.replace('"versions": ["1.0"]', f'"versions": ["1{separator}0"]', 1)
    position = resolver_for(page).resolve("/meta/num_specs")
    assert position.line == position.end_line == 5
    assert span_text(page, position) == "1"


def test_missing_key_gives_the_object_lacking_it() -> None:
    page = PAGE.replace('"num_specs": 1, ', "")
    meta_text = META.removeprefix("meta: ").replace('"num_specs": 1, ', "")
    assert span_text(page, resolver_for(page).resolve("/meta/num_specs")) == meta_text


def test_missing_index_gives_the_list() -> None:
    spec_list = SPECS.removeprefix("spec_details: ")
    assert span_text(PAGE, resolver_for(PAGE).resolve("/spec_details/7/hash")) == spec_list


def test_whole_front_matter_pointer_gives_the_root_mapping() -> None:
    text = span_text(PAGE, resolver_for(PAGE).resolve(""))
    assert text.startswith('title: "zlib"')
    assert text.endswith('"size": "-"}]')


def test_block_collections_end_with_their_last_item() -> None:
    page = (
        "---\ntitle: zlib\ncategories:\n  - package\n  - develop  # the tag\n\n"
        "# a comment\nmeta:\n  num_specs: 1\n\n---\n"
    )
    resolver = resolver_for(page)
    assert span_text(page, resolver.resolve("/categories")) == "- package\n  - develop"
    assert span_text(page, resolver.resolve("/meta")) == "num_specs: 1"


def test_block_scalar_span_has_no_trailing_line_breaks() -> None:
    page = "---\ntitle: |\n  zlib\n\nlayout: cache\n---\n"
    assert span_text(page, resolver_for(page).resolve("/title")) == "|\n  zlib"


def test_keys_that_are_not_their_text_are_found() -> None:
    page = "---\nmeta:\n  yes: 1\n  0x1f: 2\n---\n"
    resolver = resolver_for(page)
    assert span_text(page, resolver.resolve("/meta/True")) == "1"
    assert span_text(page, resolver.resolve("/meta/31")) == "2"


def test_escaped_pointer_segments() -> None:
    page = '---\nmeta: {"a/b": 1, "c~d": 2}\n---\n'
    resolver = resolver_for(page)
    assert span_text(page, resolver.resolve("/meta/a~1b")) == "1"
    assert span_text(page, resolver.resolve("/meta/c~0d")) == "2"


def test_without_front_matter_the_file_start() -> None:
    assert PositionResolver(None).resolve("/meta") == FILE_START


def test_the_tree_is_composed_once_and_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def compose(text: str) -> yaml.Node | None:
        calls.append(text)
        return yaml.compose(text, Loader=yaml.SafeLoader)

    monkeypatch.setattr(yamlnodes, "compose", compose)
    resolver = resolver_for(PAGE)
    assert calls == []
    resolver.resolve("/title")
    resolver.resolve("/meta/num_specs")
    assert len(calls) == 1
