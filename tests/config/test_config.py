"""Finding and reading the configuration file; every bad file stops the run with exit 2."""

from __future__ import annotations

import pytest

from cachelint.config.files import OPTIONS, find_config
from cachelint.config.settings import DEFAULTS
from cachelint.report import REPORTERS

PAGE = "site/_cache/develop-2025-07-13/bc/specs.md"
SELECT_NOTHING_BUT_CL3 = 'select = ["CL3"]\n'


def test_every_key_has_a_default() -> None:
    assert set(DEFAULTS) == set(OPTIONS)


# --- where the configuration comes from ----------------------------------------------


def test_pyproject_table_is_found_upward_from_the_first_path(project, write, broken_bc, cli):
    write("pyproject.toml", "[tool.cachelint]\n" + SELECT_NOTHING_BUT_CL3)
    write(PAGE, broken_bc)
    result = cli("check", "-v", "site/_cache")
    assert "using configuration file pyproject.toml" in result.err
    assert "CL301" in result.out
    assert "CL201" not in result.out


def test_pyproject_without_table_is_passed_over(project, write, broken_bc, cli):
    write("cachelint.toml", SELECT_NOTHING_BUT_CL3)
    write("site/pyproject.toml", "[project]\nname = 'site'\n")
    write(PAGE, broken_bc)
    result = cli("check", "-v", "site")
    assert "using configuration file cachelint.toml" in result.err
    assert "CL201" not in result.out


@pytest.mark.parametrize(
    ("present", "chosen"),
    [
        ((".cachelint.toml", "cachelint.toml", "pyproject.toml"), ".cachelint.toml"),
        (("cachelint.toml", "pyproject.toml"), "cachelint.toml"),
        (("pyproject.toml",), "pyproject.toml"),
    ],
)
def test_precedence_within_one_folder(project, write, present, chosen):
    for name in present:
        header = "[tool.cachelint]\n" if name == "pyproject.toml" else ""
        write(name, header + SELECT_NOTHING_BUT_CL3)
    assert find_config(project / "sub" / "page.md") == project / chosen


def test_nearest_file_wins(project, write):
    write("cachelint.toml", "")
    write("site/.cachelint.toml", "")
    assert find_config(project / "site" / "_cache") == project / "site" / ".cachelint.toml"


def test_search_starts_in_the_current_folder_without_paths(project, write, broken_bc, cli):
    write("cachelint.toml", SELECT_NOTHING_BUT_CL3)
    write(PAGE, broken_bc)
    result = cli("check", "-v")
    assert "using configuration file cachelint.toml" in result.err
    assert "CL301" in result.out
    assert "CL201" not in result.out


def test_config_flag_names_the_file(project, write, broken_bc, cli):
    write("elsewhere/lint.toml", SELECT_NOTHING_BUT_CL3)
    write("cachelint.toml", 'select = ["CL2"]\n')
    write(PAGE, broken_bc)
    result = cli("check", "-v", "--config", "elsewhere/lint.toml", "site")
    assert "using configuration file elsewhere/lint.toml" in result.err
    assert "CL301" in result.out
    assert "CL201" not in result.out


def test_config_flag_with_missing_file(project, cli):
    result = cli("check", "--config", "nope.toml", ".")
    assert result.status == 2
    assert "nope.toml: no such file" in result.err


def test_config_flag_with_pyproject_lacking_the_table(project, write, cli):
    write("pyproject.toml", "[project]\nname = 'x'\n")
    result = cli("check", "--config", "pyproject.toml", ".")
    assert result.status == 2
    assert "pyproject.toml: has no [tool.cachelint] table" in result.err


def test_isolated_ignores_configuration_files(project, write, broken_bc, cli):
    write("cachelint.toml", SELECT_NOTHING_BUT_CL3)
    write(PAGE, broken_bc)
    result = cli("check", "-v", "--isolated", "site")
    assert "--isolated" in result.err
    assert "CL201" in result.out


def test_isolated_and_config_together_are_refused(project, write, cli):
    write("cachelint.toml", "")
    result = cli("check", "--isolated", "--config", "cachelint.toml", ".")
    assert result.status == 2
    assert "--config and --isolated" in result.err


def test_verbose_says_when_no_file_is_found(project, write, clean_bc, cli):
    write(PAGE, clean_bc)
    result = cli("check", "-v", "site")
    assert "no configuration file found" in result.err


# --- bad files -------------------------------------------------------------------------


def test_invalid_toml(project, write, cli):
    write("cachelint.toml", 'select = ["CL2"]\nignore = = 1\n')
    result = cli("check", ".")
    assert result.status == 2
    assert "cachelint.toml: invalid TOML" in result.err
    assert "line" in result.err
    assert "Traceback" not in result.err


def test_tool_cachelint_must_be_a_table(project, write, cli):
    write("pyproject.toml", "[tool]\ncachelint = 3\n")
    result = cli("check", ".")
    assert result.status == 2
    assert "pyproject.toml: [tool.cachelint] must be a table" in result.err


def test_unknown_key_names_file_key_and_allowed_keys(project, write, cli):
    write("pyproject.toml", '[tool.cachelint]\nextend_select = ["CL2"]\n')
    result = cli("check", ".")
    assert result.status == 2
    assert "pyproject.toml: [tool.cachelint] extend_select: unknown key" in result.err
    assert "did you mean 'extend-select'?" in result.err
    assert "allowed keys: baseline, catalog-root, exclude, extend-select, fail-on" in result.err


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('select = "CL2"', 'select: expected a list of rule codes or prefixes, such as ["CL2"'),
        ('extend-select = ["cl2"]', "extend-select: 'cl2' is not a code or prefix"),
        ("ignore = [3]", "ignore: expected a list of rule codes or prefixes"),
        ('per-file-ignores = ["x"]', "per-file-ignores: expected a table of glob = list of codes"),
        ('per-file-ignores = {"a/*" = "CL2"}', "per-file-ignores: 'a/*': expected a list"),
        ('severity = ["CL2"]', 'severity: expected a table of code = "error" or "warning"'),
        ('severity = {CL201 = "fatal"}', "severity: CL201: 'fatal' is not a severity"),
        ('include = "*.md"', "include: expected a list of gitignore-style globs"),
        ('exclude = [""]', "exclude: expected a list of gitignore-style globs"),
        ('exclude = ["!"]', "exclude: '!' is not a gitignore-style glob"),
        ('per-file-ignores = {"!" = ["CL2"]}', "per-file-ignores: '!' is not a gitignore-style"),
        ('respect-gitignore = "yes"', "respect-gitignore: expected true or false"),
        ('root-stack = ""', 'root-stack: expected a stack name, such as "root"'),
        ('fail-on = "info"', "fail-on: expected one of 'error', 'warning', got 'info'"),
        ("max-file-size = 0", "max-file-size: expected a size in bytes, such as 1048576"),
        (
            'max-file-size = "1.5M"',
            'max-file-size: expected a size in bytes, such as 1048576, "512K"',
        ),
        ("max-file-size = true", "max-file-size: expected a size in bytes"),
        ("max-depth = 0", "max-depth: expected a number of nesting levels from 1 to 256"),
        ("max-depth = 257", "max-depth: expected a number of nesting levels from 1 to 256"),
        ('max-depth = "deep"', "max-depth: expected a number of nesting levels"),
    ],
)
def test_malformed_values(project, write, cli, line, expected):
    write("cachelint.toml", line + "\n")
    result = cli("check", ".")
    assert result.status == 2
    assert f"cachelint.toml: {expected}" in result.err


def test_output_format_is_checked_against_the_reporters(project, write, cli):
    write("cachelint.toml", 'output-format = "xml"\n')
    result = cli("check", ".")
    assert result.status == 2
    allowed = ", ".join(repr(name) for name in sorted(REPORTERS))
    assert f"cachelint.toml: output-format: expected one of {allowed}" in result.err


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('select = ["CL8"]', "select"),
        ('extend-select = ["XX101"]', "extend-select"),
        ('ignore = ["CL7"]', "ignore"),
        ('per-file-ignores = {"old/**" = ["CL666"]}', "per-file-ignores 'old/**'"),
        ('severity = {CL999 = "warning"}', "severity"),
    ],
)
def test_unknown_codes(project, write, cli, line, key):
    write("pyproject.toml", "[tool.cachelint]\n" + line + "\n")
    result = cli("check", ".")
    assert result.status == 2
    assert f"pyproject.toml: [tool.cachelint] {key}: unknown rule code or prefix" in result.err
    assert "or ALL; see 'cachelint rules'" in result.err


def test_unknown_code_on_the_command_line_names_the_flag(project, cli):
    result = cli("check", "--ignore", "CL7", ".")
    assert result.status == 2
    assert "--ignore: unknown rule code or prefix 'CL7'" in result.err


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--exclude", "ok/,!"),
        ("--include", "\\"),
        ("--per-file-ignores", "!:CL2"),
        ("--max-file-size", "-1"),
        ("--max-file-size", "64Q"),
        ("--max-depth", "257"),
    ],
)
def test_malformed_values_on_the_command_line(project, cli, capsys, flag, value):
    with pytest.raises(SystemExit) as exit_info:
        cli("check", flag, value)
    assert exit_info.value.code == 2
    assert f"argument {flag}: " in capsys.readouterr().err
