"""Where a cold ``-j 1`` run's time goes, stage by stage, beside the lean floor.

    python benchmarks/stages.py CATALOG [--repeats 3]

Runs ``cachelint check CATALOG -j 1`` in this process, filling an empty result
cache as a first run does, with a timer around each stage's function (the
names below, looked up where the pipeline calls them). Whatever the timers do
not cover is the walk, the dispatch of pages, the catalog pass and the
process's own work. Then :mod:`floor` checks the same pages in this process.
Each figure is the least of ``--repeats`` runs (the pages in the page cache).

A timer costs about a tenth of a microsecond a call, some 50 calls a page: the
stages add up to a little more than an untimed run takes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, redirect_stdout
from importlib import import_module
from io import StringIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor
from measure import Catalog

# (stage, module, attribute): a function the pipeline looks up in that module,
# or a method of a class there ("Class.method").
STAGES = (
    ("read (boundary, bytes, text)", "cachelint.run.cache.entry", "read_target"),
    ("read (boundary, bytes, text)", "cachelint.run.checker", "read_target"),
    ("stat signatures (cache)", "cachelint.run.cache.entry", "stat_signature"),
    ("split front matter", "cachelint.run.checker", "split_front_matter"),
    ("parse (orjson, duplicate keys)", "cachelint.run.checker", "parse_front_matter"),
    ("schema (jsonschema-rs verdict)", "cachelint.run.checker", "schema_findings"),
    ("rules", "cachelint.run.checker", "_rule_findings"),
    ("catalog facts", "cachelint.run.checker", "page_facts"),
    ("catalog root and site data", "cachelint.catalog.index", "CatalogIndex.root_of_file"),
    ("catalog root and site data", "cachelint.catalog.index", "CatalogIndex.site_of"),
    ("place the result", "cachelint.run.checker", "place_result"),
    ("cache: content key, part", "cachelint.run.cache.entry", "content_key"),
    ("cache: content key, part", "cachelint.run.cache.entry", "place_of"),
    ("cache: encode the result", "cachelint.run.cache.entry", "encode_result"),
    ("cache: store the results", "cachelint.run.cache.results", "ResultCache.store_encoded"),
    ("cache: write the parts", "cachelint.run.cache.results", "ResultCache.save"),
    ("snapshot: record the walk", "cachelint.run.cache.snapshot", "record"),
    ("snapshot: write it", "cachelint.run.cache.snapshot", "RunSnapshot.save"),
    ("report", "cachelint.cli.commands", "write_report"),
)


class Timers:
    """Seconds spent in each stage, summed over the calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        clock, seconds = time.perf_counter, self.seconds

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[stage] += clock() - start

        return timed


@contextmanager
def timed_stages(timers: Timers) -> Iterator[None]:
    """Every function of :data:`STAGES` timed, and put back after."""
    undo = []
    for stage, module_name, attribute in STAGES:
        owner: Any = import_module(module_name)
        name = attribute
        if "." in attribute:
            class_name, name = attribute.split(".")
            owner = getattr(owner, class_name)
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        setattr(owner, name, timers.wrap(stage, original))
        undo.append((owner, name, original))
    try:
        yield
    finally:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)


def cold_run(catalog: Catalog, timers: Timers | None) -> tuple[float, float]:
    """Wall and CPU seconds of one cold ``-j 1`` run in this process."""
    from cachelint.cli.main import main

    with tempfile.TemporaryDirectory(prefix="cachelint-stages-") as cache:
        argv = ["check", str(catalog.root), "-j", "1", "--cache-dir", cache]
        argv += ["--output-format", "concise"]
        stages = timed_stages(timers) if timers is not None else nullcontext()
        wall, cpu = time.perf_counter(), time.process_time()
        with stages, redirect_stdout(StringIO()):
            status = main(argv)
        if status not in (0, 1):
            raise SystemExit(f"cachelint {' '.join(argv)} exited with {status}")
        return time.perf_counter() - wall, time.process_time() - cpu


def floor_run(catalog: Catalog) -> float:
    """Wall seconds of the lean floor over the same pages, in this process."""
    folder = floor.schema_dir()
    start = time.perf_counter()
    floor.check(catalog.root, folder)
    return time.perf_counter() - start


def report(catalog: Catalog, timers: Timers, timed: float, untimed: float, lean: float) -> None:
    pages = len(catalog.pages)
    print(f"cold -j 1, untimed: {untimed:.2f} s; with the timers: {timed:.2f} s")
    print(f"{'stage':<34} {'seconds':>8} {'share':>6} {'us/page':>8}")
    covered = 0.0
    for stage, seconds in sorted(timers.seconds.items(), key=lambda item: -item[1]):
        covered += seconds
        print(f"{stage:<34} {seconds:8.3f} {seconds / timed:6.1%} {seconds * 1e6 / pages:8.1f}")
    rest = timed - covered
    label = "walk, dispatch, catalog pass, rest"
    print(f"{label:<34} {rest:8.3f} {rest / timed:6.1%} {rest * 1e6 / pages:8.1f}")
    print(
        f"lean floor (floor.py, this process): {lean:.2f} s; untimed run / floor: "
        f"{untimed / lean:.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("catalog", type=Path, help="catalog root (see generate.py)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each (the least counts)")
    args = parser.parse_args(argv)
    catalog = Catalog.load(args.catalog)
    if not catalog.pages:
        parser.error(f"no _cache/*/*/specs.md below {args.catalog}")
    print(f"catalog: {catalog.root}  {len(catalog.pages):,} pages  {catalog.bytes / 1e6:,.1f} MB")
    floor_run(catalog)  # imports, and the pages into the page cache
    best: tuple[float, Timers] | None = None
    untimed = lean = float("inf")
    for _ in range(args.repeats):
        untimed = min(untimed, cold_run(catalog, None)[0])
        timers = Timers()
        wall, _cpu = cold_run(catalog, timers)
        if best is None or wall < best[0]:
            best = (wall, timers)
        lean = min(lean, floor_run(catalog))
    assert best is not None
    report(catalog, best[1], best[0], untimed, lean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
