"""``cachelint rule CODE`` and ``cachelint rules --output-format text|json|markdown``."""

from __future__ import annotations

import json

import pytest

from cachelint.rules.registry import load_rules


def test_rule_prints_everything_about_a_rule(cli):
    result = cli("rule", "CL201")
    assert result.status == 0
    text = result.out
    assert text.startswith("CL201 num-specs-mismatch\n")
    assert "What it checks: `meta.num_specs` differs from the number of `spec_details`." in text
    assert "Why it matters:\n  `num_specs` is derived data" in text
    assert "Failing (two specs, but the summary says three):\n\n" in text
    assert '    meta: {..., "num_specs": 3, ...}' in text
    assert "Passing:\n\n" in text
    assert "Default severity:   error" in text
    assert "Enabled by default: yes" in text
    assert "Fixable:            yes" in text
    assert "Origin:             built-in (cachelint==" in text


def test_rule_of_an_opt_in_warning(cli):
    text = cli("rule", "CL403").out
    assert "Default severity:   warning" in text
    assert "Enabled by default: no" in text


def test_rule_of_a_stage_code_has_examples(cli):
    text = cli("rule", "CL004").out
    assert 'Failing:\n\n    title: "zlib"\n    title: "zlib-ng"' in text
    assert "Fixable:            no" in text


@pytest.mark.parametrize("spelling", ["cl201", "num-specs-mismatch", " CL201 "])
def test_rule_accepts_lower_case_and_names(cli, spelling):
    assert cli("rule", spelling).out.startswith("CL201 num-specs-mismatch")


def test_unknown_rule_suggests_codes(cli):
    result = cli("rule", "CL2011")
    assert result.status == 2
    assert "unknown rule code 'CL2011' (did you mean CL201" in result.err


def test_rules_text_lists_every_code_with_its_origin(cli):
    lines = cli("rules").out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "DEFAULT", "FIX", "ORIGIN", "SUMMARY"]
    assert len(lines) == 1 + len(list(load_rules().documented()))
    assert lines[1].split()[:6] == ["CL001", "unreadable-file", "error", "on", "no", "built-in"]
    cl403 = next(line for line in lines if line.startswith("CL403"))
    assert cl403.split()[2:6] == ["warning", "off", "yes", "built-in"]


def test_rules_json_for_tools(cli):
    records = json.loads(cli("rules", "--output-format", "json").out)
    by_code = {r["code"]: r for r in records}
    assert set(by_code) == load_rules().all_codes()
    cl010 = by_code["CL010"]
    assert cl010["enabled"] is False
    assert cl010["severity"] == "warning"
    cl201 = by_code["CL201"]
    assert set(cl201) == {
        "code",
        "name",
        "summary",
        "explanation",
        "examples",
        "severity",
        "enabled",
        "fixable",
        "origin",
        "source",
        "runs",
    }
    assert cl201["origin"] == "built-in"
    assert cl201["source"].startswith("cachelint==")
    assert [e["title"] for e in cl201["examples"]][1] == "Passing"
    assert cl201["runs"] == ""  # a page rule runs on every checked page
    assert "_cache/<tag>" in by_code["CL505"]["runs"]


def test_rules_markdown(cli):
    text = cli("rules", "--output-format", "markdown").out
    assert text.startswith("# Rules\n")
    assert "| [CL201](#cl201) | `num-specs-mismatch` |" in text
    assert "\n## CL900\n" in text


@pytest.mark.parametrize("code", ["CL505", "CL507"])
def test_rule_says_when_a_whole_tag_rule_runs(cli, code):
    out = cli("rule", code).out
    runs = out.split("Runs:\n")[1].split("\n\n")[0]
    assert "whole folder is checked" in runs
    assert "`_cache/<tag>`" in runs
    assert "not when only" in runs and "pre-commit hook" in runs


@pytest.mark.parametrize("code", ["CL506", "CL509"])
def test_rule_says_when_a_whole_catalog_rule_runs(cli, code):
    out = cli("rule", code).out
    assert "when the whole catalog is checked" in out.split("Runs:\n")[1]


def test_page_rules_say_nothing_about_running(cli):
    assert "Runs:" not in cli("rule", "CL504").out
