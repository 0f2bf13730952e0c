"""Time the pull-request modes of issue 9 on a catalog (``run.py --scale``, or alone).

    python benchmarks/scale.py CATALOG [--pages 3] [--shards 4] [--json out.json]

- ``--changed-since`` with a few pages changed, each in another tag (so the
  whole-tag rules total three tags), against ``cachelint check`` on those pages
  alone; cold (``--no-cache``) and warm (a result cache filled by a full run).
  Medians of five runs. The catalog becomes a git repository if it is not one
  (``git init`` and a commit of everything); the changed pages are restored.
- ``--shard K/N``: the CPU time (user + system, workers included) of the N
  shard runs added up, against one unsharded run, both with ``--no-cache``.

Targets: changed / pages alone at most 3; shards / unsharded CPU at most 1.2.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Catalog, Timing, cachelint_command, run_process

REPEATS = 5
GIT_IDENTITY = ["-c", "user.name=benchmark", "-c", "user.email=benchmark@example.invalid"]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *GIT_IDENTITY, *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def ensure_repository(root: Path) -> None:
    """Make the catalog a git repository with everything committed, if it is not one."""
    if not (root / ".git").exists():
        print(f"git init {root} and commit every file (once)", file=sys.stderr)
        git(root, "init", "--quiet")
        git(root, "add", "--all")
        git(root, "commit", "--quiet", "-m", "synthetic catalog")
    if git(root, "status", "--porcelain", "--untracked-files=no").strip():
        raise SystemExit(f"{root} has uncommitted changes; commit or restore them first")


def pages_in_other_tags(catalog: Catalog, count: int) -> list[Path]:
    """``count`` pages of median size, each in another tag."""
    chosen: list[Path] = []
    tags: set[str] = set()
    by_size = sorted(catalog.pages, key=lambda page: page.stat().st_size)
    middle = len(by_size) // 2
    for page in by_size[middle:] + by_size[:middle]:
        tag = page.parent.parent.name
        if tag not in tags:
            chosen.append(page)
            tags.add(tag)
        if len(chosen) == count:
            break
    return chosen


def median_of(name: str, command: list[str], *, cwd: Path) -> Timing:
    samples = [run_process(name, command, cwd=cwd) for _ in range(REPEATS)]
    seconds = statistics.median(t.seconds for t in samples)
    cpu = statistics.median(t.cpu_seconds or 0.0 for t in samples)
    rss = max(t.rss_mb or 0 for t in samples)
    return Timing(f"{name} (median of {REPEATS})", seconds, rss, cpu_seconds=cpu)


def time_changed_since(catalog: Catalog, pages: int) -> list[Timing]:
    """``--changed-since HEAD`` with ``pages`` changed pages vs checking them alone."""
    root = catalog.root.resolve()
    ensure_repository(root)
    changed = pages_in_other_tags(catalog, pages)
    relative = [str(page.resolve().relative_to(root)) for page in changed]
    cache_dir = Path(tempfile.mkdtemp(prefix="cachelint-bench-cache-"))
    check = [*cachelint_command(), "check", "--output-format", "concise"]
    timings = []
    try:
        for page in changed:  # a change of the page's text that keeps its facts
            page.write_bytes(page.read_bytes() + b"\n")
        for label, cache in (("cold", ["--no-cache"]), ("warm", ["--cache-dir", str(cache_dir)])):
            if label == "warm":  # fill the cache as the last full run would have
                run_process("fill the cache", [*check, ".", *cache], cwd=root)
            alone = [*check, *cache, *relative]
            since = [*check, *cache, "--changed-since", "HEAD"]
            timings.append(median_of(f"{pages} pages alone, {label}", alone, cwd=root))
            timings.append(median_of(f"--changed-since, {pages} pages, {label}", since, cwd=root))
    finally:
        git(root, "checkout", "--quiet", "--", *relative)
        shutil.rmtree(cache_dir, ignore_errors=True)
    return timings


def time_shards(catalog: Catalog, count: int) -> list[Timing]:
    """The unsharded run and each of ``count`` shards, without the result cache."""
    root = catalog.root
    check = [*cachelint_command(), "check", ".", "--output-format", "concise", "--no-cache"]
    timings = [run_process("unsharded", check, cwd=root)]
    for index in range(1, count + 1):
        timings.append(
            run_process(f"shard {index}/{count}", [*check, "--shard", f"{index}/{count}"], cwd=root)
        )
    return timings


def ratios(timings: list[Timing], *, pages: int, shards: int) -> list[tuple[str, float]]:
    """The two targets of issue 9, from the timings."""
    by_name = {t.name.partition(" (")[0]: t for t in timings}
    found = []
    for label in ("cold", "warm"):
        alone = by_name.get(f"{pages} pages alone, {label}")
        since = by_name.get(f"--changed-since, {pages} pages, {label}")
        if alone and since:
            found.append(
                (
                    f"--changed-since / {pages} pages alone, {label} (target <= 3)",
                    since.seconds / alone.seconds,
                )
            )
    unsharded = by_name.get("unsharded")
    parts = [by_name.get(f"shard {k}/{shards}") for k in range(1, shards + 1)]
    if unsharded and unsharded.cpu_seconds and all(parts):
        total = sum(t.cpu_seconds or 0.0 for t in parts if t)
        found.append(
            (f"{shards} shards / unsharded, CPU (target <= 1.2)", total / unsharded.cpu_seconds)
        )
        slowest = max(t.seconds for t in parts if t)
        found.append((f"slowest of {shards} shards / unsharded, wall", slowest / unsharded.seconds))
    return found


def report(timings: list[Timing], found: list[tuple[str, float]]) -> None:
    print(f"{'measurement':<44} {'seconds':>9} {'CPU s':>9} {'peak RSS':>9}")
    for t in timings:
        cpu = f"{t.cpu_seconds:9.3f}" if t.cpu_seconds is not None else "        -"
        rss = f"{t.rss_mb:6.1f} MB" if t.rss_mb is not None else "        -"
        print(f"{t.name:<44} {t.seconds:9.3f} {cpu} {rss}")
    print()
    for label, value in found:
        print(f"  {label:<58} {value:8.2f}x")


def measure(
    catalog: Catalog, *, pages: int, shards: int
) -> tuple[list[Timing], list[tuple[str, float]]]:
    """Every measurement of this module, and the ratios."""
    timings: list[Timing] = []
    if pages:
        timings += time_changed_since(catalog, pages)
    if shards:
        timings += time_shards(catalog, shards)
    return timings, ratios(timings, pages=pages, shards=shards)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("catalog", type=Path, help="catalog root (see generate.py)")
    parser.add_argument("--pages", type=int, default=3, help="pages changed (0: skip)")
    parser.add_argument("--shards", type=int, default=4, help="number of shards (0: skip)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    catalog = Catalog.load(args.catalog)
    if not catalog.pages:
        parser.error(f"no _cache/*/*/specs.md below {args.catalog}")
    timings, found = measure(catalog, pages=args.pages, shards=args.shards)
    report(timings, found)
    if args.json:
        figures = {"timings": [asdict(t) for t in timings], "ratios": dict(found)}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
