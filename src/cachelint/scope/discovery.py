"""Find the files to check: named files, and the included files of walked folders.

Folders starting with ``.`` and the folders in ``SKIPPED_FOLDERS`` are never
walked; a :class:`~cachelint.scope.pathfilter.PathFilter` decides the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from cachelint.layout import CACHE_FOLDER, data_file_kind
from cachelint.model import PathContext
from cachelint.record import Record, fill
from cachelint.scope.pathfilter import PathFilter

_NAME = attrgetter("name")
SKIPPED_FOLDERS = frozenset({"_site", "node_modules", "vendor"})
NOT_FOUND = "listed, but there is no such file (deleted?)"


class Target(Record):
    """A file to look at; ``explicit`` files were named on the command line.

    ``excluded`` says why a named file is left out (found files that are left
    out are never yielded). ``base`` is the folder the user named (the walked
    folder; a named file's own folder): outside a catalog, the file may not
    resolve outside it (see :mod:`cachelint.page.boundary`).
    """

    __slots__ = ("base", "context", "display", "excluded", "explicit", "in_cache", "path")

    path: Path
    display: str
    explicit: bool
    in_cache: bool
    context: PathContext
    excluded: str
    base: str

    def __init__(
        self,
        path: Path,
        display: str,
        explicit: bool,
        in_cache: bool,
        context: PathContext,
        excluded: str = "",
        base: str = "",
    ) -> None:
        fill(self, path, display, explicit, in_cache, context, excluded, base)

    def __reduce__(self) -> tuple[Callable[..., Target], tuple[Any, ...]]:
        # Targets travel to worker processes: plain fields pickle far cheaper
        # than a Path and two slotted dataclasses.
        context = self.context
        return (
            _rebuild_target,
            (
                os.fspath(self.path),
                self.display,
                self.explicit,
                self.in_cache,
                context.tag,
                context.package,
                self.excluded,
                self.base,
            ),
        )


def _rebuild_target(
    path: str,
    display: str,
    explicit: bool,
    in_cache: bool,
    tag: str | None,
    package: str | None,
    excluded: str,
    base: str,
) -> Target:
    context = PathContext(tag, package)
    return Target(Path(path), display, explicit, in_cache, context, excluded, base)


def iter_targets(
    paths: Sequence[str], path_filter: PathFilter | None = None, *, listed: Iterable[str] = ()
) -> Iterator[Target]:
    """Yield the files below ``paths`` in sorted order, then those ``listed``, each once.

    ``listed`` paths (``--files-from``, ``--changed-since``) are taken as if a
    walk had found them, not as named: a list may hold any file, and only the
    included ones that are not excluded are looked at. A listed file that does
    not exist (deleted since) is left out with a note.
    """
    path_filter = path_filter or PathFilter()
    if len(paths) == 1 and not listed:  # one walk names each file once
        yield from _expand(paths[0], path_filter)
        return
    seen: set[tuple[str, ...]] = set()
    expanded = chain(
        (t for arg in paths for t in _expand(arg, path_filter)),
        (t for arg in listed for t in _expand_listed(arg, path_filter)),
    )
    for target in expanded:
        key = tuple(_absolute_parts(target.path))
        if key not in seen:
            seen.add(key)
            yield target


def _expand(arg: str, path_filter: PathFilter) -> Iterator[Target]:
    root = Path(arg)
    if is_dir(root):
        yield from FolderWalk(arg, path_filter)
    else:
        excluded = path_filter.excluded_by(root, named=True)
        yield make_target(root, display=arg, explicit=True, excluded=excluded)


class FolderWalk:
    """The walk of one named folder: its targets, or units for workers to walk.

    Iterating gives the targets in walk order. :meth:`units` gives the same
    walk cut into units a worker expands with :meth:`unit_targets`: the files
    found above the package folders, and each package folder
    (``_cache/<tag>/<package>``) unwalked, so that whoever makes the units
    reads one folder per tag, not one per page; in the same order.
    """

    def __init__(self, arg: str, path_filter: PathFilter) -> None:
        self.arg = arg
        self.path_filter = path_filter
        self.base = str(Path(arg))
        self.base_parts = _absolute_parts(Path(arg))
        self.named = os.path.abspath(self.base)

    def __iter__(self) -> Iterator[Target]:
        return map(self.target, _walk(self.base, "", self.path_filter))

    def target(self, relative: str) -> Target:
        """The target of a file found by the walk, by its path relative to the folder."""
        parts = [*self.base_parts, *relative.split(os.sep)]  # the names in a walk are plain
        path = Path(os.path.join(self.base, relative))
        display = _join(self.arg, relative)
        return _target(path, parts, display=display, explicit=False, base=self.named)

    def units(self) -> Iterator[str]:
        """Relative paths in walk order: files, and package folders (ending in a separator)."""
        return _walk(self.base, "", self.path_filter, above=tuple(self.base_parts[-2:]))

    def unit_targets(self, unit: str) -> Iterator[Target]:
        """The targets of one unit of :meth:`units`, as iterating the walk gives them."""
        if not unit.endswith(os.sep):
            yield self.target(unit)
            return
        folder = unit[:-1]
        if not self.path_filter.excluded_by(os.path.join(self.base, folder), is_dir=True):
            yield from map(self.target, _walk(self.base, folder, self.path_filter))


def _expand_listed(arg: str, path_filter: PathFilter) -> Iterator[Target]:
    path = Path(arg)
    if is_dir(path):
        yield from _expand(arg, path_filter)
    elif not _exists(path):
        if path_filter.is_included(path):
            yield make_target(path, display=arg, explicit=False, excluded=NOT_FOUND)
    elif path_filter.keeps(path) or _is_kept_data_file(path, path_filter):
        yield make_target(path, display=arg, explicit=False)


def _is_kept_data_file(path: Path, path_filter: PathFilter) -> bool:
    """A listed site data file is checked as one (``include`` names pages only)."""
    return bool(data_file_kind(path)) and not path_filter.excluded_by(path)


def make_target(path: Path, *, display: str, explicit: bool, excluded: str = "") -> Target:
    """Describe one file: where it is and what its location says about it."""
    parts = _absolute_parts(path)
    return _target(path, parts, display=display, explicit=explicit, excluded=excluded)


def _target(
    path: Path,
    parts: list[str],
    *,
    display: str,
    explicit: bool,
    excluded: str = "",
    base: str = "",
) -> Target:
    in_cache = CACHE_FOLDER in parts[:-1]
    return Target(path, display, explicit, in_cache, path_context(parts), excluded, base)


def _absolute_parts(path: Path) -> list[str]:
    """The names in ``path.absolute().parts`` (``..`` kept), without making ``Path`` objects."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)
    return [part for part in text.split(os.sep) if part and part != "."]


def path_context(parts: Sequence[str]) -> PathContext:
    """``.../_cache/<tag>/<package>/<file>`` names a tag and a package."""
    if len(parts) >= 4 and parts[-4] == CACHE_FOLDER:
        return PathContext(tag=parts[-3], package=parts[-2])
    return PathContext()


def _join(arg: str, relative: str) -> str:
    if arg in (".", "./", ""):
        return relative
    return os.path.join(arg, relative)


def _walk(
    root: str, folder: str, path_filter: PathFilter, above: tuple[str, ...] | None = None
) -> Iterator[str]:
    """Relative paths of the kept files in sorted order; symlinked folders are not followed.

    With ``above`` (the last names of the absolute path of ``root``), a package folder
    is not walked but yielded, ending in a separator: see :class:`FolderWalk`.
    """
    try:
        with os.scandir(os.path.join(root, folder)) as scan:
            entries = sorted(scan, key=_NAME)
    except OSError:
        return
    prefix = folder + os.sep if folder else ""
    for entry in entries:
        relative = prefix + entry.name
        path = entry.path
        if _is_walkable_dir(entry):
            if above is not None and _is_package_folder(above, relative):
                yield relative + os.sep  # its walker decides whether it is excluded
            elif not path_filter.excluded_by(path, is_dir=True):
                yield from _walk(root, relative, path_filter, above)
        elif _is_not_folder(entry) and path_filter.keeps(path):
            # Special files, dangling links and loops too: reading them reports
            # them (CL001), never in silence and never blocking.
            yield relative


def _is_package_folder(above: tuple[str, ...], relative: str) -> bool:
    """Whether ``relative`` (below a folder whose path ends in the names ``above``)
    is a ``_cache/<tag>/<package>`` folder."""
    names = [*above, *relative.split(os.sep)]
    return len(names) >= 3 and names[-3] == CACHE_FOLDER


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return True  # e.g. a name too long: reading it reports the error


def is_dir(path: Path) -> bool:
    """``path.is_dir()``, but False for paths the OS refuses (e.g. a name too long)."""
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


def _is_not_folder(entry: os.DirEntry[str]) -> bool:
    """Anything but a folder or a link to one (hidden and skipped folders land here)."""
    try:
        return not entry.is_dir()
    except OSError:  # a link loop: reading it reports it
        return True
