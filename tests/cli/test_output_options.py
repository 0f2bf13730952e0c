"""``--output-format`` and ``--output-file`` through the installed entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DATA

PAGE = "_cache/develop/abyss/specs.md"  # a real page with a CL203 finding (26 specs)


def cachelint() -> str:
    installed = Path(sys.executable).parent / "cachelint"
    found = str(installed) if installed.exists() else shutil.which("cachelint")
    if found is None:
        pytest.skip("the cachelint entry point is not installed")
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    target = tmp_path / PAGE
    target.parent.mkdir(parents=True)
    shutil.copyfile(DATA / "pages" / PAGE, target)
    return tmp_path


def run(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY",)}
    environment.update(env)
    return subprocess.run(
        [cachelint(), "check", *args],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_full_is_the_default_and_has_no_colour_in_a_pipe(repo: Path) -> None:
    result = run(repo, PAGE)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{PAGE}:6:229: CL203 ")
    assert "^" in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stdout.rstrip().endswith("Found 1 error in 1 of 1 page.")
    assert result.stderr == ""


def test_machine_formats_keep_stdout_clean(repo: Path) -> None:
    result = run(repo, PAGE, "--output-format", "sarif")
    assert json.loads(result.stdout)["version"] == "2.1.0"
    assert result.stderr.strip() == "Found 1 error in 1 of 1 page."


def test_output_file_gets_the_report_and_the_terminal_the_summary(repo: Path) -> None:
    result = run(repo, PAGE, "--output-format", "gitlab", "--output-file", "out/report.json")
    issues = json.loads((repo / "out" / "report.json").read_text(encoding="utf-8"))
    assert [issue["location"]["path"] for issue in issues] == [PAGE]
    assert result.stdout.strip() == "Found 1 error in 1 of 1 page."
    assert result.stderr == ""
    assert result.returncode == 1


def test_an_unwritable_output_file_is_a_clean_error(repo: Path) -> None:
    (repo / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = run(repo, PAGE, "--output-file", "blocker/report.txt")
    assert result.returncode == 2
    assert result.stderr.startswith("cachelint: error: blocker/report.txt: cannot write")
    assert "Traceback" not in result.stderr


def test_github_appends_the_step_summary(repo: Path) -> None:
    summary = repo / "summary.md"
    result = run(repo, PAGE, "--output-format", "github", GITHUB_STEP_SUMMARY=str(summary))
    assert result.stdout.count("::error file=_cache/develop/abyss/specs.md,") == 1
    assert "| CL203 | spec-outside-root-stack | error | 1 |" in summary.read_text(encoding="utf-8")


def test_text_is_an_alias_of_concise(repo: Path) -> None:
    text = run(repo, PAGE, "--output-format", "text").stdout
    assert text == run(repo, PAGE, "--output-format", "concise").stdout
    assert text.split("\n")[0].startswith(f"{PAGE}:6:")
    assert len(text.strip().split("\n")) == 2


def test_unknown_format_is_a_usage_error(repo: Path) -> None:
    result = run(repo, PAGE, "--output-format", "xml")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr


def test_one_run_writes_several_reports(repo: Path) -> None:
    summary = repo / "summary.md"
    done = run(
        repo,
        "--output-format",
        "github",
        "--report",
        "sarif=out/c.sarif",
        "--report",
        "junit:out/c.xml",
        "--report",
        "json=out/c.json",
        PAGE,
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.count("::error ") == 1  # CL203: one finding per page, naming its specs
    found = json.loads((repo / "out" / "c.json").read_text(encoding="utf-8"))
    sarif = json.loads((repo / "out" / "c.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert len(results) == len(found) == 1
    assert (repo / "out" / "c.xml").read_text(encoding="utf-8").count("<failure ") == 1
    text = summary.read_text(encoding="utf-8")
    assert text.count("### cachelint") == 1  # the reports do not append summaries of their own


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--report", "yaml=x"], "unknown report format 'yaml'"),
        (["--report", "sarif"], "expected FORMAT=PATH"),
        (["--report", "sarif="], "no file given"),
        (["--report", "sarif=a", "--report", "json=./a"], "must name different files"),
        (["--report", "sarif=a", "--output-file", "a"], "must name different files"),
    ],
)
def test_report_files_that_cannot_work_are_errors_of_use(repo: Path, args, message) -> None:
    done = run(repo, *args, PAGE)
    assert done.returncode == 2
    assert message in done.stderr
    assert not (repo / "a").exists()
