"""Per-tag totals folded from page results as they stream in."""

from __future__ import annotations

import json

import pytest

from cachelint.catalog.aggregate import Aggregator
from cachelint.catalog.facts import PageFacts
from cachelint.model import FileResult
from cachelint.scope.roots import RootFinder


def result(path: str, num_specs: int | None, *, checked: bool = True, **sets) -> FileResult:
    facts = PageFacts(num_specs, **{k: frozenset(v) for k, v in sets.items()})
    return FileResult(path, checked=checked, facts=facts)


def test_totals_add_up_per_tag(tmp_path, monkeypatch):
    (tmp_path / "_cache").mkdir()
    (tmp_path / "_data").mkdir()
    monkeypatch.chdir(tmp_path)
    aggregator = Aggregator(RootFinder())
    for index in range(200):
        aggregator.add(result(f"_cache/develop/p{index}/specs.md", 2, compilers={"gcc@11"}))
    aggregator.add(result("_cache/v1/bc/specs.md", 5, parameters={"shared"}, stacks={"e4s"}))
    aggregator.add(result("_cache/v1/skipped/specs.md", 9, checked=False))
    totals = aggregator.aggregates(tmp_path)
    assert set(totals) == {"develop", "v1"}
    develop = totals["develop"]
    assert (develop.pages, develop.num_specs, develop.complete) == (200, 400, True)
    assert develop.compilers == {"gcc@11"}
    v1 = totals["v1"]
    assert (v1.pages, v1.num_specs, v1.parameters, v1.stacks) == (1, 5, {"shared"}, {"e4s"})
    assert aggregator.roots() == {tmp_path: "_cache/develop/p0/specs.md"}


def test_a_page_that_could_not_be_counted_makes_the_total_incomplete(tmp_path, monkeypatch):
    (tmp_path / "_cache").mkdir()
    (tmp_path / "_data").mkdir()
    monkeypatch.chdir(tmp_path)
    aggregator = Aggregator(RootFinder())
    aggregator.add(result("_cache/develop/bc/specs.md", 2))
    aggregator.add(FileResult("_cache/develop/broken/specs.md", checked=True))  # unparsed
    aggregator.add(result("_cache/develop/bad/specs.md", None))
    develop = aggregator.aggregates(tmp_path)["develop"]
    assert (develop.pages, develop.num_specs, develop.uncounted) == (3, 2, 2)
    assert not develop.complete
    assert develop.example == "_cache/develop/broken/specs.md"


def test_pages_outside_a_catalog_are_not_counted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    aggregator = Aggregator(RootFinder())
    aggregator.add(result("_cache/develop/bc/specs.md", 2))
    assert aggregator.roots() == {}


def test_merged_runs_add_up_as_the_pages_one_by_one(tmp_path, monkeypatch):
    (tmp_path / "_cache").mkdir()
    (tmp_path / "_data").mkdir()
    monkeypatch.chdir(tmp_path)
    pages = [
        result("_cache/develop/a/specs.md", 2, compilers={"gcc@11"}),
        result("_cache/develop/b/specs.md", None),
        result("_cache/v1/c/specs.md", 5, stacks={"e4s"}),
        result("_cache/develop/d/specs.md", None),
        result("_cache/develop/e/specs.md", 3, compilers={"gcc@12"}, parameters={"mpi"}),
    ]
    one_by_one = Aggregator(RootFinder())
    for page in pages:
        one_by_one.add(page)
    merged = Aggregator(RootFinder())
    for run in (pages[:1], pages[1:4], pages[4:]):
        part = Aggregator(RootFinder())
        for page in run:
            part.add(page)
        merged.merge(part.totals)
    assert merged.aggregates(tmp_path) == one_by_one.aggregates(tmp_path)
    assert merged.roots() == one_by_one.roots() == {tmp_path: "_cache/develop/a/specs.md"}
    develop = merged.aggregates(tmp_path)["develop"]
    assert (develop.pages, develop.num_specs, develop.uncounted) == (4, 5, 2)
    assert develop.example == "_cache/develop/b/specs.md"
    assert develop.compilers == {"gcc@11", "gcc@12"}


def test_the_totals_come_back_from_their_state(tmp_path, monkeypatch):
    """What the result cache's run snapshot keeps of the totals, and gives back."""
    (tmp_path / "_cache").mkdir()
    (tmp_path / "_data").mkdir()
    monkeypatch.chdir(tmp_path)
    aggregator = Aggregator(RootFinder())
    aggregator.add(result("_cache/develop/bc/specs.md", 2, compilers={"gcc@11", "clang@17"}))
    aggregator.add(FileResult("_cache/develop/broken/specs.md", checked=True))
    aggregator.add(result("_cache/v1/bc/specs.md", 5, parameters={"shared"}, stacks={"e4s"}))
    restored = Aggregator(RootFinder())
    assert restored.restore(json.loads(json.dumps(aggregator.state())))
    assert restored.aggregates(tmp_path) == aggregator.aggregates(tmp_path)
    assert restored.roots() == aggregator.roots()


@pytest.mark.parametrize(
    "state",
    [
        None,
        "x",
        [["/r", 1, []]],
        [["/r", "e", [["t", -1, 0, 0, "", [], [], []]]]],
        [["/r", "e", [["t", 1, 0, 0, "", [1], [], []]]]],
        [["/r", "e", [["t", 1, 0, 0, ""]]]],
        [["/r", "e", [[7, 1, 0, 0, "", [], [], []]]]],
        [["/r", "e", [["t", True, 0, 0, "", [], [], []]]]],
    ],
)
def test_a_malformed_state_is_refused_and_changes_nothing(tmp_path, state):
    aggregator = Aggregator(RootFinder())
    assert not aggregator.restore(state)
    assert aggregator.roots() == {} and aggregator.state() == []
