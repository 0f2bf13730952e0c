"""What every benchmark script shares: the catalog's pages, and timing one process.

Every command runs as its own process; its wall time comes from
``time.perf_counter``, its CPU time (user + system, its workers included) and
peak RSS from ``os.wait4``, or the peak RSS from GNU ``time`` where it exists.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time").is_file() and sys.platform.startswith("linux")


@dataclass
class Timing:
    """One measurement."""

    name: str
    seconds: float
    rss_mb: float | None
    exit_status: int = 0
    cpu_seconds: float | None = None  # user + system, of the process and its workers
    fills_cache: bool = False  # a cold run that writes the result cache


def median_row(runs: list[Timing]) -> Timing:
    """One row for runs of one command: the median wall and CPU time, the highest peak RSS.

    A run that failed makes the row fail (no target is then taken from it).
    """
    first = runs[0]
    name = first.name if len(runs) == 1 else f"{first.name} (median of {len(runs)})"
    failed = [t.exit_status for t in runs if t.exit_status not in (0, 1)]
    cpu = [t.cpu_seconds for t in runs if t.cpu_seconds is not None]
    rss = [t.rss_mb for t in runs if t.rss_mb is not None]
    return Timing(
        name,
        statistics.median(t.seconds for t in runs),
        max(rss) if rss else None,
        failed[0] if failed else first.exit_status,
        cpu_seconds=statistics.median(cpu) if cpu else None,
        fills_cache=first.fills_cache,
    )


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


def cachelint_command() -> list[str]:
    """The console script pre-commit and CI run, from this interpreter's environment."""
    script = shutil.which("cachelint", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "cachelint"]


def cachelint_options() -> str:
    """``cachelint check --help``: which options this version has."""
    command = [*cachelint_command(), "check", "--help"]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


def compile_cachelint() -> None:
    """Compile cachelint's bytecode, as installing a wheel does (pre-commit installs one).

    An editable install under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
    every module from source on every start, and time that instead. The package
    is found by the interpreter, not imported: nothing of cachelint runs here.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("cachelint")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)
