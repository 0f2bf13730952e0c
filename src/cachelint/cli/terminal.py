"""The terminal's width, found without ``shutil`` (it imports the compression modules)."""

from __future__ import annotations

import os
import sys


def terminal_columns(fallback: int) -> int:
    """As ``shutil.get_terminal_size().columns``: ``$COLUMNS``, the terminal, ``fallback``."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback
    except (AttributeError, ValueError, OSError):
        return fallback
