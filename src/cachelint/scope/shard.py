"""``--shard K/N``: split a run's pages over N CI jobs, each page in exactly one.

A page's shard is decided by a stable hash (BLAKE2b) of its *shard key*: for a
page below a tag folder, the tag folder's path relative to the catalog root
(``_cache/<tag>``), so that every page of a tag lands in the same shard and the
whole-tag rules (CL505, CL507) run there on complete totals; for any other file,
its own path relative to the catalog root (or, outside a catalog, to the
current folder). Paths use ``/`` whatever the OS, so every job of a matrix
agrees. Shard 1 also reports the site data files and runs the whole-catalog
rules (CL506, CL509), which read no page.

Keying whole tags rather than single pages costs some balance between jobs
(a catalog has about a hundred tags) but no extra reading: hashing single
pages would make some job read every page's totals again, about half the cost
of checking them.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from cachelint.layout import CACHE_FOLDER
from cachelint.record import Record, fill
from cachelint.scope.roots import RootFinder

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardError(ValueError):
    """A ``K/N`` that names no shard."""


class Shard(Record):
    """Shard ``index`` (1-based) of ``count``."""

    __slots__ = ("count", "index")

    index: int
    count: int

    def __init__(self, index: int, count: int) -> None:
        fill(self, index, count)

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/4"`` -> ``Shard(2, 4)``; raises :class:`ShardError` for anything else."""
        match = _SHARD.match(text)
        if match is None:
            raise ShardError(f"expected K/N (e.g. 1/4), got {text!r}")
        index, count = int(match.group(1)), int(match.group(2))
        if count < 1 or not 1 <= index <= count:
            raise ShardError(f"K/N needs 1 <= K <= N, got {text!r}")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    @property
    def first(self) -> bool:
        """Whether this shard reports the site data and runs the whole-catalog rules."""
        return self.index == 1

    def owns_key(self, key: str) -> bool:
        """Whether the file or tag folder with this shard key is in this shard."""
        return shard_of(key, self.count) == self.index

    def owns_tag(self, tag: str) -> bool:
        """Whether the pages of ``tag`` (and its whole-tag findings) are in this shard."""
        return self.owns_key(f"{CACHE_FOLDER}/{tag}")


class ShardFilter(Record):
    """Leaves out the files of other shards; the walk skips their tag folders whole."""

    __slots__ = ("roots", "shard")

    shard: Shard
    roots: RootFinder

    def __init__(self, shard: Shard, roots: RootFinder) -> None:
        fill(self, shard, roots)

    def excluded_by(self, path: str | os.PathLike[str], *, is_dir: bool = False) -> str:
        """Why ``path`` is not in this shard (``""``: it is, or a folder may hold some)."""
        path = Path(path)
        root = self.roots.root_of(path if is_dir else path.parent)
        parts = _relative_parts(path, root)
        if is_dir and not (len(parts) == 2 and parts[0] == CACHE_FOLDER):
            return ""  # only a tag folder is known to hold the pages of one shard
        key = _key(parts)
        if self.shard.owns_key(key):
            return ""
        return f"in shard {shard_of(key, self.shard.count)}/{self.shard.count}"


def shard_of(key: str, count: int) -> int:
    """The 1-based shard of a shard key among ``count`` shards."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count + 1


def shard_key(path: str | os.PathLike[str], root: Path | None) -> str:
    """The key of a file (or a tag folder) below ``root`` (``None``: the current folder).

    Everything below ``_cache/<tag>/`` has the key ``_cache/<tag>``.
    """
    return _key(_relative_parts(path, root))


def _key(parts: tuple[str, ...]) -> str:
    if len(parts) >= 2 and parts[0] == CACHE_FOLDER:
        return f"{CACHE_FOLDER}/{parts[1]}"
    return "/".join(parts)


def _relative_parts(path: str | os.PathLike[str], root: Path | None) -> tuple[str, ...]:
    absolute = os.path.abspath(path)
    base = os.path.abspath(root if root is not None else os.curdir)
    relative = os.path.relpath(absolute, base) if _same_drive(absolute, base) else absolute
    return tuple(part for part in Path(relative).parts if part not in ("", os.curdir))


def _same_drive(one: str, other: str) -> bool:
    return os.path.splitdrive(one)[0] == os.path.splitdrive(other)[0]
