"""``--fix`` and ``--diff``: repair every target, then check what remains."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cachelint.config.check import CheckSettings
from cachelint.errors import FixWriteError
from cachelint.fix.diff import render_diff
from cachelint.fix.writer import replace_file
from cachelint.model import FileResult
from cachelint.record import MutableRecord, fill
from cachelint.report.escape import terminal_path
from cachelint.run.checker import check_target
from cachelint.run.reading import target_boundary
from cachelint.run.runner import RunResult, run_checks
from cachelint.scope.discovery import Target
from cachelint.wording import plural


class FixRun(MutableRecord):
    """What a fixing run did; ``run`` holds the findings that remain.

    With ``write=False`` nothing is written: ``run`` holds the findings as they
    are, and the counts say what ``--fix`` would repair.
    """

    __slots__ = (
        "diffs",
        "failures",
        "fixed_codes",
        "repaired_files",
        "repaired_findings",
        "run",
        "write",
    )

    write: bool
    run: RunResult
    repaired_findings: int
    repaired_files: list[str]
    diffs: list[str]
    failures: list[tuple[str, str]]
    fixed_codes: dict[str, list[str]]  # --show-fixes: per file

    def __init__(self, write: bool, run: RunResult | None = None) -> None:
        fill(self, write, RunResult() if run is None else run)
        self.repaired_findings = 0
        self.repaired_files: list[str] = []
        self.diffs: list[str] = []
        self.failures: list[tuple[str, str]] = []
        self.fixed_codes: dict[str, list[str]] = {}

    def summary(self) -> str:
        """``Fixed 3 findings in 2 files.`` (``Would fix ...`` when nothing is written)."""
        verb = "Fixed" if self.write else "Would fix"
        findings = plural(self.repaired_findings, "finding")
        return f"{verb} {findings} in {plural(len(self.repaired_files), 'file')}."

    def fixes_shown(self) -> str:
        """``--show-fixes``: each file and how many findings of each code were repaired."""
        verb = "Fixed" if self.write else "Would fix"
        rows = [f"{verb} {plural(self.repaired_findings, 'finding')}:"]
        for path, codes in self.fixed_codes.items():
            rows.append(f"- {terminal_path(path)}:")
            rows.extend(f"    {codes.count(code)} x {code}" for code in sorted(set(codes)))
        return "\n".join(rows)


def fix_targets(
    targets: Iterable[Target],
    settings: CheckSettings,
    *,
    write: bool,
    on_file: Callable[[FileResult], None] | None = None,
) -> FixRun:
    """Repair each target (or only diff it), then check it again if it was written."""
    outcome = FixRun(write=write)

    def fix_and_check(target: Target, settings: CheckSettings) -> FileResult:
        result = check_target(target, settings)
        if result.fix is None:
            return result
        if not write:
            outcome.diffs.append(render_diff(target.display, result.fix))
            _count(outcome, result)
            return result
        try:
            inside = target_boundary(target, settings)
            fixed, original = result.fix.fixed, result.fix.original
            replace_file(target.path, fixed, expected=original, inside=inside)
        except FixWriteError as exc:
            outcome.failures.append((target.display, str(exc)))
        else:
            _count(outcome, result)
        return check_target(target, settings)

    outcome.run = run_checks(targets, settings, on_file=on_file, check=fix_and_check)
    return outcome


def _count(outcome: FixRun, result: FileResult) -> None:
    outcome.repaired_findings += sum(d.fixable for d in result.diagnostics)
    outcome.repaired_files.append(result.path)
    outcome.fixed_codes[result.path] = [d.code for d in result.diagnostics if d.fixable]
