"""Rules see the page read-only: a plugin that mutates its page cannot change what others see."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from cachelint.errors import ReadOnlyDataError
from cachelint.frozen import FrozenDict, FrozenList, freeze
from cachelint.rules import rule
from tests.plugins.fake_plugins import plugin

PAGE = "_cache/develop-2025-07-13/bc/specs.md"

MUTATIONS = {
    "set a count": lambda data: data["meta"].__setitem__("num_specs", 3),
    "add a spec": lambda data: data["spec_details"].append(data["spec_details"][0]),
    "drop a spec": lambda data: data["spec_details"].pop(),
    "drop a key": lambda data: data["meta"].pop("targets"),
    "extend a list": lambda data: data["meta"]["targets"].extend(["zen4"]),
    "sort in place": lambda data: data["meta"]["targets"].sort(reverse=True),
    "augmented add": lambda data: data["meta"]["targets"].__iadd__(["zen4"]),
    "update a spec": lambda data: data["spec_details"][1].update(stacks=["e4s"]),
}


def mutating_rule(mutate):
    # "AAA" sorts before "CL": this rule runs before every built-in rule.
    @rule(code="AAA001", name="mutates-its-page")
    def mutates(page):
        """Changes the page it is given."""
        mutate(page.data)
        return []

    return mutates


seen: list[object] = []


@rule(code="ZZZ001", name="records-its-page")
def records(page):
    """Keeps a plain copy of what it was given (it runs after every built-in rule)."""
    seen.append(copy.deepcopy(page.data))
    return []


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutating_plugin_crashes_and_others_see_the_original(
    mutation, install, write, clean_bc, cli
):
    install(
        plugin("AAA001", mutating_rule(MUTATIONS[mutation]), "mutator", "1.0"),
        plugin("ZZZ001", records, "recorder", "1.0"),
    )
    write(PAGE, clean_bc)
    seen.clear()
    result = cli("check", "--isolated", "--output-format", "json", PAGE)
    report = json.loads(result.out)
    assert [d["code"] for d in report] == ["CL900"]  # no built-in rule saw a change
    assert "mutator==1.0" in report[0]["message"]
    assert "ReadOnlyDataError: page data is read-only" in report[0]["message"]
    assert seen[0]["meta"]["num_specs"] == 2
    assert len(seen[0]["spec_details"]) == 2
    assert seen[0]["meta"]["targets"] == ["neoverse_v2", "x86_64_v3"]
    assert seen[0]["spec_details"][1]["stacks"] == ["e4s-neoverse-v2", "root"]


DATA = {"meta": {"targets": ["zen4"], "num_specs": 1}, "spec_details": [{"hash": "a"}]}


def test_frozen_data_is_plain_data_to_read():
    frozen = freeze(DATA)
    assert frozen == DATA
    assert isinstance(frozen, dict)
    assert isinstance(frozen["meta"]["targets"], list)
    assert isinstance(frozen["spec_details"][0], FrozenDict)
    assert json.loads(json.dumps(frozen)) == DATA
    assert frozen["meta"]["targets"] + ["x86_64"] == ["zen4", "x86_64"]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.__setitem__("k", 1),
        lambda d: d.__delitem__("meta"),
        lambda d: d.clear(),
        lambda d: d.setdefault("k", 1),
        lambda d: d.popitem(),
        lambda d: d.__ior__({"k": 1}),
        lambda d: d["spec_details"].insert(0, {}),
        lambda d: d["spec_details"].remove(d["spec_details"][0]),
        lambda d: d["spec_details"].reverse(),
        lambda d: d["spec_details"].__setitem__(0, {}),
        lambda d: d["spec_details"].__delitem__(0),
        lambda d: d["spec_details"].__imul__(2),
        lambda d: d["spec_details"].clear(),
    ],
)
def test_every_mutator_raises(mutate):
    frozen = freeze(DATA)
    with pytest.raises(ReadOnlyDataError):
        mutate(frozen)
    assert frozen == DATA


def test_copies_are_plain_and_mutable():
    frozen = freeze(DATA)
    deep = copy.deepcopy(frozen)
    assert type(deep) is dict
    assert type(deep["meta"]["targets"]) is list
    deep["meta"]["targets"].append("x86_64")
    assert frozen["meta"]["targets"] == ["zen4"]
    shallow = copy.copy(frozen["spec_details"])
    assert type(shallow) is list
    shallow.append({})
    assert type(pickle.loads(pickle.dumps(frozen))) is dict
    assert type(FrozenList([1]).copy()) is list
