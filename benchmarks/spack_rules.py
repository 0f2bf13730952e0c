"""What the Spack rules (CL6xx) cost: checking with them against checking without.

    python benchmarks/spack_rules.py CATALOG [--repeats 5] [--jobs 1] [--cold]
    python benchmarks/spack_rules.py CATALOG --per-rule
    python benchmarks/spack_rules.py CATALOG --instructions
    python benchmarks/spack_rules.py CATALOG --side-by-side [--repeats 15] [--jobs 2] [--cold]

Two measurements, each of the default selection against ``--ignore CL6``,
``--repeats`` times each:

- per page, in this process: every page checked as ``cachelint check`` does
  (read, parse, schema, rules; no cache), with and without in turn, page by
  page, in a random order on each page (whichever runs first on a page pays
  for what the other then finds warm); the sum over the pages of each page's
  least CPU time: the steadiest figure on a shared machine;
- end to end: ``cachelint check CATALOG --no-cache`` in its own process (with
  ``--cold``: the default run, filling an empty result cache), the medians of
  wall and CPU time (with the workers) and the least CPU time of each, whose
  ratio is the figure (the medians scatter with the machine's load); this adds the one-off import of
  archspec (about 15 ms) to the per-page cost, and the noise of whatever else
  runs on the machine. The runs go in pairs, one of each variant, in a
  (seeded) random order within each pair; the median of the pairs' ratios of
  CPU time, and their lowest and highest, follow: on a shared machine whose
  speed drifts by up to 70% from one minute to the next, the two runs of a
  pair, seconds apart, see about the same machine, and a pair's ratio keeps
  little of the drift that the medians and the least times of all the runs
  mix in.

The target (issue 16) is a ratio under 1.10. The end-to-end difference is two
noisy medians apart; the last line puts the steady per-page figure over the
cold run instead: what the rules add to checking the pages, as a share of a
whole run's CPU time without them.

``--per-rule`` measures instead, in this process and the same way, what each
CL6xx rule costs alone: the default selection with every other CL6xx rule
ignored, against ``--ignore CL6``, besides all of them together. A rule alone
also pays for the page's columns it is the first to ask for, so the figures
add up to more than the cost of all of them.

``--side-by-side`` runs the end-to-end pairs instead with both runs of a pair
at the same time, one beside the other (the machine has two cores): the two
see the same minutes of a machine whose speed drifts, which runs one after
the other do not, and share its caches alike. Each pair's ratio of CPU time
(with the workers) is one sample; the median of the pairs and their
quartiles are the figure. With ``-j 2`` (the default run's workers on two
cores) the pair runs four processes on two cores, the same for both.

``--instructions`` runs instead the cold end-to-end run (``-j 1``, a new empty
``--cache-dir``) once with and once without the rules under valgrind's
cachegrind, with the caches and branch predictor simulated, and prints what
it counted: instructions, first-level and last-level cache misses,
mispredicted branches, and simulated cycles by a common simple cycle model
(an instruction 1 cycle, a first-level miss 10 more, a last-level miss 100,
a mispredicted branch 15); the machine's other load moves none of them.
cachegrind runs about 50 times slower than the run itself: it is meant for
the 20 MB catalog (``/tmp/bench-cat``, 1,188 pages), 40 to 90 seconds a
variant on the shared 2-core machine (each variant's time is printed). It
needs ``valgrind``; without it the script exits with status 2.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Catalog, Timing, cachelint_command, compile_cachelint, run_process

WITH, WITHOUT = "with CL6xx", "--ignore CL6"
IGNORED = {WITH: [], WITHOUT: ["CL6"]}
CACHEGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=yes", "--branch-sim=yes"]


class Simulated(NamedTuple):
    """What cachegrind counted in one run, and the wall seconds the run took under it."""

    instructions: int
    first_level_misses: int
    last_level_misses: int
    mispredicted_branches: int
    seconds: float

    @classmethod
    def from_totals(cls, totals: dict[str, int], seconds: float) -> Simulated:
        """From cachegrind's totals by event name (``Ir``, ``I1mr``, ...)."""
        return cls(
            instructions=totals["Ir"],
            first_level_misses=totals["I1mr"] + totals["D1mr"] + totals["D1mw"],
            last_level_misses=totals["ILmr"] + totals["DLmr"] + totals["DLmw"],
            mispredicted_branches=totals["Bcm"] + totals["Bim"],
            seconds=seconds,
        )

    @property
    def cycles(self) -> int:
        """Simulated cycles, by a common simple cycle model.

        An instruction costs 1 cycle, a first-level miss 10 more, a last-level
        miss 100, a mispredicted branch 15.
        """
        return (
            self.instructions
            + 10 * self.first_level_misses
            + 100 * self.last_level_misses
            + 15 * self.mispredicted_branches
        )


def measure_in_process(catalog: Catalog, *, repeats: int) -> dict[str, float]:
    """The least CPU seconds to check every page, with and without the CL6xx rules."""
    return least_cpu(catalog, IGNORED, repeats=repeats)


def measure_per_rule(catalog: Catalog, *, repeats: int) -> dict[str, float]:
    """The least CPU seconds to check every page with each CL6xx rule alone, all and none."""
    from cachelint.rules.registry import load_rules

    codes = [doc.code for doc in load_rules().documented() if doc.enabled]
    spack = [code for code in codes if code.startswith("CL6")]
    ignored = {**IGNORED, **{code: [c for c in spack if c != code] for code in spack}}
    return least_cpu(catalog, ignored, repeats=repeats)


def least_cpu(catalog: Catalog, ignored: dict[str, list[str]], *, repeats: int) -> dict[str, float]:
    """Per variant (the codes it ignores), the sum over the pages of each page's least CPU time.

    The variants take turns page by page, in a new random order on each page
    (seeded: the same order on every run): the first check of a page finds its
    bytes and the rules' memories colder, and a fixed order would charge that
    to one variant.
    """
    from cachelint.config.check import CheckSettings
    from cachelint.config.selection import build_selection
    from cachelint.rules.registry import load_rules
    from cachelint.run.checker import check_target
    from cachelint.scope.discovery import make_target

    registry = load_rules()
    enabled = [doc.code for doc in registry.documented() if doc.enabled]
    settings = {
        name: CheckSettings(
            registry=registry,
            selection=build_selection(
                known=registry.all_codes(), enabled_by_default=enabled, ignore=codes
            ),
        )
        for name, codes in ignored.items()
    }
    targets = [make_target(page, display=str(page), explicit=True) for page in catalog.pages]
    best = {name: [float("inf")] * len(targets) for name in settings}
    clock = time.process_time_ns
    order = list(settings.items())
    shuffle = random.Random(16).shuffle
    for _ in range(repeats + 1):  # the first round warms up (and imports archspec)
        for index, target in enumerate(targets):
            shuffle(order)
            for name, setting in order:
                start = clock()
                check_target(target, setting)
                best[name][index] = min(best[name][index], clock() - start)
    return {name: sum(times) / 1e9 for name, times in best.items()}


def check_command(
    catalog: Catalog, ignored: list[str], *, jobs: int, cache_dir: str | None
) -> list[str]:
    """``cachelint check`` of the catalog: ``--no-cache``, or filling ``cache_dir``."""
    cache = ["--cache-dir", cache_dir] if cache_dir else ["--no-cache"]
    flags = ["--ignore", *ignored] if ignored else []
    check = [*cachelint_command(), "check", str(catalog.root), "-j", str(jobs)]
    return [*check, *cache, "--output-format", "concise", *flags]


def measure_processes(
    catalog: Catalog, *, repeats: int, jobs: int, cold: bool = False
) -> dict[str, list[Timing]]:
    """``repeats`` pairs of runs, one of each variant: ``samples[name][i]`` is of pair ``i``.

    The two runs of a pair go in a new random order (seeded: the same on every
    run): which runs first shifts a pair's ratio (the median by about 1.5%,
    README.md), and a fixed order would charge that to one variant.

    ``--no-cache`` runs, or with ``cold`` the default run filling an empty result
    cache (a new ``--cache-dir`` each time): the cold run of issue 16's target.
    """
    compile_cachelint()
    samples: dict[str, list[Timing]] = {name: [] for name in IGNORED}
    order = list(IGNORED.items())
    shuffle = random.Random(16).shuffle
    for _ in range(repeats):
        shuffle(order)
        for name, ignored in order:
            with tempfile.TemporaryDirectory(prefix="cachelint-cold-") as empty:
                cache_dir = empty if cold else None
                command = check_command(catalog, ignored, jobs=jobs, cache_dir=cache_dir)
                samples[name].append(run_process(name, command))
    return samples


def measure_side_by_side(
    catalog: Catalog, *, repeats: int, jobs: int, cold: bool
) -> list[tuple[float, float]]:
    """``repeats`` pairs, the two runs of each started together: (CPU with, CPU without)."""
    compile_cachelint()
    pairs = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="cachelint-cold-") as empty:
            started = {}
            for name, ignored in IGNORED.items():
                cache_dir = os.path.join(empty, name.replace(" ", "-")) if cold else None
                command = check_command(catalog, ignored, jobs=jobs, cache_dir=cache_dir)
                started[name] = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            cpu = {name: cpu_seconds_of(process) for name, process in started.items()}
        pairs.append((cpu[WITH], cpu[WITHOUT]))
    return pairs


def cpu_seconds_of(process: subprocess.Popen[bytes]) -> float:
    """The CPU seconds of ``process`` and its reaped children (the workers), once it ends."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"exit status {process.returncode} of {process.args}")
    return usage.ru_utime + usage.ru_stime


def report_side_by_side(pairs: list[tuple[float, float]], *, jobs: int) -> None:
    """Print the median and quartiles of the pairs' ratios of CPU time."""
    ratios = sorted(with_ / without for with_, without in pairs)
    quarter = len(ratios) // 4
    print(f"end to end, side by side (-j {jobs}; each pair's two runs at the same time):")
    for (with_, without), ratio in zip(pairs, (w / wo for w, wo in pairs), strict=True):
        print(f"  cpu {with_:7.3f} s with, {without:7.3f} s without: {ratio:.3f}")
    print(
        f"  with / without, cpu (median of the {len(ratios)} pairs): "
        f"{statistics.median(ratios):.3f}  (quartiles {ratios[quarter]:.3f} to "
        f"{ratios[-1 - quarter]:.3f}; target < 1.10)"
    )


def pair_ratios(cpu: dict[str, list[float]]) -> list[float]:
    """Each pair's CPU time with the rules over its CPU time without them."""
    return [w / wo for w, wo in zip(cpu[WITH], cpu[WITHOUT], strict=True)]


def measure_instructions(catalog: Catalog) -> dict[str, Simulated]:
    """The cold ``-j 1`` run, with and without the CL6xx rules, once each under cachegrind.

    ``-j 1`` checks every page in the one process cachegrind follows.
    """
    compile_cachelint()
    counts: dict[str, Simulated] = {}
    for name, ignored in IGNORED.items():
        with (
            tempfile.TemporaryDirectory(prefix="cachelint-cold-") as empty,
            tempfile.NamedTemporaryFile(prefix="cachelint-", suffix=".cachegrind") as out,
        ):
            check = check_command(catalog, ignored, jobs=1, cache_dir=empty)
            start = time.perf_counter()
            run_cachegrind([*CACHEGRIND, f"--cachegrind-out-file={out.name}", *check])
            totals = read_cachegrind(Path(out.name))
            counts[name] = Simulated.from_totals(totals, time.perf_counter() - start)
    return counts


def run_cachegrind(command: list[str]) -> None:
    """Run ``command`` (valgrind's) to the end; exits on anything but cachelint's 0 or 1."""
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"exit status {done.returncode} of {command}:\n{done.stderr[-2000:]}")


def read_cachegrind(path: Path) -> dict[str, int]:
    """The totals of a cachegrind output file by event name: its ``events:`` and ``summary:``."""
    fields: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        key, _, values = line.partition(": ")
        if key in ("events", "summary"):
            fields[key] = values.split()
    if fields.keys() != {"events", "summary"}:
        sys.exit(f"no events: and summary: lines in {path}")
    return dict(zip(fields["events"], map(int, fields["summary"]), strict=True))


def report_in_process(catalog: Catalog, best: dict[str, float]) -> float:
    """Print the per-page figures; returns the ratio."""
    pages = len(catalog.pages)
    print("per page, in process (sum of each page's least CPU seconds):")
    print(f"  {WITH}: {best[WITH]:.3f}   {WITHOUT}: {best[WITHOUT]:.3f}")
    print(f"  CL6xx per page: {(best[WITH] - best[WITHOUT]) * 1000 / pages:+.3f} ms")
    ratio = best[WITH] / best[WITHOUT]
    print(f"  with / without: {ratio:.3f}  (the page checks alone; the target is of the run)")
    return ratio


def report_processes(samples: dict[str, list[Timing]]) -> float:
    """Print the end-to-end figures; returns the least CPU seconds of a run without CL6xx.

    The least of the runs is the run the machine disturbed least (what else
    runs only adds time); the medians show how far the runs scatter.
    """
    cpu = {name: [t.cpu_seconds or 0.0 for t in runs] for name, runs in samples.items()}
    wall = {name: statistics.median(t.seconds for t in runs) for name, runs in samples.items()}
    print("end to end, one process per run (medians, and the least CPU time):")
    for name in IGNORED:
        median, least = statistics.median(cpu[name]), min(cpu[name])
        print(f"  {name:<14} wall {wall[name]:7.3f} s   cpu {median:7.3f} s   least {least:7.3f} s")
    print(f"  with / without, wall (medians): {wall[WITH] / wall[WITHOUT]:.3f}")
    walls = {name: min(t.seconds for t in runs) for name, runs in samples.items()}
    print(f"  with / without, least wall:     {walls[WITH] / walls[WITHOUT]:.3f}")
    medians = statistics.median(cpu[WITH]) / statistics.median(cpu[WITHOUT])
    print(f"  with / without, cpu (medians):  {medians:.3f}")
    ratio = min(cpu[WITH]) / min(cpu[WITHOUT])
    print(f"  with / without, least cpu:      {ratio:.3f}  (target < 1.10)")
    pairs = pair_ratios(cpu)
    spread = f"{min(pairs):.3f} to {max(pairs):.3f}"
    print(
        f"  with / without, cpu (median of the {len(pairs)} pairs): "
        f"{statistics.median(pairs):.3f}  (pairs {spread}; target < 1.10)"
    )
    return min(cpu[WITHOUT])


def report_share(best: dict[str, float], cpu_without: float) -> None:
    """Print the rules' in-process cost over the whole run's CPU time without them."""
    share = (best[WITH] - best[WITHOUT]) / cpu_without
    print("the rules' per-page cost over the end-to-end run without them:")
    print(f"  {share:.1%} of the run's CPU time  (target < 10%)")


def report_instructions(counts: dict[str, Simulated]) -> None:
    """Print what cachegrind counted in each variant, their ratios, and the rules' share."""
    print("cold end to end under cachegrind, one run each (-j 1):")
    header = ("instructions", "L1 misses", "LL misses", "mispredicted", "sim. cycles", "took")
    print(f"  {'':<14}{''.join(f'{title:>16}' for title in header)}")
    for name, run in counts.items():
        figures = (
            run.instructions,
            run.first_level_misses,
            run.last_level_misses,
            run.mispredicted_branches,
            run.cycles,
        )
        row = "".join(f"{figure:>16,}" for figure in figures)
        print(f"  {name:<14}{row}{run.seconds:>14.1f} s")
    print("  (sim. cycles: instructions + 10 x L1 misses + 100 x LL misses + 15 x mispredicted)")
    with_, without = counts[WITH], counts[WITHOUT]
    print(f"  with / without, instructions:     {with_.instructions / without.instructions:.3f}")
    print(f"  with / without, simulated cycles: {with_.cycles / without.cycles:.3f}")
    share = (with_.cycles - without.cycles) / without.cycles
    print("the rules' simulated cycles over the cold run without them:")
    print(f"  {share:.1%} of the run's simulated cycles  (target < 10%)")


def report_per_rule(catalog: Catalog, best: dict[str, float]) -> None:
    """Print each variant's cost over ``--ignore CL6``, in ms for the catalog and per page."""
    pages = len(catalog.pages)
    base = best[WITHOUT]
    print("per rule, in process (sum of each page's least CPU, over --ignore CL6):")
    print(f"  --ignore CL6: {base * 1000:.1f} ms for the catalog")
    for name, seconds in best.items():
        if name != WITHOUT:
            extra = (seconds - base) * 1000
            label = "all CL6xx" if name == WITH else name
            print(f"  {label:<10} {extra:+7.1f} ms   {extra * 1000 / pages:+6.1f} us a page")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("catalog", type=Path, help="catalog root (see generate.py)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each variant")
    parser.add_argument("--jobs", type=int, default=1, help="cachelint -j (default 1)")
    parser.add_argument(
        "--per-rule", action="store_true", help="what each CL6xx rule costs alone, in process"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="end to end: the default run filling an empty result cache, not --no-cache",
    )
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="end to end only, the two runs of each pair at the same time",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="the cold -j 1 run once each under cachegrind (valgrind): counts, not seconds",
    )
    args = parser.parse_args(argv)
    if args.instructions and args.jobs != 1:
        parser.error("--instructions runs -j 1: cachegrind follows one process")
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind (cachegrind), not found on PATH", file=sys.stderr)
        return 2
    catalog = Catalog.load(args.catalog)
    if not catalog.pages:
        parser.error(f"no _cache/*/*/specs.md below {args.catalog}")
    print(f"catalog: {catalog.root}  {len(catalog.pages):,} pages  {catalog.bytes / 1e6:,.1f} MB")
    if args.per_rule:
        report_per_rule(catalog, measure_per_rule(catalog, repeats=args.repeats))
        return 0
    if args.instructions:
        report_instructions(measure_instructions(catalog))
        return 0
    if args.side_by_side:
        pairs = measure_side_by_side(catalog, repeats=args.repeats, jobs=args.jobs, cold=args.cold)
        report_side_by_side(pairs, jobs=args.jobs)
        return 0
    best = measure_in_process(catalog, repeats=args.repeats)
    report_in_process(catalog, best)
    samples = measure_processes(catalog, repeats=args.repeats, jobs=args.jobs, cold=args.cold)
    cpu_without = report_processes(samples)
    report_share(best, cpu_without)
    return 0


if __name__ == "__main__":
    sys.exit(main())
