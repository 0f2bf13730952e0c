"""One page's specs read once: the table's answers are those of a loop over the specs."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cachelint.spack.specs import spec_table
from tests.conftest import spec

NAMES = st.sampled_from(["a", "b", "c", "root"])
SPECS = st.lists(
    st.builds(
        lambda target, stacks: spec(target=target, stacks=stacks),
        NAMES,
        st.lists(NAMES, max_size=4),
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(specs=SPECS)
def test_answers_are_those_of_a_loop(specs):
    table = spec_table(specs)
    targets = [s["target"] for s in specs]
    assert table.column("target") == targets
    assert list(table.distinct("target")) == list(dict.fromkeys(targets))
    rows = [(s["platform"], s["target"]) for s in specs]
    assert list(table.distinct_rows("platform", "target")) == list(dict.fromkeys(rows))
    lists = [tuple(s["stacks"]) for s in specs]
    assert list(table.distinct_lists("stacks")) == list(dict.fromkeys(lists))
    assert table.counted_lists("stacks") == Counter(lists)
    items = [stack for s in specs for stack in s["stacks"]]
    assert list(table.items("stacks")) == list(dict.fromkeys(items))  # order of first use


def test_one_table_per_page_each_answer_computed_once():
    specs = [spec(), spec(target="zen4")]
    table = spec_table(specs)
    assert spec_table(specs) is table
    assert table.column("target") is table.column("target")
    calls = []

    def count(of):
        calls.append(of)
        return len(of.column("target"))

    assert table.derived(count) == table.derived(count) == 2
    assert len(calls) == 1


def test_another_list_is_another_page():
    specs = [spec()]
    table = spec_table(specs)
    copy = list(specs)
    assert spec_table(copy) is not table
    assert spec_table(copy).specs is copy
