"""Loading plugin rules: codes, collisions and import failures stop the run with exit 2."""

from __future__ import annotations

import pytest

from cachelint.errors import PluginError
from cachelint.rules import rule
from cachelint.rules.registry import load_rules
from tests.plugins.fake_plugins import plugin


def make_rule(code: str, name: str = "fake-rule"):
    @rule(code=code, name=name)
    def check(page):
        """A fake rule that finds nothing."""
        return iter(())

    return check


def test_plugin_rule_is_loaded_with_its_origin(install, cli):
    install(plugin("XY101", make_rule("XY101"), "xy-rules", "2.3"))
    registry = load_rules()
    assert registry.origin("XY101") == "xy-rules==2.3"
    assert registry.origin("CL201") == "built-in"
    listing = cli("rules").out
    line = next(line for line in listing.splitlines() if line.startswith("XY101"))
    assert "xy-rules==2.3" in line
    assert "fake-rule" in line


def test_two_plugins_with_one_code_name_both_distributions(install, cli):
    install(
        plugin("XY101", make_rule("XY101"), "alpha", "1.0"),
        plugin("XY101", make_rule("XY101"), "beta", "2.0"),
    )
    result = cli("check", ".")
    assert result.status == 2
    assert "rule code XY101 is registered by both alpha==1.0 and beta==2.0" in result.err


@pytest.mark.parametrize("code", ["CL201", "CL001"])
def test_plugin_reusing_a_builtin_code_names_both(install, cli, code):
    install(plugin(code, make_rule(code), "evil", "0.1"))
    result = cli("rules")
    assert result.status == 2
    assert f"rule code {code} is registered by both cachelint==" in result.err
    assert "(built-in) and evil==0.1" in result.err


def test_cl_prefix_is_reserved(install):
    install(plugin("CL777", make_rule("CL777"), "squatter", "1.0"))
    with pytest.raises(PluginError, match=r"squatter==1.0: rule code CL777: the CL prefix"):
        load_rules()


@pytest.mark.parametrize("code", ["X101", "ABCDEF101", "xy101", "XY1011", "XY10"])
def test_codes_must_match_the_pattern(install, code):
    install(plugin(code, make_rule(code), "badcode", "1.0"))
    with pytest.raises(PluginError, match=r"badcode==1.0: .*2 to 5 capital letters, then 3 digits"):
        load_rules()


def test_entry_point_must_be_named_after_the_code(install):
    install(plugin("XY102", make_rule("XY101"), "misnamed", "1.0"))
    with pytest.raises(PluginError, match="'XY102' must be named after its rule code 'XY101'"):
        load_rules()


def test_entry_point_must_load_a_rule(install):
    install(plugin("XY101", lambda page: [], "notarule", "1.0"))
    with pytest.raises(PluginError, match=r"notarule==1.0: .* is not a cachelint Rule"):
        load_rules()


def test_plugin_that_fails_to_import_stops_the_run_with_its_name(install, cli):
    install(plugin("XY101", ModuleNotFoundError("No module named 'requests'"), "broken", "0.9"))
    result = cli("check", ".")
    assert result.status == 2
    assert "broken==0.9: cannot load rule XY101" in result.err
    assert "ModuleNotFoundError: No module named 'requests'" in result.err
    assert "Traceback" not in result.err
