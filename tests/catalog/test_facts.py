"""The few facts of a page that its tag's totals need."""

from __future__ import annotations

import pytest

from cachelint.catalog.facts import PageFacts, page_facts, parameter_name
from tests.conftest import derive_meta, spec


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        ("+shared", "shared"),
        ("~ipo", "ipo"),
        ("build_system=cmake", "build_system"),
        ("libs=shared,static", "libs"),
        ("patches:=abc,def", "patches"),
        ("languages:='c,c++,fortran'", "languages"),
        ("++openmp", "openmp"),
        ("~~debug", "debug"),
        ("cflags==-O2", "cflags"),
        ("", ""),
        ("+", ""),
    ],
)
def test_parameter_name(variant, name):
    assert parameter_name(variant) == name


def test_facts_of_a_page():
    specs = [
        spec(variants=["+shared", "build_system=cmake"], stacks=["e4s", "root"]),
        spec(compiler="gcc@12.3.0", variants=["~ipo"], stacks=["root"]),
    ]
    facts = page_facts({"meta": derive_meta(specs), "spec_details": specs})
    assert facts == PageFacts(
        num_specs=2,
        compilers=frozenset({"gcc@11.4.0", "gcc@12.3.0"}),
        parameters=frozenset({"shared", "build_system", "ipo"}),
        stacks=frozenset({"e4s", "root"}),
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        "text",
        [],
        {"meta": {"num_specs": "2"}},
        {"meta": {"num_specs": True}},
        {"meta": {"num_specs": -1}},
        {"meta": [], "spec_details": {"not": "a list"}},
    ],
)
def test_a_page_without_a_valid_count_is_uncounted(data):
    assert page_facts(data).num_specs is None


def test_broken_specs_are_skipped_not_fatal():
    data = {
        "meta": {"num_specs": 3},
        "spec_details": [7, {"compiler": 5, "variants": [1, "+x"], "stacks": "root"}, None],
    }
    assert page_facts(data) == PageFacts(num_specs=3, parameters=frozenset({"x"}))


def test_unhashable_items_are_skipped_not_fatal():
    data = {
        "spec_details": [
            {"variants": ["+x", {"a": 1}, "~y", [2]], "stacks": [["root"], "e4s", 3]},
            {"variants": ["+x", "+z"], "stacks": ["e4s"]},
        ],
    }
    facts = page_facts(data)
    assert facts.parameters == frozenset({"x", "y", "z"})
    assert facts.stacks == frozenset({"e4s"})
