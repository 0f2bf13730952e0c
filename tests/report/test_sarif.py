"""SARIF 2.1.0: valid against the official schema, and what GitHub code scanning needs."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from cachelint.model import Position, Severity
from cachelint.report import Report
from cachelint.report.sarif import render_sarif
from tests.conftest import REPO
from tests.helpers import DATA
from tests.report.sample import NASTY, diagnostic, nasty_report, report


@cache
def sarif_validator() -> Draft7Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema)


def render(report: Report) -> dict[str, Any]:
    stream = io.StringIO()
    render_sarif(report, stream)
    return json.loads(stream.getvalue())


def assert_valid(log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []


def test_the_validator_rejects_a_broken_log() -> None:
    with pytest.raises(AssertionError):
        assert_valid({"version": "2.1.0", "runs": [{"results": []}]})


def test_nasty_report_is_valid_sarif(root: Path) -> None:
    assert_valid(render(nasty_report(root)))


def test_empty_run_is_valid_sarif(root: Path) -> None:
    log = render(report([], root=root, checked=["a.md"]))
    assert_valid(log)
    assert log["runs"][0]["results"] == []


def test_driver_describes_the_tool_and_every_rule(root: Path) -> None:
    driver = render(nasty_report(root))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cachelint"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert set(by_id) == {"CL104", "CL201", "CL302"}
    rule = by_id["CL201"]
    assert rule["name"] == "num-specs-mismatch"
    assert rule["shortDescription"]["text"] == "meta.num_specs differs."
    assert rule["fullDescription"]["text"] == "Long doc."
    assert rule["help"]["text"] == "Long doc."
    assert rule["defaultConfiguration"]["level"] == "error"
    assert by_id["CL302"]["defaultConfiguration"]["level"] == "warning"


def test_results_point_at_the_exact_region(root: Path) -> None:
    run = render(nasty_report(root))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CL302", "CL201", "CL104"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[1]
    assert first["level"] == "error"
    assert first["message"]["text"] == NASTY
    location = first["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 5, "startColumn": 20, "endLine": 5, "endColumn": 21}
    assert results[0]["level"] == "warning"
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 6,
        "startColumn": 1,
        "endLine": 7,
        "endColumn": 4,
    }
    assert run["columnKind"] == "unicodeCodePoints"


def test_uris_are_relative_to_the_repository_root(root: Path) -> None:
    run = render(nasty_report(root))["runs"][0]
    artifact = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]
    # NASTY_PATH is "odd dir/a,b:c %25 ü/specs.md"; an unescaped ':' would read as a scheme.
    encoded = "odd%20dir/a%2Cb%3Ac%20%2525%20%C3%BC/specs.md"
    assert artifact == {"uri": encoded, "uriBaseId": "SRCROOT"}
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == root.as_uri() + "/"


def test_paths_below_a_subfolder_are_still_relative_to_the_root(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (root / "site").mkdir()
    monkeypatch.chdir(root / "site")
    log = render(report([diagnostic(path="_cache/x/y/specs.md")], root=root))
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"]["uri"] == "site/_cache/x/y/specs.md"


def test_paths_outside_the_root_are_absolute_file_uris(root: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "specs.md"
    log = render(report([diagnostic(path=str(outside))], root=root))
    assert_valid(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": outside.as_uri()}


def test_fingerprints_are_stable_and_distinct(root: Path) -> None:
    def prints(report: Report) -> list[str]:
        results = render(report)["runs"][0]["results"]
        return [r["partialFingerprints"]["cachelint/v2"] for r in results]

    first = prints(nasty_report(root))
    assert first == prints(nasty_report(root))
    assert len(set(first)) == len(first)
    moved = report([diagnostic(position=Position(9, 1, 9, 2), message="other words")], root=root)
    assert prints(moved) == prints(report([diagnostic()], root=root))


def test_repeated_findings_get_distinct_fingerprints(root: Path) -> None:
    twice = report([diagnostic(pointer=""), diagnostic(pointer="")], root=root)
    prints = [r["partialFingerprints"]["cachelint/v2"] for r in render(twice)["runs"][0]["results"]]
    assert len(set(prints)) == 2


def test_unknown_codes_still_get_a_rule(root: Path) -> None:
    log = render(report([diagnostic("XY999", severity=Severity.WARNING)], root=root))
    assert_valid(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[log["runs"][0]["results"][0]["ruleIndex"]]["id"] == "XY999"


def test_every_builtin_rule_has_markdown_help_and_a_docs_anchor(root: Path) -> None:
    from cachelint.cli.output import build_report
    from cachelint.rules.registry import load_rules
    from cachelint.run.runner import RunResult

    built = build_report(RunResult([], []), load_rules(), output_file=None)
    rules = render(built)["runs"][0]["tool"]["driver"]["rules"]
    docs = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    anchors = {line[3:].strip().lower() for line in docs.splitlines() if line.startswith("## ")}
    assert rules
    for rule in rules:
        base, _, anchor = rule["helpUri"].partition("#")
        assert base == "https://github.com/cachelint/cachelint/blob/main/docs/rules.md"
        assert anchor == rule["id"].lower() and anchor in anchors
        markdown = rule["help"]["markdown"]
        prose = markdown.replace("```", "")
        assert "::\n" not in prose and "``" not in prose, rule["id"]  # no reStructuredText
        if "Failing" in markdown:
            assert "\n```\n" in markdown, rule["id"]


def test_rst_examples_become_fenced_code() -> None:
    from cachelint.rules.doc import help_markdown

    doc = "Summary ``x``.\n\nWhy it matters.\n\nFailing::\n\n    a: 1\n\nPassing::\n\n    a: 2\n"
    assert help_markdown("Summary ``x``.", doc) == (
        "Summary `x`.\n\nWhy it matters.\n\n"
        "Failing:\n\n```\na: 1\n```\n\nPassing:\n\n```\na: 2\n```\n"
    )


def test_plugin_codes_get_no_help_uri(root: Path) -> None:
    log = render(report([diagnostic("XY999", severity=Severity.WARNING)], root=root))
    (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "XY999"]
    assert "helpUri" not in rule


def test_one_rule_firing_often_on_a_page_is_one_result(root: Path) -> None:
    many = [diagnostic(position=Position(n, 1, n, 2), pointer=f"/x/{n}") for n in range(1, 6)]
    log = render(report(many, root=root))
    assert_valid(log)
    (result,) = log["runs"][0]["results"]
    assert [r["id"] for r in result["relatedLocations"]] == [1, 2, 3, 4]
    assert result["properties"]["findings"] == 5
    assert "fires 5 times" in result["message"]["text"]
    few = render(report(many[:3], root=root))["runs"][0]["results"]
    assert len(few) == 3  # up to three stay separate results
