"""Reporters render a run; each output format is one module."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from cachelint.report.json import render_json
from cachelint.report.text import render_concise
from cachelint.runner import RunResult

Reporter = Callable[[RunResult, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "concise": render_concise,
    "text": render_concise,
    "json": render_json,
}

# Formats whose stdout is machine-readable: their summary goes to stderr.
MACHINE_FORMATS = frozenset({"json"})

__all__ = ["MACHINE_FORMATS", "REPORTERS", "Reporter"]
