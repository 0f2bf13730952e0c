"""A plugin that raises while checking a page: CL900, everything else still reported, exit 2."""

from __future__ import annotations

import json

import pytest

from cachelint.rules import rule
from tests.plugins.fake_plugins import plugin

BC = "_cache/develop-2025-07-13/bc/specs.md"
AIDA = "_cache/develop-2025-07-13/aida/specs.md"


@rule(code="XY900", name="crashes-on-bc")
def crashes_on_bc(page):
    """Raises on the page titled ``bc`` only."""
    if page.data["title"] == "bc":
        return [page.data["spec_details"][0]["tarball"]]
    return []


@pytest.fixture
def catalog(write, broken_bc, install, repo):
    install(plugin("XY900", crashes_on_bc, "crashy-rules", "0.3"))
    write(BC, broken_bc)
    write(AIDA, (repo / "examples" / "catalog" / AIDA).read_text(encoding="utf-8"))


def report(result) -> list[dict]:
    return json.loads(result.out)


def test_crash_is_cl900_naming_distribution_version_rule_page_and_exception(catalog, cli):
    result = cli("check", "--output-format", "json", "_cache")
    crashes = [d for d in report(result) if d["code"] == "CL900"]
    assert len(crashes) == 1
    crash = crashes[0]
    assert crash["path"] == BC
    assert crash["severity"] == "error"
    message = crash["message"]
    assert "rule XY900 (crashes-on-bc)" in message
    assert "from crashy-rules==0.3" in message
    assert f"crashed on {BC}" in message
    assert "KeyError: 'tarball'" in message
    assert "in crashes_on_bc at test_crash.py:" in message


def test_other_rules_and_pages_go_on_and_the_run_exits_2(catalog, cli):
    result = cli("check", "--output-format", "json", "_cache")
    assert sorted((d["path"], d["code"]) for d in report(result)) == [
        (BC, "CL201"),
        (BC, "CL301"),
        (BC, "CL900"),
    ]
    assert result.status == 2
    assert "Found 3 errors in 1 of 2 pages." in result.err


@pytest.mark.parametrize(
    "flags", [("--exit-zero",), ("--ignore", "CL9"), ("--select", "XY"), ("--ignore", "CL2,CL3")]
)
def test_a_crash_can_be_neither_ignored_nor_waived(catalog, cli, flags):
    result = cli("check", *flags, "_cache")
    assert result.status == 2
    assert "CL900" in result.out


def test_a_crash_cannot_be_suppressed(catalog, write, broken_bc, cli):
    write(BC, broken_bc.replace("---\n", "---\n# cachelint: disable=CL900\n", 1))
    result = cli("check", "_cache")
    assert result.status == 2
    assert "CL900" in result.out
