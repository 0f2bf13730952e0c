"""The depth limit holds without a walk in Python: the text's brackets say how deep data nests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cachelint.page.depth import nests_within
from cachelint.page.parse import parse_front_matter
from cachelint.page.split import FrontMatter


def depth(value: Any) -> int:
    """How many dicts and lists nest in ``value`` (the outermost counts)."""
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def json_lines(data: dict[str, Any]) -> str:
    """Front matter in the canonical layout: one ``key: <json>`` line per key."""
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())


# Strings that could fool a reading of brackets: brackets, quotes, escapes, non-ASCII.
TRICKY = st.sampled_from(["", "[", "]", "{", "}", '"', "\\", "[[", "]]", '"]', "é", "x"])
TEXTS = st.lists(TRICKY, max_size=4).map("".join)
LEAVES = st.none() | st.booleans() | st.integers(-9, 99) | TEXTS
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=30,
)
FRONT_MATTER = st.dictionaries(st.sampled_from(["meta", "spec_details", "x"]), VALUES, min_size=1)


@settings(max_examples=300, deadline=None)
@given(data=FRONT_MATTER, max_depth=st.integers(1, 8))
def test_the_answer_is_the_data_depth(data: dict[str, Any], max_depth: int) -> None:
    assert nests_within(json_lines(data), data, max_depth=max_depth) == (depth(data) <= max_depth)


@pytest.mark.parametrize(
    ("value", "deepest"),
    [
        ([], 2),
        ({"a": [1, {"b": []}]}, 5),
        (["[[[", "]]]"], 2),  # brackets in strings are not containers
        (['"', "[[", '"'], 2),  # nor are quotes and brackets together
        (["]", ["]", [], "["], "["], 4),  # strings that close and reopen brackets
        (['\\"[[[', "x"], 2),  # an escaped quote (the data walk answers)
        (["é[[", {"é": ["]"]}], 4),  # non-ASCII (the data walk answers)
    ],
)
def test_limits_at_the_edge(value: Any, deepest: int) -> None:
    data = {"meta": value}
    text = json_lines(data)
    assert nests_within(text, data, max_depth=deepest)
    assert not nests_within(text, data, max_depth=deepest - 1)


def test_deep_canonical_data_goes_to_the_yaml_parser_for_cl006() -> None:
    text = 'title: "x"\nmeta: ' + "[" * 70 + "]" * 70 + "\n"
    parsed = parse_front_matter(FrontMatter(text, 2, 0, len(text)), max_depth=64)
    assert [finding.code for finding in parsed.findings] == ["CL006"]


def test_canonical_data_within_the_limit_is_read_as_it_is() -> None:
    text = 'title: "x"\nmeta: ' + "[" * 63 + "]" * 63 + "\n"
    parsed = parse_front_matter(FrontMatter(text, 2, 0, len(text)), max_depth=64)
    assert parsed.findings == ()
    assert parsed.canonical
    assert type(parsed.data["meta"]) is list  # the parser's own data: no copy
