"""What each subcommand does, given parsed arguments."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable, Iterable

from cachelint.checker import skip_reason
from cachelint.config import FileConfig, resolve_config
from cachelint.discovery import Target, iter_targets
from cachelint.errors import UsageError
from cachelint.model import FileResult
from cachelint.registry import load_rules
from cachelint.report import MACHINE_FORMATS, REPORTERS
from cachelint.report.statistics import render_statistics, render_statistics_json
from cachelint.report.summary import summary_line
from cachelint.ruledoc import RuleDoc, plain, record, render_markdown, render_text, rule_docs
from cachelint.runner import exit_status, run_checks
from cachelint.schema import load_schema, schema_names, schema_text
from cachelint.settings import build_settings

STATISTICS_FORMATS = {"json": render_statistics_json}


def check(args: argparse.Namespace) -> int:
    """``cachelint check``: check pages, report, return the exit status."""
    if args.config is not None and args.isolated:
        raise UsageError("--config and --isolated cannot be used together")
    paths = args.paths or ["."]
    config = resolve_config(paths=paths, config=args.config, isolated=args.isolated)
    verbose = args.verbose and not args.quiet
    if verbose:
        print(_config_note(config, isolated=args.isolated), file=sys.stderr)
    registry = load_rules()
    settings = build_settings(args, config, registry)
    targets = iter_targets(paths, settings.path_filter)
    if args.show_files:
        return _show_files(targets, verbose=verbose)
    run = run_checks(targets, settings.check, on_file=_verbose_logger(verbose))
    if args.statistics:
        STATISTICS_FORMATS.get(settings.output_format, render_statistics)(run, registry, sys.stdout)
    else:
        REPORTERS[settings.output_format](run, sys.stdout)
    if not args.quiet:
        machine = settings.output_format in MACHINE_FORMATS
        print(summary_line(run), file=sys.stderr if machine else sys.stdout)
    return exit_status(run, exit_zero=args.exit_zero, fail_on=settings.fail_on)


def _config_note(config: FileConfig, *, isolated: bool) -> str:
    if config.path is not None:
        return f"cachelint: using configuration file {config.display()}"
    if isolated:
        return "cachelint: --isolated: configuration files are ignored"
    return "cachelint: no configuration file found; using the defaults"


def _show_files(targets: Iterable[Target], *, verbose: bool) -> int:
    """``--show-files``: the files that would be checked, one a line."""
    for target in targets:
        reason = skip_reason(target)
        if not reason:
            print(target.display)
        elif verbose:
            print(f"skipped {target.display}: {reason}", file=sys.stderr)
    return 0


def _verbose_logger(verbose: bool) -> Callable[[FileResult], None] | None:
    def log(result: FileResult) -> None:
        if not result.checked:
            print(f"skipped {result.path}: {result.note}", file=sys.stderr)

    return log if verbose else None


def rules(args: argparse.Namespace) -> int:
    """``cachelint rules``: every code with its name, severity, default and origin."""
    docs = rule_docs(load_rules())
    RULES_FORMATS[args.output_format](docs)
    return 0


def _rules_text(docs: list[RuleDoc]) -> None:
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
    json.dump([record(doc) for doc in docs], sys.stdout, indent=2)
    sys.stdout.write("\n")


RULES_FORMATS: dict[str, Callable[[list[RuleDoc]], None]] = {
    "text": _rules_text,
    "json": _rules_json,
    "markdown": lambda docs: sys.stdout.write(render_markdown(docs)),
}


def rule(args: argparse.Namespace) -> int:
    """``cachelint rule CODE``: one code's full documentation (a rule name works too)."""
    docs = rule_docs(load_rules())
    wanted = args.code.strip()
    for doc in docs:
        if wanted.upper() == doc.code or wanted == doc.name:
            sys.stdout.write(render_text(doc))
            return 0
    close = difflib.get_close_matches(wanted.upper(), [doc.code for doc in docs], n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UsageError(f"unknown rule code {wanted!r}{hint}; 'cachelint rules' lists them all")


def schema(args: argparse.Namespace) -> int:
    """``cachelint schema [NAME]``: list the bundled schemas, or print one."""
    if args.name is None:
        for name in schema_names():
            print(f"{name:<16} {load_schema(name).get('title', '')}")
        return 0
    sys.stdout.write(schema_text(args.name))
    return 0
