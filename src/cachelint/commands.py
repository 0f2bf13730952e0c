"""What each subcommand does, given parsed arguments."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable

from cachelint.checker import CheckSettings
from cachelint.discovery import Target, iter_targets
from cachelint.fix.apply import fix_targets
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import FileResult
from cachelint.output import build_report, summary_stream, write_report
from cachelint.registry import RuleRegistry, load_rules
from cachelint.report.summary import summary_line
from cachelint.runner import exit_status, run_checks
from cachelint.schema import load_schema, schema_names, schema_text
from cachelint.selection import build_selection

# A repair could not be written: the run did not do what was asked.
EXIT_FIX_FAILED = 2


def check(args: argparse.Namespace) -> int:
    """``cachelint check``: check pages, report, return the exit status."""
    registry = load_rules()
    settings = CheckSettings(
        registry=registry,
        selection=build_selection(
            known=registry.all_codes(),
            enabled_by_default=[d.code for d in registry.documented() if d.enabled],
            select=args.select,
            extend_select=args.extend_select,
            ignore=args.ignore,
            option="--select/--extend-select/--ignore",
        ),
        root_stack=args.root_stack,
        limits=Limits(max_file_size=args.max_file_size or DEFAULT_LIMITS.max_file_size),
    )
    paths = args.paths or ["."]
    if args.fix or args.diff:
        return _fix(args, settings, iter_targets(paths))
    run = run_checks(iter_targets(paths), settings, on_file=_verbose_logger(args.verbose))
    report = build_report(run, registry, output_file=args.output_file)
    write_report(report, args.output_format, args.output_file)
    print(summary_line(report), file=summary_stream(args.output_format, args.output_file))
    return exit_status(run, exit_zero=args.exit_zero)


def _fix(args: argparse.Namespace, settings: CheckSettings, targets: Iterable[Target]) -> int:
    """``--fix`` and ``--diff``: repair (or show the repairs), then report what remains."""
    logger = _verbose_logger(args.verbose, fixing=True)
    outcome = fix_targets(targets, settings, write=not args.diff, on_file=logger)
    if args.diff:
        sys.stdout.writelines(outcome.diffs)
        print(outcome.summary(), file=sys.stderr)
        return 1 if outcome.diffs else 0
    for path, reason in outcome.failures:
        print(f"cachelint: error: cannot fix {path}: {reason}", file=sys.stderr)
    stream = summary_stream(args.output_format, args.output_file)
    print(outcome.summary(), file=stream)
    report = build_report(outcome.run, settings.registry, output_file=args.output_file)
    write_report(report, args.output_format, args.output_file)
    print(summary_line(report), file=stream)
    status = exit_status(outcome.run, exit_zero=args.exit_zero)
    return EXIT_FIX_FAILED if outcome.failures else status


def _verbose_logger(verbose: bool, *, fixing: bool = False) -> Callable[[FileResult], None] | None:
    def log(result: FileResult) -> None:
        if not result.checked:
            print(f"skipped {result.path}: {result.note}", file=sys.stderr)
        elif fixing and result.fix_note:
            print(f"not fixed {result.path}: {result.fix_note}", file=sys.stderr)

    return log if verbose else None


def rules(args: argparse.Namespace) -> int:
    """``cachelint rules``: every code with its name, severity and default."""
    registry = load_rules()
    if args.output_format == "json":
        json.dump(_rule_records(registry), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"{'CODE':<7} {'NAME':<26} {'SEVERITY':<8} {'DEFAULT':<7} {'ORIGIN':<10} SUMMARY")
    for record in _rule_records(registry):
        default = "on" if record["enabled"] else "off"
        print(
            f"{record['code']:<7} {record['name']:<26} {record['severity']:<8} {default:<7} "
            f"{record['origin']:<10} {record['summary']}"
        )
    return 0


def _rule_records(registry: RuleRegistry) -> list[dict[str, object]]:
    return [
        {
            "code": doc.code,
            "name": doc.name,
            "severity": doc.severity.value,
            "enabled": doc.enabled,
            "fixable": doc.fixable,
            "origin": registry.origin(doc.code),
            "summary": doc.summary,
        }
        for doc in registry.documented()
    ]


def schema(args: argparse.Namespace) -> int:
    """``cachelint schema [NAME]``: list the bundled schemas, or print one."""
    if args.name is None:
        for name in schema_names():
            print(f"{name:<16} {load_schema(name).get('title', '')}")
        return 0
    sys.stdout.write(schema_text(args.name))
    return 0
