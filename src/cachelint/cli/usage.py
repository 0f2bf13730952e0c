"""Mistakes on the command line are usage errors (exit 2), never findings.

``cachelint PATH`` is short for ``cachelint check PATH``; so that a mistyped
command is not read as a path, the first word is a command when it names one
(a command wins over a file of the same name: ``cachelint check help`` or
``./help`` checks that file), a path when it is ``-`` or exists or looks like
a path (holds a ``/`` or a ``.``), and otherwise a usage error with a
suggestion. Paths named under ``check`` must exist; a file that exists but
cannot be read stays a CL001 finding.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Sequence

from cachelint.cli.parser import TOP_LEVEL_FLAGS
from cachelint.errors import UsageError

STDIN = "-"
CODE_LIKE = re.compile(r"^[A-Za-z]{2,5}[0-9]+$")


def with_command(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """``argv`` with ``check`` in front when its first word is a path or a flag of ``check``."""
    if not argv:
        return ["check"]
    first = argv[0]
    if first in commands or first in TOP_LEVEL_FLAGS:
        return list(argv)
    if first.startswith("-") or _lexists(first) or _looks_like_path(first):
        return ["check", *argv]
    hint = suggest(first, commands) or f" (commands: {', '.join(commands)})"
    raise UsageError(f"{first!r} is neither a command nor an existing file or folder{hint}")


def suggest(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean check?)`` for the closest candidate, or ``""``."""
    import difflib  # only when there is a mistake to explain

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
    return f" (did you mean {close[0]}?)" if close else ""


def refuse_unknown_flags(parser: argparse.ArgumentParser, extras: Sequence[str]) -> None:
    """Exit 2 with ``parser``'s usage, naming the closest flag of each unknown one."""
    known = [flag for flag in parser._option_string_actions if flag.startswith("--")]
    hints = []
    for extra in extras:
        if extra.startswith("-") and extra != STDIN:
            hints.append(suggest(extra.partition("=")[0], known).strip())
    hint = f" {' '.join(filter(None, hints))}" if any(hints) else ""
    parser.error(f"unrecognized arguments: {' '.join(extras)}{hint}")


def subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of ``command`` (argparse keeps it in its subparsers action)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    raise LookupError(command)


def check_paths_exist(paths: Iterable[str]) -> None:
    """A named path that does not exist is a usage error (``-`` is standard input)."""
    missing = [path for path in paths if path != STDIN and not _lexists(path)]
    if missing:
        names = ", ".join(repr(path) for path in missing)
        raise UsageError(f"no such file or folder: {names}")


def _lexists(path: str) -> bool:
    """``os.path.lexists``, but True when the OS cannot tell (reading reports that, CL001)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):  # e.g. a name too long, a loop of links
        return True
    return True


def _looks_like_path(word: str) -> bool:
    return os.sep in word or "/" in word or "." in word or bool(os.altsep and os.altsep in word)


def print_usage_error(parser: argparse.ArgumentParser, message: str) -> None:
    """argparse's shape: the usage line, then ``cachelint: error: ...``."""
    parser.print_usage(sys.stderr)
    print(f"cachelint: error: {message}", file=sys.stderr)
