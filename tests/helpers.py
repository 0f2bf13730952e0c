"""Shared test helpers: check a file as the CLI does, and slice spans out of text."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.model import FileResult, Position
from cachelint.rules.registry import load_rules
from cachelint.run.checker import check_target
from cachelint.scope.discovery import make_target

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT / "tests" / "data"
SHARED = REPO_ROOT / ".." / "shared"
CORPUS = SHARED / "corpus" / "real"


def cachelint_command() -> list[str]:
    """The installed ``cachelint`` script beside this interpreter (venv not activated too)."""
    script = Path(sys.executable).with_name("cachelint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cachelint"]


@cache
def default_settings() -> CheckSettings:
    """The settings of a plain ``cachelint check``."""
    registry = load_rules()
    selection = build_selection(
        known=registry.all_codes(),
        enabled_by_default=[d.code for d in registry.documented() if d.enabled],
    )
    return CheckSettings(registry=registry, selection=selection)


def check_file(path: Path, *, display: str | None = None) -> FileResult:
    """Check one file named explicitly, with the default settings."""
    target = make_target(path, display=display or str(path), explicit=True)
    return check_target(target, default_settings())


def file_text(raw: bytes) -> str:
    """The text positions refer to: UTF-8 without a leading BOM."""
    return raw.decode("utf-8").removeprefix("\ufeff")


def span_offsets(text: str, position: Position) -> tuple[int, int]:
    """Character offsets of a position, computed independently of the resolver."""
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    assert position.end_line is not None and position.end_column is not None
    start = starts[position.line - 1] + position.column - 1
    end = starts[position.end_line - 1] + position.end_column - 1
    return start, end


def span_text(text: str, position: Position) -> str:
    """The text a position covers."""
    start, end = span_offsets(text, position)
    return text[start:end]
