"""The targets of issue 14, as ratios of the figures of one ``run.py`` run.

Each target divides one measurement's seconds by another's and holds the
quotient to a bound; the peak RSS target bounds megabytes. A target whose
measurements were not taken (``--skip-naive``, ``--large``) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """``top / bottom`` (seconds), at most or at least ``bound``; no bound: a figure only."""

    label: str
    top: str
    bottom: str
    bound: float | None = None
    at_most: bool = True

    def describe(self) -> str:
        if self.bound is None:
            return "(no target)"
        return f"{'at most' if self.at_most else 'at least'} {self.bound:g}"

    def met(self, value: float) -> bool | None:
        if self.bound is None:
            return None
        return value <= self.bound if self.at_most else value >= self.bound


DEFAULT_COLD = "cachelint default, cold"
JOBS_1 = "cachelint -j 1, cold"
JOBS_2 = "cachelint -j 2, cold"
WARM = "cachelint default, warm"
FLOOR = "lean floor"
READING = "read every page"
NAIVE = "naive peer"
PYTHON = "python -c pass"
ONE_PAGE_CHANGED = "cachelint, one page changed"
ONE_PAGE_CACHED = "cachelint, one page cached"
WARM_FLOOR = "warm floor"
IMPORTS_FLOOR = "python importing jsonschema_rs, archspec"
# The one-page measurements: a process start each, not the whole catalog.
ONE_PAGE = (PYTHON, IMPORTS_FLOOR, ONE_PAGE_CACHED, ONE_PAGE_CHANGED)
# Without --cache-dir, the run after the --no-cache cold run that fills the default cache.
CACHE_FILLING = "cachelint default, filling the cache"
RSS_LIMIT_MB = 60.0

TARGETS = (
    Target("-j 1 cold / lean floor", JOBS_1, FLOOR, 1.5),
    Target("naive peer / default cold", NAIVE, DEFAULT_COLD, 150, at_most=False),
    Target("default cold / reading the pages", DEFAULT_COLD, READING, 10),
    Target("-j 1 / -j 2, cold", JOBS_1, JOBS_2, 1.7, at_most=False),
    Target("cold / warm (default workers)", DEFAULT_COLD, WARM, 30, at_most=False),
    Target("one page changed / python -c pass (medians)", ONE_PAGE_CHANGED, PYTHON, 5),
    Target("one page cached / python -c pass (medians)", ONE_PAGE_CACHED, PYTHON),
    # What cannot go: a stat of every folder and page; the libraries a page's checks need.
    Target("warm / warm floor (a stat of each folder and page)", WARM, WARM_FLOOR),
    Target("one page changed / its libraries' imports (medians)", ONE_PAGE_CHANGED, IMPORTS_FLOOR),
    Target("fast path off / on, cold", "cachelint, fast path off", DEFAULT_COLD),
)


@dataclass(frozen=True)
class Verdict:
    """A target's figure from one run, and whether it is met (None: no target)."""

    label: str
    value: float
    unit: str
    target: str
    met: bool | None

    def line(self) -> str:
        status = {True: "met", False: "NOT MET", None: ""}[self.met]
        figure = f"{self.value:8.2f}{self.unit}"
        return f"  {self.label:<52} {figure:>11}  {self.target:<14} {status}".rstrip()


def evaluate(seconds: dict[str, float], filling_rss_mb: float | None) -> list[Verdict]:
    """Every target whose measurements are in ``seconds``, and the RSS of the filling run."""
    verdicts = []
    for target in TARGETS:
        top, bottom = seconds.get(target.top), seconds.get(target.bottom)
        if top and bottom:
            value = top / bottom
            verdicts.append(Verdict(target.label, value, "x", target.describe(), target.met(value)))
    if filling_rss_mb is not None:
        label, bound = "peak RSS, cold run filling the cache", f"under {RSS_LIMIT_MB:g} MB"
        met = filling_rss_mb < RSS_LIMIT_MB
        verdicts.append(Verdict(label, filling_rss_mb, " MB", bound, met))
    return verdicts


def report(verdicts: list[Verdict]) -> None:
    print("\ntargets of issue 14 (ratios of this run's figures)")
    for verdict in verdicts:
        print(verdict.line())
