"""The walk of a run snapshot: one ``scandir`` per folder and one ``stat`` per page.

A snapshot (see :mod:`cachelint.run.cache.snapshot`) remembers the walk of its
run as one record per walked folder: the names of everything in it, each with
a kind letter, and the stat signature of the folder and of each page. The
letter is the entry's type, as ``scandir`` tells it without a ``stat`` (a link
costs one, to learn whether it leads to a folder), upper case when the walk
took it: a folder it went into, a file it checked.

:func:`record` walks as discovery does (:func:`cachelint.scope.discovery.iter_targets`,
asking the path filter about each entry); :func:`verify` walks again and only
compares: the same names of the same types in every walked folder, and the
same signature for every page (on two cores, a forked process looks at the
second half of a big walk meanwhile). Since what the path filter decides is a
function of the path and of what the snapshot is keyed on, equal listings mean
the same pages in the same order, and equal signatures mean the same bytes: a
write changes the size, the mtime or the ctime (which no one can set back),
and a file swapped in has another inode.

A folder whose own signature (mtime, inode, ctime) is the one recorded is not
listed again: adding, removing or renaming an entry changes the folder's mtime
and ctime, so the same signature means the same names of the same kinds. Its
pages are still each looked at (a write in place changes no folder). The
listing costs three times a ``stat``; a warm run is mostly these.
"""

from __future__ import annotations

import base64
import os
import stat
import sys
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator
from operator import attrgetter
from typing import Any

from cachelint.record import MutableRecord, fill
from cachelint.run.compact import CompactList
from cachelint.scope.discovery import SKIPPED_FOLDERS
from cachelint.scope.pathfilter import PathFilter

_NAME = attrgetter("name")
# Timestamps are at best this coarse (FAT: 2 s): a page written this soon before the
# walk may be rewritten within the same tick, keeping its signature (git's "racy" rule).
RACY_NS = 2_000_000_000
UNKNOWN = (-1, -1, -1, -1)  # a signature no file has: never matches
WALKED_FOLDER = "D"
PAGE_KINDS = frozenset("FLO")

Signature = tuple[int, int, int, int]


class Walk(MutableRecord):
    """Folder records (``relative\\0kinds\\0names``) and the pages' signatures, in order."""

    __slots__ = ("folders", "folders_with_git", "signatures")

    folders: CompactList
    signatures: array[int]
    folders_with_git: list[str]

    def __init__(
        self,
        folders: CompactList | None = None,
        signatures: array[int] | None = None,
        folders_with_git: list[str] | None = None,
    ) -> None:
        folders = CompactList() if folders is None else folders
        signatures = array("q") if signatures is None else signatures
        fill(self, folders, signatures, [] if folders_with_git is None else folders_with_git)


def kind_of(entry: os.DirEntry[str]) -> str:
    """``d`` folder, ``k`` link to a folder, ``l`` other link, ``f`` file, ``o`` other."""
    try:  # the common cases first: each answer is the folder listing's, no stat
        if entry.is_file(follow_symlinks=False):
            return "f"
        if entry.is_dir(follow_symlinks=False):
            return "d"
        if entry.is_symlink():
            return "k" if _leads_to_folder(entry) else "l"
    except OSError:
        pass
    return "o"


def _leads_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop: discovery reads it as a file (and reports it)
        return False


def signature_of(entry: os.DirEntry[str], kind: str, now_ns: int | None) -> Signature:
    """Size, mtime, inode and ctime of a regular file (links and special files: unknown)."""
    if kind != "f":
        return UNKNOWN  # a link's target or a FIFO is checked again on every run
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return UNKNOWN
    return _unless_racy((info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns), now_ns)


def folder_signature(path: str, now_ns: int | None) -> Signature:
    """``(0, mtime, inode, ctime)`` of a real folder; unknown if racy, a link or gone."""
    return _unless_racy(_signature_at(path, None, folder=True), now_ns)


def _unless_racy(signature: Signature, now_ns: int | None) -> Signature:
    _, mtime_ns, _, ctime_ns = signature
    if now_ns is not None and (now_ns - mtime_ns < RACY_NS or now_ns - ctime_ns < RACY_NS):
        return UNKNOWN  # changed too recently for its signature to prove anything
    return signature


def display_head(arg: str) -> str:
    """What a page's display starts with, as discovery makes it (``.`` is left out).

    ``display_head(arg) + relative`` is ``os.path.join(arg, relative)``, made
    once a walk rather than once a page.
    """
    return "" if arg in (".", "./", "") else os.path.join(arg, "")


def _listing(folder: str) -> list[os.DirEntry[str]] | None:
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=_NAME)
    except OSError:
        return None


def record(arg: str, base: str, path_filter: PathFilter, now_ns: int) -> Walk:
    """Walk ``base`` (the folder ``arg`` names) as discovery does, and remember it."""
    walk = Walk()
    _record(walk, arg, base, "", path_filter, now_ns)
    return walk


def _record(walk: Walk, arg: str, base: str, folder: str, keep: PathFilter, now_ns: int) -> None:
    place = os.path.join(base, folder)
    signature = folder_signature(place, now_ns)  # before the listing: a change between shows
    entries = _listing(place) or []
    kinds = [_recorded_kind(entry, keep) for entry in entries]
    if any(entry.name == ".git" for entry in entries):
        walk.folders_with_git.append(os.path.join(base, folder))
    walk.folders.append(_pack(folder, kinds, [e.name for e in entries]))  # before its folders'
    walk.signatures.extend(signature)  # before its pages'
    prefix = folder + os.sep if folder else ""
    for entry, kind in zip(entries, kinds, strict=True):
        if kind == WALKED_FOLDER:
            _record(walk, arg, base, prefix + entry.name, keep, now_ns)
        elif kind in PAGE_KINDS:
            walk.signatures.extend(signature_of(entry, kind.lower(), now_ns))


def _recorded_kind(entry: os.DirEntry[str], keep: PathFilter) -> str:
    """:func:`kind_of`, upper case for a folder walked into and a file discovery keeps."""
    kind = kind_of(entry)
    if kind == "d":
        walked = _walkable(entry.name) and not keep.excluded_by(entry.path, is_dir=True)
        return WALKED_FOLDER if walked else kind
    if kind != "k" and keep.keeps(entry.path):
        return kind.upper()
    return kind


def _walkable(name: str) -> bool:
    return not name.startswith(".") and name not in SKIPPED_FOLDERS


def _pack(folder: str, kinds: list[str], names: list[str]) -> str:
    # Names hold neither "/" nor NUL: they join with "/" in fields split by NUL.
    return f"{folder}\0{''.join(kinds)}\0{'/'.join(names)}"


def verify(
    arg: str,
    base: str,
    folders: Collection[str],
    signatures: Iterator[int],
    *,
    on_page: Callable[[str], None],
    unknown_matches: bool = False,
    processes: int = 1,
) -> bool:
    """Whether ``base`` still holds what ``folders`` and ``signatures`` remember.

    ``on_page`` gets each page's display, in discovery's order. ``unknown_matches``
    (right after the recording run) lets an unknown signature pass; a snapshot
    being used never matches one. With ``processes`` of 2 or more, a big walk's
    second half is looked at by a forked process meanwhile (:func:`_in_a_second_process`).
    """
    count = len(folders)
    if processes < 2 or count < SPLIT_FROM_FOLDERS:
        return _verify(arg, base, folders, signatures, on_page, unknown_matches, range(count))
    half = count // 2

    def second_half() -> bool:
        looked_at = range(half, count)
        return _verify(arg, base, folders, signatures, _no_page, unknown_matches, looked_at)

    helper = _in_a_second_process(second_half)
    looked_at = range(half) if helper is not None else range(count)
    same = False
    try:
        same = _verify(arg, base, folders, signatures, on_page, unknown_matches, looked_at)
    finally:
        if helper is not None:
            same = _answer_of(helper, wanted=same) and same
    return same


def _verify(
    arg: str,
    base: str,
    folders: Iterable[str],
    signatures: Iterator[int],
    on_page: Callable[[str], None],
    unknown_matches: bool,
    looked_at: range,
) -> bool:
    """:func:`verify`, looking at the folders and pages of the records ``looked_at`` only.

    The other records are still read: their pages are told to ``on_page``, and
    their signatures skipped.
    """
    records = iter(folders)
    quads = zip(signatures, signatures, signatures, signatures, strict=False)  # 4 at a time
    place = os.path.join(base, "")
    check = _Check(display_head(arg), place, quads, on_page, unknown_matches, looked_at)
    try:
        return check.folder(records, None, check.place) and next(records, None) is None
    except (ValueError, StopIteration, RecursionError):
        return False  # a record that does not parse, or fewer signatures than pages


def _no_page(display: str) -> None:
    pass


# Below this many folders, forking costs about what the second process saves.
SPLIT_FROM_FOLDERS = 2_000
# Forked, not spawned: the second process needs only what this one holds, at once.
# Not where fork is unsafe: macOS's system libraries, or a process with threads.
_CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin"


def _in_a_second_process(work: Callable[[], bool]) -> int | None:
    """The process id of a fork that exits 0 if ``work()`` is true (``None``: no fork)."""
    if not (_CAN_FORK and _one_thread()):
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the fork: its answer only, none of this process's exit work
        same = False
        try:
            same = work()
        finally:
            os._exit(0 if same else 1)
    return pid


def _one_thread() -> bool:
    """Whether this process runs one thread (a fork has only the one that forked)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # native libraries' threads too
    except OSError:
        return True  # no /proc: Python's own count is all there is


def _answer_of(pid: int, *, wanted: bool) -> bool:
    """Whether the fork ``pid`` answered true; not ``wanted``: it is stopped, not waited for."""
    if not wanted:
        import signal  # only now: a warm run that matches never needs it

        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


# Each page is looked at relative to a descriptor of the folder above its own (two
# names to resolve, not the whole path): a warm run is mostly these stats.
_AT = {os.stat, os.open} <= os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


class _Check:
    """One :func:`verify`: where pages are shown and found, and what to compare them with."""

    def __init__(
        self,
        display: str,
        place: str,
        quads: Iterator[tuple[int, ...]],
        on_page: Callable[[str], None],
        unknown_matches: bool,
        looked_at: range,
    ) -> None:
        self.display, self.place, self.quads = display, place, quads
        self.on_page, self.unknown_matches = on_page, unknown_matches
        self.looked_at, self.records_read = looked_at, 0  # which records' folders and pages

    def folder(self, records: Iterator[str], at: int | None, where: str) -> bool:
        """The next record's folder, found as ``where`` (relative to the descriptor ``at``)."""
        folder, kinds, joined = next(records).split("\0")
        names = joined.split("/") if kinds else []
        if len(kinds) != len(names):
            return False
        looked_at = self.records_read in self.looked_at
        self.records_read += 1
        known = next(self.quads)
        changed = looked_at and (known == UNKNOWN or known != _signature_at(where, at, folder=True))
        if changed and not self._same_listing(folder, kinds, names):
            return False
        opened = _opened(where, at) if WALKED_FOLDER in kinds else None
        if opened is not None:
            at, where = opened, ""
        head = where if where.endswith(os.sep) or not where else where + os.sep
        prefix = folder and folder + os.sep
        try:
            for name, kind in zip(names, kinds, strict=True):
                if kind == WALKED_FOLDER:
                    if not self.folder(records, at, head + name):
                        return False
                elif kind in PAGE_KINDS:
                    known = next(self.quads)
                    if known == UNKNOWN:
                        if not self.unknown_matches:
                            return False
                    elif kind != "F" or (
                        looked_at and known != _signature_at(head + name, at, folder=False)
                    ):
                        return False
                    self.on_page(self.display + prefix + name)
            return True
        finally:
            if opened is not None:
                os.close(opened)

    def _same_listing(self, folder: str, kinds: str, names: list[str]) -> bool:
        """Whether the folder, listed again, holds the same names of the same kinds."""
        entries = _listing(self.place + folder)
        if entries is None or len(entries) != len(names):
            return False
        return all(
            entry.name == name and kind_of(entry) == kind.lower()
            for entry, name, kind in zip(entries, names, kinds, strict=True)
        )


def _opened(where: str, at: int | None) -> int | None:
    """A descriptor of the folder ``where``, for the names below it (``None``: use paths)."""
    if not _AT:
        return None
    try:
        return os.open(where, _FOLDER_FLAGS, dir_fd=at)
    except OSError:
        return None  # what is below it is looked at by path


def _signature_at(where: str, at: int | None, *, folder: bool) -> Signature:
    """The signature of the folder or regular file ``where`` (relative to the descriptor ``at``)."""
    try:
        info = os.stat(where, dir_fd=at, follow_symlinks=False)
    except (OSError, ValueError):
        return UNKNOWN
    if not (stat.S_ISDIR if folder else stat.S_ISREG)(info.st_mode):
        return UNKNOWN
    return (0 if folder else info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def pack_signatures(signatures: array[int]) -> Iterator[str]:
    """The signatures as text, in pieces (base64 of little-endian 64-bit integers)."""
    step = 3 * 1024  # a multiple of 3 items (24 bytes): no piece but the last is padded
    for start in range(0, len(signatures), step):
        data = signatures[start : start + step]
        if sys.byteorder == "big":
            data.byteswap()
        yield base64.b64encode(data.tobytes()).decode("ascii")


def unpack_signatures(text: Any) -> array[int]:
    """What :func:`pack_signatures` packed (``ValueError``: it is not that).

    Decoded a slice at a time: no second copy of a text of megabytes.
    """
    data = array("q")
    if not isinstance(text, str):
        raise ValueError("signatures are not text")
    step = 32 * 4096  # base64 of 24 * 4096 bytes: whole groups and whole integers
    for start in range(0, len(text), step):
        piece = text[start : start + step].encode("ascii")
        data.frombytes(base64.b64decode(piece, validate=True))
    if sys.byteorder == "big":
        data.byteswap()
    return data
