"""Find the files to check: named files always, ``.md`` files in walked folders."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cachelint.model import PathContext

CACHE_FOLDER = "_cache"
SKIPPED_FOLDERS = frozenset({"_site", "node_modules", "vendor"})
PAGE_SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class Target:
    """A file to look at; ``explicit`` files were named on the command line."""

    path: Path
    display: str
    explicit: bool
    in_cache: bool
    context: PathContext


def iter_targets(paths: Sequence[str]) -> Iterator[Target]:
    """Yield the files below ``paths`` in sorted order, each once."""
    seen: set[Path] = set()
    for arg in paths:
        for target in _expand(arg):
            key = target.path.absolute()
            if key not in seen:
                seen.add(key)
                yield target


def _expand(arg: str) -> Iterator[Target]:
    root = Path(arg)
    if _is_dir(root):
        for relative in _walk(root):
            yield make_target(root / relative, display=_join(arg, relative), explicit=False)
    else:
        yield make_target(root, display=arg, explicit=True)


def make_target(path: Path, *, display: str, explicit: bool) -> Target:
    """Describe one file: where it is and what its location says about it."""
    parts = path.absolute().parts
    in_cache = CACHE_FOLDER in parts[:-1]
    return Target(path, display, explicit, in_cache, path_context(parts))


def path_context(parts: Sequence[str]) -> PathContext:
    """``.../_cache/<tag>/<package>/<file>`` names a tag and a package."""
    if len(parts) >= 4 and parts[-4] == CACHE_FOLDER:
        return PathContext(tag=parts[-3], package=parts[-2])
    return PathContext()


def _join(arg: str, relative: str) -> str:
    if arg in (".", "./", ""):
        return relative
    return os.path.join(arg, relative)


def _walk(root: Path, folder: str = "") -> Iterator[str]:
    """Relative paths of ``.md`` files in sorted order; symlinked folders are not followed."""
    try:
        with os.scandir(root / folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        relative = os.path.join(folder, entry.name) if folder else entry.name
        if _is_walkable_dir(entry):
            yield from _walk(root, relative)
        elif entry.name.endswith(PAGE_SUFFIX) and _is_file(entry):
            yield relative


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a name too long: reading it reports the error
        return False


def _is_walkable_dir(entry: os.DirEntry[str]) -> bool:
    if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
        return False
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
