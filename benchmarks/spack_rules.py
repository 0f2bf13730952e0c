"""What the Spack rules (CL6xx) cost: a cold run with them against one without.

    python benchmarks/spack_rules.py CATALOG [--repeats 5] [--jobs 1]

Runs ``cachelint check CATALOG --no-cache`` with the default selection and
with ``--ignore CL6``, alternately, ``--repeats`` times each, each in its own
process, and prints the medians of wall and CPU time (user + system, with the
workers), the extra milliseconds per page and the ratio. CPU time is the
steadier figure on a shared machine. The target (issue 16) is a ratio under
1.10.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Catalog, Timing, cachelint_command, compile_cachelint, run_process

VARIANTS = {"with CL6xx": [], "--ignore CL6": ["--ignore", "CL6"]}


def measure(catalog: Catalog, *, repeats: int, jobs: int) -> dict[str, list[Timing]]:
    """``repeats`` cold runs of each variant, interleaved so that drift hits both alike."""
    compile_cachelint()
    check = [*cachelint_command(), "check", str(catalog.root), "--no-cache", "-j", str(jobs)]
    samples: dict[str, list[Timing]] = {name: [] for name in VARIANTS}
    for _ in range(repeats):
        for name, flags in VARIANTS.items():
            samples[name].append(run_process(name, [*check, "--output-format", "concise", *flags]))
    return samples


def report(catalog: Catalog, samples: dict[str, list[Timing]]) -> float:
    """Print the medians and the ratio; returns the CPU-time ratio."""
    pages = len(catalog.pages)
    wall = {name: statistics.median(t.seconds for t in runs) for name, runs in samples.items()}
    cpu = {
        name: statistics.median(t.cpu_seconds or 0.0 for t in runs)
        for name, runs in samples.items()
    }
    print(f"catalog: {catalog.root}  {pages:,} pages  {catalog.bytes / 1e6:,.1f} MB")
    print(f"{'run (median)':<16} {'wall s':>8} {'cpu s':>8}")
    for name in VARIANTS:
        print(f"{name:<16} {wall[name]:8.3f} {cpu[name]:8.3f}")
    with_rules, without = "with CL6xx", "--ignore CL6"
    extra_ms = (cpu[with_rules] - cpu[without]) * 1000 / pages
    print(f"\nCL6xx per page: {extra_ms:+.3f} ms of CPU")
    print(f"with / without, wall: {wall[with_rules] / wall[without]:.3f}  (target < 1.10)")
    ratio = cpu[with_rules] / cpu[without]
    print(f"with / without, cpu:  {ratio:.3f}  (target < 1.10)")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("catalog", type=Path, help="catalog root (see generate.py)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each variant")
    parser.add_argument("--jobs", type=int, default=1, help="cachelint -j (default 1)")
    args = parser.parse_args(argv)
    catalog = Catalog.load(args.catalog)
    if not catalog.pages:
        parser.error(f"no _cache/*/*/specs.md below {args.catalog}")
    report(catalog, measure(catalog, repeats=args.repeats, jobs=args.jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
