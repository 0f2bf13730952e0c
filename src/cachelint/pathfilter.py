"""Which files a walk keeps: ``include``, ``exclude`` and ``.gitignore`` files.

Every pattern is a gitignore-style glob, matched with ``pathspec`` (the same
rules as git: ``/`` anchors a pattern to its base folder, a trailing ``/``
matches folders only, ``**`` spans folders, ``!`` re-includes). Patterns from a
configuration file are relative to its folder, patterns given on the command
line to the current folder, and a ``.gitignore`` to the folder it is in.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pathspec import GitIgnoreSpec

from cachelint.source import Source, read_source

if TYPE_CHECKING:
    from cachelint.shard import ShardFilter

PAGE_SUFFIX = ".md"
DEFAULT_INCLUDE = ("*" + PAGE_SUFFIX,)  # what an empty ``include`` means
GITIGNORE = ".gitignore"


def glob_error(pattern: str) -> str:
    """Why ``pattern`` is not a valid gitignore-style glob (``""``: it is)."""
    try:
        GitIgnoreSpec.from_lines([pattern])
    except ValueError as exc:  # pathspec's pattern errors are ValueErrors
        return str(exc)
    return ""


@dataclass(frozen=True, slots=True)
class GlobSet:
    """Gitignore-style patterns relative to ``base``."""

    base: Path
    patterns: tuple[str, ...]
    spec: GitIgnoreSpec

    @classmethod
    def of(cls, base: Path, patterns: Sequence[str]) -> GlobSet:
        """Compile ``patterns`` once."""
        return cls(base.absolute(), tuple(patterns), GitIgnoreSpec.from_lines(patterns))

    def match(self, path: Path, *, is_dir: bool = False) -> str | None:
        """The last pattern deciding that ``path`` matches, or ``None``."""
        result = self.spec.check_file(relative_to(path, self.base, is_dir=is_dir))
        if not result.include or result.index is None:
            return None
        return self.patterns[result.index]


def relative_to(path: Path, base: Path, *, is_dir: bool = False) -> str:
    """``path`` as a ``/``-separated path below ``base`` (folders end with ``/``).

    A path outside ``base`` keeps all its parts, so that unanchored patterns
    such as ``*.md`` or ``vendor/`` still apply to it.
    """
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        parts = absolute.relative_to(base).parts
    except ValueError:
        parts = absolute.parts[1:]
    text = "/".join(parts)
    return text + "/" if is_dir and text else text


@dataclass(slots=True)
class GitIgnores:
    """The ``.gitignore`` files of the git work trees walked, read once each."""

    _specs: dict[Path, GlobSet | None] = field(default_factory=dict)
    _roots: dict[Path, Path | None] = field(default_factory=dict)

    def match(self, path: Path, *, is_dir: bool = False) -> str | None:
        """The ``.gitignore`` pattern that ignores ``path``, or ``None``.

        Outside a git work tree ``.gitignore`` files mean nothing, as for git.
        A deeper ``.gitignore`` overrides a shallower one.
        """
        absolute = Path(os.path.normpath(path.absolute()))
        root = self._git_root(absolute.parent)
        if root is None:
            return None
        folders = [absolute.parent, *absolute.parent.parents]
        decision: str | None = None
        for folder in reversed(folders[: folders.index(root) + 1]):
            globs = self._spec(folder)
            if globs is None:
                continue
            result = globs.spec.check_file(relative_to(absolute, folder, is_dir=is_dir))
            if result.include is not None and result.index is not None:
                decision = globs.patterns[result.index] if result.include else None
        return decision

    def _git_root(self, folder: Path) -> Path | None:
        if folder not in self._roots:
            if (folder / ".git").exists():
                self._roots[folder] = folder
            else:
                parent = folder.parent
                self._roots[folder] = None if parent == folder else self._git_root(parent)
        return self._roots[folder]

    def _spec(self, folder: Path) -> GlobSet | None:
        if folder not in self._specs:
            # Read as pages are: a FIFO or device named .gitignore must not hang the run.
            source = read_source(folder / GITIGNORE)
            lines = source.text.splitlines() if isinstance(source, Source) else []
            # git skips lines that are no pattern; so does cachelint
            lines = [line for line in lines if not glob_error(line)]
            self._specs[folder] = GlobSet.of(folder, lines) if lines else None
        return self._specs[folder]


@dataclass(frozen=True)
class PathFilter:
    """Decides which found files are kept; ``exclude`` and ``shard`` also apply to named files."""

    include: tuple[GlobSet, ...] = ()
    exclude: tuple[GlobSet, ...] = ()
    respect_gitignore: bool = False
    shard: ShardFilter | None = None

    @cached_property
    def _gitignores(self) -> GitIgnores:
        return GitIgnores()

    def is_included(self, path: Path) -> bool:
        """Whether a file found in a walk is one to look at (default: ``*.md``)."""
        if not self.include:
            return path.name.endswith(PAGE_SUFFIX)
        return any(globs.match(path) for globs in self.include)

    def keeps(self, path: Path) -> bool:
        """Whether a file found in a walk is checked: included, and not excluded."""
        return self.is_included(path) and not self.excluded_by(path)

    def excluded_by(self, path: Path, *, is_dir: bool = False, named: bool = False) -> str:
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
                return f"ignored by .gitignore pattern {pattern!r}"
        return ""
