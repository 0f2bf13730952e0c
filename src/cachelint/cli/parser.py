"""The command line: every command, flag and argument type (argparse), nothing run."""

from __future__ import annotations

import argparse
from functools import partial
from typing import TYPE_CHECKING

from cachelint import __version__
from cachelint.cli.terminal import terminal_columns

if TYPE_CHECKING:
    from cachelint.scope.shard import Shard

TOP_LEVEL_FLAGS = ("-h", "--help", "-V", "--version")
FALLBACK_COLUMNS = 80  # as shutil.get_terminal_size


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, as wide as argparse makes it, found without ``shutil``.

    argparse asks ``shutil.get_terminal_size()`` each time it makes a formatter,
    which it does for every argument added; importing ``shutil`` imports the
    compression modules, a cost on the start of every run, help or not.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:  # as argparse: two columns short of the terminal
            width = terminal_columns(FALLBACK_COLUMNS) - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``cachelint``."""
    from cachelint.report import DEFAULT_FORMAT, REPORTERS

    parser = argparse.ArgumentParser(
        prog="cachelint",
        description="Consistency validator and CI linter for build-cache catalogs.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"cachelint {__version__}")
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=partial(argparse.ArgumentParser, formatter_class=HelpFormatter),
    )

    check = commands.add_parser("check", help="check catalog pages (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument(
        "--output-format",
        choices=list(REPORTERS),
        help=f"report format (default: {DEFAULT_FORMAT})",
    )
    check.add_argument(
        "-o", "--output-file", metavar="PATH", help="write the report to PATH instead of stdout"
    )
    check.add_argument(
        "--report",
        type=_report_file,
        action="append",
        metavar="FORMAT=PATH",
        help="also write the report in FORMAT to PATH, from the same run (repeatable; "
        "FORMAT:PATH works too)",
    )
    check.add_argument("--select", type=_codes, help="codes or prefixes to check (or ALL)")
    check.add_argument("--extend-select", type=_codes, help="add to the selection")
    check.add_argument("--ignore", type=_codes, help="codes or prefixes to skip")
    check.add_argument("--root-stack", help="the stack every spec is in (default: root)")
    check.add_argument(
        "-j", "--jobs", type=_jobs, metavar="N", help="worker processes (default: the CPU count)"
    )
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the result cache"
    )
    check.add_argument(
        "--cache-dir",
        metavar="PATH",
        help="where the result cache lives (default: $CACHELINT_CACHE_DIR, else the user's "
        "cache folder, one per catalog root)",
    )
    check.add_argument(
        "--catalog-root",
        metavar="DIR",
        help="the catalog root (with _data/) of every page (default: found above each page)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "--fix", action="store_true", help="repair derived meta in place, then report what remains"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the diff --fix would apply, write nothing; exit 1 if there is one",
    )
    check.add_argument("-v", "--verbose", action="store_true", help="say what is skipped")
    _add_scope_flags(check)
    _add_config_flags(check)
    _add_baseline_flags(check)
    _add_terminal_flags(check)
    _add_debug(check)

    rule = commands.add_parser("rule", help="explain one rule code")
    rule.add_argument("code", metavar="CODE", help="a rule code, e.g. CL201")
    _add_debug(rule)

    rules = commands.add_parser("rules", help="list every rule code")
    rules.add_argument("--output-format", choices=["text", "json", "markdown"], default="text")
    _add_debug(rules)

    schema = commands.add_parser("schema", help="print a bundled JSON Schema")
    schema.add_argument("name", nargs="?", help="schema name (omit to list them)")
    _add_debug(schema)
    _add_help_commands(commands)
    return parser


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """The subcommands of ``parser``, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _add_terminal_flags(check: argparse.ArgumentParser) -> None:
    """Flags of the terminal and of habits from ruff: colour, fixes shown, standard input."""
    check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the report (default: auto, on a terminal; NO_COLOR and FORCE_COLOR count)",
    )
    check.add_argument(
        "--show-fixes", action="store_true", help="with --fix: list what was fixed, per file"
    )
    check.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix: exit 1 if anything was fixed, even when nothing remains",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="where the page read from standard input ('-') lives in the catalog",
    )


def _add_help_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``help``, ``version`` and ``completion``: about cachelint itself."""
    topic = commands.add_parser("help", help="show a command's usage or a rule's documentation")
    topic.add_argument("topic", nargs="?", metavar="COMMAND|CODE", help="e.g. check or CL203")
    commands.add_parser("version", help="print cachelint's version")
    completion = commands.add_parser("completion", help="print a shell completion script")
    completion.add_argument("shell", choices=["bash", "zsh", "fish"])


def _add_config_flags(check: argparse.ArgumentParser) -> None:
    """Flags of the configuration keys (a flag given wins over the file) and run controls."""
    from cachelint.config import settings

    check.add_argument("--config", metavar="PATH", help="use this configuration file")
    check.add_argument("--isolated", action="store_true", help="ignore configuration files")
    check.add_argument(
        "--per-file-ignores",
        type=settings.per_file_ignore_arg,
        action="append",
        metavar="GLOB:CODES",
        help="codes to skip in matching files (repeatable)",
    )
    check.add_argument(
        "--severity",
        type=settings.severity_arg,
        action="append",
        metavar="CODE=LEVEL",
        help="set a code's severity to error or warning (repeatable)",
    )
    check.add_argument(
        "--include", type=settings.globs_arg, metavar="GLOBS", help="globs of files to look at"
    )
    check.add_argument(
        "--exclude", type=settings.globs_arg, metavar="GLOBS", help="globs of paths to skip"
    )
    check.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip files that .gitignore ignores (default: yes)",
    )
    check.add_argument(
        "--fail-on", choices=["error", "warning"], help="lowest severity that fails the run"
    )
    check.add_argument(
        "--max-file-size",
        type=settings.size_arg,
        metavar="BYTES",
        help="larger pages are not parsed (CL006; default: 16M)",
    )
    check.add_argument(
        "--max-depth",
        type=settings.depth_arg,
        metavar="LEVELS",
        help="front matter nesting deeper than this is refused (CL006; default: 64)",
    )
    check.add_argument(
        "--stack-architectures",
        type=settings.stack_templates_arg,
        metavar="TEMPLATES",
        help="stack-name templates naming an architecture (CL606; '' for none)",
    )
    check.add_argument(
        "--mutable-tags",
        type=settings.tags_arg,
        metavar="TAGS",
        help="tags whose caches still change (CL622; default: develop)",
    )
    check.add_argument("--statistics", action="store_true", help="count findings per code")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    check.add_argument(
        "--show-files", action="store_true", help="list the files that would be checked"
    )


def _add_baseline_flags(check: argparse.ArgumentParser) -> None:
    """Flags of baselines: adopt cachelint on a catalog that already has findings."""
    check.add_argument(
        "--baseline", metavar="FILE", help="report only the findings not recorded in FILE"
    )
    check.add_argument(
        "--no-baseline", action="store_true", help="ignore the configuration's baseline"
    )
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0"
    )


def _add_scope_flags(check: argparse.ArgumentParser) -> None:
    """Flags choosing the pages: a list of files, what changed, one shard of many."""
    check.add_argument(
        "--files-from",
        metavar="FILE",
        help="also check the paths listed in FILE, one a line ('-': standard input)",
    )
    check.add_argument(
        "-0", "--null", action="store_true", help="--files-from paths are separated by NUL bytes"
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="check the pages changed since the git revision REF, and the totals of their tags",
    )
    check.add_argument(
        "--config-from-ref",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --changed-since, use the configuration and ignore rules of REF "
        "(the default), not the work tree's",
    )
    check.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="check shard K of N (a CI matrix); shard 1 also checks the catalog as a whole",
    )


def _shard(text: str) -> Shard:
    from cachelint.scope.shard import Shard, ShardError

    try:
        return Shard.parse(text)
    except ShardError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _report_file(text: str) -> tuple[str, str]:
    from cachelint.cli.output import parse_report_file

    try:
        return parse_report_file(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_debug(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be at least 1, not {value}")
    return value


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
