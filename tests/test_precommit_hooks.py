"""The pre-commit hooks catalog repositories use."""

from __future__ import annotations

import shlex

import yaml

from cachelint.cli.parser import build_parser
from cachelint.rules.registry import load_rules


def hooks(repo) -> dict[str, dict]:
    text = (repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return {hook["id"]: hook for hook in yaml.safe_load(text)}


def test_the_page_hook_gets_the_changed_pages(repo):
    hook = hooks(repo)["cachelint"]
    assert hook["entry"] == "cachelint check --output-format concise"
    assert hook.get("pass_filenames", True) is True
    assert hook["files"] == r"^(.*/)?_cache/.*\.md$"


def test_the_catalog_hook_checks_what_the_commit_changes_once(repo):
    hook = hooks(repo)["cachelint-catalog"]
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True
    assert hook["require_serial"] is True
    assert hook["language"] == "python"


def test_the_catalog_hook_selects_the_catalog_codes(repo):
    program, command, *args = shlex.split(hooks(repo)["cachelint-catalog"]["entry"])
    assert (program, command) == ("cachelint", "check")
    parsed = build_parser().parse_args([command, *args])
    assert parsed.paths == []  # the current folder: the repository, i.e. the catalog root
    assert parsed.changed_since == "HEAD"  # not the whole catalog's history
    assert parsed.config_from_ref is False  # the committer's own configuration applies
    assert parsed.output_format == "concise"
    selected = set(parsed.select)
    catalog_codes = {code for code in load_rules().all_codes() if "CL503" <= code <= "CL509"}
    assert selected == catalog_codes


def test_both_hooks_are_documented(repo):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for hook_id in hooks(repo):
        assert f"id: {hook_id}\n" in readme
