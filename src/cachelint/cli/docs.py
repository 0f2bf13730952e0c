"""The commands that explain: ``rules``, ``rule``, ``schema``, ``help`` and ``version``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from cachelint.errors import UsageError
from cachelint.rules.registry import load_rules

if TYPE_CHECKING:
    from cachelint.rules.doc import RuleDoc


def _ruledoc() -> ModuleType:
    from cachelint.rules import doc as ruledoc

    return ruledoc


def rules(args: argparse.Namespace) -> int:
    """``cachelint rules``: every code with its name, severity, default and origin."""
    from cachelint.rules.doc import rule_docs

    docs = rule_docs(load_rules())
    RULES_FORMATS[args.output_format](docs)
    return 0


def _rules_text(docs: list[RuleDoc]) -> None:
    from cachelint.rules.doc import plain

    name_width = max(len(doc.name) for doc in docs)
    origin_width = max(len(doc.origin) for doc in docs)
    print(
        f"{'CODE':<7} {'NAME':<{name_width}} {'SEVERITY':<8} {'DEFAULT':<7} "
        f"{'FIX':<3} {'ORIGIN':<{origin_width}} SUMMARY"
    )
    for doc in docs:
        print(
            f"{doc.code:<7} {doc.name:<{name_width}} {doc.severity:<8} "
            f"{'on' if doc.enabled else 'off':<7} {'yes' if doc.fixable else 'no':<3} "
            f"{doc.origin:<{origin_width}} {plain(doc.summary)}"
        )


def _rules_json(docs: list[RuleDoc]) -> None:
    from cachelint.rules.doc import record

    json.dump([record(doc) for doc in docs], sys.stdout, indent=2)
    sys.stdout.write("\n")


RULES_FORMATS: dict[str, Callable[[list[RuleDoc]], None]] = {
    "text": _rules_text,
    "json": _rules_json,
    "markdown": lambda docs: sys.stdout.write(_ruledoc().render_markdown(docs)),
}


def rule(args: argparse.Namespace) -> int:
    """``cachelint rule CODE``: one code's full documentation (a rule name works too)."""
    from cachelint.rules.doc import render_text, rule_docs

    docs = rule_docs(load_rules())
    wanted = args.code.strip()
    for doc in docs:
        if wanted.upper() == doc.code or wanted == doc.name:
            sys.stdout.write(render_text(doc))
            return 0
    import difflib  # only for an unknown code

    close = difflib.get_close_matches(wanted.upper(), [doc.code for doc in docs], n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UsageError(f"unknown rule code {wanted!r}{hint}; 'cachelint rules' lists them all")


def schema(args: argparse.Namespace) -> int:
    """``cachelint schema [NAME]``: list the bundled schemas, or print one."""
    from cachelint.schema.explain import load_schema, schema_names, schema_text

    if args.name is None:
        for name in schema_names():
            print(f"{name:<16} {load_schema(name).get('title', '')}")
        return 0
    sys.stdout.write(schema_text(args.name))
    return 0


def help_topic(parser: argparse.ArgumentParser, topic: str | None) -> int:
    """``cachelint help [COMMAND|CODE]``: a command's usage, or a rule's documentation."""
    from cachelint.cli.parser import command_names
    from cachelint.cli.usage import CODE_LIKE, subparser, suggest

    if topic is None:
        parser.print_help()
        return 0
    commands = command_names(parser)
    if topic in commands:
        subparser(parser, topic).print_help()
        return 0
    try:
        return rule(argparse.Namespace(code=topic))
    except UsageError:
        if CODE_LIKE.match(topic):
            raise  # the rule lookup's own suggestion of a code
        raise UsageError(
            f"{topic!r} is neither a command nor a rule code{suggest(topic, commands)}; "
            "'cachelint rules' lists the codes"
        ) from None


def version() -> int:
    """``cachelint version``: the same line as ``--version``."""
    from cachelint import __version__

    print(f"cachelint {__version__}")
    return 0
