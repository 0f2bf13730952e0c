"""Freezing parsed data: deeply read-only, and bounded in depth when asked."""

from __future__ import annotations

import datetime

import pytest

from cachelint.frozen import FrozenDict, FrozenList, TooDeep, freeze

DATA = {
    "a": [1, "x", None, True, 1.5, datetime.date(2025, 1, 2)],
    "b": {"c": [{"d": []}]},
}


def test_every_container_is_frozen_and_equal():
    frozen = freeze(DATA)
    assert frozen == DATA
    assert isinstance(frozen, FrozenDict)
    assert isinstance(frozen["a"], FrozenList)
    assert isinstance(frozen["b"]["c"][0], FrozenDict)
    assert isinstance(frozen["b"]["c"][0]["d"], FrozenList)


def test_subclasses_of_the_containers_are_frozen_too():
    class Mine(dict):
        pass

    frozen = freeze([Mine(x=[1])])
    assert isinstance(frozen[0], FrozenDict)
    assert isinstance(frozen[0]["x"], FrozenList)


@pytest.mark.parametrize(("max_depth", "fits"), [(5, True), (6, True), (4, False), (1, False)])
def test_max_depth_counts_the_outermost_container(max_depth, fits):
    # DATA nests five containers: dict > dict > list > dict > list.
    if fits:
        assert freeze(DATA, max_depth=max_depth) == DATA
    else:
        with pytest.raises(TooDeep):
            freeze(DATA, max_depth=max_depth)


def test_scalars_need_no_depth():
    assert freeze("x", max_depth=0) == "x"
    assert freeze([], max_depth=1) == []
    with pytest.raises(TooDeep):
        freeze([[]], max_depth=1)
