"""Run the checks over every target and collect the results of the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cachelint.checker import CheckSettings, check_target
from cachelint.codes import INTERNAL_ERROR
from cachelint.discovery import Target
from cachelint.model import Diagnostic, FileResult, Severity

CheckFunction = Callable[[Target, CheckSettings], FileResult]


@dataclass(slots=True)
class RunResult:
    """Everything a reporter needs: diagnostics in order, and file counts."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked_files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)

    @property
    def files_with_findings(self) -> int:
        return len({d.path for d in self.diagnostics})

    @property
    def internal_error(self) -> bool:
        return any(d.code == INTERNAL_ERROR for d in self.diagnostics)


def run_checks(
    targets: Iterable[Target],
    settings: CheckSettings,
    *,
    on_file: Callable[[FileResult], None] | None = None,
    check: CheckFunction = check_target,
) -> RunResult:
    """Check each target with ``check``; the diagnostics come back sorted by path and position."""
    run = RunResult()
    for target in targets:
        result = check(target, settings)
        if on_file is not None:
            on_file(result)
        if not result.checked:
            run.skipped.append((result.path, result.note))
            continue
        run.checked_files.append(result.path)
        run.diagnostics.extend(result.diagnostics)
    run.diagnostics.sort(key=lambda d: d.sort_key)
    return run


def exit_status(
    run: RunResult, *, exit_zero: bool = False, fail_on: Severity = Severity.ERROR
) -> int:
    """0 clean, 1 findings at or above ``fail_on``, 2 a rule crashed (even with ``exit_zero``)."""
    if run.internal_error:
        return 2
    if exit_zero:
        return 0
    failing = run.errors + (run.warnings if fail_on is Severity.WARNING else 0)
    return 1 if failing else 0
