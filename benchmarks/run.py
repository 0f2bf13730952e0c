"""Time cachelint against reading the pages, the lean floor and the naive peer, in one run.

    python benchmarks/run.py CATALOG [--json results.json] [--skip-naive] [--large]

Prints, for each measurement, seconds, CPU seconds, MB/s and pages/s over the
catalog's pages (MB = 10**6 bytes of ``_cache/*/*/specs.md``) and the peak RSS
of the process, then each target of issue 14 (``targets.py``) with this run's
figure and whether it is met. Every command runs as its own process.

Options of cachelint that have not landed are detected in ``cachelint check
--help`` when the benchmark starts: with ``--jobs`` it times ``-j 1`` (and
``-j 2`` where that is not the default); with ``--cache-dir`` (or
``--no-cache``) a cold run that fills the result cache and a warm re-run with
nothing changed. ``--large`` (the 1 GB catalog) times only the cold and the
warm run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import onepage
import targets
import warm_floor
from measure import (
    Catalog,
    Timing,
    cachelint_command,
    cachelint_options,
    median_row,
    run_process,
)

HERE = Path(__file__).resolve().parent
NAME_WIDTH = 56  # the measurements' column: the longest name, with "(median of 7)"
COLD_REPEATS = 3  # runs of each cold command
WARM_REPEATS = 5  # runs of the warm run and of the warm floor


def time_reading(catalog: Catalog) -> Timing:
    """Read every page in this process (the floor any checker stands on).

    The pages are read once untimed first: every later measurement finds them
    in the page cache, so the floor must too (a disk read would flatter the
    ratios against it).
    """
    warm_page_cache(catalog)
    start = time.perf_counter()
    for page in catalog.pages:
        page.read_bytes()
    return Timing(targets.READING, time.perf_counter() - start, None)


def warm_page_cache(catalog: Catalog) -> None:
    for page in catalog.pages:
        page.read_bytes()


def time_floor(catalog: Catalog) -> Timing:
    """``floor.py``: read, split, orjson, the jsonschema-rs verdict, one invariant pass."""
    return run_process(targets.FLOOR, [sys.executable, str(HERE / "floor.py"), str(catalog.root)])


def time_warm_floor(listing: Path) -> Timing:
    """``warm_floor.py``: a ``stat`` of every folder and page, from a listing made untimed."""
    command = [sys.executable, str(HERE / "warm_floor.py"), str(listing)]
    return run_process(targets.WARM_FLOOR, command)


def default_jobs() -> int:
    """What cachelint's ``--jobs`` defaults to: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class CacheFlags:
    """How to run cold and warm, with whichever cache options cachelint has."""

    def __init__(self, options: str, cache_dir: Path) -> None:
        self.own_dir = "--cache-dir" in options
        self.can_disable = "--no-cache" in options
        self.cache_dir = cache_dir

    @property
    def has_cache(self) -> bool:
        return self.own_dir or self.can_disable

    def cold(self) -> list[str]:
        """Flags for a run that finds no cached result (and, with --cache-dir, fills one)."""
        if self.own_dir:
            shutil.rmtree(self.cache_dir, ignore_errors=True)
            return ["--cache-dir", str(self.cache_dir)]
        return ["--no-cache"] if self.can_disable else []

    def warm(self) -> list[str]:
        """Flags for a run that finds the results of the last run with these flags."""
        return ["--cache-dir", str(self.cache_dir)] if self.own_dir else []


def time_cachelint(catalog: Catalog, *, fastpath_off: bool, large: bool) -> list[Timing]:
    """cachelint end to end: workers and result cache as far as this version has them.

    The cold runs take turns ``COLD_REPEATS`` times, then the warm run and the
    warm floor ``WARM_REPEATS`` times: each row is the median of its runs, and
    the machine's drift (its speed moves by tens of percent from one minute
    to the next) falls on both sides of a ratio alike.
    """
    options = cachelint_options()
    check = [*cachelint_command(), "check", str(catalog.root), "--output-format", "concise"]
    cache_dir = Path(tempfile.mkdtemp(prefix="cachelint-bench-cache-"))
    cache = CacheFlags(options, cache_dir)
    try:
        runs = time_cold(check, cache, jobs="--jobs" in options and not large)
        if cache.has_cache:
            if not cache.own_dir:  # a --no-cache run wrote nothing: fill the default cache
                fill = run_process(targets.CACHE_FILLING, [*check, *cache.warm()])
                fill.fills_cache = True
                runs[targets.CACHE_FILLING] = [fill]
            runs.update(time_warm(catalog, [*check, *cache.warm()]))
        if fastpath_off:
            env = {**os.environ, "CACHELINT_NO_FASTPATH": "1"}
            off = [*check, *cache.cold()]
            runs["fast path off"] = [run_process("cachelint, fast path off", off, env=env)]
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    return [median_row(timings) for timings in runs.values()]


def time_cold(check: list[str], cache: CacheFlags, *, jobs: bool) -> dict[str, list[Timing]]:
    """``-j 1`` (and ``-j 2`` where it is not the default) and the default run, cold, in turn.

    The default run goes last: the warm runs find the cache it filled.
    """
    runs: dict[str, list[Timing]] = defaultdict(list)
    for _ in range(COLD_REPEATS):
        if jobs:
            j1 = [*check, "-j", "1", *cache.cold()]
            runs[targets.JOBS_1].append(run_process(targets.JOBS_1, j1))
            if default_jobs() != 2:
                j2 = [*check, "-j", "2", *cache.cold()]
                runs[targets.JOBS_2].append(run_process(targets.JOBS_2, j2))
        cold = run_process(targets.DEFAULT_COLD, [*check, *cache.cold()])
        cold.fills_cache = cache.own_dir
        runs[targets.DEFAULT_COLD].append(cold)
    return runs


def time_warm(catalog: Catalog, warm: list[str]) -> dict[str, list[Timing]]:
    """The warm run and the warm floor, in turn."""
    runs: dict[str, list[Timing]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="cachelint-bench-listing-") as folder:
        listing = Path(folder) / "listing.txt"
        warm_floor.write_listing(catalog.root, listing)
        for _ in range(WARM_REPEATS):
            runs[targets.WARM].append(run_process(targets.WARM, warm))
            runs[targets.WARM_FLOOR].append(time_warm_floor(listing))
    return runs


def time_naive(catalog: Catalog) -> Timing:
    """The naive peer: python-frontmatter + jsonschema.validate + plain invariants."""
    command = [sys.executable, str(HERE / "naive_peer.py"), str(catalog.root)]
    return run_process(targets.NAIVE, command)


def report(catalog: Catalog, timings: list[Timing]) -> list[targets.Verdict]:
    """Print the table and the targets; returns the targets' verdicts."""
    megabytes, pages = catalog.bytes / 1e6, len(catalog.pages)
    print(f"catalog: {catalog.root}  {pages:,} pages  {megabytes:,.1f} MB")
    print(
        f"{'measurement':<{NAME_WIDTH}} {'seconds':>9} {'CPU s':>8} {'MB/s':>9} {'pages/s':>10} "
        f"{'peak RSS':>9}"
    )
    for t in timings:
        whole = t.name.partition(" (")[0] not in targets.ONE_PAGE  # not one process start
        rate = f"{megabytes / t.seconds:9.1f} {pages / t.seconds:10,.0f}" if whole else " " * 20
        cpu = f"{t.cpu_seconds:8.2f}" if t.cpu_seconds is not None else "       -"
        rss = f"{t.rss_mb:6.1f} MB" if t.rss_mb is not None else "        -"
        print(f"{t.name:<{NAME_WIDTH}} {t.seconds:9.3f} {cpu} {rate} {rss}{failed(t)}")
    # A run that crashed or refused its arguments measures nothing: no target from it.
    seconds = {t.name.partition(" (")[0]: t.seconds for t in timings if not failed(t)}
    jobs_2_is_default = default_jobs() == 2 and targets.DEFAULT_COLD in seconds
    if targets.JOBS_1 in seconds and targets.JOBS_2 not in seconds and jobs_2_is_default:
        print("(-j 2 is the default here: the default cold run stands for it)")
        seconds[targets.JOBS_2] = seconds[targets.DEFAULT_COLD]
    filling = next((t.rss_mb for t in timings if t.fills_cache and not failed(t)), None)
    verdicts = targets.evaluate(seconds, filling)
    targets.report(verdicts)
    return verdicts


def failed(timing: Timing) -> str:
    """`` FAILED (exit N)`` for a run that exited with neither 0 (clean) nor 1 (findings)."""
    return "" if timing.exit_status in (0, 1) else f"  FAILED (exit {timing.exit_status})"


def measure_all(catalog: Catalog, args: argparse.Namespace) -> list[Timing]:
    """Every measurement the options ask for, in order."""
    if args.large:  # cold and warm only, on pages already in the page cache
        warm_page_cache(catalog)
        return time_cachelint(catalog, fastpath_off=False, large=True)
    timings = [time_reading(catalog), time_floor(catalog)]
    timings += time_cachelint(catalog, fastpath_off=args.fastpath_off, large=False)
    if not args.skip_naive:
        timings.append(time_naive(catalog))
    return timings + onepage.time_one_page(catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("catalog", type=Path, help="catalog root (see generate.py)")
    parser.add_argument("--skip-naive", action="store_true", help="do not time the naive peer")
    parser.add_argument(
        "--large",
        action="store_true",
        help="the 1 GB run: only cachelint cold (filling the cache) and warm, with peak RSS",
    )
    parser.add_argument(
        "--fastpath-off", action="store_true", help="also time cachelint with the fast path off"
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also time --changed-since (3 pages) and --shard (4 shards): see scale.py",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    catalog = Catalog.load(args.catalog)
    if not catalog.pages:
        parser.error(f"no _cache/*/*/specs.md below {args.catalog}")
    timings = measure_all(catalog, args)
    verdicts = report(catalog, timings)
    ratios = [(v.label, v.value) for v in verdicts]
    if args.scale:
        import scale

        scale_timings, scale_ratios = scale.measure(catalog, pages=3, shards=4)
        print()
        scale.report(scale_timings, scale_ratios)
        timings += scale_timings
        ratios += scale_ratios
    if args.json:
        figures = {
            "pages": len(catalog.pages),
            "bytes": catalog.bytes,
            "timings": [asdict(t) for t in timings],
            "ratios": dict(ratios),
            "targets": [asdict(v) for v in verdicts],
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
