"""What each subcommand does, given parsed arguments."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from cachelint.cli.output import build_report, summary_stream, write_extra_reports, write_report
from cachelint.config.check import CheckSettings
from cachelint.config.files import FileConfig, resolve_config
from cachelint.config.settings import RunSettings, build_settings
from cachelint.errors import UsageError
from cachelint.model import FileResult
from cachelint.report.escape import terminal_path, terminal_text
from cachelint.report.summary import fixable_line, summary_line
from cachelint.rules.registry import RuleRegistry, load_rules
from cachelint.run.cache.results import ResultCache
from cachelint.run.cache.yamlmemo import YamlMemo
from cachelint.run.catalogpass import CatalogPass
from cachelint.run.checker import skip_reason
from cachelint.run.runner import RunResult, exit_status, run_checks
from cachelint.run.scope import RunScope, ScopeRequest, run_scope
from cachelint.run.workers import default_jobs
from cachelint.scope.discovery import Target
from cachelint.scope.pathfilter import DEFAULT_INCLUDE
from cachelint.store.home import cache_home
from cachelint.store.sealed import CacheStore

if TYPE_CHECKING:  # rule documentation and fixes are imported by the commands using them
    from cachelint.cli.progress import Progress
    from cachelint.cli.stdin import StdinPage
    from cachelint.config.trusted import TrustedConfig

# --statistics: the renderer of a format (by name in cachelint.report.statistics)
STATISTICS_FORMATS = {"json": "render_statistics_json"}

# A repair could not be written: the run did not do what was asked.
EXIT_FIX_FAILED = 2

# What no baseline does to a run: cachelint.baseline.apply.BaselineOutcome() (no note,
# nothing written, no delta), without importing the baseline package.
NO_BASELINE = SimpleNamespace(note="", wrote=False, delta=None)

# The output format when --output-format is not given (it wins over the configuration file).
OUTPUT_FORMAT_ENV = "CACHELINT_OUTPUT_FORMAT"


def check(args: argparse.Namespace) -> int:
    """``cachelint check``: check pages, report, return the exit status."""
    if args.config is not None and args.isolated:
        raise UsageError("--config and --isolated cannot be used together")
    _output_format_from_env(args)
    _refuse_missing_paths(args)
    stdin = _stdin_page(args)
    paths = args.paths or ["."]
    _report_files(args)  # a clash is an error of use: say so before the run, not after
    config_paths = paths if stdin is None else stdin.config_paths(paths)
    config = resolve_config(paths=config_paths, config=args.config, isolated=args.isolated)
    trusted = _trusted_config(args, config_paths, config)
    config = trusted.config if trusted is not None else config
    verbose = args.verbose and not args.quiet
    if verbose:
        note = trusted.note() if trusted else _config_note(config, isolated=args.isolated)
        print(terminal_text(note), file=sys.stderr)
    uses_cache = not (args.no_cache or args.fix or args.diff or args.show_files)
    home = cache_home(config_paths, args.cache_dir) if uses_cache else None
    store = CacheStore.open(home) if home is not None else None
    registry = load_rules(store=store.beside_key() if store is not None else None)
    settings = build_settings(args, config, registry)
    check_settings = settings.check
    scope = run_scope(_scope_request(args), settings.path_filter, check_settings)
    targets = scope.targets() if stdin is None else stdin.others(scope.targets())
    if args.show_files:
        return _show_files(targets, check_settings, verbose=verbose)
    catalog = scope.catalog_pass(check_settings, log=_stderr if verbose else None)
    jobs = args.jobs or default_jobs()
    progress = _progress(args, settings.output_format)
    on_file = _verbose_logger(verbose, fixing=args.fix or args.diff)
    if progress is not None:
        on_file = progress.observe(on_file)
    if args.fix or args.diff:
        return _fix(
            args,
            settings,
            check_settings,
            scope,
            catalog=catalog,
            progress=progress,
            on_file=on_file,
        )
    memo = YamlMemo.in_store(store) if store is not None else None
    check_settings.catalogs.memo = memo  # before workers start: they read tags.yaml too
    cache = ResultCache.open(store, check_settings) if store is not None else None
    snapshot = None
    if cache is not None and stdin is None and scope.walks_one_folder:
        from cachelint.run.cache.snapshot import RunSnapshot  # git: only for a folder walked

        # The whole run's answer, looked at by as many processes as the run may use
        snapshot = RunSnapshot.open(cache, scope, catalog.aggregator, processes=jobs)
    try:
        run = run_checks(
            targets,
            check_settings,
            on_file=catalog.observe(on_file),
            on_pages=catalog.observe_pages(progress.observe_pages() if progress else None),
            jobs=jobs,
            cache=cache,
            given=[stdin.check(check_settings)] if stdin is not None else (),
            snapshot=snapshot,
        )
    finally:
        if progress is not None:
            progress.finish()
    scope.count_the_rest(catalog, check_settings, cache=cache, jobs=jobs)
    catalog.finish(run)
    if memo is not None:
        memo.save()
    if trusted is not None:
        _add_config_findings(run, trusted, check_settings)
    return _report(args, settings, run, registry, read_text=stdin.read_text if stdin else None)


# --- the terminal and standard input (imported only for the runs that use them) ---


def _output_format_from_env(args: argparse.Namespace) -> None:
    """``CACHELINT_OUTPUT_FORMAT`` stands for ``--output-format`` when that is not given."""
    from cachelint.report import REPORTERS

    env_format = os.environ.get(OUTPUT_FORMAT_ENV, "").strip()
    if args.output_format is not None or not env_format:
        return
    if env_format not in REPORTERS:
        raise UsageError(
            f"{OUTPUT_FORMAT_ENV}={env_format!r} is not a format "
            f"(choose from {', '.join(REPORTERS)})"
        )
    args.output_format = env_format


def _refuse_missing_paths(args: argparse.Namespace) -> None:
    """A named path that does not exist is a usage error (not with --changed-since: there a
    path only limits which changes count, and may be gone)."""
    if args.changed_since is None and not all(map(os.path.lexists, args.paths)):
        from cachelint.cli.usage import check_paths_exist  # a path is missing, or '-'

        check_paths_exist(args.paths)


def _stdin_page(args: argparse.Namespace) -> StdinPage | None:
    """The page on standard input, when ``-`` (or ``--stdin-filename``) is given."""
    if "-" not in args.paths and args.stdin_filename is None:
        return None
    from cachelint.cli.stdin import take_stdin_page

    return take_stdin_page(args)


def _progress(args: argparse.Namespace, output_format: str) -> Progress | None:
    if not sys.stderr.isatty():  # a hook or CI: nothing to draw, nothing to import
        return None
    from cachelint.cli.progress import progress_for

    return progress_for(args, output_format)


def _report(
    args: argparse.Namespace,
    settings: RunSettings,
    run: RunResult,
    registry: RuleRegistry,
    *,
    before_summary: str = "",
    read_text: Callable[[str], str | None] | None = None,
) -> int:
    """Render the run (or its statistics), print the summary, return the exit status."""
    output_format = settings.output_format
    stream = summary_stream(output_format, args.output_file)
    baseline = _use_baseline(args, settings, run)
    if baseline.wrote:
        print(baseline.note, file=sys.stderr)
        return exit_status(run, exit_zero=True)
    if before_summary and not args.quiet:
        print(before_summary, file=stream)
    reports = _report_files(args)
    report = build_report(
        run,
        registry,
        output_file=args.output_file,
        color=args.color,
        read_text=read_text,
        reports=reports,
        selection=settings.check.selection,
        baseline=baseline.delta,
    )
    if args.statistics:
        from cachelint.report import statistics

        render = getattr(statistics, STATISTICS_FORMATS.get(output_format, "render_statistics"))
        render(run.diagnostics, registry, sys.stdout)
    else:
        write_report(report, output_format, args.output_file)
    write_extra_reports(report, reports)
    if not args.quiet:
        _warn_if_no_page(args, settings, run)
        print(summary_line(report), file=stream)
        fixable = fixable_line(report, output_format)
        if fixable:
            print(fixable, file=stream)
        if baseline.note:
            print(baseline.note, file=stream)
    return exit_status(run, exit_zero=args.exit_zero, fail_on=settings.fail_on)


def _warn_if_no_page(args: argparse.Namespace, settings: RunSettings, run: RunResult) -> None:
    """Say so when nothing was checked, as ruff does when it finds no Python file."""
    from cachelint.layout import data_file_kind

    if args.changed_since is not None or any(not data_file_kind(p) for p in run.checked_files):
        return
    if args.paths and all(data_file_kind(path) for path in args.paths):
        return  # only data files were named, and they were checked
    where = ", ".join(args.paths or (["."] if args.files_from is None else [])) or "the list"
    if args.files_from is not None:
        where = f"{where} and {args.files_from}" if args.paths else args.files_from
    include = ", ".join(settings.path_filter.include[0].patterns or DEFAULT_INCLUDE)
    print(
        f"cachelint: warning: no catalog page found in {where}: a folder is searched for "
        f"files matching include ({include}) below _cache/ or with 'layout: cache'; "
        "other files are checked only when named",
        file=sys.stderr,
    )


def _use_baseline(args: argparse.Namespace, settings: RunSettings, run: RunResult) -> Any:
    """``--write-baseline`` records the run; ``--baseline`` drops its recorded findings."""
    if args.write_baseline:
        from cachelint.baseline.apply import record_baseline

        return record_baseline(run, Path(args.write_baseline), settings.check)
    if settings.baseline is not None:
        from cachelint.baseline.apply import apply_baseline

        return apply_baseline(run, settings.baseline, settings.check)
    return NO_BASELINE  # most runs: nothing of cachelint.baseline to import


def _report_files(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    """The ``--report`` files; two reports (or the main output) in one file would clobber."""
    reports = tuple(getattr(args, "report", None) or ())
    paths = [Path(path).absolute() for _, path in reports]
    if args.output_file is not None:
        paths.append(Path(args.output_file).absolute())
    if len(set(paths)) != len(paths):
        raise UsageError("--report and --output-file must name different files")
    return reports


def _config_note(config: FileConfig, *, isolated: bool) -> str:
    if config.path is not None:
        return f"cachelint: using configuration file {config.display()}"
    if isolated:
        return "cachelint: --isolated: configuration files are ignored"
    return "cachelint: no configuration file found; using the defaults"


def _trusted_config(
    args: argparse.Namespace, paths: list[str], config: FileConfig
) -> TrustedConfig | None:
    """With --changed-since: REF's configuration, and the control files the change touched."""
    if args.changed_since is None:
        if args.config_from_ref is not None:
            raise UsageError("--config-from-ref only applies with --changed-since")
        return None
    from cachelint.config.trusted import trusted_config

    how = "--config" if args.config else "--isolated" if args.isolated else "ref"
    how = "worktree" if args.config_from_ref is False and how == "ref" else how
    return trusted_config(args.changed_since, paths, chosen=config, how=how)


def _add_config_findings(run: RunResult, trusted: TrustedConfig, settings: CheckSettings) -> None:
    from cachelint.config.trusted import config_diagnostics

    found = config_diagnostics(trusted, settings)
    run.diagnostics.extend(found)
    run.diagnostics.sort(key=lambda d: d.sort_key)
    run.checked_files.extend(d.path for d in found if d.path not in run.checked_files)


def _show_files(targets: Iterable[Target], settings: CheckSettings, *, verbose: bool) -> int:
    """``--show-files``: the files that would be checked, one a line."""
    for target in targets:
        reason = skip_reason(target, settings)
        if not reason:
            print(terminal_path(target.display))
        elif verbose:
            print(terminal_text(f"skipped {target.display}: {reason}"), file=sys.stderr)
    return 0


def _fix(
    args: argparse.Namespace,
    settings: RunSettings,
    check_settings: CheckSettings,
    scope: RunScope,
    *,
    catalog: CatalogPass,
    progress: Progress | None,
    on_file: Callable[[FileResult], None] | None,
) -> int:
    """``--fix`` and ``--diff``: repair (or show the repairs), then report what remains."""
    from cachelint.run.fixing import fix_targets

    logger = catalog.observe(on_file)
    try:
        outcome = fix_targets(scope.targets(), check_settings, write=not args.diff, on_file=logger)
    finally:
        if progress is not None:
            progress.finish()
    summary = outcome.summary()
    if args.show_fixes and outcome.fixed_codes:
        summary = f"{outcome.fixes_shown()}\n{summary}"
    if args.diff:
        sys.stdout.writelines(outcome.diffs)
        print(summary, file=sys.stderr)
        return 1 if outcome.diffs else 0
    scope.count_the_rest(catalog, check_settings)
    catalog.finish(outcome.run)
    for path, reason in outcome.failures:
        print(terminal_text(f"cachelint: error: cannot fix {path}: {reason}"), file=sys.stderr)
    status = _report(args, settings, outcome.run, check_settings.registry, before_summary=summary)
    if args.exit_non_zero_on_fix and outcome.repaired_findings:
        status = max(status, 1)
    return EXIT_FIX_FAILED if outcome.failures else status


def _stderr(message: str) -> None:
    print(terminal_text(message), file=sys.stderr)


def _verbose_logger(verbose: bool, *, fixing: bool = False) -> Callable[[FileResult], None] | None:
    def log(result: FileResult) -> None:
        if not result.checked:
            print(terminal_text(f"skipped {result.path}: {result.note}"), file=sys.stderr)
        elif fixing and result.fix_note:
            print(terminal_text(f"not fixed {result.path}: {result.fix_note}"), file=sys.stderr)

    return log if verbose else None


def _scope_request(args: argparse.Namespace) -> ScopeRequest:
    """The flags that name the pages, as plain data for the ``run`` package."""
    return ScopeRequest(
        paths=tuple(args.paths),
        files_from=args.files_from,
        null=args.null,
        changed_since=args.changed_since,
        config_from_ref=args.config_from_ref,
        shard=args.shard,
    )
