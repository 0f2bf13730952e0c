"""Which files git ignores in a work tree: git's own answer, asked once per run.

``.gitignore`` files at every level, ``.git/info/exclude`` and
``core.excludesFile`` all count, and a tracked file is never ignored, exactly
as for ``git status``: one ``git ls-files --others --ignored --directory -z``
call per work tree (an argument list, no shell). Outside git, or when git
cannot answer, :mod:`cachelint.scope.pathfilter` reads ``.gitignore`` files itself.

With ``--changed-since REF`` the rules come from REF, not from the pull
request: REF's ``.gitignore`` files (read with ``git ls-tree`` and ``git
cat-file``, never checked out) are rewritten as patterns relative to the top
of the work tree and given to git with ``--exclude-from``, after the user's
``core.excludesFile`` and ``.git/info/exclude``, so that deeper files still win.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from cachelint.record import Record, fill
from cachelint.scope.git import git_output

GITIGNORE = ".gitignore"
IGNORED_BY_GIT = "ignored by git (.gitignore, .git/info/exclude or core.excludesFile)"
# A .gitignore larger than this is not read from REF (git's own limit is 100 MiB).
MAX_RULES_SIZE = 1024 * 1024
_REGULAR_BLOBS = (b"100644", b"100755")
_GLOB_SPECIALS = str.maketrans({c: "\\" + c for c in "\\*?["})


class IgnoredPaths(Record):
    """The untracked paths git ignores below one work tree (folders end with ``/``)."""

    __slots__ = ("paths", "reason", "top")

    top: str
    paths: frozenset[str]
    reason: str

    def __init__(self, top: str, paths: frozenset[str], reason: str = IGNORED_BY_GIT) -> None:
        fill(self, top, paths, reason)

    def match(self, absolute: str, *, is_dir: bool = False) -> str | None:
        """Why git ignores ``absolute`` (a path below :attr:`top`), or ``None``."""
        relative = os.path.relpath(absolute, self.top).replace(os.sep, "/")
        if relative == "." or relative.startswith("../"):
            return None
        parts = relative.split("/")
        for depth in range(1, len(parts)):  # an ignored folder above it
            if "/".join(parts[:depth]) + "/" in self.paths:
                return self.reason
        return self.reason if relative + ("/" if is_dir else "") in self.paths else None


def ignored_paths(top: str, *, revision: str | None = None) -> IgnoredPaths | None:
    """What git ignores below ``top`` (by ``revision``'s rules if given); ``None``: no answer."""
    listing = ["ls-files", "-z", "--others", "--ignored", "--directory"]
    if revision is None:
        output = git_output(Path(top), *listing, "--exclude-standard")
        reason = IGNORED_BY_GIT
    else:
        rules = revision_rules(top, revision)
        if rules is None:
            return None
        output = _with_rules_file(top, rules, listing)
        reason = f"ignored by git, by the ignore rules of {revision} (--changed-since)"
    if output is None:
        return None
    return IgnoredPaths(top, frozenset(os.fsdecode(p) for p in output.split(b"\0") if p), reason)


def _with_rules_file(top: str, rules: str, listing: list[str]) -> bytes | None:
    # The rules go in a file outside the checked tree; git reads it and it is removed.
    import tempfile  # only here: a warm run asks git too, and need not pay for it

    handle, name = tempfile.mkstemp(prefix="cachelint-ignore-", suffix=".txt")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="surrogateescape") as file:
            file.write(rules)
        return git_output(Path(top), *listing, f"--exclude-from={name}")
    finally:
        os.unlink(name)


def revision_rules(top: str, revision: str) -> str | None:
    """The exclude patterns git would use at ``revision``, as one file relative to ``top``."""
    tree = git_output(Path(top), "ls-tree", "-r", "-z", "--full-tree", revision)
    if tree is None:
        return None
    lines = [*_user_rules(top)]
    for folder, blob in sorted(_gitignore_blobs(tree), key=lambda item: item[0].count("/")):
        text = git_output(Path(top), "cat-file", "blob", blob)
        if text is not None and len(text) <= MAX_RULES_SIZE:
            lines += relocate(os.fsdecode(text).removeprefix("\ufeff"), folder)
    return "\n".join(lines) + "\n"


def _gitignore_blobs(tree: bytes) -> Iterator[tuple[str, str]]:
    """(folder, blob id) of each regular ``.gitignore`` in ``git ls-tree -r -z`` output."""
    for entry in tree.split(b"\0"):
        meta, _, path = entry.partition(b"\t")
        fields = meta.split()
        if len(fields) != 3 or fields[0] not in _REGULAR_BLOBS:
            continue  # git does not follow a .gitignore that is a symlink either
        name = os.fsdecode(path)
        if name == GITIGNORE or name.endswith("/" + GITIGNORE):
            yield name[: -len(GITIGNORE)].rstrip("/"), fields[2].decode("ascii")


def _user_rules(top: str) -> list[str]:
    """``core.excludesFile`` then ``.git/info/exclude``: the CI operator's, not the tree's."""
    lines: list[str] = []
    configured = git_output(Path(top), "config", "--path", "--get", "core.excludesFile")
    excludes = os.fsdecode(configured or b"").strip() or _default_excludes_file()
    info = git_output(Path(top), "rev-parse", "--git-path", "info/exclude")
    for name in (excludes, os.fsdecode(info or b"").strip()):
        if name:
            lines += _read_lines(Path(top, name))
    return lines


def _default_excludes_file() -> str:
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    return os.path.join(config_home, "git", "ignore")


def _read_lines(path: Path) -> list[str]:
    try:
        if not path.is_file() or path.stat().st_size > MAX_RULES_SIZE:
            return []
        return path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except OSError:
        return []


def relocate(text: str, folder: str) -> list[str]:
    """The lines of ``folder``'s ``.gitignore`` as patterns relative to the top of the tree."""
    if not folder:
        return text.splitlines()
    if "\n" in folder or "\r" in folder:
        return []  # such a folder cannot be named in a pattern file
    prefix = folder.translate(_GLOB_SPECIALS)
    if prefix.startswith(("!", "#")):  # not a negation or a comment
        prefix = "\\" + prefix
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        negate = "!" if line.startswith("!") else ""
        pattern = line[len(negate) :]
        # a slash before the end anchors the pattern to its folder; otherwise any depth
        anchored = "/" in pattern.rstrip().rstrip("/")
        joined = f"{prefix}/{pattern.lstrip('/')}" if anchored else f"{prefix}/**/{pattern}"
        lines.append(negate + joined)
    return lines
