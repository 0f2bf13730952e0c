"""Apply ``--baseline`` and ``--write-baseline`` to a finished run."""

from __future__ import annotations

from pathlib import Path

from cachelint.baseline.file import baseline_of, load_baseline, partition, write_baseline
from cachelint.baseline.key import KeyMaker
from cachelint.config.check import CheckSettings
from cachelint.record import Record, fill
from cachelint.report.base import BaselineDelta, BaselineEntry
from cachelint.run.runner import RunResult
from cachelint.wording import plural


class BaselineOutcome(Record):
    """What the baseline did to a run: a line for the user, and whether it was written."""

    __slots__ = ("delta", "note", "wrote")

    note: str
    wrote: bool
    delta: BaselineDelta | None  # for the html report

    def __init__(
        self, note: str = "", wrote: bool = False, delta: BaselineDelta | None = None
    ) -> None:
        fill(self, note, wrote, delta)


def record_baseline(run: RunResult, path: Path, settings: CheckSettings) -> BaselineOutcome:
    """``--write-baseline FILE``: record every finding of the run."""
    keys = KeyMaker(settings.catalogs, limits=settings.limits)
    baseline = baseline_of(run.diagnostics, keys=keys)
    write_baseline(path, baseline)
    pages = len({key.path for key in baseline.entries})
    findings = plural(len(run.diagnostics), "finding")
    return BaselineOutcome(
        f"cachelint: wrote {findings} of {plural(pages, 'file')} to the baseline {path}",
        wrote=True,
    )


def apply_baseline(run: RunResult, path: Path, settings: CheckSettings) -> BaselineOutcome:
    """``--baseline FILE``: keep only the run's new findings; say what was left out."""
    baseline = load_baseline(path, max_size=settings.limits.max_file_size)
    keys = KeyMaker(settings.catalogs, limits=settings.limits)
    split = partition(run.diagnostics, baseline, checked=run.checked_files, keys=keys)
    run.diagnostics = list(split.new)
    gone = len(split.gone)
    note = f"{plural(len(split.baselined), 'finding')} baselined in {path}"
    if gone:
        entries = "entry is" if gone == 1 else "entries are"
        note += f"; {gone} baseline {entries} gone (fixed): run with --write-baseline to drop them"
    fixed = tuple(
        BaselineEntry(key.code, key.path, f"at {key.pointer}" if key.pointer else "")
        for key in split.gone
    )
    delta = BaselineDelta(str(path), split.new, len(split.baselined), fixed, split.baselined)
    return BaselineOutcome(note + ".", delta=delta)
