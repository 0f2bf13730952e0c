"""docs/ci.md: its workflows parse, use the action's real inputs and cachelint's real flags."""

from __future__ import annotations

import re
import shlex
from fnmatch import fnmatch

import pytest
import yaml

from cachelint.cli.parser import build_parser
from cachelint.scope.shard import Shard
from tests.conftest import REPO

DOC = REPO / "docs" / "ci.md"
ACTION = "cachelint/cachelint@"
UPLOAD = "github/codeql-action/upload-sarif@"
MATRIX = re.compile(r"\$\{\{\s*matrix\.(\w+)\s*\}\}")
# What GitLab puts in the variables the example uses.
GITLAB_VALUES = {
    "CI_NODE_INDEX": "2",
    "CI_NODE_TOTAL": "4",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA": "0" * 40,
}


def yaml_blocks() -> list[dict]:
    text = DOC.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def github_workflow() -> dict:
    (workflow,) = [b for b in yaml_blocks() if "jobs" in b]
    return workflow


def gitlab_jobs() -> dict[str, dict]:
    (pipeline,) = [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" not in b]
    return pipeline


def action_inputs() -> set[str]:
    return set(yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))["inputs"])


def steps(job: dict, uses: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").startswith(uses)]


def expand_matrix(text: str, values: dict) -> str:
    return MATRIX.sub(lambda m: str(values[m.group(1)]), text)


def test_the_workflow_has_triggers_and_jobs_that_run():
    workflow = github_workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare on as true
    assert {"pull_request", "push"} <= set(triggers)
    for name, job in workflow["jobs"].items():
        assert job["runs-on"], name
        assert job["steps"][0]["uses"].startswith("actions/checkout@"), name


def test_the_action_is_given_only_inputs_it_has():
    for job in github_workflow()["jobs"].values():
        for step in steps(job, ACTION):
            assert set(step["with"]) <= action_inputs()


def test_the_action_arguments_are_cachelint_flags():
    parser = build_parser()
    for job in github_workflow()["jobs"].values():
        for values in _matrix_rows(job):
            for step in steps(job, ACTION):
                given = {k: expand_matrix(str(v), values) for k, v in step["with"].items()}
                argv = ["check", *shlex.split(given.get("args", ""))]
                for flag in ("changed-since", "shard"):
                    if flag in given:
                        argv += [f"--{flag}", given[flag]]
                for kind, report in (("sarif", "sarif-file"), ("junit", "junit-file")):
                    if report in given:
                        argv += ["--report", f"{kind}={given[report]}"]
                parser.parse_args(argv)  # exits on an unknown flag or a bad shard


def test_every_sarif_file_is_uploaded_under_one_category_for_prs_and_main():
    # GitHub compares a pull request with its base branch only within one category.
    categories = set()
    for job in github_workflow()["jobs"].values():
        (check,) = steps(job, ACTION)
        (upload,) = steps(job, UPLOAD)
        written = check["with"]["sarif-file"]
        assert upload["with"]["sarif_file"] == written
        (pattern,) = re.findall(r"hashFiles\('([^']+)'\)", upload["if"])
        assert fnmatch(written, pattern)  # uploaded when written, even after findings
        assert upload["if"].startswith("always() && ")
        categories.add(upload["with"]["category"])
        assert job["permissions"]["security-events"] == "write"
    assert categories == {"cachelint"}
    events = [job["if"] for job in github_workflow()["jobs"].values()]
    assert any("== 'pull_request'" in e for e in events)
    assert any("!= 'pull_request'" in e for e in events)


def test_every_job_keeps_its_reports_and_its_cache():
    for name, job in github_workflow()["jobs"].items():
        (check,) = steps(job, ACTION)
        assert check["with"]["cache"] is True, name
        (keep,) = steps(job, "actions/upload-artifact@")
        assert keep["if"].startswith("always() && "), name
        kept = keep["with"]["path"].split()
        for report in ("sarif-file", "junit-file", "html-report"):
            assert check["with"][report] in kept, (name, report)


def test_the_changed_job_fetches_the_revision_it_compares_with():
    (changed,) = [
        job
        for job in github_workflow()["jobs"].values()
        if any("changed-since" in s["with"] for s in steps(job, ACTION))
    ]
    (check,) = steps(changed, ACTION)
    assert check["with"]["changed-since"] == "HEAD^1"
    assert changed["steps"][0]["with"]["fetch-depth"] >= 2
    assert "pull_request" in changed["if"]


@pytest.mark.parametrize("name", ["cachelint-changed", "cachelint-full"])
def test_the_gitlab_jobs_report_code_quality_with_real_flags(name):
    pipeline = gitlab_jobs()
    job = {**pipeline[pipeline[name]["extends"]], **pipeline[name]}
    report = job["artifacts"]["reports"]["codequality"]
    (command,) = [line for line in job["script"] if line.lstrip().startswith("cachelint")]
    for variable, value in GITLAB_VALUES.items():
        command = command.replace(f"${variable}", value)
    argv = shlex.split(command)
    args = build_parser().parse_args(argv[1:])
    assert (args.output_format, args.output_file) == ("gitlab", report)
    assert args.report == [("junit", job["artifacts"]["reports"]["junit"])]
    if "parallel" in job:
        assert args.shard == Shard(2, job["parallel"])


def _matrix_rows(job: dict) -> list[dict]:
    matrix = job.get("strategy", {}).get("matrix")
    if not matrix:
        return [{}]
    ((key, values),) = matrix.items()
    return [{key: value} for value in values]


def test_the_html_report_written_is_uploaded_as_an_artifact():
    """The last section's steps: a real cachelint command, and the file it writes uploaded."""
    (report_steps,) = [b for b in yaml_blocks() if isinstance(b, list)]
    run, upload = report_steps
    argv = shlex.split(run["run"])
    assert argv[:2] == ["cachelint", "check"]
    args = build_parser().parse_args(argv[1:])
    assert args.output_format == "html"
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["if"] == "always()"
    assert upload["with"]["path"] == args.output_file
