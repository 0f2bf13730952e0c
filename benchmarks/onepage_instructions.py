"""One page as pre-commit checks it, counted in instructions instead of seconds.

On a shared machine the wall time of a 100 ms process varies by half from
one run to the next; the number of instructions it executes does not. This
runs ``onepage.py``'s three commands (``python -c pass``, the median page
cached, and the page changed) once each under valgrind's callgrind and prints
the instructions each executed, and their ratio to ``python -c pass``: the
figure to compare before and after a change to what a run imports. (A ratio
of instructions runs above the ratio of wall times: starting the interpreter
spends more of its time waiting on the disk and the kernel.)

    python benchmarks/onepage_instructions.py /tmp/catalog

Needs ``valgrind``; a run takes a minute or so (valgrind is ~50x slower).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import Catalog, cachelint_command, compile_cachelint
from onepage import edited, median_page

_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(command: list[str], env: dict[str, str]) -> int:
    """The instructions ``command`` executes (callgrind's ``Ir``)."""
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    done = subprocess.run([*valgrind, *command], env=env, capture_output=True, text=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        sys.exit(f"valgrind gave no count for {command}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def count_one_page(catalog: Catalog) -> dict[str, int]:
    """Instructions of ``python -c pass``, one page cached, and the page changed."""
    compile_cachelint()
    page = median_page(catalog)
    original = page.read_bytes()
    cache_dir = tempfile.mkdtemp(prefix="cachelint-bench-instructions-")
    env = {**os.environ, "CACHELINT_CACHE_DIR": cache_dir}
    check = [*cachelint_command(), "check", str(page)]
    try:
        subprocess.run(check, env=env, capture_output=True, check=False)  # an earlier commit
        counts = {
            "python -c pass": instructions([sys.executable, "-c", "pass"], env),
            "one page, cached": instructions(check, env),
        }
        page.write_bytes(edited(original, 0))
        counts["one page, changed"] = instructions(check, env)
        return counts
    finally:
        page.write_bytes(original)
        shutil.rmtree(cache_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog", type=Path)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    counts = count_one_page(Catalog.load(args.catalog))
    base = counts["python -c pass"]
    for name, count in counts.items():
        print(f"{name:<20} {count / 1e6:8.1f} M instructions  {count / base:5.1f}x")


if __name__ == "__main__":
    main()
