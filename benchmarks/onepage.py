"""One page as pre-commit checks it: the console script on one file.

Four figures, each the median of ``REPEATS`` runs: ``python -c pass``; the
interpreter importing the libraries any check of a page needs (jsonschema-rs,
archspec), the least a changed page can cost; the page unchanged, its result
cached (the first run fills the cache, as an earlier commit would have); and
the page changed before every run, so that its cached result never applies: a
new line of body text after the front matter, different each time (its facts
stay the same, so the page stays clean). The result cache lives in a temporary
folder (``CACHELINT_CACHE_DIR``), removed after; the page gets its bytes back.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from measure import (
    Catalog,
    Timing,
    cachelint_command,
    compile_cachelint,
    median_row,
    run_process,
)
from targets import IMPORTS_FLOOR, ONE_PAGE_CACHED, ONE_PAGE_CHANGED, PYTHON

REPEATS = 7
# What checking one page needs beyond the interpreter, whatever cachelint does: the
# schema verdict's validator and the CL6xx rules' microarchitectures.
LIBRARIES = "import jsonschema_rs, archspec.cpu"


def median_page(catalog: Catalog) -> Path:
    """A page of median size."""
    by_size = sorted(catalog.pages, key=lambda page: page.stat().st_size)
    return by_size[len(by_size) // 2]


def edited(original: bytes, run: int) -> bytes:
    """The page with one more line of body text, unlike that of any other run."""
    return original + f"\n<!-- benchmark edit {run} -->\n".encode()


def median_of(
    name: str, command: list[str], env: dict[str, str], before: Callable[[int], None]
) -> Timing:
    """The median wall time of ``REPEATS`` runs, ``before(run)`` called ahead of each."""
    samples = []
    for run in range(REPEATS):
        before(run)
        samples.append(run_process(name, command, env=env))
    # One process start: its wall time is the figure, not its CPU time.
    return replace(median_row(samples), cpu_seconds=None)


def time_one_page(catalog: Catalog) -> list[Timing]:
    """``python -c pass``, then cachelint on one page, cached and changed."""
    compile_cachelint()
    page = median_page(catalog)
    original = page.read_bytes()
    cache_dir = tempfile.mkdtemp(prefix="cachelint-bench-one-page-")
    env = {**os.environ, "CACHELINT_CACHE_DIR": cache_dir}
    check = [*cachelint_command(), "check", str(page)]

    def unchanged(run: int) -> None:
        pass

    def change(run: int) -> None:
        page.write_bytes(edited(original, run))

    try:
        return [
            median_of(PYTHON, [sys.executable, "-c", "pass"], env, unchanged),
            median_of(IMPORTS_FLOOR, [sys.executable, "-c", LIBRARIES], env, unchanged),
            median_of(ONE_PAGE_CACHED, check, env, unchanged),
            median_of(ONE_PAGE_CHANGED, check, env, change),
        ]
    finally:
        page.write_bytes(original)
        shutil.rmtree(cache_dir, ignore_errors=True)
