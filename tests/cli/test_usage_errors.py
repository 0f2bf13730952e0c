"""Mistakes on the command line are usage errors (exit 2) through the installed console script."""

from __future__ import annotations

import pytest

from tests.cli.test_check import cachelint, write
from tests.conftest import page_text

PAGE = "_cache/develop/bc/specs.md"


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, PAGE, page_text())
    return tmp_path


@pytest.mark.parametrize(("word", "hint"), [("chekc", "check"), ("shcema", "schema")])
def test_a_mistyped_command_is_a_usage_error_with_a_suggestion(folder, word, hint):
    result = cachelint(word, ".", cwd=folder)
    assert result.returncode == 2
    assert f"'{word}' is neither a command nor an existing file or folder" in result.stderr
    assert f"(did you mean {hint}?)" in result.stderr
    assert result.stderr.startswith("usage: cachelint")
    assert result.stdout == ""  # nothing was checked


def test_a_word_like_no_command_lists_the_commands(folder):
    result = cachelint("zzz", cwd=folder)
    assert result.returncode == 2
    assert "(commands: check, rule, rules, schema, help, version, completion)" in result.stderr


def test_an_existing_path_stays_a_path(folder):
    result = cachelint("_cache", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "All checks passed (1 page).\n")


def test_a_command_wins_over_a_file_of_its_name(folder):
    write(folder, "help", "not a page")
    assert cachelint("help", cwd=folder).stdout.startswith("usage: cachelint")
    named = cachelint("check", "./help", cwd=folder)
    assert named.returncode == 1  # checked as the page it was named as


@pytest.mark.parametrize("path", ["_cache/develop/gone/specs.md", "nothere.md", "no/such/folder"])
def test_a_missing_path_is_a_usage_error(folder, path):
    result = cachelint("check", PAGE, path, cwd=folder)
    assert result.returncode == 2
    assert result.stderr.strip() == f"cachelint: error: no such file or folder: '{path}'"
    assert "CL001" not in result.stdout


def test_a_missing_path_without_the_command_is_a_usage_error_too(folder):
    result = cachelint("_cache/develop/gone/specs.md", cwd=folder)
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


def test_a_dangling_link_exists_and_cannot_be_read(folder):
    (folder / "link.md").symlink_to(folder / "gone.md")
    result = cachelint("check", "link.md", "--output-format", "concise", cwd=folder)
    assert result.returncode == 1
    assert result.stdout.startswith("link.md:1:1: CL001 dangling symlink: its target does")


def test_a_wrong_flag_shows_the_usage_of_check_and_a_suggestion(folder):
    result = cachelint("check", "--fixx", ".", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: cachelint check ")
    assert "cachelint check: error: unrecognized arguments: --fixx (did you mean --fix?)" in (
        result.stderr
    )


def test_a_wrong_flag_with_a_value_and_no_command(folder):
    result = cachelint("--output-formt=json", ".", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: cachelint check ")
    assert "(did you mean --output-format?)" in result.stderr


@pytest.mark.parametrize("args", [("version",), ("-V",), ("--version",)])
def test_version_three_ways(folder, args):
    result = cachelint(*args, cwd=folder)
    assert result.returncode == 0
    assert result.stdout.startswith("cachelint ")
    assert len(result.stdout.split()) == 2


def test_help_of_a_rule_code_is_its_documentation(folder):
    result = cachelint("help", "CL203", cwd=folder)
    assert result.returncode == 0
    assert result.stdout == cachelint("rule", "CL203", cwd=folder).stdout
    assert result.stdout.startswith("CL203 spec-outside-root-stack")


def test_help_of_a_command_is_its_usage(folder):
    result = cachelint("help", "check", cwd=folder)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: cachelint check ")
    assert "--stdin-filename" in result.stdout


def test_help_alone_is_the_overview(folder):
    result = cachelint("help", cwd=folder)
    assert result.returncode == 0
    assert "check        check catalog pages (the default command)" in result.stdout
    assert "completion   print a shell completion script" in result.stdout


@pytest.mark.parametrize(
    ("topic", "message"),
    [
        ("chek", "'chek' is neither a command nor a rule code (did you mean check?)"),
        ("CL999", "unknown rule code 'CL999'"),
    ],
)
def test_help_of_an_unknown_topic_is_a_usage_error(folder, topic, message):
    result = cachelint("help", topic, cwd=folder)
    assert result.returncode == 2
    assert message in result.stderr
