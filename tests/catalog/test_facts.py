"""The few facts of a page that its tag's totals need."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cachelint.catalog.facts import PageFacts, _any_shape, page_facts, parameter_name
from cachelint.spack.specs import spec_table
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


# Values of every shape the schema refuses: the facts leave out what is not a string.
ODD = st.none() | st.booleans() | st.integers() | st.text(max_size=3) | st.lists(st.text())
ODD_SPEC = st.fixed_dictionaries(
    {},
    optional={
        "compiler": st.sampled_from(["gcc@11.4.0", "none"]) | ODD,
        "variants": st.lists(st.sampled_from(["+shared", "~ipo", "libs=a"]) | ODD) | ODD,
        "stacks": st.lists(st.sampled_from(["root", "e4s"]) | ODD) | ODD,
    },
)
ODD_SPECS = st.lists(ODD_SPEC | ODD, max_size=5) | ODD


@settings(max_examples=300, deadline=None)
@given(specs=ODD_SPECS)
def test_facts_of_any_shape_are_those_read_item_by_item(specs):
    """The shared columns (well-formed specs) and the item-by-item reading agree."""
    compilers, variants, stacks = _any_shape(specs)
    expected = (frozenset(compilers), frozenset(variants), frozenset(stacks))
    facts = page_facts({"spec_details": specs})
    parameters = frozenset(filter(None, map(parameter_name, expected[1])))
    assert (facts.compilers, facts.parameters, facts.stacks) == (
        expected[0],
        parameters,
        expected[2],
    )


def test_well_formed_specs_are_read_from_the_shared_columns():
    specs = [spec(stacks=["e4s", "root"]), spec(compiler="none", stacks=["root"])]
    table = spec_table(specs)
    page_facts({"spec_details": specs})
    assert list(table.distinct("compiler")) == ["gcc@11.4.0", "none"]
    assert list(table.items("stacks")) == ["e4s", "root"]
