"""Time cachelint against reading the pages and against the naive peer, in one run.

    python benchmarks/run.py CATALOG [--json results.json] [--skip-naive]

Prints, for each measurement, seconds, MB/s and pages/s over the catalog's
pages (MB = 10**6 bytes of ``_cache/*/*/specs.md``) and the peak RSS of the
process, then the ratios the targets are stated in. Every command runs as its
own process; its peak RSS comes from ``os.wait4``.

Options of cachelint that have not landed yet are detected in
``cachelint check --help`` when the benchmark starts: with ``--jobs`` it times
``-j 1`` and the default; with ``--cache-dir`` (or ``--no-cache``) it times a
cold run and a warm re-run with nothing changed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GNU_TIME = Path("/usr/bin/time").is_file() and sys.platform.startswith("linux")
ONE_PAGE_REPEATS = 7


@dataclass
class Timing:
    """One measurement."""

    name: str
    seconds: float
    rss_mb: float | None
    exit_status: int = 0
    cpu_seconds: float | None = None  # user + system, of the process and its workers


@dataclass(frozen=True)
class Catalog:
    """The pages the benchmark measures."""

    root: Path
    pages: list[Path]
    bytes: int

    @classmethod
    def load(cls, root: Path) -> Catalog:
        pages = sorted(root.glob("_cache/*/*/specs.md"))
        return cls(root, pages, sum(page.stat().st_size for page in pages))


def run_process(
    name: str, command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> Timing:
    """Run ``command`` to the end; its wall time, CPU time and peak RSS."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss_file:
        # A child's ru_maxrss starts at its parent's RSS (fork, then exec), so the
        # peak is measured by GNU time, a small process, where it is installed.
        prefix = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name] if GNU_TIME else []
        start = time.perf_counter()
        process = subprocess.Popen(
            [*prefix, *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd
        )
        assert process.stderr is not None
        errors = process.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        measured = rss_file.read().split()
    exit_status = os.waitstatus_to_exitcode(status)
    if exit_status not in (0, 1):
        print(f"  {name}: exit status {exit_status}\n{errors[-2000:]}", file=sys.stderr)
    kilobytes = int(measured[-1]) if GNU_TIME and measured else _kilobytes(usage.ru_maxrss)
    # The child's usage includes its reaped children: the workers, and under GNU time, cachelint.
    cpu = usage.ru_utime + usage.ru_stime
    return Timing(name, seconds, kilobytes / 1024, exit_status, cpu_seconds=cpu)


def _kilobytes(maxrss: int) -> int:
    return maxrss // 1024 if sys.platform == "darwin" else maxrss  # bytes on macOS


def time_reading(catalog: Catalog) -> Timing:
    """Read every page in this process (the floor any checker stands on).

    The pages are read once untimed first: every later measurement finds them
    in the page cache, so the floor must too (a disk read would flatter the
    ratios against it).
    """
    for page in catalog.pages:
        page.read_bytes()
    start = time.perf_counter()
    for page in catalog.pages:
        page.read_bytes()
    return Timing("read every page", time.perf_counter() - start, None)


def cachelint_command() -> list[str]:
    """The console script pre-commit and CI run, from this interpreter's environment."""
    script = shutil.which("cachelint", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "cachelint"]


def cachelint_options() -> str:
    """``cachelint check --help``: which options this version has."""
    command = [*cachelint_command(), "check", "--help"]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


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


def time_cachelint(catalog: Catalog, *, fastpath_off: bool) -> list[Timing]:
    """cachelint end to end: workers and result cache as far as this version has them."""
    options = cachelint_options()
    check = [*cachelint_command(), "check", str(catalog.root), "--output-format", "concise"]
    cache_dir = Path(tempfile.mkdtemp(prefix="cachelint-bench-cache-"))
    cache = CacheFlags(options, cache_dir)
    timings = []
    try:
        if "--jobs" in options:
            timings.append(run_process("cachelint -j 1, cold", [*check, "-j", "1", *cache.cold()]))
        timings.append(run_process("cachelint default, cold", [*check, *cache.cold()]))
        if cache.has_cache:
            if not cache.own_dir:  # a --no-cache run wrote nothing: fill the default cache
                run_process("fill the cache", [*check, *cache.warm()])
            timings.append(run_process("cachelint default, warm", [*check, *cache.warm()]))
        if fastpath_off:
            env = {**os.environ, "CACHELINT_NO_FASTPATH": "1"}
            off = [*check, *cache.cold()]
            timings.append(run_process("cachelint, fast path off", off, env=env))
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    return timings


def time_naive(catalog: Catalog) -> Timing:
    """The naive peer: python-frontmatter + jsonschema.validate + plain invariants."""
    command = [sys.executable, str(HERE / "naive_peer.py"), str(catalog.root)]
    return run_process("naive peer", command)


def compile_cachelint() -> None:
    """Compile cachelint's bytecode, as installing a wheel does (pre-commit installs one).

    An editable install under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
    every module from source on every start, and time that instead.
    """
    import compileall

    import cachelint

    compileall.compile_dir(Path(cachelint.__file__).parent, quiet=1)


def time_one_page(catalog: Catalog) -> list[Timing]:
    """One page as pre-commit runs it (the console script on one file) vs ``python -c pass``."""
    compile_cachelint()
    by_size = sorted(catalog.pages, key=lambda page: page.stat().st_size)
    page = by_size[len(by_size) // 2]  # a page of median size
    runs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "cachelint, one page": [*cachelint_command(), "check", str(page)],
    }
    timings = []
    for name, command in runs.items():
        samples = [run_process(name, command) for _ in range(ONE_PAGE_REPEATS)]
        seconds = statistics.median(t.seconds for t in samples)
        rss = max(t.rss_mb or 0 for t in samples)
        timings.append(Timing(f"{name} (median of {ONE_PAGE_REPEATS})", seconds, rss))
    return timings


def report(catalog: Catalog, timings: list[Timing]) -> list[tuple[str, float]]:
    """Print the table and the ratios; returns the ratios."""
    megabytes, pages = catalog.bytes / 1e6, len(catalog.pages)
    print(f"catalog: {catalog.root}  {pages:,} pages  {megabytes:,.1f} MB")
    print(f"{'measurement':<40} {'seconds':>9} {'MB/s':>9} {'pages/s':>10} {'peak RSS':>9}")
    for t in timings:
        whole = "one page" not in t.name and "-c pass" not in t.name
        rate = f"{megabytes / t.seconds:9.1f} {pages / t.seconds:10,.0f}" if whole else " " * 20
        rss = f"{t.rss_mb:6.1f} MB" if t.rss_mb is not None else "        -"
        print(f"{t.name:<40} {t.seconds:9.3f} {rate} {rss}")
    ratios = _ratios({t.name.partition(" (")[0]: t.seconds for t in timings})
    print("\nratios (how many times faster / slower)")
    for name, value in ratios:
        print(f"  {name:<58} {value:8.1f}x")
    return ratios


def _ratios(seconds: dict[str, float]) -> list[tuple[str, float]]:
    default = seconds.get("cachelint default, cold")
    wanted = [
        ("naive peer / cachelint default cold (target >= 100)", "naive peer", default),
        ("cachelint default cold / reading (target <= 10)", default, "read every page"),
        ("cachelint -j 1 / default (target >= 1.5)", "cachelint -j 1, cold", default),
        ("cachelint cold / warm (target >= 20)", default, "cachelint default, warm"),
        ("cachelint fast path off / on", "cachelint, fast path off", default),
        ("one page / python -c pass (target <= 7)", "cachelint, one page", "python -c pass"),
    ]
    ratios = []
    for label, top, bottom in wanted:
        top_s = seconds.get(top) if isinstance(top, str) else top
        bottom_s = seconds.get(bottom) if isinstance(bottom, str) else bottom
        if top_s and bottom_s:
            ratios.append((label, top_s / bottom_s))
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("catalog", type=Path, help="catalog root (see generate.py)")
    parser.add_argument("--skip-naive", action="store_true", help="do not time the naive peer")
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
    timings = [time_reading(catalog)]
    timings += time_cachelint(catalog, fastpath_off=args.fastpath_off)
    if not args.skip_naive:
        timings.append(time_naive(catalog))
    timings += time_one_page(catalog)
    ratios = report(catalog, timings)
    if args.scale:
        import scale  # after this module is loaded: it imports from it

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
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
