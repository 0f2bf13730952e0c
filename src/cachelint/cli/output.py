"""Where and how a run is reported: ``--output-format`` and ``--output-file``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from cachelint.cli.terminal import terminal_columns
from cachelint.config.selection import Selection
from cachelint.errors import OutputError
from cachelint.record import replace
from cachelint.report import MACHINE_FORMATS, REPORTERS, RenderOptions, Report
from cachelint.report.base import (
    ASCII_ELLIPSIS,
    ELLIPSIS,
    BaselineDelta,
    read_page_text,
    rule_infos,
)
from cachelint.report.paths import find_root
from cachelint.rules.registry import RuleRegistry
from cachelint.run.runner import RunResult

DEFAULT_WIDTH = 100


def build_report(
    run: RunResult,
    registry: RuleRegistry,
    *,
    output_file: str | None,
    color: str = "auto",
    read_text: Callable[[str], str | None] | None = None,
    reports: tuple[tuple[str, str], ...] = (),
    selection: Selection | None = None,
    baseline: BaselineDelta | None = None,
) -> Report:
    """The plain data reporters receive, with options taken from the environment.

    ``reports`` are the extra report files of ``--report`` (format, path).
    """
    return Report(
        diagnostics=tuple(run.diagnostics),
        checked_files=run.checked_files,
        rules=rule_infos(registry.documented()),
        root=find_root(Path.cwd()),
        options=RenderOptions(
            color=output_file is None and wants_color(sys.stdout, choice=color),
            width=terminal_columns(DEFAULT_WIDTH),
            step_summary=_step_summary(),
            ellipsis=ELLIPSIS if output_file is not None else ellipsis_for(sys.stdout),
            reports=reports,
        ),
        read_text=read_text or read_page_text,
        catalogs=tuple(run.catalogs),
        selected=selection.active if selection is not None else None,
        baseline=baseline,
    )


def wants_color(stream: TextIO, *, choice: str = "auto") -> bool:
    """Whether to colour ``stream``: ``--color`` wins, then the environment, then a terminal.

    ``NO_COLOR`` (https://no-color.org) wins over ``FORCE_COLOR``
    (https://force-color.org); a ``dumb`` terminal cannot show colour.
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def ellipsis_for(stream: TextIO) -> str:
    """``…``, or ``...`` on a terminal whose encoding cannot show it (e.g. ASCII)."""
    try:
        ELLIPSIS.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII_ELLIPSIS
    return ELLIPSIS


def write_report(report: Report, output_format: str, output_file: str | None) -> None:
    """Render the report on stdout, or into ``output_file``."""
    with _open(output_file) as stream:
        REPORTERS[output_format](report, stream)


def parse_report_file(text: str) -> tuple[str, str]:
    """``FORMAT=PATH`` (or ``FORMAT:PATH``) of ``--report``, as (format, path)."""
    cuts = [index for index in (text.find("="), text.find(":")) if index > 0]
    if not cuts:
        raise ValueError(f"expected FORMAT=PATH, not {text!r}")
    output_format, path = text[: min(cuts)], text[min(cuts) + 1 :]
    if output_format not in REPORTERS:
        raise ValueError(
            f"unknown report format {output_format!r} (choose from {', '.join(REPORTERS)})"
        )
    if not path:
        raise ValueError(f"no file given for the {output_format} report")
    return output_format, path


def write_extra_reports(report: Report, reports: tuple[tuple[str, str], ...]) -> None:
    """Write each ``--report`` file; only the main output appends to the job summary."""
    quiet = replace(report, options=replace(report.options, step_summary=None))
    for output_format, path in reports:
        write_report(quiet, output_format, path)


def summary_stream(output_format: str, output_file: str | None) -> TextIO:
    """The terminal stream for the summary line: never mixed into machine output."""
    if output_file is None and output_format in MACHINE_FORMATS:
        return sys.stderr
    return sys.stdout


@contextmanager
def _open(output_file: str | None) -> Iterator[TextIO]:
    if output_file is None:
        yield sys.stdout
        return
    path = Path(output_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # As on stdout: a file name that is not UTF-8 is written escaped, not fatal.
        stream = path.open("w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot write the report: {reason}", path=output_file) from exc
    with stream:
        yield stream


def _step_summary() -> Path | None:
    value = os.environ.get("GITHUB_STEP_SUMMARY")
    return Path(value) if value else None
