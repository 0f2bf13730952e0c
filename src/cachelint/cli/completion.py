"""``cachelint completion SHELL``: a static completion script made from the argument parser.

The script is printed once and sourced by the shell, so no run of cachelint
pays for completion (argcomplete would import itself and rebuild the parser on
every run, and needs a marker in the entry point). It completes the commands,
each command's flags, the values of flags with choices, and file names.
zsh runs the bash script through ``bashcompinit``.
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Callable

from cachelint.cli.parser import command_names
from cachelint.cli.usage import subparser


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for ``shell`` (bash, zsh or fish)."""
    return SCRIPTS[shell](parser)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return {name: subparser(parser, name) for name in command_names(parser)}


def _flags(parser: argparse.ArgumentParser) -> list[str]:
    return [flag for action in parser._actions for flag in action.option_strings]


def _choices(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each flag that takes one of a few values, with those values."""
    found = {}
    for action in parser._actions:
        if action.option_strings and action.choices:
            for flag in action.option_strings:
                found[flag] = [str(choice) for choice in action.choices]
    return found


def _positional_choices(parser: argparse.ArgumentParser) -> list[str]:
    return [
        str(choice)
        for action in parser._actions
        if not action.option_strings and action.choices and action.dest != "command"
        for choice in action.choices
    ]


def _topics(commands: dict[str, argparse.ArgumentParser]) -> dict[str, list[str]]:
    """Words a command takes besides flags: a rule code, a command, a schema name."""
    from cachelint.rules.registry import load_rules
    from cachelint.schema.explain import schema_names

    codes = sorted(load_rules().all_codes())
    return {"rule": codes, "help": [*commands, *codes], "schema": list(schema_names())}


def bash_script(parser: argparse.ArgumentParser) -> str:
    """``complete -F`` for bash (and zsh through bashcompinit)."""
    commands = _commands(parser)
    topics = _topics(commands)
    cases, values = [], []
    for name, command in commands.items():
        words = [*_flags(command), *_positional_choices(command), *topics.get(name, [])]
        cases.append(f"        {name}) words={shlex.quote(' '.join(words))} ;;")
        for flag, choices in _choices(command).items():
            values.append(
                f"        {shlex.quote(f'{name} {flag}')}) COMPREPLY=($(compgen -W "
                f'{shlex.quote(" ".join(choices))} -- "$cur")); return ;;'
            )
    top = " ".join([*_flags(parser), *commands])
    return BASH_TEMPLATE.format(
        names="|".join(commands),
        no_files="|".join(name for name in commands if name != "check"),
        cases="\n".join(cases),
        values="\n".join(values),
        top=shlex.quote(top),
    )


BASH_TEMPLATE = """\
# cachelint completion for bash; zsh: autoload -U bashcompinit && bashcompinit first
_cachelint() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local command="" words="" word
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in {names}) command="$word"; break ;; esac
    done
    case "$command $prev" in
{values}
    esac
    case "$command" in
{cases}
        "") words={top} ;;
    esac
    if [[ "$cur" == -* || "$command" =~ ^({no_files})$ ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$words" -- "$cur") $(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _cachelint cachelint
"""


def zsh_script(parser: argparse.ArgumentParser) -> str:
    """The bash script, run by zsh's bash completion emulation."""
    return "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(parser)


def fish_script(parser: argparse.ArgumentParser) -> str:
    """``complete -c cachelint`` lines for fish."""
    commands = _commands(parser)
    topics = _topics(commands)
    lines = ["# cachelint completion for fish", "complete -c cachelint -f"]
    for name, command in commands.items():
        lines.append(
            f"complete -c cachelint -n __fish_use_subcommand -a {name}"
            f" -d {shlex.quote(_help_of(parser, name))}"
        )
        condition = f"'__fish_seen_subcommand_from {name}'"
        for action in command._actions:
            lines.extend(_fish_flag(action, condition))
        positional = _positional_choices(command) + topics.get(name, [])
        if positional:
            words = shlex.quote(" ".join(positional))
            lines.append(f"complete -c cachelint -n {condition} -xa {words}")
    lines.append("complete -c cachelint -n '__fish_seen_subcommand_from check' -F")
    return "\n".join(lines) + "\n"


def _fish_flag(action: argparse.Action, condition: str) -> list[str]:
    longs = [flag[2:] for flag in action.option_strings if flag.startswith("--")]
    shorts = [flag[1:] for flag in action.option_strings if len(flag) == 2]
    if not longs and not shorts:
        return []
    parts = [f"complete -c cachelint -n {condition}"]
    parts += [f"-l {flag}" for flag in longs] + [f"-s {flag}" for flag in shorts]
    if action.choices:
        parts.append(f"-xa {shlex.quote(' '.join(map(str, action.choices)))}")
    elif action.nargs != 0:
        parts.append("-r")
    if action.help:
        parts.append(f"-d {shlex.quote(action.help.split(' (')[0])}")
    return [" ".join(parts)]


def _help_of(parser: argparse.ArgumentParser, name: str) -> str:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name:
                    return choice.help or name
    return name


SCRIPTS: dict[str, Callable[[argparse.ArgumentParser], str]] = {
    "bash": bash_script,
    "zsh": zsh_script,
    "fish": fish_script,
}
