"""The warm floor: the least a re-run with nothing changed must do.

    python benchmarks/warm_floor.py LISTING

Issue 14 asks of a warm run "a walk and a stat": whether any page changed
is known only by looking at each page (a write in place changes no folder),
and whether pages came or went by looking at each folder. ``LISTING`` is a
file of every folder below the catalog's ``_cache`` and every page, one path
a line, as a snapshot remembers them (``run.py`` writes it, untimed). This
reads it and ``stat``s each path: no interpreter work beyond that, nothing of
cachelint. cachelint's warm run does this and also starts its CLI, reads its
configuration and the snapshot, checks the snapshot's seal and reports.

Prints how many paths it looked at; exits 1 if one is gone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def write_listing(catalog_root: Path, listing: Path) -> int:
    """Every folder below ``_cache`` and every ``specs.md``, in walk order; how many."""
    paths = []
    for folder, folders, files in os.walk(catalog_root / "_cache"):
        folders.sort()
        paths.append(folder)
        paths += [os.path.join(folder, name) for name in sorted(files) if name == "specs.md"]
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    return len(paths)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    paths = Path(argv[0]).read_text(encoding="utf-8").splitlines()
    gone = 0
    for path in paths:
        try:
            os.stat(path, follow_symlinks=False)
        except OSError:
            gone += 1
    print(f"{len(paths)} paths, {gone} gone")
    return 1 if gone else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
