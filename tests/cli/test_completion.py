"""``cachelint completion SHELL`` prints a script that completes commands, flags and values."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.cli.test_check import cachelint


def script(shell: str) -> str:
    result = cachelint("completion", shell)
    assert result.returncode == 0, result.stderr
    return result.stdout


def complete(*words: str, cwd=None) -> list[str]:
    """What bash offers for the last of ``words`` (``cachelint`` first)."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    quoted = " ".join(f"'{word}'" for word in words)
    program = (
        f"{script('bash')}\nCOMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; "
        '_cachelint; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run(
        [bash, "--norc", "-c", program], capture_output=True, text=True, cwd=cwd, check=True
    )
    return result.stdout.split()


def test_bash_completes_commands():
    assert complete("cachelint", "ch") == ["check"]
    assert complete("cachelint", "ver") == ["version"]


def test_bash_completes_the_flags_of_the_command():
    assert complete("cachelint", "check", "--output-f") == ["--output-format", "--output-file"]
    assert "--stdin-filename" in complete("cachelint", "check", "--")
    assert "--stdin-filename" not in complete("cachelint", "rules", "--")


def test_bash_completes_the_values_of_each_commands_flag():
    formats = complete("cachelint", "check", "--output-format", "")
    assert formats[:3] == ["full", "concise", "text"] and "sarif" in formats
    assert complete("cachelint", "rules", "--output-format", "") == ["text", "json", "markdown"]
    assert complete("cachelint", "check", "--color", "") == ["auto", "always", "never"]


def test_bash_completes_rule_codes_and_files(tmp_path):
    assert complete("cachelint", "help", "CL20") == ["CL201", "CL202", "CL203"]
    (tmp_path / "catalog").mkdir()
    assert complete("cachelint", "check", "cat", cwd=tmp_path) == ["catalog"]


def test_zsh_runs_the_bash_script():
    text = script("zsh")
    assert text.startswith("autoload -U +X bashcompinit && bashcompinit\n")
    assert text.endswith(script("bash"))


def test_fish_completes_commands_flags_and_values():
    text = script("fish")
    assert "complete -c cachelint -n __fish_use_subcommand -a check" in text
    condition = "'__fish_seen_subcommand_from check'"
    assert f"complete -c cachelint -n {condition} -l color -xa 'auto always never'" in text
    assert f"complete -c cachelint -n {condition} -l output-file -s o -r" in text
    fish = shutil.which("fish")
    if fish is not None:
        subprocess.run([fish, "--no-execute", "-c", text], check=True)


def test_an_unknown_shell_is_a_usage_error():
    result = cachelint("completion", "tcsh")
    assert result.returncode == 2
    assert "invalid choice: 'tcsh'" in result.stderr
