"""Counting pages toward their tags' totals without checking them."""

from __future__ import annotations

import pytest

from cachelint.catalog.facts import PageFacts
from cachelint.page import source
from cachelint.run import tally as tally_module
from cachelint.run.cache.results import ResultCache
from cachelint.run.checker import check_target
from cachelint.run.runner import run_checks
from cachelint.run.tally import tally, tally_target
from cachelint.scope.discovery import iter_targets, make_target
from tests.catalog.builder import CatalogBuilder
from tests.conftest import page_text, spec
from tests.helpers import default_settings
from tests.tests_support import make_store


@pytest.fixture
def catalog(tmp_path) -> CatalogBuilder:
    two = [spec(), spec(hash="a" * 32, compiler="clang@17")]
    return CatalogBuilder(tmp_path).page("develop", "bc").page("develop", "zlib", two).consistent()


def targets(root):
    return list(iter_targets([str(root / "_cache")]))


def test_the_facts_are_those_a_check_finds(catalog):
    settings = default_settings()
    for target in targets(catalog.root):
        counted = tally_target(target, settings)
        checked = check_target(target, settings)
        assert (counted.checked, counted.facts) == (checked.checked, checked.facts)
        assert counted.diagnostics == ()


def test_an_unparsable_page_counts_without_facts(catalog):
    path = catalog.write("_cache/develop/bad/specs.md", "---\nmeta: [\n---\n")
    result = tally_target(make_target(path, display="bad", explicit=False), default_settings())
    assert result.checked
    assert result.facts is None


def test_a_file_without_front_matter_is_a_page_without_facts(catalog):
    # Below _cache/ it is a broken page (CL002): its tag's sum is unknown.
    path = catalog.write("_cache/develop/notes/README.md", "# notes\n")
    result = tally_target(make_target(path, display="notes", explicit=False), default_settings())
    assert result.checked
    assert result.facts is None


def test_known_files_come_from_the_result_cache(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "cachelint.run.cache.entry.RACY_NS", 0
    )  # pages just written keep signatures
    settings = default_settings()
    cache = ResultCache.open(make_store(tmp_path / "cache"), settings)
    run_checks(targets(catalog.root), settings, cache=cache)

    def unread(*args, **kwargs):
        raise AssertionError("a cached page was read again")

    monkeypatch.setattr(tally_module, "read_target", unread)
    monkeypatch.setattr(source, "read_source", unread)
    monkeypatch.setattr("cachelint.run.cache.results.read_target", unread)
    facts = [result.facts for result in tally(targets(catalog.root), settings, cache=cache)]
    assert facts == [
        PageFacts(
            1, frozenset({"gcc@11.4.0"}), frozenset({"build_system"}), frozenset({"e4s", "root"})
        ),
        PageFacts(
            2,
            frozenset({"gcc@11.4.0", "clang@17"}),
            frozenset({"build_system"}),
            frozenset({"e4s", "root"}),
        ),
    ]


def test_a_changed_file_is_read_again(catalog, tmp_path):
    settings = default_settings()
    cache = ResultCache.open(make_store(tmp_path / "cache"), settings)
    run_checks(targets(catalog.root), settings, cache=cache)
    catalog.write("_cache/develop/bc/specs.md", page_text([spec(), spec(hash="b" * 32)]))
    counts = [
        result.facts.num_specs for result in tally(targets(catalog.root), settings, cache=cache)
    ]
    assert counts == [2, 2]
