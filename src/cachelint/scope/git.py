"""What git says changed since a revision: the one place cachelint runs ``git``.

``git`` runs with an argument list (never a shell) and ``-z`` output, so any
file name comes through intact. Every failure is a :class:`GitError`, a usage
error that ends the run with exit status 2 and says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from cachelint.errors import UsageError
from cachelint.record import Record, fill

GIT = "git"


class GitError(UsageError):
    """git is missing, the folder is no work tree, or the revision is unknown."""


class Status(StrEnum):
    """What happened to a file since the revision."""

    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"


class Change(Record):
    """One changed file, by its absolute path (a rename is a deletion and an addition)."""

    __slots__ = ("path", "status")

    path: Path
    status: Status

    def __init__(self, path: Path, status: Status) -> None:
        fill(self, path, status)


# git diff --name-status letters; C and R do not occur with --no-renames.
_STATUSES = {
    "A": Status.ADDED,
    "M": Status.MODIFIED,
    "T": Status.MODIFIED,
    "U": Status.MODIFIED,
    "D": Status.DELETED,
}


class Repository(Record):
    """A git work tree, by its top folder."""

    __slots__ = ("top",)

    top: Path

    def __init__(self, top: Path) -> None:
        fill(self, top)

    @classmethod
    def of(cls, folder: Path) -> Repository:
        """The work tree holding ``folder`` (an absolute path), named as ``folder`` names it."""
        output = _git(folder, "rev-parse", "--show-toplevel", what="find the git work tree")
        top = os.fsdecode(output).rstrip("\n")
        if not top:  # inside .git, or a bare repository
            raise GitError(f"{folder} is not inside a git work tree: --changed-since needs one")
        # git resolves symlinks; pages are named through the folders the user named.
        real = os.path.realpath(top)
        for candidate in (folder, *folder.parents):
            if os.path.realpath(candidate) == real:
                return cls(candidate)
        return cls(Path(top))

    def relative(self, path: Path) -> str:
        """``path`` (absolute) as a pathspec relative to the top; a :class:`GitError` outside."""
        relative = os.path.relpath(path, self.top)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            raise GitError(f"{path} is outside the git work tree {self.top}")
        return Path(relative).as_posix()

    def commit(self, ref: str) -> str:
        """The commit ``ref`` names; a :class:`GitError` saying so when it names none."""
        output: bytes | None = None
        if ref and not ref.startswith("-"):  # never an option of git's
            output = _try_git(self.top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        commit = (output or b"").decode("ascii", "replace").strip()
        if not commit and ref == "HEAD" and self._unborn():
            # A pre-commit hook's first commit: every file is new, as against an empty tree.
            commit = _git(self.top, "hash-object", "-t", "tree", os.devnull, what="").decode()
            commit = commit.strip()
        if not commit:
            raise GitError(
                f"--changed-since: unknown revision {ref!r} in {self.top} (a shallow clone may "
                "lack it: fetch it, e.g. actions/checkout with fetch-depth: 0)"
            )
        return commit

    def _unborn(self) -> bool:
        """Whether HEAD names a branch without any commit yet (a new repository)."""
        branch = _try_git(self.top, "symbolic-ref", "--quiet", "HEAD")
        return (
            branch is not None and _try_git(self.top, "rev-parse", "--verify", "-q", "HEAD") is None
        )

    def changes(self, commit: str, paths: Sequence[Path]) -> list[Change]:
        """Files that differ between ``commit`` and the work tree, untracked ones included."""
        specs = ["--", *(self.relative(path) for path in paths)]
        diff = _git(
            self.top,
            "diff",
            "--name-status",
            "-z",
            "--no-renames",
            "--no-ext-diff",
            "--no-textconv",
            "--ignore-submodules",
            commit,
            *specs,
            what="compare with " + commit,
        )
        fields = diff.split(b"\0")
        changes = [
            Change(
                self.top / os.fsdecode(name), _STATUSES.get(letter.decode()[:1], Status.MODIFIED)
            )
            for letter, name in zip(fields[0::2], fields[1::2], strict=False)
            if letter and name
        ]
        untracked = _git(
            self.top,
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            *specs,
            what="list untracked files",
        )
        changes += [
            Change(self.top / os.fsdecode(name), Status.ADDED)
            for name in untracked.split(b"\0")
            if name
        ]
        return changes

    def read(self, commit: str, path: Path) -> bytes | None:
        """The bytes of ``path`` at ``commit`` (``None``: it did not exist there)."""
        return _try_git(self.top, "cat-file", "blob", f"{commit}:{self.relative(path)}")


def git_output(folder: Path, *args: str) -> bytes | None:
    """``git -C folder ARGS``'s stdout, or ``None`` when git is missing or says no."""
    return _try_git(folder, *args)


def _try_git(folder: Path, *args: str) -> bytes | None:
    """``git -C folder ARGS``'s stdout, or ``None`` when git says no."""
    try:
        return _git(folder, *args, what="")
    except GitError:
        return None


def _git(folder: Path, *args: str, what: str) -> bytes:
    """Run ``git -C folder ARGS``; its stdout, or a :class:`GitError` naming ``what``."""
    import shutil  # with subprocess, only for a run that asks git: not one outside a work tree
    import subprocess

    program = shutil.which(GIT)
    if program is None:
        raise GitError("--changed-since needs git, and git is not on PATH")
    command = [program, "-C", os.fspath(folder), *args]
    try:
        done = subprocess.run(command, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        reason = message[-1] if message else f"exit status {done.returncode}"
        if "not a git repository" in reason:
            raise GitError(f"{folder} is not inside a git repository: --changed-since needs one")
        raise GitError(f"git could not {what}: {reason}" if what else reason)
    return done.stdout
