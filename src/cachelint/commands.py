"""What each subcommand does, given parsed arguments."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from cachelint.cache import ResultCache, default_cache_dir
from cachelint.catalog.run import CatalogPass
from cachelint.checker import CheckSettings, skip_reason
from cachelint.config import FileConfig, resolve_config
from cachelint.discovery import Target
from cachelint.errors import UsageError
from cachelint.model import FileResult
from cachelint.output import build_report, summary_stream, write_report
from cachelint.parallel import default_jobs
from cachelint.registry import RuleRegistry, load_rules
from cachelint.report.summary import summary_line
from cachelint.runner import RunResult, exit_status, run_checks
from cachelint.runscope import RunScope, run_scope
from cachelint.settings import RunSettings, build_settings
from cachelint.yamlmemo import YamlMemo

if TYPE_CHECKING:  # rule documentation and fixes are imported by the commands using them
    from cachelint.ruledoc import RuleDoc

# --statistics: the renderer of a format (by name in cachelint.report.statistics)
STATISTICS_FORMATS = {"json": "render_statistics_json"}

# A repair could not be written: the run did not do what was asked.
EXIT_FIX_FAILED = 2


def check(args: argparse.Namespace) -> int:
    """``cachelint check``: check pages, report, return the exit status."""
    if args.config is not None and args.isolated:
        raise UsageError("--config and --isolated cannot be used together")
    paths = args.paths or ["."]
    config = resolve_config(paths=paths, config=args.config, isolated=args.isolated)
    verbose = args.verbose and not args.quiet
    if verbose:
        print(_config_note(config, isolated=args.isolated), file=sys.stderr)
    uses_cache = not (args.no_cache or args.fix or args.diff or args.show_files)
    cache_dir = _cache_dir(args, paths) if uses_cache else None
    registry = load_rules(cache_dir=cache_dir)
    settings = build_settings(args, config, registry)
    check_settings = settings.check
    scope = run_scope(args, settings.path_filter, check_settings)
    targets = scope.targets()
    if args.show_files:
        return _show_files(targets, check_settings, verbose=verbose)
    catalog = scope.catalog_pass(check_settings, log=_stderr if verbose else None)
    jobs = args.jobs or default_jobs()
    if args.fix or args.diff:
        return _fix(args, settings, check_settings, scope, verbose=verbose, catalog=catalog)
    memo = YamlMemo.in_folder(cache_dir) if cache_dir is not None else None
    check_settings.catalogs.memo = memo  # before workers start: they read tags.yaml too
    cache = ResultCache.open(cache_dir, check_settings) if cache_dir is not None else None
    run = run_checks(
        targets,
        check_settings,
        on_file=catalog.observe(_verbose_logger(verbose)),
        jobs=jobs,
        cache=cache,
    )
    scope.count_the_rest(catalog, check_settings, cache=cache, jobs=jobs)
    catalog.finish(run)
    if memo is not None:
        memo.save()
    return _report(args, settings, run, registry)


def _cache_dir(args: argparse.Namespace, paths: list[str]) -> Path:
    return Path(args.cache_dir) if args.cache_dir else default_cache_dir(paths)


def _report(
    args: argparse.Namespace,
    settings: RunSettings,
    run: RunResult,
    registry: RuleRegistry,
    *,
    before_summary: str = "",
) -> int:
    """Render the run (or its statistics), print the summary, return the exit status."""
    output_format = settings.output_format
    stream = summary_stream(output_format, args.output_file)
    if before_summary and not args.quiet:
        print(before_summary, file=stream)
    report = build_report(
        run, registry, output_file=args.output_file, selection=settings.check.selection
    )
    if args.statistics:
        from cachelint.report import statistics

        render = getattr(statistics, STATISTICS_FORMATS.get(output_format, "render_statistics"))
        render(run, registry, sys.stdout)
    else:
        write_report(report, output_format, args.output_file)
    if not args.quiet:
        print(summary_line(report), file=stream)
    return exit_status(run, exit_zero=args.exit_zero, fail_on=settings.fail_on)


def _config_note(config: FileConfig, *, isolated: bool) -> str:
    if config.path is not None:
        return f"cachelint: using configuration file {config.display()}"
    if isolated:
        return "cachelint: --isolated: configuration files are ignored"
    return "cachelint: no configuration file found; using the defaults"


def _show_files(targets: Iterable[Target], settings: CheckSettings, *, verbose: bool) -> int:
    """``--show-files``: the files that would be checked, one a line."""
    for target in targets:
        reason = skip_reason(target, settings)
        if not reason:
            print(target.display)
        elif verbose:
            print(f"skipped {target.display}: {reason}", file=sys.stderr)
    return 0


def _fix(
    args: argparse.Namespace,
    settings: RunSettings,
    check_settings: CheckSettings,
    scope: RunScope,
    *,
    verbose: bool,
    catalog: CatalogPass,
) -> int:
    """``--fix`` and ``--diff``: repair (or show the repairs), then report what remains."""
    from cachelint.fix.apply import fix_targets

    logger = catalog.observe(_verbose_logger(verbose, fixing=True))
    outcome = fix_targets(scope.targets(), check_settings, write=not args.diff, on_file=logger)
    if args.diff:
        sys.stdout.writelines(outcome.diffs)
        print(outcome.summary(), file=sys.stderr)
        return 1 if outcome.diffs else 0
    scope.count_the_rest(catalog, check_settings)
    catalog.finish(outcome.run)
    for path, reason in outcome.failures:
        print(f"cachelint: error: cannot fix {path}: {reason}", file=sys.stderr)
    status = _report(
        args, settings, outcome.run, check_settings.registry, before_summary=outcome.summary()
    )
    return EXIT_FIX_FAILED if outcome.failures else status


def _ruledoc() -> ModuleType:
    from cachelint import ruledoc

    return ruledoc


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _verbose_logger(verbose: bool, *, fixing: bool = False) -> Callable[[FileResult], None] | None:
    def log(result: FileResult) -> None:
        if not result.checked:
            print(f"skipped {result.path}: {result.note}", file=sys.stderr)
        elif fixing and result.fix_note:
            print(f"not fixed {result.path}: {result.fix_note}", file=sys.stderr)

    return log if verbose else None


def rules(args: argparse.Namespace) -> int:
    """``cachelint rules``: every code with its name, severity, default and origin."""
    from cachelint.ruledoc import rule_docs

    docs = rule_docs(load_rules())
    RULES_FORMATS[args.output_format](docs)
    return 0


def _rules_text(docs: list[RuleDoc]) -> None:
    from cachelint.ruledoc import plain

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
    from cachelint.ruledoc import record

    json.dump([record(doc) for doc in docs], sys.stdout, indent=2)
    sys.stdout.write("\n")


RULES_FORMATS: dict[str, Callable[[list[RuleDoc]], None]] = {
    "text": _rules_text,
    "json": _rules_json,
    "markdown": lambda docs: sys.stdout.write(_ruledoc().render_markdown(docs)),
}


def rule(args: argparse.Namespace) -> int:
    """``cachelint rule CODE``: one code's full documentation (a rule name works too)."""
    from cachelint.ruledoc import render_text, rule_docs

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
    from cachelint.schema import load_schema, schema_names, schema_text

    if args.name is None:
        for name in schema_names():
            print(f"{name:<16} {load_schema(name).get('title', '')}")
        return 0
    sys.stdout.write(schema_text(args.name))
    return 0
