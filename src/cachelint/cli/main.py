"""The entry point: parse the command line, run the command, turn errors into exit 2."""

from __future__ import annotations

import argparse
import atexit
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from cachelint.cli.parser import TOP_LEVEL_FLAGS, build_parser, command_names
from cachelint.errors import CachelintError, UsageError

EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a process killed by SIGPIPE


def run() -> NoReturn:
    """The process's entry (the console script, ``python -m cachelint``): main, then exit."""
    _exit_process(main())


def _exit_process(status: int) -> NoReturn:
    """End the process with ``status`` once what an exit promises is done.

    The interpreter's own exit then frees every object one by one, which after
    a warm run of 12,000 pages takes longer than the snapshot's stats of a
    thousand of them (about 15 ms). What it must do is done here: the standard
    streams flushed, the ``atexit`` functions run. A thread still running, or a
    stream that cannot be flushed (the reader left), gets the interpreter's
    exit, as before.
    """
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(status)  # joins them
    try:
        _flush_streams()
        atexit._run_exitfuncs()
        _flush_streams()
    except BaseException:
        sys.exit(status)
    os._exit(status)


def _flush_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run cachelint; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Paths that are not valid UTF-8 must never crash the report.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    if not args_list or args_list[0] not in (*command_names(parser), *TOP_LEVEL_FLAGS):
        from cachelint.cli.usage import print_usage_error, with_command

        try:  # ``cachelint PATH`` means ``cachelint check PATH``; a mistyped command is no path
            args_list = with_command(args_list, command_names(parser))
        except UsageError as exc:
            print_usage_error(parser, str(exc))
            return EXIT_USAGE
    args, extras = parser.parse_known_args(args_list)
    if extras:
        from cachelint.cli.usage import refuse_unknown_flags, subparser

        refuse_unknown_flags(subparser(parser, args.command), extras)
    try:
        return _dispatch(args, parser)
    except CachelintError as exc:
        print(f"cachelint: error: {_safe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cachelint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # ``cachelint ... | head``: the reader left, nothing to say
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        print(
            f"cachelint: internal error: {type(exc).__name__}: {_safe(exc)} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _safe(exc: BaseException) -> str:
    """An error's text on one line: it may quote a file name from the checked tree."""
    from cachelint.report.escape import terminal_text

    return terminal_text(str(exc))


def _silence_stdout() -> None:
    # Python flushes stdout at exit and would fail again on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command == "check":
        from cachelint.cli.commands import check

        return check(args)
    from cachelint.cli import docs

    handlers = {
        "rule": docs.rule,
        "rules": docs.rules,
        "schema": docs.schema,
        "help": lambda args: docs.help_topic(parser, args.topic),
        "version": lambda args: docs.version(),
        "completion": lambda args: _completion(parser, args.shell),
    }
    handler = handlers.get(args.command)
    if handler is None:
        raise UsageError("no command given")
    return handler(args)


def _completion(parser: argparse.ArgumentParser, shell: str) -> int:
    from cachelint.cli.completion import completion_script

    sys.stdout.write(completion_script(parser, shell))
    return 0
