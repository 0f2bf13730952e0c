"""action.yml: a composite action whose inputs exist, reach the script safely, and work."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.catalog.builder import CatalogBuilder
from tests.conftest import REPO, spec

ACTION = REPO / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUT = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")
PROMISED = {"paths", "args", "output-format", "sarif-file", "changed-since", "shard"}


def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(name: str) -> dict:
    return next(s for s in action()["runs"]["steps"] if s.get("name") == name)


def test_it_is_a_composite_action_with_a_name_and_description():
    loaded = action()
    assert loaded["name"] == "cachelint"
    assert loaded["description"]
    assert loaded["runs"]["using"] == "composite"
    for each in loaded["runs"]["steps"]:
        assert ("run" in each) != ("uses" in each)
        if "run" in each:
            assert each["shell"] == "bash"  # composite run steps must name a shell


def test_it_has_the_promised_inputs_each_described():
    inputs = action()["inputs"]
    assert set(inputs) >= PROMISED
    for name, spec_ in inputs.items():
        assert spec_["description"], name
        assert "default" in spec_ or spec_.get("required"), name


def test_every_input_used_exists_and_every_input_is_used():
    text = ACTION.read_text(encoding="utf-8")
    used = {name for expr in EXPRESSION.findall(text) for name in INPUT.findall(expr)}
    assert used == set(action()["inputs"])


def test_outputs_come_from_a_step_that_exists():
    ids = {s["id"] for s in action()["runs"]["steps"] if "id" in s}
    for name, output in action()["outputs"].items():
        match = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", output["value"])
        assert match, name
        assert match.group(1) in ids


def test_no_expression_is_pasted_into_a_script():
    # ${{ inputs.x }} inside run: would let an input inject shell code.
    for each in action()["runs"]["steps"]:
        assert "${{" not in each.get("run", "")


def test_the_check_step_reads_each_input_it_is_given():
    check = step("Check the catalog")
    for variable in check["env"]:
        assert f"${variable}" in check["run"] or f"${{{variable}" in check["run"], variable


@pytest.fixture
def runner(tmp_path: Path) -> dict[str, str]:
    """What GitHub gives a step, with this environment's cachelint as the installed one."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = Path(sys.executable).parent / "cachelint"
    if not script.exists():
        pytest.skip("the cachelint console script is not installed beside this python")
    temp = tmp_path / "runner"
    (temp / "cachelint-venv" / "bin").mkdir(parents=True)
    (temp / "cachelint-venv" / "bin" / "cachelint").symlink_to(script)
    env = {key: value for key, value in os.environ.items() if not key.startswith("INPUT_")}
    env.update(
        RUNNER_TEMP=str(temp),
        GITHUB_OUTPUT=str(tmp_path / "output"),
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
        GITHUB_ACTION_PATH=str(REPO),
    )
    return env


def run_check_step(env: dict[str, str], cwd: Path, **inputs: str) -> subprocess.CompletedProcess:
    check = step("Check the catalog")
    defaults = {name: str(spec_.get("default", "")) for name, spec_ in action()["inputs"].items()}
    values = {**defaults, **inputs}
    for variable, expression in check["env"].items():
        name = INPUT.search(expression).group(1)
        env[variable] = values[name]
    return subprocess.run(
        ["bash", "-c", check["run"]], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def outputs(env: dict[str, str]) -> dict[str, str]:
    lines = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def test_the_script_annotates_writes_sarif_and_fails_on_findings(runner, tmp_path):
    catalog = CatalogBuilder(tmp_path / "catalog").page("develop", "bc").consistent()
    catalog.page("develop", "bc", [spec(stacks=["root", "undeclared"])])
    done = run_check_step(
        runner, catalog.root, **{"sarif-file": "out/cachelint.sarif", "args": "--select ALL"}
    )
    assert done.returncode == 1, done.stderr
    assert "::error file=_cache/develop/bc/specs.md," in done.stdout
    assert "CL504" in done.stdout
    sarif = json.loads((catalog.root / "out" / "cachelint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CL504"]
    assert outputs(runner) == {"sarif-file": "out/cachelint.sarif", "exit-code": "1"}
    assert "### cachelint" in Path(runner["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")


def test_the_script_passes_a_clean_shard(runner, tmp_path):
    catalog = CatalogBuilder(tmp_path / "catalog").page("develop", "bc").consistent()
    done = run_check_step(runner, catalog.root, shard="2/2", paths=" . ")
    assert done.returncode == 0, done.stderr
    assert outputs(runner)["exit-code"] == "0"


def test_a_usage_error_fails_before_the_report(runner, tmp_path):
    catalog = CatalogBuilder(tmp_path / "catalog").page("develop", "bc").consistent()
    done = run_check_step(runner, catalog.root, **{"sarif-file": "x.sarif", "shard": "9/2"})
    assert done.returncode == 2
    assert "argument --shard" in done.stderr
