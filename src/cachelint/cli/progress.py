"""A progress line on a terminal's stderr for runs that take more than a second.

``1523 pages, 812 pages/s, 37 findings`` is redrawn in place at most ten times a
second and erased when the pages are done, so nothing of it stays in the
terminal's scrollback. It is never drawn where nobody watches or where it would
mix with other output: stderr not a terminal, ``--quiet``, ``--verbose`` (its
log lines), a machine format on stdout, ``CI`` set, or ``TERM=dumb``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from cachelint.model import FileResult
from cachelint.report import MACHINE_FORMATS
from cachelint.run.batches import CleanPages

FileCallback = Callable[[FileResult], None]

DELAY = 1.0  # seconds before the first drawing: short runs stay silent
INTERVAL = 0.1  # seconds between drawings
_ERASE = "\r\x1b[K"


class Progress:
    """Counts checked pages and findings; draws the line on ``stream`` when due."""

    def __init__(self, stream: TextIO, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._next = self._start + DELAY
        self._pages = 0
        self._findings = 0
        self._drawn = False

    def observe(self, on_file: FileCallback | None = None) -> FileCallback:
        """An ``on_file`` hook that counts each result, then hands it to ``on_file``."""

        def count(result: FileResult) -> None:
            if result.checked:
                self._pages += 1
                self._findings += len(result.diagnostics)
            now = self._clock()
            if now >= self._next:
                self._draw(now)
            if on_file is not None:
                on_file(result)

        return count

    def observe_pages(self) -> Callable[[CleanPages], None]:
        """An ``on_pages`` hook that counts runs of clean pages."""

        def count(pages: CleanPages) -> None:
            self._pages += pages.count
            now = self._clock()
            if now >= self._next:
                self._draw(now)

        return count

    def finish(self) -> None:
        """Erase the line (a run that drew nothing writes nothing)."""
        if self._drawn:
            self._stream.write(_ERASE)
            self._stream.flush()
            self._drawn = False

    def line(self, now: float) -> str:
        """``1523 pages, 812 pages/s, 37 findings``."""
        rate = self._pages / max(now - self._start, 1e-6)
        pages = "1 page" if self._pages == 1 else f"{self._pages} pages"
        findings = "1 finding" if self._findings == 1 else f"{self._findings} findings"
        return f"cachelint: {pages}, {rate:.0f} pages/s, {findings}"

    def _draw(self, now: float) -> None:
        self._next = now + INTERVAL
        self._stream.write(_ERASE + self.line(now))
        self._stream.flush()
        self._drawn = True


def progress_for(
    args: argparse.Namespace, output_format: str, stream: TextIO | None = None
) -> Progress | None:
    """The progress line of a ``check`` run on ``stream`` (stderr), or None where none belongs."""
    stream = stream or sys.stderr
    if args.quiet or args.verbose or not is_terminal(stream):
        return None
    if args.output_file is None and output_format in MACHINE_FORMATS:
        return None
    if _in_ci() or os.environ.get("TERM") == "dumb":
        return None
    return Progress(stream)


def _in_ci() -> bool:
    """``CI=true`` (GitHub, GitLab and most services set it); ``CI=false`` or ``0`` is not."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (a stream without ``isatty`` is not)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
