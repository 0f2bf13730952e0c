"""Streamed extents agree with the node tree's (the reference) on every value."""

from __future__ import annotations

import json

import pytest

from cachelint.page import yamlnodes
from cachelint.page.yamlextents import extents
from cachelint.pointer import from_pointer
from tests.conftest import page_text, spec

TEXTS = {
    "canonical page": page_text([spec(), spec(hash="b" * 32)]).removeprefix("---\n")[:-3],
    "block style": "a:\n  - x\n  - y: [1, 2]\n    z: |\n      text\n\nb: {c: d}\n# end\n",
    "empty collections": "a: []\nb: {}\nc:\nd: ''\n",
    "nested flow": json.dumps({"m": {"n": [[1, {"o": "p"}], []]}}) + "\n",
    "repeated key": "a: 1\na: 2\n",
}
POINTERS = [
    "",
    "/meta",
    "/meta/num_specs",
    "/spec_details",
    "/spec_details/1/hash",
    "/spec_details/9/hash",
    "/a",
    "/a/0",
    "/a/1/y/1",
    "/a/1/z",
    "/a/7",
    "/b",
    "/b/c",
    "/c",
    "/d",
    "/m/n/0/1/o",
    "/m/n/1",
    "/missing/deeper",
]


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_streamed_extents_are_the_node_trees(text: str) -> None:
    root = yamlnodes.compose(text)
    assert root is not None
    wanted = [tuple(from_pointer(p)) for p in POINTERS]
    found = extents(text, wanted)
    assert found is not None
    for path in wanted:
        reference = yamlnodes.extent(yamlnodes.walk(root, list(path)), text)
        nearest = next(found[path[:d]] for d in range(len(path), -1, -1) if path[:d] in found)
        assert nearest == reference, path


def test_no_yaml_and_collection_keys_are_left_to_the_node_tree() -> None:
    assert extents("a: [\n", [("a",)]) is None
    assert extents("? [a, b]\n: c\n", [("a",)]) is None
