"""The catalog root is a boundary: no file outside it is read or written.

A checked tree may hold symlinks (``_data/meta.yaml -> ~/.git-credentials``, a
page linking to ``/proc/self/environ``). A file is read only if the path it
resolves to lies inside its boundary: the catalog root holding it, or, for a
file in no catalog, the folder the user named (the walked folder, or a named
file's own folder). A link that leaves is a CL001 finding that shows nothing of
its target. Special files (FIFOs, devices, sockets), dangling links and link
loops are findings too; they are never opened blocking (see
:mod:`cachelint.page.source`).

The last name is opened with ``O_NOFOLLOW`` on the path already resolved, so a
file swapped for a symlink after the check is refused by the kernel; folders
above it are resolved once per run (see SECURITY.md for what remains).
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import PurePath

from cachelint.model import Finding

LEAVES_CATALOG = "symlink leaves the catalog; not read"
DANGLING = "dangling symlink: its target does not exist"
LOOP = "symlink loop; not read"
CODE = "CL001"

StrPath = str | os.PathLike[str]


def resolve_inside(path: StrPath, inside: StrPath) -> str | Finding:
    """The path to open for ``path`` (its target when it is a link), or why it is not read."""
    here = os.path.abspath(path)
    try:
        is_link = stat.S_ISLNK(os.lstat(here).st_mode)
    except OSError:
        return here  # missing, a name too long...: opening it reports why
    if is_link:
        real = os.path.realpath(here)
    else:
        real = os.path.join(real_folder(os.path.dirname(here)), os.path.basename(here))
    if not is_within(real, real_folder(os.path.abspath(inside))):
        return Finding(CODE, LEAVES_CATALOG)
    return _link_target(real) if is_link else real


def _link_target(real: str) -> str | Finding:
    try:
        still_link = stat.S_ISLNK(os.lstat(real).st_mode)
    except FileNotFoundError:
        return Finding(CODE, DANGLING)
    except OSError:
        return real
    # realpath gives up on a loop and returns a path that is itself a link.
    return Finding(CODE, LOOP) if still_link else real


@lru_cache(maxsize=4096)
def real_folder(folder: str) -> str:
    """``os.path.realpath`` of an absolute folder, once per folder and process."""
    return os.path.realpath(folder)


def is_within(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or below it (both absolute and normalised)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def boundary_for(path: StrPath, *, root: PurePath | None, named: StrPath | None) -> str:
    """The folder ``path`` must stay in: its catalog ``root``, else the ``named`` folder.

    A file that is not below the root as named (``--catalog-root`` elsewhere)
    or below ``named`` is bounded by its own folder.
    """
    here = os.path.abspath(path)
    for folder in (root, named):
        if folder is not None and os.fspath(folder):
            candidate = os.path.abspath(folder)
            if is_within(here, candidate):
                return candidate
    return os.path.dirname(here)


def boundary_near(path: StrPath) -> str:
    """The boundary of a file known only by its path: its catalog root, else its own folder.

    Used where a file is read again by its name (source excerpts in reports);
    stricter than the check's own boundary, so it never reads more.
    """
    from cachelint.layout import is_catalog_root

    here = os.path.abspath(path)
    folder = own = os.path.dirname(here)
    while True:
        if is_catalog_root(folder):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return own
        folder = parent
