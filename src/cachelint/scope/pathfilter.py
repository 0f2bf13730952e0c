"""Which files a walk keeps: ``include``, ``exclude`` and ``.gitignore`` files.

Every pattern is a gitignore-style glob, matched with ``pathspec`` (the same
rules as git: ``/`` anchors a pattern to its base folder, a trailing ``/``
matches folders only, ``**`` spans folders, ``!`` re-includes). Patterns from a
configuration file are relative to its folder, patterns given on the command
line to the current folder, and a ``.gitignore`` to the folder it is in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cachelint.page.source import Source, read_source
from cachelint.record import MutableRecord, Record, fill

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from cachelint.scope.gitignored import IgnoredPaths
    from cachelint.scope.shard import ShardFilter

PAGE_SUFFIX = ".md"
DEFAULT_INCLUDE = ("*" + PAGE_SUFFIX,)  # what an empty ``include`` means
GITIGNORE = ".gitignore"


def glob_error(pattern: str) -> str:
    """Why ``pattern`` is not a valid gitignore-style glob (``""``: it is)."""
    try:
        compile_globs((pattern,))
    except ValueError as exc:  # pathspec's pattern errors are ValueErrors
        return str(exc)
    return ""


class GlobSet(Record):
    """Gitignore-style patterns relative to ``base``."""

    __slots__ = ("base", "patterns")

    base: Path
    patterns: tuple[str, ...]

    def __init__(self, base: Path, patterns: tuple[str, ...]) -> None:
        fill(self, base, patterns)

    @classmethod
    def of(cls, base: Path, patterns: Sequence[str]) -> GlobSet:
        """Patterns below ``base`` (compiled when first matched)."""
        return cls(base.absolute(), tuple(patterns))

    @property
    def spec(self) -> GitIgnoreSpec:
        """The compiled patterns."""
        return compile_globs(self.patterns)

    def match(self, path: str | os.PathLike[str], *, is_dir: bool = False) -> str | None:
        """The last pattern deciding that ``path`` matches, or ``None``."""
        if not self.patterns:
            return None
        suffix = _suffix_pattern(self.patterns)
        if suffix is not None:  # the default ``*.md``: no regex needed
            return self.patterns[0] if self._has_part_ending(path, suffix, is_dir) else None
        result = self.spec.check_file(relative_to(path, self.base, is_dir=is_dir))
        if not result.include or result.index is None:
            return None
        return self.patterns[result.index]

    def _has_part_ending(self, path: str | os.PathLike[str], suffix: str, is_dir: bool) -> bool:
        """Whether a part of ``path`` below ``base`` (all of them, outside it) ends with ``suffix``.

        A name ending with it is the last part of the path once normalised, so it
        decides alone (a page of a walk), unless the path could be ``base`` itself,
        which has no part below it.
        """
        if os.path.basename(path).endswith(suffix) and not self.base.name.endswith(suffix):
            return True
        relative = relative_to(path, self.base, is_dir=is_dir)
        return any(part.endswith(suffix) for part in relative.split("/") if part)


_SUFFIX_GLOB = re.compile(r"\*(\.[A-Za-z0-9_-]+)")


@lru_cache(maxsize=256)
def _suffix_pattern(patterns: tuple[str, ...]) -> str | None:
    """``.md`` for the one pattern ``*.md``: an unanchored pattern matches a path
    when it matches any of its parts, and ``*.md`` matches a part ending in ``.md``."""
    if len(patterns) != 1:
        return None
    simple = _SUFFIX_GLOB.fullmatch(patterns[0])
    return simple.group(1) if simple else None


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """Gitignore-style patterns compiled once (pathspec is imported only when one is used)."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns)


def relative_to(path: str | os.PathLike[str], base: Path, *, is_dir: bool = False) -> str:
    """``path`` as a ``/``-separated path below ``base`` (folders end with ``/``).

    A path outside ``base`` keeps all its parts, so that unanchored patterns
    such as ``*.md`` or ``vendor/`` still apply to it. (Strings, not ``Path``
    objects: this runs for every file of a walk.)
    """
    absolute = os.path.abspath(path)
    below = _below(absolute, os.fspath(base))
    text = (absolute.lstrip(os.sep) if below is None else below).replace(os.sep, "/")
    return text + "/" if is_dir and text else text


def _below(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` (both absolute), or ``None`` if it is not below it."""
    if path == folder:
        return ""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else None


# Folders remembered at most: a catalog has a folder per page, and memory must
# not grow with the catalog; the folders above them are soon found again.
FOLDER_MEMO_LIMIT = 4096


class GitIgnores(MutableRecord):
    """The ``.gitignore`` files of the git work trees walked, read once each.

    Folders are absolute path strings: this runs for every file of a walk.
    """

    __slots__ = ("_git", "_roots", "_specs", "revision")

    revision: str | None  # --changed-since: REF's rules, not the work tree's

    def __init__(self, revision: str | None = None) -> None:
        fill(self, revision)
        self._specs: dict[str, GlobSet | None] = {}
        self._roots: dict[str, str | None] = {}
        self._git: dict[str, IgnoredPaths | None] = {}

    def match(self, path: str | os.PathLike[str], *, is_dir: bool = False) -> str | None:
        """Why ``path`` is ignored (git's answer, or a ``.gitignore`` pattern), or ``None``.

        In a git work tree this is git's answer (see :mod:`cachelint.scope.gitignored`);
        where git cannot answer, the ``.gitignore`` files are read here, a
        deeper one overriding a shallower one. Outside a git work tree
        ``.gitignore`` files mean nothing, as for git.
        """
        absolute = os.path.abspath(path)
        parent = os.path.dirname(absolute)
        root = self._git_root(parent)
        if root is None:
            return None
        if root not in self._git:
            from cachelint.scope.gitignored import ignored_paths

            self._git[root] = ignored_paths(root, revision=self.revision)
        answer = self._git[root]
        if answer is not None:
            return answer.match(absolute, is_dir=is_dir)
        decision: str | None = None
        for folder in _folders_down(root, parent):
            globs = self._spec(folder)
            if globs is None:
                continue
            result = globs.spec.check_file(relative_to(absolute, globs.base, is_dir=is_dir))
            if result.include is not None and result.index is not None:
                pattern = globs.patterns[result.index]
                decision = f"ignored by .gitignore pattern {pattern!r}" if result.include else None
        return decision

    def _git_root(self, folder: str) -> str | None:
        if folder not in self._roots:
            if len(self._roots) >= FOLDER_MEMO_LIMIT:  # one key per package folder: bound it
                self._roots.clear()
            if os.path.exists(os.path.join(folder, ".git")):
                self._roots[folder] = folder
            else:
                parent = os.path.dirname(folder)
                self._roots[folder] = None if parent == folder else self._git_root(parent)
        return self._roots[folder]

    def _spec(self, folder: str) -> GlobSet | None:
        if folder not in self._specs:
            # Read as pages are: a FIFO or device named .gitignore must not hang the run.
            source = read_source(Path(folder, GITIGNORE))
            lines = source.text.splitlines() if isinstance(source, Source) else []
            # git skips lines that are no pattern; so does cachelint
            lines = [line for line in lines if not glob_error(line)]
            self._specs[folder] = GlobSet.of(Path(folder), lines) if lines else None
        return self._specs[folder]


def _folders_down(top: str, bottom: str) -> list[str]:
    """The folders from ``top`` down to ``bottom`` (which is at or below ``top``)."""
    folders = [bottom]
    while folders[-1] != top:
        folders.append(os.path.dirname(folders[-1]))
    return folders[::-1]


class PathFilter(Record):
    """Decides which found files are kept; ``exclude`` and ``shard`` also apply to named files."""

    # No __slots__: the instance's __dict__ holds the cached ``_gitignores``.

    include: tuple[GlobSet, ...]
    exclude: tuple[GlobSet, ...]
    respect_gitignore: bool
    shard: ShardFilter | None
    ignore_revision: str | None  # --changed-since: ignore rules of this revision

    def __init__(
        self,
        include: tuple[GlobSet, ...] = (),
        exclude: tuple[GlobSet, ...] = (),
        respect_gitignore: bool = False,
        shard: ShardFilter | None = None,
        ignore_revision: str | None = None,
    ) -> None:
        fill(self, include, exclude, respect_gitignore, shard, ignore_revision)

    @cached_property
    def _gitignores(self) -> GitIgnores:
        return GitIgnores(revision=self.ignore_revision)

    def is_included(self, path: str | os.PathLike[str]) -> bool:
        """Whether a file found in a walk is one to look at (default: ``*.md``)."""
        if not self.include:
            return os.fspath(path).endswith(PAGE_SUFFIX)
        return any(globs.match(path) for globs in self.include)

    def keeps(self, path: str | os.PathLike[str]) -> bool:
        """Whether a file found in a walk is checked: included, and not excluded."""
        return self.is_included(path) and not self.excluded_by(path)

    def excluded_by(
        self, path: str | os.PathLike[str], *, is_dir: bool = False, named: bool = False
    ) -> str:
        """Why ``path`` is left out (``""``: it is not); named files ignore ``.gitignore``."""
        if self.shard is not None:
            reason = self.shard.excluded_by(path, is_dir=is_dir)
            if reason:
                return reason
        for globs in self.exclude:
            pattern = globs.match(path, is_dir=is_dir)
            if pattern is not None:
                return f"excluded by {pattern!r}"
        if self.respect_gitignore and not named:
            pattern = self._gitignores.match(path, is_dir=is_dir)
            if pattern is not None:
                return pattern
        return ""
