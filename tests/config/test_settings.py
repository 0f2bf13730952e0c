"""What each configuration key does, and that its command-line flag wins over the file."""

from __future__ import annotations

import json

import pytest

PAGE = "_cache/develop-2025-07-13/bc/specs.md"
OTHER = "_cache/develop-2025-07-13/bc2/specs.md"


def codes(output: str) -> list[str]:
    """The codes of a JSON report."""
    return sorted(d["code"] for d in json.loads(output))


def unsorted_targets(page: str) -> str:
    """The clean page with ``meta.targets`` out of order: one CL402 warning."""
    return page.replace('["neoverse_v2", "x86_64_v3"]', '["x86_64_v3", "neoverse_v2"]')


@pytest.fixture
def broken(write, broken_bc):
    return write(PAGE, broken_bc)


def test_select_from_file_and_flag(project, write, broken, cli):
    write("cachelint.toml", 'select = ["CL2"]\noutput-format = "json"\n')
    assert codes(cli("check").out) == ["CL201"]
    assert codes(cli("check", "--select", "CL3").out) == ["CL301"]


def test_extend_select_from_file_and_flag(project, write, broken_bc, cli):
    unsorted = broken_bc.replace(
        '[{"compiler": "gcc@11.4.0", "hash": "kegj', '[{"compiler": "gcc@11.4.0", "hash": "zegj'
    )
    write(PAGE, unsorted)
    write("cachelint.toml", 'extend-select = ["CL403"]\noutput-format = "json"\n')
    assert "CL403" in codes(cli("check").out)
    assert "CL403" not in codes(cli("check", "--extend-select", "CL010").out)


def test_ignore_from_file_and_flag(project, write, broken, cli):
    write("cachelint.toml", 'ignore = ["CL2"]\noutput-format = "json"\n')
    assert codes(cli("check").out) == ["CL301"]
    assert codes(cli("check", "--ignore", "CL301").out) == ["CL201"]


def test_ignore_all(project, write, broken, cli):
    write("cachelint.toml", 'ignore = ["ALL"]\n')
    result = cli("check")
    assert result.status == 0
    assert "All checks passed" in result.out


def test_per_file_ignores_globs_are_relative_to_the_config_file(
    project, write, broken_bc, cli, monkeypatch
):
    write(PAGE, broken_bc)
    write(OTHER, broken_bc)
    write("cachelint.toml", 'output-format = "json"\n[per-file-ignores]\n"**/bc/*" = ["CL2"]\n')
    monkeypatch.chdir(project / "_cache")
    report = json.loads(cli("check", ".").out)
    by_file = {(d["path"], d["code"]) for d in report}
    assert ("develop-2025-07-13/bc/specs.md", "CL201") not in by_file
    assert ("develop-2025-07-13/bc/specs.md", "CL301") in by_file
    assert ("develop-2025-07-13/bc2/specs.md", "CL201") in by_file


def test_per_file_ignores_flag_wins(project, write, broken, cli):
    write("cachelint.toml", '[per-file-ignores]\n"_cache/**" = ["CL2"]\n')
    result = cli("check", "--output-format", "json", "--per-file-ignores", "**/bc/*:CL301")
    assert codes(result.out) == ["CL201"]


def test_per_file_ignores_flag_needs_glob_and_codes(project, cli, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli("check", "--per-file-ignores", "CL301")
    assert exit_info.value.code == 2
    assert "expected GLOB:CODE" in capsys.readouterr().err


def test_per_file_ignores_never_hide_a_crash(project, write, broken, cli):
    write("cachelint.toml", '[per-file-ignores]\n"**" = ["ALL"]\n')
    assert cli("check").status == 0  # the findings are gone; CL900 could not be


def test_severity_from_file_and_flag(project, write, broken, cli):
    write("cachelint.toml", '[severity]\nCL2 = "warning"\nCL201 = "error"\nCL3 = "warning"\n')
    report = json.loads(cli("check", "--output-format", "json").out)
    assert {d["code"]: d["severity"] for d in report} == {"CL201": "error", "CL301": "warning"}
    result = cli("check", "--output-format", "json", "--severity", "CL201=warning")
    severities = {d["code"]: d["severity"] for d in json.loads(result.out)}
    assert severities == {"CL201": "warning", "CL301": "error"}  # the flag replaces the table
    assert result.status == 1


def test_severity_flag_rejects_other_levels(project, cli, capsys):
    with pytest.raises(SystemExit):
        cli("check", "--severity", "CL201=fatal")
    assert "expected CODE=error or CODE=warning" in capsys.readouterr().err


def test_warnings_only_pass_by_default_and_fail_with_fail_on(project, write, clean_bc, cli):
    write(PAGE, unsorted_targets(clean_bc))
    assert cli("check").status == 0
    write("cachelint.toml", 'fail-on = "warning"\n')
    assert cli("check").status == 1
    assert cli("check", "--fail-on", "error").status == 0


def test_root_stack_from_file_and_flag(project, write, clean_bc, cli):
    write(PAGE, clean_bc)
    write("cachelint.toml", 'root-stack = "e4s"\noutput-format = "json"\n')
    report = json.loads(cli("check").out)
    assert [d["code"] for d in report] == ["CL203"]
    assert "root stack 'e4s'" in report[0]["message"]
    assert codes(cli("check", "--root-stack", "root").out) == []


def test_output_format_from_file_and_flag(project, write, broken, cli):
    write("cachelint.toml", 'output-format = "json"\n')
    assert len(json.loads(cli("check").out)) == 2
    concise = cli("check", "--output-format", "concise").out
    assert f"{PAGE}:5:50: CL201" in concise


def test_include_from_file_and_flag(project, write, broken_bc, cli):
    write("_cache/develop-2025-07-13/bc/specs.markdown", broken_bc)
    write("cachelint.toml", 'include = ["*.markdown"]\n')
    assert "specs.markdown:5:50: CL201" in cli("check").out
    assert "All checks passed (0 pages)" in cli("check", "--include", "*.md").out


def test_exclude_from_file_and_flag(project, write, broken_bc, clean_bc, cli):
    write(PAGE, clean_bc)
    write("_cache/old/bc/specs.md", broken_bc)
    write("cachelint.toml", 'exclude = ["old/"]\n')
    assert cli("check").status == 0
    assert cli("check", "--exclude", "nothing").status == 1


def test_exclude_applies_to_named_files_too(project, write, broken_bc, cli):
    write("_cache/old/bc/specs.md", broken_bc)
    write("cachelint.toml", 'exclude = ["old/"]\n')
    result = cli("check", "-v", "_cache/old/bc/specs.md")
    assert result.status == 0
    assert "skipped _cache/old/bc/specs.md: excluded by 'old/'" in result.err


def test_exclude_anchored_glob_is_relative_to_the_config_file(
    project, write, broken_bc, cli, monkeypatch
):
    write("site/_cache/develop/bc/specs.md", broken_bc)
    write("cachelint.toml", 'exclude = ["/site/_cache/develop/"]\n')
    monkeypatch.chdir(project / "site")
    assert cli("check", "_cache").status == 0
    assert cli("check", "--isolated", "_cache").status == 1


@pytest.fixture
def git_project(project, write, broken_bc, clean_bc):
    (project / ".git").mkdir()
    write(".gitignore", "generated/\n")
    write(PAGE, clean_bc)
    write("generated/_cache/develop/bc/specs.md", broken_bc)
    return project


def test_gitignore_is_respected_by_default(git_project, cli):
    result = cli("check", "--show-files")
    assert result.out.split() == [PAGE]


def test_respect_gitignore_key_and_flags(git_project, write, cli):
    assert cli("check", "--no-respect-gitignore").status == 1
    write("cachelint.toml", "respect-gitignore = false\n")
    assert cli("check").status == 1
    assert cli("check", "--respect-gitignore").status == 0


def test_gitignore_does_not_hide_named_files(git_project, cli):
    assert cli("check", "generated/_cache/develop/bc/specs.md").status == 1


def test_max_file_size_from_file_and_flag(project, write, clean_bc, cli):
    write(PAGE, clean_bc)
    write("cachelint.toml", 'max-file-size = "512"\noutput-format = "json"\n')
    report = json.loads(cli("check").out)
    assert [d["code"] for d in report] == ["CL006"]
    assert "over the max-file-size limit of 512 bytes" in report[0]["message"]
    assert codes(cli("check", "--max-file-size", "1K").out) == []
    write("cachelint.toml", "max-file-size = 1024\n")
    assert cli("check", "--max-file-size", "900").status == 1


def test_max_depth_from_file_and_flag(project, write, clean_bc, cli):
    write(PAGE, clean_bc)  # the page, spec_details, a spec, its lists: four levels
    write("cachelint.toml", 'max-depth = 3\noutput-format = "json"\n')
    report = json.loads(cli("check").out)
    assert [d["code"] for d in report] == ["CL006"]
    assert "nests deeper than the limit of 3 levels" in report[0]["message"]
    assert codes(cli("check", "--max-depth", "4").out) == []
