"""``-``: check a page read from standard input, as ruff does, so editors can lint a buffer.

``--stdin-filename PATH`` gives the page its place in the catalog: findings
name PATH, the page's tag and package come from it, and so do its catalog and
configuration. The text read replaces the file at PATH wherever the run would
read it: a folder named besides ``-`` (``cachelint check - _cache/develop
--stdin-filename _cache/develop/zlib/specs.md``) is walked as usual, and the
whole-tag and whole-catalog rules count the buffer, not the file on disk.
``--stdin-filename`` alone implies ``-``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from cachelint.cli.usage import STDIN
from cachelint.config.check import CheckSettings
from cachelint.errors import UsageError
from cachelint.model import FileResult, Finding
from cachelint.page.source import Source, _too_large, decode_source
from cachelint.record import Record, fill
from cachelint.run.checker import check_source
from cachelint.scope.discovery import Target, make_target

STDIN_DISPLAY = "-"

# Flags that cannot go with a page on standard input, and why.
_CLASHES = {
    "fix": "--fix cannot rewrite standard input",
    "diff": "--diff cannot diff standard input",
    "changed_since": "--changed-since and '-' cannot be used together",
}


class StdinPage(Record):
    """The page read from standard input and where it stands in the catalog."""

    __slots__ = ("source", "target")

    target: Target
    source: Source | Finding

    def __init__(self, target: Target, source: Source | Finding) -> None:
        fill(self, target, source)

    def check(self, settings: CheckSettings) -> FileResult:
        """Check the text read as the page at its place (within ``max-file-size``, as a file)."""
        size, limit = len(getattr(self.source, "raw", b"")), settings.limits.max_file_size
        source = _too_large(size, limit) if size > limit else self.source
        return check_source(self.target, source, settings)

    def others(self, targets: Iterable[Target]) -> Iterator[Target]:
        """``targets`` without the stand-in for ``-`` and the file the text replaces."""
        replaced = os.path.abspath(self.target.path)
        for target in targets:
            if target.display == STDIN and target.explicit and str(target.path) == STDIN:
                continue
            if os.path.abspath(target.path) != replaced:
                yield target

    def config_paths(self, paths: list[str]) -> list[str]:
        """The paths whose folders decide the configuration: ``-`` stands at its page's place."""
        if self.target.display == STDIN_DISPLAY:
            return paths
        return [self.target.display if path == STDIN else path for path in paths]

    def read_text(self, path: str) -> str | None:
        """The text of a reported path: the buffer for the page, else the file's."""
        if path == self.target.display:
            return getattr(self.source, "text", None)
        from cachelint.report.base import read_page_text

        return read_page_text(path)


def take_stdin_page(args: argparse.Namespace) -> StdinPage | None:
    """Read the page on standard input when ``-`` (or ``--stdin-filename``) is given."""
    if args.stdin_filename is not None and STDIN not in args.paths:
        args.paths = [*args.paths, STDIN]
    if STDIN not in args.paths:
        return None
    for flag, reason in _CLASHES.items():
        if getattr(args, flag, None):
            raise UsageError(reason)
    if args.files_from == STDIN:
        raise UsageError("--files-from - and '-' both read standard input")
    name = args.stdin_filename
    target = make_target(Path(name or STDIN), display=name or STDIN_DISPLAY, explicit=True)
    if sys.stdin is None:  # started without one (a service, some CI runners)
        raise UsageError("'-' reads a page from standard input, and there is none")
    return StdinPage(target, decode_source(sys.stdin.buffer.read()))
