"""``--files-from``: the paths to check, read from a file or from standard input.

One path a line (a trailing CR is dropped, so a list written on Windows
works), or separated by NUL bytes with ``-0``, as ``git diff --name-only -z``
and ``find -print0`` write them; names with newlines need ``-0``. Empty
entries are skipped. Paths are relative to the current folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from cachelint.errors import UsageError

STDIN = "-"


def read_file_list(source: str, *, nul: bool = False, stdin: BinaryIO | None = None) -> list[str]:
    """The paths listed in the file ``source`` (``-``: standard input)."""
    if source == STDIN:
        raw = (stdin or sys.stdin.buffer).read()
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise UsageError(f"--files-from {source}: cannot read the list: {reason}") from None
    return parse_file_list(raw, nul=nul)


def parse_file_list(raw: bytes, *, nul: bool = False) -> list[str]:
    """Split a list of paths: by NUL with ``nul``, else by line."""
    lines = raw.split(b"\0") if nul else raw.split(b"\n")
    entries = lines if nul else [line.removesuffix(b"\r") for line in lines]
    return [os.fsdecode(entry) for entry in entries if entry]
