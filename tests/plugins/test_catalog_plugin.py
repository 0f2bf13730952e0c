"""A third-party catalog rule: registered like any rule, sees each catalog's totals once."""

from __future__ import annotations

import json

import pytest

from cachelint.catalog.rule import CatalogRule, Scope, catalog_rule
from cachelint.catalog.view import Catalog, CatalogFinding
from cachelint.rules.registry import load_rules
from tests.catalog.builder import TAGS
from tests.conftest import spec
from tests.plugins.fake_plugins import plugin

SEEN: list[dict[str, tuple[int, int]]] = []


@catalog_rule(code="XY501", name="too-few-specs", severity="warning")
def too_few_specs(catalog: Catalog):
    """A tag holds fewer than three specs.

    Why: an example.

    Failing::

        two specs

    Passing::

        three specs
    """
    SEEN.append({a.tag: (a.pages, a.num_specs) for a in catalog.aggregates()})
    for declaration in catalog.site.declarations:
        totals = catalog.aggregate(declaration.name)
        if totals is not None and totals.num_specs < 3:
            yield CatalogFinding(
                "XY501",
                f"{declaration.name} holds {totals.num_specs}",
                catalog.tags_path,
                declaration.pointer,
            )


@catalog_rule(code="XY502", name="crashes", scope=Scope.CATALOG)
def crashes(catalog: Catalog):
    """Raises."""
    return [catalog.meta["nope"]]


@pytest.fixture
def catalog(make_catalog, install):
    SEEN.clear()
    install(
        plugin("XY501", too_few_specs, "catalog-rules", "2.1"),
        plugin("XY502", crashes, "crashy-catalog", "0.1"),
    )
    two = [spec(hash="a" * 32), spec(hash="b" * 32)]
    make_catalog.page("develop", "bc", two).page("develop", "zlib", [spec(hash="c" * 32)])
    make_catalog.page("v0.23.0", "bc", two)
    return make_catalog.consistent()


def test_a_catalog_rule_is_registered_through_the_entry_points(catalog):
    registry = load_rules()
    assert isinstance(registry.rules["XY501"].rule, CatalogRule)
    assert registry.source("XY501") == "catalog-rules==2.1"
    assert [rule.code for rule in registry.catalog_rules()][-2:] == ["XY501", "XY502"]


def test_it_sees_the_totals_of_every_covered_tag_once(catalog, cli):
    result = cli("check", "--output-format", "json", "--ignore", "XY502", ".")
    assert SEEN == [{"develop": (2, 3), "v0.23.0": (1, 2)}]
    (finding,) = json.loads(result.out)
    assert finding["code"] == "XY501"
    assert finding["severity"] == "warning"
    assert (finding["path"], finding["line"], finding["column"]) == (TAGS, 5, 9)
    assert finding["message"] == "v0.23.0 holds 2"


def test_its_scope_is_respected(catalog, cli):
    cli("check", "--ignore", "XY502", "_cache/develop/bc/specs.md")
    assert SEEN == []  # no whole tag: not run at all
    cli("check", "--ignore", "XY502", "_cache/v0.23.0")
    assert SEEN == [{"v0.23.0": (1, 2)}]


def test_a_crash_is_cl900_naming_the_rule_and_distribution(catalog, cli):
    result = cli("check", "--output-format", "json", ".")
    assert result.status == 2
    crash = next(f for f in json.loads(result.out) if f["code"] == "CL900")
    assert crash["path"] == TAGS
    assert "rule XY502 (crashes) from crashy-catalog==0.1 crashed on catalog .:" in crash["message"]
    assert "KeyError: 'nope'" in crash["message"]
    assert "XY501" in {f["code"] for f in json.loads(result.out)}  # the others still run


def test_it_is_documented_like_any_rule(catalog, cli):
    out = cli("rule", "XY501").out
    assert "What it checks: A tag holds fewer than three specs." in out
    assert "Runs:" in out and "_cache/<tag>" in out
    assert "Origin:             catalog-rules==2.1" in out
