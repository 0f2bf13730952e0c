"""run.py's targets, its --large mode and the one-page measurement (no figure is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import onepage  # noqa: E402
import targets  # noqa: E402
import warm_floor  # noqa: E402
from measure import Catalog, Timing, median_row  # noqa: E402

import run  # noqa: E402


def by_label(verdicts: list[targets.Verdict]) -> dict[str, targets.Verdict]:
    return {verdict.label: verdict for verdict in verdicts}


def test_targets_met_and_not_met() -> None:
    seconds = {targets.JOBS_1: 3.0, targets.FLOOR: 1.0, targets.JOBS_2: 1.5, targets.WARM: 0.1}
    seconds[targets.DEFAULT_COLD] = 1.5
    verdicts = by_label(targets.evaluate(seconds, 59.0))
    floor = verdicts["-j 1 cold / lean floor"]
    assert (floor.value, floor.met, floor.target) == (3.0, False, "at most 1.5")
    jobs = verdicts["-j 1 / -j 2, cold"]
    assert (jobs.value, jobs.met, jobs.target) == (2.0, True, "at least 1.7")
    assert verdicts["cold / warm (default workers)"].met is False  # 15x, not 30x
    assert verdicts["peak RSS, cold run filling the cache"].met is True
    assert targets.evaluate(seconds, 61.0)[-1].met is False
    # Measurements not taken: their targets are left out, not reported as met.
    assert "naive peer / default cold" not in verdicts
    assert "one page changed / python -c pass (medians)" not in verdicts


def test_a_target_without_bound_is_a_figure_only() -> None:
    seconds = {targets.ONE_PAGE_CACHED: 0.1, targets.PYTHON: 0.02}
    [cached] = targets.evaluate(seconds, None)
    assert (cached.value, cached.met) == (5.0, None)
    assert cached.line().endswith("(no target)")


def test_a_failed_run_meets_no_target(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cold = Timing(targets.DEFAULT_COLD, 0.04, 11.0, exit_status=2, fills_cache=True)
    warm = Timing(targets.WARM, 0.02, 10.0)
    assert run.report(Catalog.load(catalog), [cold, warm]) == []
    assert "FAILED (exit 2)" in capsys.readouterr().out
    cold.exit_status = 1  # findings: a run like any other
    labels = [v.label for v in run.report(Catalog.load(catalog), [cold, warm])]
    assert labels == ["cold / warm (default workers)", "peak RSS, cold run filling the cache"]


def test_the_warm_floor_stats_every_folder_and_page(catalog: Path, tmp_path: Path) -> None:
    listing = tmp_path / "listing.txt"
    count = warm_floor.write_listing(catalog, listing)
    pages = Catalog.load(catalog).pages
    folders = {page.parent for page in pages} | {page.parent.parent for page in pages}
    assert count == len(pages) + len(folders) + 1  # and _cache itself
    script = [sys.executable, str(BENCHMARKS / "warm_floor.py"), str(listing)]
    done = subprocess.run(script, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"{count} paths, 0 gone\n")
    pages[0].unlink()
    assert subprocess.run(script, capture_output=True, check=False).returncode == 1


def test_each_changed_run_has_other_bytes() -> None:
    original = b"---\ntitle: x\n---"
    edits = {onepage.edited(original, run) for run in range(onepage.REPEATS)}
    assert len(edits) == onepage.REPEATS
    assert all(edit.startswith(original + b"\n") for edit in edits)


def test_one_page_gets_its_bytes_back(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(onepage, "REPEATS", 2)
    monkeypatch.setattr(onepage, "compile_cachelint", lambda: None)  # writes in the package
    loaded = Catalog.load(catalog)
    before = {page: page.read_bytes() for page in loaded.pages}
    timings = onepage.time_one_page(loaded)
    assert [t.name for t in timings] == [
        f"{name} (median of 2)"
        for name in (
            targets.PYTHON,
            targets.IMPORTS_FLOOR,
            targets.ONE_PAGE_CACHED,
            targets.ONE_PAGE_CHANGED,
        )
    ]
    assert {page: page.read_bytes() for page in loaded.pages} == before


def test_large_mode_times_only_cold_and_warm(catalog: Path) -> None:
    command = [sys.executable, str(BENCHMARKS / "run.py"), str(catalog), "--large"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    names = [
        line[: run.NAME_WIDTH].strip()
        for line in done.stdout.splitlines()[2:]
        if line[:1] not in " ("
    ]
    assert names[:3] == [
        f"{targets.DEFAULT_COLD} (median of {run.COLD_REPEATS})",
        f"{targets.WARM} (median of {run.WARM_REPEATS})",
        f"{targets.WARM_FLOOR} (median of {run.WARM_REPEATS})",
    ]
    assert "cold / warm (default workers)" in done.stdout
    assert "warm / warm floor" in done.stdout
    assert "peak RSS, cold run filling the cache" in done.stdout
    for absent in (targets.FLOOR, targets.JOBS_1, targets.NAIVE, "one page"):
        assert absent not in done.stdout


def test_repeated_runs_make_one_row_of_their_medians() -> None:
    runs = [
        Timing(targets.WARM, seconds, rss, cpu_seconds=seconds / 2)
        for seconds, rss in ((0.3, 40.0), (0.1, 42.0), (0.2, None))
    ]
    row = median_row(runs)
    assert (row.name, row.seconds, row.cpu_seconds, row.rss_mb, row.exit_status) == (
        f"{targets.WARM} (median of 3)",
        0.2,
        0.1,
        42.0,
        0,
    )
    assert median_row(runs[:1]).name == targets.WARM
    runs[1].exit_status = 2
    assert run.failed(median_row(runs)) == "  FAILED (exit 2)"
